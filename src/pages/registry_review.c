/*
 * registry_review.c - the committee reviews the applications.
 *
 *   GET  /admin/applications?category=CODE&province=CODE&status=CODE&women_led=0|1&first_time=0|1
 *   GET  /admin/applications/{id}
 *   POST /admin/applications/{id}/review  score (0-100 or empty), note, csrf
 *   POST /admin/applications/{id}/status  status, reason, csrf
 *   GET  /admin/photos/{id}
 *
 * Organisers only. Every change is audited; a change that breaks a
 * selection rule is allowed (the committee decides) and warned about.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/registry.h"
#include "../model/registry_app.h"
#include "../model/registry_selection.h"
#include "registry.h"
#include "edition.h"
#include "list.h"

#include <stdlib.h>
#include <string.h>

static int tri(const char *s)
{
	return s && !strcmp(s, "1") ? 1 : s && !strcmp(s, "0") ? 0 : -1;
}

static void select_tri(request *r, const char *name, const char *label, int v)
{
	lang l = r->lang;
	html_printf(
		&r->out,
		"<label>%s <select name=\"%s\"><option value=\"\">%s</option>"
		"<option value=\"1\"%s>%s</option><option value=\"0\"%s>%s</option></select></label>",
		label, name, tr(l, "All"), v == 1 ? " selected" : "", tr(l, "yes"),
		v == 0 ? " selected" : "", tr(l, "no"));
}

/* reg_rule_name - one selection rule in words (registry.h). */
const char *reg_rule_name(request *r, const sel_edition *ed, unsigned bit)
{
	lang l = r->lang;
	const sel_rules *ru = &ed->rules;
	if (bit == SEL_RULE_PLACES)
		return arena_printf(r->a,
				    tr(l, "Places: %d (stands: %d, exhibitors per stand: %d)"),
				    ru->places, ed->stands, ed->per_stand);
	if (bit == SEL_RULE_OUTSIDE)
		return arena_printf(r->a, tr(l, "at most %d from outside the region"),
				    ru->max_outside);
	if (bit == SEL_RULE_WOMEN)
		return arena_printf(r->a, tr(l, "at least %d%% led by women"), ru->min_women_pct);
	if (bit == SEL_RULE_FIRST)
		return arena_printf(r->a, tr(l, "at least %d%% first-time exhibitors"),
				    ru->min_first_pct);
	for (int k = 0; k < ru->ncat; k++)
		if (bit == SEL_RULE_CAT(k))
			return arena_printf(
				r->a, trn(l, "In %s: %d seat", "In %s: %d seats", ru->seats[k]),
				text3_get(&ed->cat_names[k], l), ru->seats[k]);
	return "";
}

/* reg_breaks_box - see registry.h. */
void reg_breaks_box(request *r, const sel_edition *ed, unsigned broken, int accepted)
{
	lang l = r->lang;
	if (!broken)
		return;
	html_printf(&r->out, "<div class=\"warn-box\" role=\"alert\"><p>%s</p><ul>",
		    arena_printf(r->a,
				 trn(l, "The %d accepted application breaks these rules:",
				     "The %d accepted applications break these rules:", accepted),
				 accepted));
	for (int bit = 0; bit < SEL_RULE_BITS; bit++)
		if (broken & (1u << bit))
			html_printf(&r->out, "<li>%s</li>", reg_rule_name(r, ed, 1u << bit));
	html_printf(
		&r->out, "</ul><p>%s</p></div>",
		tr(l,
		   "You may keep this choice (the committee decides), or change it on the selection page."));
}

static const list_col app_cols[] = {
	{ "cooperative", N_("Cooperative"), 0, "/admin/applications/" },
	{ "province", N_("Province"), 0, NULL },
	{ "category", N_("Category"), 0, NULL },
	{ "status", N_("Status"), 0, NULL },
	{ "score", N_("Score"), 1, NULL },
	{ "profile", N_("Profile"), 0, NULL },
};
static const list_spec APPLICATIONS = {
	"applications",
	"/admin/applications",
	app_cols,
	6,
	{ "edition", "category", "province", "status", "women_led", "first_time" },
	50,
	4,
	1,
};

/* GET /admin/applications?category=&province=&status=&women_led=&first_time=
 *     &q=WORDS&sort=KEY&page=N&format=csv|xlsx   (the shared list: list.h) */
void page_applications(request *r)
{
	lang l = r->lang;
	edition e;
	list ls;
	if (list_begin(r, &APPLICATIONS, &ls)) {
		page_error(r, 400, NULL);
		return;
	}
	if (req_fail(r, admin_edition(r, &e)))
		return;
	const char *cat = page_code_param(r, "category");
	const char *prov = page_code_param(r, "province");
	int status = app_status_parse(page_code_param(r, "status"));
	int wl = tri(req_query(r, "women_led")), ft = tri(req_query(r, "first_time"));
	app_filter f = { cat, prov, status, wl, ft };
	application *apps;
	size_t n = 0;
	req_fail(r, app_list(r->a, e.id, &f, &apps, &n));
	for (size_t i = 0; i < n; i++) {
		application *a = &apps[i];
		list_cell *c = list_add(&ls);
		if (!c)
			break;
		int ar = l == LANG_AR;
		c[0] = (list_cell){ .text = ar ? a->name_ar : a->name_fr,
				    .other = ar ? a->name_fr : a->name_ar,
				    .lang = ar ? "ar" : "fr",
				    .id = a->id };
		c[1] = (list_cell){ .text = a->outside_region
						    ? arena_printf(r->a, "%s (%s)",
								   text3_get(&a->province, l),
								   tr(l, "outside the region"))
						    : text3_get(&a->province, l) };
		c[2] = (list_cell){ .text = *a->category_code ? text3_get(&a->category, l) : "—" };
		c[3] = (list_cell){ .text = tr(l, app_status_label(a->status)),
				    .cls = arena_printf(r->a, "app-status app-status-%s",
							app_status_code(a->status)) };
		c[4] = (list_cell){ .text = a->score >= 0 ? arena_printf(r->a, "%d", a->score)
							  : tr(l, "not scored"),
				    .num = a->score };
		const char *prof = "";
		if (a->women_led)
			prof = tr(l, "women-led");
		if (a->first_time)
			prof = arena_printf(r->a, "%s%s%s", prof, *prof ? ", " : "",
					    tr(l, "first fair"));
		c[5] = (list_cell){ .text = prof, .cls = *prof ? "tag" : NULL };
	}
	if (list_end(&ls)) {
		page_error(r, 404, NULL);
		return;
	}
	if (list_export(&ls))
		return;
	named *cats, *provs;
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e.id, &cats, &ncats));
	size_t nprovs = 0;
	req_fail(r, edition_provinces(r->a, e.id, 1, &provs, &nprovs));

	page_begin(r, tr(l, "Applications"), PAGE_SAMPLE);
	buf *o = &r->out;
	reg_subnav(r, "/admin/applications");
	html_printf(o, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(l, "Applications"),
		    text3_get(&e.name, l));
	html_printf(o, "<form class=\"filters\" method=\"get\" action=\"%s\">",
		    site_href(r, "/admin/applications"));
	if (page_code_param(r, "edition"))
		html_printf(o, "<input type=\"hidden\" name=\"edition\" value=\"%s\">",
			    page_code_param(r, "edition"));
	page_named_select(r, "category", tr(l, "Category"), tr(l, "All categories"), cats, ncats,
			  cat);
	page_named_select(r, "province", tr(l, "Province"), tr(l, "All provinces"), provs, nprovs,
			  prov);
	html_printf(o, "<label>%s <select name=\"status\"><option value=\"\">%s</option>",
		    tr(l, "Status"), tr(l, "All but drafts"));
	for (int s = 0; s < APP__MAX; s++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", app_status_code((app_status)s),
			    s == status ? " selected" : "", tr(l, app_status_label((app_status)s)));
	html_raw(o, "</select></label>");
	select_tri(r, "women_led", tr(l, "Led by women"), wl);
	select_tri(r, "first_time", tr(l, "First-time exhibitor"), ft);
	html_printf(o,
		    "<label>%s <input type=\"search\" name=\"q\" value=\"%s\" maxlength=\"200\">"
		    "</label><button type=\"submit\">%s</button></form>",
		    tr(l, "Search"), ls.q, tr(l, "Filter"));
	list_count(&ls, arena_printf(r->a,
				     trn(l, "%d application matches.", "%d applications match.",
					 (long)ls.found),
				     (int)ls.found));
	list_table(&ls);
	list_pager(&ls);
	list_exports(&ls);
	page_end(r);
}

/* review_summary - every review of the application, the average of the
 * scores, and the committee members who have not reviewed yet. */
static void review_summary(request *r, const edition_reviews *rv)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o,
		    "<section class=\"reviews\" aria-labelledby=\"rev-h\"><h2 id=\"rev-h\">%s</h2>",
		    tr(l, "Reviews of the committee"));
	if (rv->nscores)
		html_printf(o, "<p class=\"average\" data-average=\"%d\">%s</p>",
			    (int)(rv->average + 0.5),
			    arena_printf(r->a,
					 trn(l, "Average: %d (%d score)", "Average: %d (%d scores)",
					     rv->nscores),
					 (int)(rv->average + 0.5), rv->nscores));
	if (rv->ndone) {
		html_printf(
			o,
			"<div class=\"table-wrap\"><table class=\"reviews\"><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(l, "Reviewer"), tr(l, "Score"), tr(l, "Note"), tr(l, "When"));
		for (size_t i = 0; i < rv->ndone; i++) {
			const edition_review *x = &rv->done[i];
			html_printf(o,
				    "<tr><td><bdi>%s</bdi></td><td class=\"num\">%s</td>"
				    "<td><bdi>%s</bdi></td><td>%s</td></tr>",
				    *x->name ? page_text(r, x->name) : x->email,
				    x->score >= 0 ? arena_printf(r->a, "%d", x->score) : "—",
				    x->note, fmt_datetime(r, x->at));
		}
		html_raw(o, "</tbody></table></div>");
	}
	if (rv->nwaiting) {
		html_printf(
			o, "<p>%s</p><ul class=\"waiting\">",
			arena_printf(r->a,
				     trn(l, "%d member has not reviewed yet:",
					 "%d members have not reviewed yet:", (long)rv->nwaiting),
				     (int)rv->nwaiting));
		for (size_t i = 0; i < rv->nwaiting; i++)
			html_printf(o, "<li><bdi>%s</bdi></li>",
				    *rv->waiting[i].name ? page_text(r, rv->waiting[i].name)
							 : rv->waiting[i].email);
		html_raw(o, "</ul>");
	}
	html_raw(o, "</section>");
}

static void detail(request *r, const application *a, const char *err_review, const char *err_status,
		   const char *score_in, const char *note_in, const char *reason_in)
{
	lang l = r->lang;
	buf *o = &r->out;
	registry_coop c;
	if (registry_get(r->a, a->cooperative_id, &c))
		memset(&c, 0, sizeof c);
	page_begin(r, l == LANG_AR ? a->name_ar : a->name_fr, a->is_sample ? PAGE_SAMPLE : 0);
	reg_subnav(r, "");
	html_raw(o, "<article class=\"application\"><h1>");
	reg_names(r, a->name_ar, a->name_fr);
	html_raw(o, "</h1>");
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "review"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Score and note saved."));
	if (done && !strcmp(done, "status"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Status changed."));
	sel_edition ed;
	if (!sel_rules_get(r->a, a->edition_id, &ed)) {
		int accepted;
		unsigned broken;
		req_fail(r, sel_accepted_breaks(r->a, a->edition_id, &ed, &accepted, &broken));
		reg_breaks_box(r, &ed, broken, accepted);
	}
	html_printf(o, "<p>%s ", tr(l, "Status:"));
	reg_status_tag(r, (int)a->status);
	if (a->is_exhibitor)
		html_printf(o, " <span class=\"tag\">%s</span>", tr(l, "published as exhibitor"));
	html_raw(o, "</p><dl class=\"facts\">");
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Category"),
		    *a->category_code ? text3_get(&a->category, l) : "—");
	html_printf(o, "<div><dt>%s</dt><dd>%s", tr(l, "Province"), text3_get(&a->province, l));
	if (a->outside_region)
		html_printf(o, " <span class=\"tag\">%s</span>", tr(l, "outside the region"));
	html_raw(o, "</dd></div>");
	html_printf(o, "<div><dt>%s</dt><dd dir=\"ltr\"><a href=\"%s\">%s</a></dd></div>",
		    tr(l, "Registration number"),
		    site_href(r, "/admin/registry/%lld", (long long)a->cooperative_id),
		    a->reg_number);
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Led by"),
		    !a->women_led_known ? tr(l, "unknown")
		    : a->women_led	? tr(l, "women")
					: tr(l, "men"));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "First-time exhibitor"),
		    a->first_time ? tr(l, "yes") : tr(l, "no"));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Products"),
		    text_pick(a->products, l, arena_alloc(r->a, 2000), 2000));
	const char *needs = arena_printf(
		r->a, "%s%s%s", a->needs_power ? tr(l, "Electricity") : "",
		a->needs_water
			? arena_printf(r->a, "%s%s", a->needs_power ? ", " : "", tr(l, "Water"))
			: "",
		a->needs_accessible
			? arena_printf(r->a, "%s%s", a->needs_power || a->needs_water ? ", " : "",
				       tr(l, "A stand accessible to a wheelchair"))
			: "");
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "What the stand needs"),
		    *needs ? needs : "—");
	html_printf(o, "<div><dt>%s</dt><dd><bdi>%s</bdi></dd></div>",
		    tr(l, "Would share a stand with"), *a->share_with ? a->share_with : "—");
	html_printf(
		o,
		"<div><dt>%s</dt><dd><bdi>%s</bdi> <span dir=\"ltr\">%s</span> <span dir=\"ltr\">%s</span></dd></div>",
		tr(l, "Contact (private)"), c.contact_name ? c.contact_name : "",
		c.phone ? c.phone : "", c.email ? c.email : "");
	html_raw(o, "</dl>");
	if (a->nphotos) {
		html_raw(o, "<ul class=\"photos\">");
		for (int i = 0; i < a->nphotos; i++)
			html_printf(
				o,
				"<li><a href=\"%s\"><img src=\"%s\" alt=\"%s\" width=\"160\"></a></li>",
				site_href(r, "/admin/photos/%lld", (long long)a->photo_ids[i]),
				site_href(r, "/admin/photos/%lld", (long long)a->photo_ids[i]),
				tr(l, "Product photo"));
		html_raw(o, "</ul>");
	}
	/* every committee member's review, the average, who has not reviewed
	 * (issue 10), then this member's own score and note */
	edition_reviews rv;
	const edition_review *mine = NULL;
	if (!edition_reviews_of(r->a, a->id, a->edition_id, &rv)) {
		review_summary(r, &rv);
		for (size_t i = 0; i < rv.ndone; i++)
			if (rv.done[i].account_id == r->user_id)
				mine = &rv.done[i];
	}
	html_printf(o, "<h2>%s</h2>", tr(l, "My score and note"));
	if (err_review)
		html_printf(o, "<p class=\"error-box\" role=\"alert\" id=\"review-error\">%s</p>",
			    err_review);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/admin/applications/%lld/review", (long long)a->id));
	page_csrf_field(r);
	const char *score = score_in		       ? score_in
			    : mine && mine->score >= 0 ? arena_printf(r->a, "%d", mine->score)
						       : "";
	html_printf(
		o,
		"<label for=\"score\">%s</label><input id=\"score\" name=\"score\" inputmode=\"numeric\" "
		"maxlength=\"3\" value=\"%s\"",
		tr(l, "Score (0 to 100; empty: not scored)"), score);
	if (err_review) /* an attribute: never through html_printf's %s, which escapes it */
		html_raw(o, " aria-describedby=\"review-error\"");
	html_raw(o, ">");
	html_printf(
		o,
		"<label for=\"note\">%s</label><textarea id=\"note\" name=\"note\" rows=\"3\" maxlength=\"1000\">%s</textarea>"
		"<button type=\"submit\">%s</button></form>",
		tr(l, "Note (seen by the committee only)"),
		note_in ? note_in
		: mine	? mine->note
			: "",
		tr(l, "Save"));
	/* status */
	html_printf(o, "<h2>%s</h2>", tr(l, "Change the status"));
	if (err_status)
		html_printf(o, "<p class=\"error-box\" role=\"alert\" id=\"status-error\">%s</p>",
			    err_status);
	int any = 0;
	for (int s = 0; s < APP__MAX; s++)
		any |= app_allowed(a->status, (app_status)s, 1);
	if (any) {
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
			    site_href(r, "/admin/applications/%lld/status", (long long)a->id));
		page_csrf_field(r);
		html_printf(
			o, "<label for=\"status\">%s</label><select id=\"status\" name=\"status\">",
			tr(l, "New status"));
		/* A refused change comes back with the status that was chosen
		 * (issue 10): resubmitting must not record another one. */
		const char *chosen = r->method == HTTP_POST ? req_form(r, "status") : NULL;
		for (int s = 0; s < APP__MAX; s++)
			if (app_allowed(a->status, (app_status)s, 1))
				html_printf(
					o, "<option value=\"%s\"%s>%s</option>",
					app_status_code((app_status)s),
					chosen && !strcmp(chosen, app_status_code((app_status)s))
						? " selected"
						: "",
					tr(l, app_status_label((app_status)s)));
		html_printf(
			o,
			"</select><label for=\"reason\">%s</label><textarea id=\"reason\" name=\"reason\" rows=\"3\" "
			"maxlength=\"1000\"",
			tr(l,
			   "Reason (sent to the cooperative; required to wait-list or not select)"));
		if (err_status)
			html_raw(o, " aria-describedby=\"status-error\"");
		html_printf(o, ">%s</textarea><button type=\"submit\">%s</button></form>",
			    reason_in ? reason_in : "", tr(l, "Change the status"));
		html_printf(
			o, "<p class=\"hint\">%s</p>",
			tr(l,
			   "Decisions (accepted, wait-listed, not selected) reach the cooperative when the selection is published."));
	} else {
		html_printf(o, "<p>%s</p>",
			    tr(l, "No status change is possible from this status."));
	}
	app_event *ev;
	size_t nev = 0;
	req_fail(r, app_events(r->a, a->id, &ev, &nev));
	if (nev) {
		html_printf(o, "<h2>%s</h2><ol class=\"history\">", tr(l, "History"));
		for (size_t i = 0; i < nev; i++) {
			html_printf(o, "<li><time datetime=\"%s\">%s</time> ", ev[i].at,
				    fmt_date(r, ev[i].at));
			reg_status_tag(r, app_status_parse(ev[i].to));
			if (*ev[i].reason)
				html_printf(
					o, " <q>%s</q>",
					text_pick(ev[i].reason, l, arena_alloc(r->a, 1000), 1000));
			html_raw(o, "</li>");
		}
		html_raw(o, "</ol>");
	}
	html_printf(o, "<p><a href=\"%s\">%s</a></p></article>\n",
		    site_href(r, "/admin/applications"), tr(l, "All applications"));
	page_end(r);
}

/* GET /admin/applications/{id} */
void page_application(request *r)
{
	application a;
	if (app_get(r->a, r->id, &a)) {
		page_error(r, 404, NULL);
		return;
	}
	detail(r, &a, NULL, NULL, NULL, NULL, NULL);
}

/* POST /admin/applications/{id}/review  score, note */
void page_application_review(request *r)
{
	lang l = r->lang;
	application a;
	if (app_get(r->a, r->id, &a)) {
		page_error(r, 404, NULL);
		return;
	}
	const char *s = req_form(r, "score"), *note = req_form(r, "note");
	note = note ? text_clean(r->a, note) : "";
	int score = -1;
	const char *err = NULL;
	long long v;
	if (s && *s) {
		if (!page_int(s, 0, 100, &v))
			err = tr(l, "The score is a whole number from 0 to 100 (or empty).");
		else
			score = (int)v;
	}
	if (!err && strlen(note) > APP_REASON_MAX)
		err = tr(l, "The note is limited to 1000 characters.");
	if (err) {
		r->status = 422;
		detail(r, &a, err, NULL, s, note, NULL);
		return;
	}
	if (edition_review_save(r->user_id, a.id, score, note)) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/applications/%lld?done=review", (long long)a.id));
}

/* POST /admin/applications/{id}/status  status, reason */
void page_application_status(request *r)
{
	lang l = r->lang;
	application a;
	if (app_get(r->a, r->id, &a)) {
		page_error(r, 404, NULL);
		return;
	}
	int to = app_status_parse(req_form(r, "status"));
	const char *reason = req_form(r, "reason");
	reason = reason ? text_clean(r->a, reason) : "";
	const char *err = NULL;
	if (to < 0 || !app_allowed(a.status, (app_status)to, 1))
		err = tr(l, "Choose one of the statuses offered.");
	else if ((to == APP_WAITLISTED || to == APP_REJECTED) && !*reason)
		err = tr(l, "Give the reason: the cooperative will read it.");
	else if (strlen(reason) > APP_REASON_MAX)
		err = tr(l, "The reason is limited to 1000 characters.");
	if (err) {
		r->status = 422;
		detail(r, &a, NULL, err, NULL, NULL, reason);
		return;
	}
	cf_err e = app_set_status(r->user_id, a.id, (app_status)to, reason, 1);
	if (e == CF_ERR_CONFLICT) {
		reg_refuse(
			r, 409,
			tr(l,
			   "The status could not be changed: the application changed meanwhile, or other records (stand, prize entries) still hold this exhibitor."),
			arena_printf(r->a, "/admin/applications/%lld", (long long)a.id));
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/applications/%lld?done=status", (long long)a.id));
}

void reg_photo(request *r, int64_t only_coop)
{
	const void *data;
	size_t len;
	const char *mime;
	int64_t coop;
	if (app_photo(r->a, r->id, &data, &len, &mime, &coop) || (only_coop && coop != only_coop)) {
		page_error(r, 404, NULL);
		return;
	}
	buf_reset(&r->out);
	if (buf_append(&r->out, data, len)) {
		page_error(r, 500, NULL);
		return;
	}
	r->content_type = mime;
	resp_header(r, "Cache-Control", "private, max-age=3600");
}

/* GET /admin/photos/{id} */
void page_admin_photo(request *r)
{
	reg_photo(r, 0);
}
