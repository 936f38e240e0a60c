/*
 * b2b.c - B2B meetings of the partners hub.
 *
 *   GET  /b2b                 what the hub is; a professional registers
 *   POST /b2b                 kind, name, organisation, email, phone
 *   GET  /b2b/p/TOKEN         the professional's page: schedule, outcomes,
 *                             a request to an exhibitor in a slot
 *   GET  /b2b/calendar.ics?token=TOKEN  the professional's schedule as
 *                             iCalendar
 *   GET  /b2b/schedule.pdf?token=TOKEN  the professional's schedule as PDF
 *   POST /b2b/request         token, exhibitor, slot, note
 *   POST /b2b/outcome         token, id, outcome
 *   POST /b2b/cancel          token, id, reason: the professional cancels
 *                             an accepted meeting
 *   GET  /my/b2b              the exhibitor's requests and schedule
 *   GET  /my/b2b.ics          the exhibitor's schedule as iCalendar
 *   GET  /my/b2b.pdf          the exhibitor's schedule as PDF
 *   POST /my/b2b/answer       id, accept (1 or 0)
 *   POST /my/b2b/outcome      id, outcome
 *   POST /my/b2b/cancel       id, reason: the exhibitor cancels an accepted
 *                             meeting
 *   GET  /admin/b2b           requests, meetings held, outcomes, tables
 *   POST /admin/b2b/tables    name: a table of the partners hub
 *
 * A professional is known by the token of their link (no account): the
 * link is theirs alone, like a badge.
 */
#include "b2b.h"

#include "../export/b2b_ical.h"
#include "../export/b2b_pdf.h"
#include "../html/html.h"
#include "../model/account.h"
#include "../model/b2b.h"
#include "../model/edition.h"
#include "../model/sales.h"
#include "edition.h"
#include "sales.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define N_(s) (s) /* a msgid, translated by sales_code_label */

const char *b2b_kind_label(request *r, const char *k)
{
	static const char *const KIND[][2] = {
		{ "buyer", N_("Buyer") },
		{ "shop", N_("Shop owner") },
		{ "exporter", N_("Exporter") },
	};
	return sales_code_label(r, k, KIND, sizeof KIND / sizeof *KIND, N_("Partner"));
}

static const char *outcome_label(request *r, const char *o)
{
	static const char *const OUTCOME[][2] = {
		{ "none", N_("No result") },
		{ "contact", N_("Contact made") },
		{ "order", N_("Order") },
		{ "follow_up", N_("Follow-up planned") },
	};
	return sales_code_label(r, o, OUTCOME, sizeof OUTCOME / sizeof *OUTCOME,
				N_("Not noted yet"));
}

static const char *status_label(request *r, const char *st)
{
	static const char *const STATUS[][2] = {
		{ "accepted", N_("Accepted") },
		{ "declined", N_("Declined") },
		{ "cancelled", N_("Cancelled") },
	};
	return sales_code_label(r, st, STATUS, sizeof STATUS / sizeof *STATUS,
				N_("Waiting for the exhibitor"));
}

static const char *slot_label(request *r, const char *slot)
{
	char day[11];
	snprintf(day, sizeof day, "%.10s", slot);
	return arena_printf(r->a, "%s %s", fmt_date(r, day), strlen(slot) > 11 ? slot + 11 : "");
}

static const char *coop_name(request *r, const b2b_meeting *m)
{
	return r->lang == LANG_AR ? m->coop_ar : m->coop_fr;
}

static void error_note(request *r)
{
	lang l = r->lang;
	const char *e = req_query(r, "error");
	const char *msg = NULL;
	if (!e)
		return;
	if (!strcmp(e, "busy"))
		msg = tr(l, "Someone in this meeting is already booked in that slot.");
	else if (!strcmp(e, "tables"))
		msg = tr(l, "No table of the partners hub is free in that slot.");
	else if (!strcmp(e, "invalid"))
		msg = tr(l, "Choose an exhibitor and a slot of the fair.");
	else if (!strcmp(e, "state"))
		msg = tr(l, "This meeting is not waiting for an answer.");
	else if (!strcmp(e, "reason"))
		msg = tr(l, "Say why you cancel the meeting (500 characters at most).");
	else if (!strcmp(e, "cancelled"))
		msg = tr(l, "Only an accepted meeting can be cancelled.");
	if (msg)
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>", msg);
}

static void outcome_form(request *r, const char *action, const char *token, int64_t id,
			 const char *current)
{
	static const char *const O[] = { "contact", "order", "follow_up", "none" };
	buf *o = &r->out;
	html_printf(o,
		    "<form method=\"post\" action=\"%s\" class=\"inline\">"
		    "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
		    action, (long long)id);
	if (token)
		html_printf(o, "<input type=\"hidden\" name=\"token\" value=\"%s\">", token);
	html_printf(o, "<label>%s <select name=\"outcome\">", tr(r->lang, "Outcome"));
	for (int i = 0; i < 4; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", O[i],
			    !strcmp(O[i], current) ? " selected" : "", outcome_label(r, O[i]));
	html_raw(o, "</select></label>");
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    tr(r->lang, "Note the outcome"));
}

/* cancel_form - the form that cancels accepted meeting id (or withdraws a
 * request: label says which), folded until
 * opened (no script needed) */
static void cancel_form(request *r, const char *action, const char *token, int64_t id,
			const char *label)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o,
		    "<details class=\"cancel\"><summary>%s</summary><form method=\"post\" "
		    "action=\"%s\" class=\"stack\"><input type=\"hidden\" name=\"id\" "
		    "value=\"%lld\">",
		    label, action, (long long)id);
	if (token)
		html_printf(o, "<input type=\"hidden\" name=\"token\" value=\"%s\">", token);
	html_printf(o,
		    "<label>%s <textarea name=\"reason\" required maxlength=\"500\" "
		    "rows=\"2\"></textarea></label>",
		    tr(l, "Reason (the other side reads it)"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", label);
}

/* cancelled_note - who cancelled meeting m and why, after its status */
static void cancelled_note(request *r, const b2b_meeting *m)
{
	if (strcmp(m->status, "cancelled") || !*m->cancelled_by)
		return;
	lang l = r->lang;
	html_printf(&r->out, " <span class=\"reason\">(%s: <bdi>%s</bdi>)</span>",
		    !strcmp(m->cancelled_by, "pro") ? tr(l, "by the professional")
						    : tr(l, "by the exhibitor"),
		    page_text(r, m->cancel_reason));
}

static void schedule_rows(request *r, const b2b_meeting *m, size_t n, const char *token,
			  int exhibitor)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o,
		    "<table class=\"schedule\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th></tr></thead><tbody>",
		    tr(l, "Slot"), exhibitor ? tr(l, "Professional") : tr(l, "Exhibitor"),
		    tr(l, "Status"), tr(l, "Table"), tr(l, "Outcome"));
	for (size_t i = 0; i < n; i++) {
		html_printf(o, "<tr data-meeting=\"%lld\"><td>%s</td><td><bdi>%s</bdi>",
			    (long long)m[i].id, slot_label(r, m[i].slot),
			    exhibitor ? page_text(r, m[i].pro_name) : coop_name(r, &m[i]));
		if (exhibitor)
			html_printf(o, " (<bdi>%s</bdi>, %s)", page_text(r, m[i].pro_org),
				    b2b_kind_label(r, m[i].pro_kind));
		html_printf(o, "</td><td data-status=\"%s\">%s", m[i].status,
			    status_label(r, m[i].status));
		cancelled_note(r, &m[i]);
		html_printf(o, "</td><td>%s</td><td>", m[i].table);
		const char *mine = exhibitor ? m[i].outcome_exhibitor : m[i].outcome_pro;
		if (!strcmp(m[i].status, "accepted")) {
			outcome_form(r,
				     site_href(r, exhibitor ? "/my/b2b/outcome" : "/b2b/outcome"),
				     token, m[i].id, mine);
			cancel_form(r, site_href(r, exhibitor ? "/my/b2b/cancel" : "/b2b/cancel"),
				    token, m[i].id, tr(l, "Cancel the meeting"));
		} else if (!exhibitor && !strcmp(m[i].status, "requested")) {
			cancel_form(r, site_href(r, "/b2b/cancel"), token, m[i].id,
				    tr(l, "Withdraw the request"));
		} else if (exhibitor && !strcmp(m[i].status, "requested")) {
			html_printf(o,
				    "<form method=\"post\" action=\"%s\" class=\"inline\">"
				    "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
				    site_href(r, "/my/b2b/answer"), (long long)m[i].id);
			page_csrf_field(r);
			html_printf(
				o,
				"<button type=\"submit\" name=\"accept\" value=\"1\">%s</button> "
				"<button type=\"submit\" name=\"accept\" value=\"0\">%s</button></form>",
				tr(l, "Accept"), tr(l, "Decline"));
		}
		html_raw(o, "</td></tr>");
	}
	if (!n)
		html_printf(o, "<tr><td colspan=\"5\">%s</td></tr>", tr(l, "No meeting yet."));
	html_raw(o, "</tbody></table>");
}

/* GET /b2b/p/TOKEN */
void page_b2b_pro(request *r)
{
	lang l = r->lang;
	b2b_pro p;
	cf_err e = b2b_pro_by_token(r->a, r->tail, &p);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	edition ed;
	b2b_meeting *m;
	size_t n;
	b2b_exhibitor *x;
	size_t nx;
	if (req_fail(r, e) || req_fail(r, edition_by_id(r->a, p.edition_id, &ed)) ||
	    req_fail(r, b2b_meetings(r->a, p.id, 0, 0, &m, &n)) ||
	    req_fail(r, b2b_exhibitors(r->a, p.edition_id, &x, &nx)))
		return;
	resp_header(r, "Referrer-Policy", "no-referrer");
	page_begin(r, tr(l, "My B2B meetings"), p.sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><bdi>%s</bdi> · <bdi>%s</bdi> · %s</p>",
		    tr(l, "My B2B meetings"), page_text(r, p.name), page_text(r, p.organisation),
		    b2b_kind_label(r, p.kind));
	if (p.sample)
		html_printf(o, "<p class=\"sample\" role=\"note\">%s</p>",
			    tr(l, "Sample data: this professional is a generated example."));
	html_printf(
		o, "<p>%s</p>",
		tr(l, "Keep the address of this page: it is your own access to your meetings."));
	error_note(r);
	html_printf(o, "<h2>%s</h2>", tr(l, "Schedule"));
	schedule_rows(r, m, n, p.token, 0);
	html_printf(o, "<p><a href=\"%s\">%s</a></p>",
		    site_href(r, "/b2b/calendar.ics?token=%s", p.token),
		    tr(l, "Add to my calendar (iCalendar)"));
	html_printf(o, "<p><a href=\"%s\">%s</a></p>",
		    site_href(r, "/b2b/schedule.pdf?token=%s", p.token), tr(l, "Schedule (PDF)"));
	html_printf(o,
		    "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack\">"
		    "<input type=\"hidden\" name=\"token\" value=\"%s\"><label>%s <select "
		    "name=\"exhibitor\">",
		    tr(l, "Request a meeting"), site_href(r, "/b2b/request"), p.token,
		    tr(l, "Exhibitor"));
	for (size_t i = 0; i < nx; i++)
		html_printf(o, "<option value=\"%lld\">%s — %s</option>", (long long)x[i].id,
			    l == LANG_AR ? x[i].name_ar : x[i].name_fr,
			    l == LANG_AR   ? x[i].category_ar
			    : l == LANG_FR ? x[i].category_fr
					   : x[i].category_en);
	html_printf(o, "</select></label><label>%s <select name=\"slot\">", tr(l, "Slot"));
	int days = edition_days(&ed);
	for (int d = 0; d < days && d < 31; d++) {
		struct tm tm = { 0 };
		if (sscanf(ed.starts_on, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
			break;
		tm.tm_year -= 1900, tm.tm_mon -= 1, tm.tm_mday += d, tm.tm_hour = 12;
		time_t t = timegm(&tm);
		struct tm g;
		gmtime_r(&t, &g);
		char day[11];
		strftime(day, sizeof day, "%Y-%m-%d", &g);
		for (int h = B2B_FIRST_HOUR; h < B2B_LAST_HOUR; h++)
			for (int half = 0; half < 2; half++) {
				char slot[17];
				snprintf(slot, sizeof slot, "%sT%02d:%s", day, h,
					 half ? "30" : "00");
				html_printf(o, "<option value=\"%s\">%s</option>", slot,
					    slot_label(r, slot));
			}
	}
	html_printf(o,
		    "</select></label><label>%s <textarea name=\"note\" maxlength=\"1000\" "
		    "rows=\"2\"></textarea></label>",
		    tr(l, "What you would like to discuss"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Send the request"));
	page_end(r);
}

static const char *pro_summary(const b2b_meeting *m, void *ctx)
{
	(void)ctx;
	return m->coop_fr;
}

static const char *exhibitor_summary(const b2b_meeting *m, void *ctx)
{
	request *r = ctx;
	return arena_printf(r->a, "%s (%s)", m->pro_name, m->pro_org);
}

static void send_ics(request *r, const b2b_meeting *m, size_t n,
		     const char *(*summary)(const b2b_meeting *, void *))
{
	buf_reset(&r->out);
	if (req_fail(r, b2b_ical(m, n, summary, r, "Partners hub / Pôle des partenaires", &r->out)))
		return;
	r->content_type = "text/calendar; charset=utf-8";
	resp_header(r, "Content-Disposition", "attachment; filename=\"b2b-meetings.ics\"");
}

/* send_pdf - the accepted and waiting meetings of m as a PDF schedule */
static void send_pdf(request *r, const char *who, const b2b_meeting *m, size_t n, int exhibitor)
{
	lang l = r->lang;
	b2b_pdf_line *v = arena_alloc(r->a, (n ? n : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(m[i].status, "accepted") && strcmp(m[i].status, "requested"))
			continue;
		v[k].slot = slot_label(r, m[i].slot);
		v[k].with = exhibitor ? arena_printf(r->a, "%s (%s)", page_text(r, m[i].pro_name),
						     page_text(r, m[i].pro_org))
				      : coop_name(r, &m[i]);
		v[k].status = status_label(r, m[i].status);
		v[k].table = m[i].table;
		k++;
	}
	const char *head[4] = { tr(l, "Slot"),
				exhibitor ? tr(l, "Professional") : tr(l, "Exhibitor"),
				tr(l, "Status"), tr(l, "Table") };
	buf_reset(&r->out);
	if (req_fail(r, b2b_pdf(tr(l, "My B2B meetings"), who, head, v, k, l == LANG_AR, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"b2b-meetings.pdf\"");
}

/* pro_schedule - the professional of the query's token and their meetings;
 * -1 when answered (404 for an unknown token) */
static int pro_schedule(request *r, b2b_pro *p, b2b_meeting **m, size_t *n)
{
	cf_err e = b2b_pro_by_token(r->a, req_query(r, "token"), p);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return -1;
	}
	return req_fail(r, e) || req_fail(r, b2b_meetings(r->a, p->id, 0, 0, m, n)) ? -1 : 0;
}

/* GET /b2b/schedule.pdf?token=TOKEN */
void page_b2b_pro_pdf(request *r)
{
	b2b_pro p;
	b2b_meeting *m;
	size_t n;
	if (!pro_schedule(r, &p, &m, &n))
		send_pdf(r, page_text(r, p.name), m, n, 0);
}

/* GET /b2b/calendar.ics?token=TOKEN */
void page_b2b_pro_ics(request *r)
{
	b2b_pro p;
	b2b_meeting *m;
	size_t n;
	if (!pro_schedule(r, &p, &m, &n))
		send_ics(r, m, n, pro_summary);
}

/* POST /b2b/request  token, exhibitor, slot, note */
void page_b2b_request(request *r)
{
	b2b_pro p;
	cf_err e = b2b_pro_by_token(r->a, req_form(r, "token"), &p);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	int64_t ex = 0, id;
	const char *back = arena_printf(r->a, "/b2b/p/%s", p.token);
	if (!page_id_param(r, "exhibitor", &ex)) {
		resp_redirect(r, arena_printf(r->a, "%s?error=invalid", back));
		return;
	}
	e = b2b_request(p.id, ex, req_form(r, "slot"), req_form(r, "note"), &id);
	static const sales_error REQUEST[] = { { CF_ERR_INVALID, "invalid" },
					       { CF_ERR_CONFLICT, "busy" } };
	if (sales_error_to(r, e, back, REQUEST, 2) || req_fail(r, e))
		return;
	resp_redirect(r, back);
}

/* pro_meeting - the professional of the form's token and the meeting its
 * form names (id); -1 when answered (404 for an unknown token or no id) */
static int pro_meeting(request *r, b2b_pro *p, int64_t *id)
{
	cf_err e = b2b_pro_by_token(r->a, req_form(r, "token"), p);
	if (e == CF_ERR_NOTFOUND || !page_id_param(r, "id", id)) {
		page_error(r, 404, NULL);
		return -1;
	}
	return req_fail(r, e) ? -1 : 0;
}

/* POST /b2b/outcome  token, id, outcome */
void page_b2b_pro_outcome(request *r)
{
	b2b_pro p;
	int64_t id;
	if (pro_meeting(r, &p, &id) ||
	    req_fail(r, b2b_outcome(p.id, 0, id, req_form(r, "outcome"))))
		return;
	resp_redirect(r, arena_printf(r->a, "/b2b/p/%s", p.token));
}

/* cancel_answer - where a cancellation sends its author back (back: their
 * page), or the error page; e is b2b_cancel's answer */
static void cancel_answer(request *r, const char *back, cf_err e)
{
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	static const sales_error CANCEL[] = { { CF_ERR_INVALID, "reason" },
					      { CF_ERR_STATE, "cancelled" } };
	if (sales_error_to(r, e, back, CANCEL, 2) || req_fail(r, e))
		return;
	resp_redirect(r, back);
}

/* POST /b2b/cancel  token, id, reason */
void page_b2b_pro_cancel(request *r)
{
	b2b_pro p;
	int64_t id;
	if (pro_meeting(r, &p, &id))
		return;
	cancel_answer(r, arena_printf(r->a, "/b2b/p/%s", p.token),
		      b2b_cancel(0, p.id, 0, id, req_form(r, "reason")));
}

/* the signed-in exhibitor's row in the current edition; -1 when answered */
static int my_exhibitor(request *r, int64_t *ex)
{
	edition ed;
	int64_t cat;
	return sales_my_exhibitor(r, &ed, ex, &cat);
}

/* my_meeting - the signed-in exhibitor's row and the meeting its form names
 * (id); -1 when answered (400 without an id) */
static int my_meeting(request *r, int64_t *ex, int64_t *id)
{
	if (my_exhibitor(r, ex))
		return -1;
	if (!page_id_param(r, "id", id)) {
		page_error(r, 400, NULL);
		return -1;
	}
	return 0;
}

/* my_schedule - the signed-in exhibitor's meetings; -1 when answered */
static int my_schedule(request *r, b2b_meeting **m, size_t *n)
{
	int64_t ex;
	return my_exhibitor(r, &ex) || req_fail(r, b2b_meetings(r->a, 0, ex, 0, m, n)) ? -1 : 0;
}

/* GET /my/b2b */
void page_b2b_my(request *r)
{
	lang l = r->lang;
	b2b_meeting *m;
	size_t n;
	if (my_schedule(r, &m, &n))
		return;
	page_begin(r, tr(l, "My B2B meetings"), 0);
	html_printf(&r->out, "<h1>%s</h1>", tr(l, "My B2B meetings"));
	error_note(r);
	schedule_rows(r, m, n, NULL, 1);
	html_printf(&r->out,
		    "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    site_href(r, "/my/b2b.ics"), tr(l, "Add to my calendar (iCalendar)"),
		    site_href(r, "/my/b2b.pdf"), tr(l, "Schedule (PDF)"), site_href(r, "/my/sales"),
		    tr(l, "My sales"));
	page_end(r);
}

/* GET /my/b2b.ics */
void page_b2b_my_ics(request *r)
{
	b2b_meeting *m;
	size_t n;
	if (my_schedule(r, &m, &n))
		return;
	send_ics(r, m, n, exhibitor_summary);
}

/* GET /my/b2b.pdf */
void page_b2b_my_pdf(request *r)
{
	b2b_meeting *m;
	size_t n;
	if (my_schedule(r, &m, &n))
		return;
	send_pdf(r, "", m, n, 1);
}

/* POST /my/b2b/answer  id, accept */
void page_b2b_answer(request *r)
{
	int64_t ex, id;
	if (my_meeting(r, &ex, &id))
		return;
	const char *a = req_form(r, "accept");
	cf_err e = b2b_answer(r->user_id, ex, id, a && !strcmp(a, "1"));
	static const sales_error ANSWER[] = { { CF_ERR_CONFLICT, "busy" },
					      { CF_ERR_STATE, "tables" } };
	if (sales_error_to(r, e, "/my/b2b", ANSWER, 2) || req_fail(r, e))
		return;
	resp_redirect(r, "/my/b2b");
}

/* POST /my/b2b/outcome  id, outcome */
void page_b2b_my_outcome(request *r)
{
	int64_t ex, id;
	if (my_meeting(r, &ex, &id))
		return;
	if (req_fail(r, b2b_outcome(0, ex, id, req_form(r, "outcome"))))
		return;
	resp_redirect(r, "/my/b2b");
}

/* POST /my/b2b/cancel  id, reason */
void page_b2b_my_cancel(request *r)
{
	int64_t ex, id;
	if (my_meeting(r, &ex, &id))
		return;
	cancel_answer(r, "/my/b2b", b2b_cancel(r->user_id, 0, ex, id, req_form(r, "reason")));
}

/* GET /admin/b2b */
void page_b2b_admin(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char slot[17];
	strftime(slot, sizeof slot, "%Y-%m-%dT%H:%M", &tm);
	b2b_stats s;
	b2b_meeting *m;
	size_t n;
	if (req_fail(r, b2b_stats_read(ed.id, slot, &s)) ||
	    req_fail(r, b2b_meetings(r->a, 0, 0, ed.id, &m, &n)))
		return;
	page_begin(r, tr(l, "B2B meetings"), s.sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "B2B meetings"));
	if (s.sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the demo's professionals and meetings are generated examples."));
	html_printf(
		o,
		"<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd id=\"b2b-requests\">%s</dd>"
		"<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		"<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		tr(l, "Professionals registered"), fmt_int(r, s.pros),
		tr(l, "B2B meetings requested"), fmt_int(r, s.requests),
		tr(l, "B2B meetings accepted"), fmt_int(r, s.accepted), tr(l, "Declined"),
		fmt_int(r, s.declined), tr(l, "Waiting for the exhibitor"), fmt_int(r, s.waiting),
		tr(l, "B2B meetings held"), fmt_int(r, s.held), tr(l, "Tables of the partners hub"),
		fmt_int(r, s.tables));
	html_printf(o,
		    "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr>"
		    "</thead><tbody>",
		    tr(l, "B2B meetings: outcomes noted"), tr(l, "Outcome"),
		    tr(l, "By professionals"), tr(l, "By exhibitors"));
	for (int i = 0; i < 4; i++)
		html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
			    outcome_label(r, B2B_OUTCOMES[i]), fmt_int(r, s.by_pro[i]),
			    fmt_int(r, s.by_exhibitor[i]));
	html_printf(o,
		    "</tbody></table><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th>"
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    tr(l, "Every meeting"), tr(l, "Slot"), tr(l, "Professional"),
		    tr(l, "Exhibitor"), tr(l, "Status"), tr(l, "Table"), tr(l, "Outcome"));
	for (size_t i = 0; i < n; i++) {
		html_printf(o, "<tr><td>%s</td><td><bdi>%s</bdi></td><td><bdi>%s</bdi></td><td>%s",
			    slot_label(r, m[i].slot), page_text(r, m[i].pro_name),
			    coop_name(r, &m[i]), status_label(r, m[i].status));
		cancelled_note(r, &m[i]);
		html_printf(o, "</td><td>%s</td><td>%s / %s</td></tr>", m[i].table,
			    outcome_label(r, m[i].outcome_pro),
			    outcome_label(r, m[i].outcome_exhibitor));
	}
	html_printf(o,
		    "</tbody></table><form method=\"post\" action=\"%s\" "
		    "class=\"filters\"><label>%s <input name=\"name\" maxlength=\"100\" "
		    "required></label>",
		    site_href(r, "/admin/b2b/tables"), tr(l, "New table"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Add the table"));
	page_end(r);
}

/* POST /admin/b2b/tables  name */
void page_b2b_table_add(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	cf_err e = b2b_table_add(ed.id, req_form(r, "name"));
	if (e == CF_ERR_INVALID) {
		page_error(r, 400, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/b2b");
}
