/*
 * gate_desk.c - the desk role's home and the gate page.
 *
 *   GET  /desk                      gates, tap counters, walk-in registration,
 *                                   the latest badges (re-issue a lost one)
 *   POST /desk/badges               register a walk-in: role, names,
 *                                   organisation, phone, email; shows the badge
 *   POST /desk/badges/{id}/reissue  revoke badge id, issue its copy
 *   GET  /desk/gate/{id}?dir=in|out the gate page: one field a USB scanner
 *                                   types into (code + Enter), autofocused
 *   POST /desk/gate/{id}            code, dir: the scan; the answer in big
 *                                   green or red with the reason, and the form
 *   POST /desk/gate/{id}/tap        dir: one tap of the gate's counter
 *   GET  /desk/badges.pdf?role=R    every badge of role R (all when empty),
 *                                   sheets of 8 per A4 with crop marks
 *
 * Everything works without JavaScript; /static/gate.js adds a sound and a
 * vibration on a red answer, and scanning with the camera where the browser
 * has a BarcodeDetector (the code read is put in the field and sent).
 */
#include "../html/html.h"
#include "../model/badge.h"
#include "../model/edition.h"
#include "../model/gate.h"
#include "gate.h"

#include <string.h>

static const char *const ROLE_CODES[] = { "visitor",  "exhibitor", "jury",
					  "official", "press",	   "staff" };

/* GET /desk */
void page_gate_desk(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	gate_info *g;
	size_t ng = 0;
	if (req_fail(r, gate_list(r->a, ed.id, &g, &ng)))
		return;
	badge *b;
	size_t nb = 0;
	if (req_fail(r, badge_list(r->a, ed.id, NULL, 20, &b, &nb)))
		return;
	page_begin(r, tr(l, "Registration desk and gate"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a href=\"%s\">%s</a></p><h2>%s</h2><ul class=\"gates\">",
		    tr(l, "Registration desk and gate"), site_href(r, "/desk/counts"),
		    tr(l, "Gate counts"), tr(l, "Gates"));
	for (size_t i = 0; i < ng; i++) {
		html_printf(o,
			    "<li><bdi>%s</bdi> · <a href=\"%s\">%s</a> · "
			    "<a href=\"%s\">%s</a> "
			    "<form method=\"post\" action=\"%s\" class=\"inline\">"
			    "<input type=\"hidden\" name=\"dir\" value=\"in\">",
			    page_text(r, g[i].name),
			    site_href(r, "/desk/gate/%lld?dir=in", (long long)g[i].id),
			    tr(l, "Entry"),
			    site_href(r, "/desk/gate/%lld?dir=out", (long long)g[i].id),
			    tr(l, "Exit"), site_href(r, "/desk/gate/%lld/tap", (long long)g[i].id));
		page_csrf_field(r);
		html_printf(o,
			    "<button type=\"submit\">%s</button></form>"
			    "<form method=\"post\" action=\"%s\" class=\"inline\">"
			    "<input type=\"hidden\" name=\"dir\" value=\"out\">",
			    tr(l, "+1 in (no badge)"),
			    site_href(r, "/desk/gate/%lld/tap", (long long)g[i].id));
		page_csrf_field(r);
		html_printf(o,
			    "<button type=\"submit\">%s</button></form> "
			    "<small>%s <code dir=\"ltr\">%s</code></small></li>",
			    tr(l, "+1 out (no badge)"), tr(l, "Scanner key:"), g[i].api_key);
	}
	html_raw(o, "</ul>");
	if (!ng)
		html_printf(o, "<p>%s</p>",
			    tr(l, "No gate yet: the committee adds them at /desk/counts."));

	/* a batch prints in the background and shows its progress */
	html_printf(o,
		    "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"filters\">"
		    "<label>%s <select name=\"role\"><option value=\"\">%s</option>",
		    tr(l, "Print badges"), site_href(r, "/desk/batches"), tr(l, "Role"),
		    tr(l, "All"));
	for (size_t i = 0; i < sizeof ROLE_CODES / sizeof *ROLE_CODES; i++)
		html_printf(o, "<option value=\"%s\">%s</option>", ROLE_CODES[i],
			    badge_role_label(r, ROLE_CODES[i]));
	html_raw(o, "</select></label>");
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    tr(l, "Sheets of 8 per A4 (PDF)"));
	html_printf(o,
		    "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack\">"
		    "<label>%s <select name=\"role\">",
		    tr(l, "Register a walk-in"), site_href(r, "/desk/badges"), tr(l, "Role"));
	for (size_t i = 0; i < sizeof ROLE_CODES / sizeof *ROLE_CODES; i++)
		html_printf(o, "<option value=\"%s\">%s</option>", ROLE_CODES[i],
			    badge_role_label(r, ROLE_CODES[i]));
	html_printf(
		o,
		"</select></label>"
		"<label>%s <input name=\"name_ar\" lang=\"ar\" dir=\"rtl\" maxlength=\"150\"></label>"
		"<label>%s <input name=\"name_latin\" lang=\"fr\" dir=\"ltr\" maxlength=\"150\"></label>"
		"<label>%s <input name=\"organisation\" maxlength=\"150\"></label>"
		"<label>%s <input name=\"phone\" type=\"tel\" dir=\"ltr\" maxlength=\"40\"></label>"
		"<label>%s <input name=\"email\" type=\"email\" dir=\"ltr\" maxlength=\"150\"></label>",
		tr(l, "Name in Arabic"), tr(l, "Name in Latin script"),
		tr(l, "Organisation or cooperative"), tr(l, "Phone (optional)"),
		tr(l, "Email (optional)"));
	page_csrf_field(r);
	html_printf(o,
		    "<button type=\"submit\">%s</button></form><h2>%s</h2><table><thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		    tr(l, "Register"), tr(l, "Latest badges"), tr(l, "Name"), tr(l, "Role"),
		    tr(l, "State"));
	for (size_t i = 0; i < nb; i++) {
		html_printf(
			o,
			"<tr><td><a href=\"%s\"><bdi lang=\"ar\">%s</bdi> <bdi lang=\"fr\">%s</bdi></a></td>"
			"<td>%s</td><td>%s</td><td>",
			site_href(r, "/badge/%s", b[i].token), b[i].name_ar, b[i].name_latin,
			badge_role_label(r, b[i].role),
			b[i].revoked  ? tr(l, "Revoked")
			: b[i].inside ? tr(l, "Inside")
				      : tr(l, "Outside"));
		if (!b[i].revoked) {
			html_printf(o, "<form method=\"post\" action=\"%s\">",
				    site_href(r, "/desk/badges/%lld/reissue", (long long)b[i].id));
			page_csrf_field(r);
			html_printf(o, "<button type=\"submit\">%s</button></form>",
				    tr(l, "Lost: re-issue"));
		}
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table>");
	page_end(r);
}

static void show_badge(request *r, int64_t id)
{
	lang l = r->lang;
	badge b;
	if (req_fail(r, badge_by_id(r->a, id, &b)))
		return;
	page_begin(r, tr(l, "Badge"), b.is_sample ? PAGE_SAMPLE : 0);
	html_printf(&r->out, "<h1>%s</h1>", tr(l, "Badge"));
	badge_card(r, &b);
	html_printf(&r->out, "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    site_href(r, "/badge/%s.pdf", b.token), tr(l, "Badge as PDF (to print)"),
		    site_href(r, "/desk"), tr(l, "Back to the desk"));
	page_end(r);
}

/* POST /desk/badges  role, name_ar, name_latin, organisation, phone, email */
void page_gate_walkin(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	int64_t id;
	const char *token;
	if (req_fail(r, badge_create(r->a, ed.id, req_form(r, "role"), req_form(r, "name_ar"),
				     req_form(r, "name_latin"), req_form(r, "organisation"),
				     req_form(r, "phone"), req_form(r, "email"), 0, &id, &token)))
		return;
	show_badge(r, id);
}

/* POST /desk/badges/{id}/reissue */
void page_gate_reissue(request *r)
{
	int64_t id;
	const char *token;
	if (req_fail(r, badge_reissue(r->a, r->id, &id, &token)))
		return;
	show_badge(r, id);
}

static const char *reason(request *r, gate_result g)
{
	lang l = r->lang;
	switch (g) {
	case GATE_OK:
		return tr(l, "Welcome");
	case GATE_UNKNOWN:
		return tr(l, "Unknown badge");
	case GATE_REVOKED:
		return tr(l, "Revoked badge");
	case GATE_INSIDE:
		return tr(l, "Already inside");
	case GATE_OUTSIDE:
		return tr(l, "Not inside: no entry recorded");
	case GATE_DAY:
		return tr(l, "Not allowed today");
	case GATE_HOURS:
		return tr(l, "Not allowed at this time of day");
	default:
		return tr(l, "Unknown badge");
	}
}

static void gate_form(request *r, const gate_info *g, int in, const gate_answer *a)
{
	lang l = r->lang;
	page_begin(r, page_text(r, g->name), 0);
	buf *o = &r->out;
	html_printf(o, "<h1><bdi>%s</bdi> — %s</h1>", page_text(r, g->name),
		    in ? tr(l, "Entry") : tr(l, "Exit"));
	if (a) {
		html_printf(o,
			    "<div class=\"gate-answer %s\" role=\"status\" data-result=\"%s\">"
			    "<p class=\"gate-reason\">%s</p>",
			    a->result == GATE_OK ? "gate-green" : "gate-red",
			    gate_result_code(a->result), reason(r, a->result));
		if (a->badge_id)
			html_printf(o,
				    "<p class=\"gate-who\"><bdi lang=\"ar\">%s</bdi> "
				    "<bdi lang=\"fr\">%s</bdi> — %s <bdi>%s</bdi></p>",
				    a->name_ar, a->name_latin, badge_role_label(r, a->role),
				    a->organisation);
		html_raw(o, "</div>");
	}
	html_printf(o,
		    "<form method=\"post\" action=\"%s\" class=\"gate-scan\">"
		    "<input type=\"hidden\" name=\"dir\" value=\"%s\">"
		    "<label>%s <input name=\"code\" autofocus autocomplete=\"off\" dir=\"ltr\" "
		    "maxlength=\"200\" required></label>",
		    site_href(r, "/desk/gate/%lld", (long long)g->id), in ? "in" : "out",
		    tr(l, "Badge code"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Check"));
	/* The phone's camera: gate.js shows this where the browser has a
	 * BarcodeDetector and a camera (HTTPS or localhost); elsewhere, and
	 * without JavaScript, it stays hidden and the code is typed. */
	html_printf(o,
		    "<div class=\"gate-camera\" id=\"gate-camera\" hidden "
		    "data-no-camera=\"%s\" data-looking=\"%s\">"
		    "<button type=\"button\" id=\"gate-camera-start\">%s</button> "
		    "<button type=\"button\" id=\"gate-camera-stop\" hidden>%s</button>"
		    "<video id=\"gate-video\" playsinline muted hidden></video>"
		    "<p id=\"gate-camera-msg\" role=\"status\"></p></div>",
		    tr(l, "The camera could not be opened: type the code."),
		    tr(l, "Hold the badge's QR code in front of the camera."),
		    tr(l, "Scan with the camera"), tr(l, "Stop the camera"));
	html_printf(
		o,
		"<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>"
		"<p class=\"hint\">%s</p><script src=\"%s\" defer></script>",
		site_href(r, "/desk/gate/%lld?dir=%s", (long long)g->id, in ? "out" : "in"),
		in ? tr(l, "Switch to exit") : tr(l, "Switch to entry"), site_href(r, "/desk"),
		tr(l, "Desk"),
		tr(l,
		   "A USB scanner types the code and Enter into the field. A phone's camera works where the browser can read QR codes, over HTTPS: see docs/gate.md."),
		site_href(r, "/static/gate.js"));
	page_end(r);
}

/* GET /desk/gate/{id}?dir=in|out */
void page_gate_page(request *r)
{
	gate_info g;
	if (req_fail(r, gate_by_id(r->a, r->id, &g)))
		return;
	const char *dir = req_query(r, "dir");
	gate_form(r, &g, !dir || strcmp(dir, "out"), NULL);
}

/* the code a scanner typed: the token, or a badge URL ending with it */
static const char *code_token(const char *code)
{
	if (!code)
		return "";
	const char *slash = strrchr(code, '/');
	return slash ? slash + 1 : code;
}

/* A scan handed to the writer (gate_checkin_start). */
typedef struct scan_wait {
	request *r;
	gate_info g;
	int in;
	gate_answer a;
	cf_err e;
} scan_wait;

/* on the writer's thread: the scan is committed (or its batch failed) */
static void scan_committed(void *arg)
{
	req_resume(((scan_wait *)arg)->r);
}

/* back on the connection's thread */
static void scan_resumed(request *r, void *arg)
{
	scan_wait *w = arg;
	if (!req_fail(r, w->e))
		gate_form(r, &w->g, w->in, &w->a);
}

/* POST /desk/gate/{id}  code, dir */
void page_gate_scan(request *r)
{
	scan_wait *w = arena_alloc(r->a, sizeof *w);
	memset(w, 0, sizeof *w);
	w->r = r;
	if (req_fail(r, gate_by_id(r->a, r->id, &w->g)))
		return;
	const char *dir = req_form(r, "dir");
	w->in = !dir || strcmp(dir, "out");
	const char *code = code_token(req_form(r, "code"));
	/* the connection's thread serves others meanwhile (gate_api.c) */
	if (req_suspend(r, scan_resumed, w)) {
		/* w->e is the writer's once queued: the error goes there only
		 * when it was not */
		cf_err e = gate_checkin_start(r->a, &w->g, code, w->in, NULL, &w->a, &w->e,
					      scan_committed, w);
		if (e) {
			w->e = e;
			req_resume(r);
		}
		return;
	}
	if (req_fail(r, gate_checkin(w->g.id, code, w->in, NULL, &w->a)))
		return;
	gate_form(r, &w->g, w->in, &w->a);
}

/* POST /desk/gate/{id}/tap  dir */
void page_gate_tap(request *r)
{
	gate_info g;
	if (req_fail(r, gate_by_id(r->a, r->id, &g)))
		return;
	const char *dir = req_form(r, "dir");
	if (req_fail(r, gate_tap(g.id, !dir || strcmp(dir, "out"))))
		return;
	resp_redirect(r, "/desk");
}

/* GET /desk/badges.pdf?role=R */
void page_gate_sheets(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *role = req_query(r, "role");
	if (role && *role && !badge_role_valid(role)) {
		req_fail(r, CF_ERR_INVALID);
		return;
	}
	badge *b;
	size_t n = 0;
	if (req_fail(r, badge_list(r->a, ed.id, role && *role ? role : NULL, 5000, &b, &n)))
		return;
	/* oldest first, revoked badges left out */
	size_t k = 0;
	badge *v = arena_alloc(r->a, (n ? n : 1) * sizeof *v);
	for (size_t i = n; i-- > 0;)
		if (!b[i].revoked)
			v[k++] = b[i];
	badge_send_pdf(r, v, k, 1, "badges.pdf");
}
