/*
 * prize_setup.c - the committee sets up a prize category before scoring.
 *
 *   GET  /admin/prize/categories/{id}/setup     the forms below, the conflicts
 *   POST /admin/prize/categories/{id}/settings  k, winners, tie_rule
 *   POST /admin/prize/categories/{id}/criteria  name_ar, name_fr, name_en, weight, min, max
 *   POST /admin/prize/categories/{id}/jurors    juror (repeated): the category's jury
 *   POST /admin/prize/categories/{id}/rules     juror, province, reason
 *   POST /admin/prize/criteria/{id}/delete
 *
 * Rules, criteria and the tie rule are declared before scoring: once a
 * score exists the model refuses to change them, and this page says so.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/exhibitor.h"
#include "../model/prize.h"
#include "prize.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What a refused form typed, and why, to show it again. */
typedef struct setup_form {
	const char *which; /* "settings", "criteria", "jurors", "rules" or NULL */
	const char *message;
	const char *bad;  /* the field in error */
	const char *v[6]; /* typed values, per form */
} setup_form;

static const char *val(const setup_form *f, const char *which, int i, const char *dflt)
{
	return f && f->which && !strcmp(f->which, which) && f->v[i] ? f->v[i] : dflt;
}

static void field_error(request *r, const setup_form *f, const char *which, const char *field)
{
	if (f && f->which && !strcmp(f->which, which) && f->bad && !strcmp(f->bad, field))
		html_printf(&r->out, "<span class=\"field-error\" id=\"%s-err\">%s</span>", field,
			    f->message);
}

static void render(request *r, const setup_form *f)
{
	lang l = r->lang;
	prize_category cat;
	if (prize_category_get(r->a, r->id, &cat)) {
		page_error(r, 404, NULL);
		return;
	}
	buf *o = &r->out;
	page_begin(r, text3_get(&cat.name, l), 0);
	html_printf(o, "<p><a href=\"%s\">%s</a></p><h1>%s — %s</h1>",
		    site_href(r, "/admin/prize/categories/%lld", (long long)cat.id),
		    tr(l, "Ranking"), tr(l, "Set-up"), text3_get(&cat.name, l));
	if (f && f->message && (!f->bad || !*f->bad))
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", f->message);
	if (req_query(r, "saved"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>", tr(l, "Saved."));

	/* Settings. */
	html_printf(o, "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack narrow\">",
		    tr(l, "Rules of the category"),
		    site_href(r, "/admin/prize/categories/%lld/settings", (long long)cat.id));
	page_csrf_field(r);
	html_printf(
		o,
		"<label for=\"k\">%s</label><input id=\"k\" name=\"k\" type=\"number\" min=\"1\" max=\"50\" required dir=\"ltr\" value=\"%s\">",
		tr(l, "Jurors per entry"), val(f, "settings", 0, arena_printf(r->a, "%d", cat.k)));
	field_error(r, f, "settings", "k");
	html_printf(
		o,
		"<label for=\"winners\">%s</label><input id=\"winners\" name=\"winners\" type=\"number\" min=\"1\" max=\"10\" required dir=\"ltr\" value=\"%s\">",
		tr(l, "Prizes awarded"),
		val(f, "settings", 1, arena_printf(r->a, "%d", cat.winners)));
	field_error(r, f, "settings", "winners");
	const char *tie = val(f, "settings", 2, cat.tie_rule);
	html_printf(o,
		    "<label for=\"tie_rule\">%s</label><select id=\"tie_rule\" name=\"tie_rule\">",
		    tr(l, "Tie rule"));
	static const char *const rules[] = { "plain_mean", "first_criterion", "registration" };
	static const char *const labels[] = { "the higher plain mean wins a tie",
					      "the higher mean on the first criterion wins a tie",
					      "the earlier entry wins a tie" };
	for (int i = 0; i < 3; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", rules[i],
			    strcmp(tie, rules[i]) ? "" : " selected", tr(l, labels[i]));
	html_printf(o, "</select><button type=\"submit\">%s</button></form>", tr(l, "Save"));

	/* Criteria. */
	prize_criterion *c;
	size_t nc = 0;
	req_fail(r, prize_criteria(r->a, cat.id, &c, &nc));
	html_printf(
		o,
		"<h2>%s</h2><div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		tr(l, "Criteria"), tr(l, "Criterion"), tr(l, "weight"), tr(l, "Scale"));
	for (size_t i = 0; i < nc; i++) {
		html_printf(
			o,
			"<tr><td>%s <span class=\"other\" lang=\"%s\">%s</span></td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%d–%d</td><td>",
			text3_get(&c[i].name, l), l == LANG_AR ? "fr" : "ar",
			text3_get(&c[i].name, l == LANG_AR ? LANG_FR : LANG_AR),
			fmt_dec(r, c[i].weight, 2), c[i].min, c[i].max);
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"inline\">",
			    site_href(r, "/admin/prize/criteria/%lld/delete", (long long)c[i].id));
		page_csrf_field(r);
		html_printf(
			o,
			"<button type=\"submit\" class=\"secondary\">%s</button></form></td></tr>",
			tr(l, "Remove"));
	}
	html_printf(
		o,
		"</tbody></table></div><form method=\"post\" action=\"%s\" class=\"stack narrow\"><h3>%s</h3>",
		site_href(r, "/admin/prize/categories/%lld/criteria", (long long)cat.id),
		tr(l, "Add a criterion"));
	page_csrf_field(r);
	static const char *const cf[] = { "name_ar", "name_fr", "name_en", "weight", "min", "max" };
	const char *cl[6] = { tr(l, "Name in Arabic"),
			      tr(l, "Name in French"),
			      tr(l, "Name in English (optional)"),
			      tr(l, "Weight (relative)"),
			      tr(l, "Lowest score"),
			      tr(l, "Highest score") };
	static const char *const dflt[] = { "", "", "", "1", "0", "20" };
	for (int i = 0; i < 6; i++) {
		html_printf(o,
			    "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\"",
			    cf[i], cl[i], cf[i], cf[i], val(f, "criteria", i, dflt[i]));
		/* Raw attributes through html_raw: html_printf would escape them. */
		if (i == 0)
			html_raw(o, " dir=\"rtl\" lang=\"ar\"");
		else if (i >= 3)
			html_raw(o, " dir=\"ltr\" inputmode=\"decimal\"");
		html_raw(o, i < 2 || i >= 3 ? " required>" : ">");
		field_error(r, f, "criteria", cf[i]);
	}
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Add the criterion"));

	/* Jurors. */
	prize_jury_member *m;
	size_t nm = 0;
	req_fail(r, prize_jury_members(r->a, cat.id, &m, &nm));
	html_printf(
		o,
		"<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack\"><fieldset><legend>%s</legend>",
		tr(l, "Jurors"),
		site_href(r, "/admin/prize/categories/%lld/jurors", (long long)cat.id),
		tr(l, "Accounts with the jury role who judge this category"));
	page_csrf_field(r);
	for (size_t i = 0; i < nm; i++)
		html_printf(
			o,
			"<label class=\"check\"><input type=\"checkbox\" name=\"juror\" value=\"%lld\"%s> <bdi>%s</bdi> (%s) <span class=\"other\" dir=\"ltr\">%s</span></label>",
			(long long)m[i].account_id, m[i].selected ? " checked" : "",
			page_text(r, m[i].name), *m[i].organisation ? m[i].organisation : "—",
			m[i].email);
	html_printf(o, "</fieldset><button type=\"submit\">%s</button></form>",
		    tr(l, "Save the jury"));

	/* Committee rules and every conflict. */
	edition ed;
	named *provs = NULL;
	size_t np = 0;
	if (!edition_current(r->a, &ed))
		req_fail(r, edition_provinces(r->a, ed.id, 0, &provs, &np));
	html_printf(
		o,
		"<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack narrow\"><p>%s</p>",
		tr(l, "Conflicts of interest"),
		site_href(r, "/admin/prize/categories/%lld/rules", (long long)cat.id),
		tr(l,
		   "A committee rule: the juror scores no cooperative of the province (their home province, for example)."));
	page_csrf_field(r);
	html_printf(o, "<label for=\"rjuror\">%s</label><select id=\"rjuror\" name=\"juror\">",
		    tr(l, "Juror"));
	for (size_t i = 0; i < nm; i++)
		html_printf(o, "<option value=\"%lld\">%s (%s)</option>",
			    (long long)m[i].account_id, page_text(r, m[i].name), m[i].organisation);
	html_printf(
		o,
		"</select><label for=\"province\">%s</label><select id=\"province\" name=\"province\">",
		tr(l, "Province"));
	for (size_t i = 0; i < np; i++)
		html_printf(o, "<option value=\"%s\">%s</option>", provs[i].code,
			    text3_get(&provs[i].name, l));
	html_printf(
		o,
		"</select><label for=\"reason\">%s</label><input id=\"reason\" name=\"reason\" maxlength=\"500\" value=\"%s\">",
		tr(l, "Reason"), val(f, "rules", 0, ""));
	field_error(r, f, "rules", "reason");
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Add the rule"));
	prize_conflict_row *cr;
	size_t ncr = 0;
	req_fail(r, prize_conflicts(r->a, cat.id, &cr, &ncr));
	html_printf(
		o,
		"<div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Juror"), tr(l, "Entry"), tr(l, "Found by"), tr(l, "Reason"));
	for (size_t i = 0; i < ncr; i++) {
		const char *src = !strcmp(cr[i].source, "declared") ? tr(l, "declared by the juror")
				  : !strcmp(cr[i].source, "own_cooperative")
					  ? tr(l, "the juror's own cooperative")
					  : tr(l, "committee rule");
		html_printf(
			o,
			"<tr><td><bdi>%s</bdi></td><td><bdi>%s</bdi></td><td>%s</td><td><bdi>%s</bdi></td></tr>",
			page_text(r, cr[i].juror),
			l == LANG_AR && *cr[i].entry_name_ar ? cr[i].entry_name_ar
							     : cr[i].entry_name,
			src, text_pick(cr[i].reason, l, arena_alloc(r->a, 500), 500));
	}
	if (!ncr)
		html_printf(o, "<tr><td colspan=\"4\">%s</td></tr>",
			    tr(l, "No conflict of interest."));
	html_raw(o, "</tbody></table></div>");
	page_end(r);
}

/* GET /admin/prize/categories/{id}/setup */
void page_prize_setup(request *r)
{
	render(r, NULL);
}

static int int_in(const char *s, long lo, long hi, int *out)
{
	long long v;
	if (!page_int(s, lo, hi, &v))
		return 0;
	*out = (int)v;
	return 1;
}

static void refused(request *r, setup_form *f, cf_err e)
{
	r->status = e == CF_ERR_CONFLICT ? 409 : 400;
	if (e == CF_ERR_CONFLICT) {
		f->bad = NULL;
		f->message = tr(
			r->lang,
			"Scoring has started: the rules, criteria and scored jurors of this category can no longer change.");
	}
	render(r, f);
}

static void saved(request *r)
{
	resp_redirect(r, arena_printf(r->a, "/admin/prize/categories/%lld/setup?saved=1",
				      (long long)r->id));
}

/* POST /admin/prize/categories/{id}/settings  k, winners, tie_rule */
void page_prize_settings(request *r)
{
	setup_form f = { "settings",
			 NULL,
			 NULL,
			 { req_form(r, "k"), req_form(r, "winners"), req_form(r, "tie_rule") } };
	int k, w;
	if (!int_in(f.v[0], 1, 50, &k)) {
		f.bad = "k", f.message = tr(r->lang, "Enter a whole number from 1 to 50.");
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	if (!int_in(f.v[1], 1, 10, &w)) {
		f.bad = "winners", f.message = tr(r->lang, "Enter a whole number from 1 to 10.");
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	cf_err e = prize_settings_set(r->user_id, r->id, k, w, f.v[2] ? f.v[2] : "");
	if (e == CF_ERR_INVALID)
		f.bad = "", f.message = tr(r->lang, "Choose a tie rule from the list.");
	if (e == CF_ERR_NOTFOUND)
		e = CF_ERR_CONFLICT;
	if (e) {
		refused(r, &f, e);
		return;
	}
	saved(r);
}

/* POST /admin/prize/categories/{id}/criteria  name_ar, name_fr, name_en, weight, min, max */
void page_prize_criterion_add(request *r)
{
	setup_form f = { "criteria",
			 NULL,
			 NULL,
			 { req_form(r, "name_ar"), req_form(r, "name_fr"), req_form(r, "name_en"),
			   req_form(r, "weight"), req_form(r, "min"), req_form(r, "max") } };
	int mn = 0, mx = 0;
	double w = 0;
	char *end = NULL;
	if (f.v[3]) {
		errno = 0;
		w = strtod(f.v[3], &end);
	}
	if (!f.v[0] || !*f.v[0] || strlen(f.v[0]) > 200)
		f.bad = "name_ar",
		f.message = tr(r->lang,
			       "Enter the criterion's name in Arabic (200 characters at most).");
	else if (!f.v[1] || !*f.v[1] || strlen(f.v[1]) > 200)
		f.bad = "name_fr",
		f.message = tr(r->lang,
			       "Enter the criterion's name in French (200 characters at most).");
	else if (f.v[2] && strlen(f.v[2]) > 200)
		f.bad = "name_en", f.message = tr(r->lang, "200 characters at most.");
	else if (!f.v[3] || !*f.v[3] || *end || errno || !(w > 0 && w <= 100))
		f.bad = "weight",
		f.message = tr(r->lang, "Enter a weight above 0 and at most 100 (e.g. 0.25 or 2).");
	else if (!int_in(f.v[4], 0, 99, &mn))
		f.bad = "min", f.message = tr(r->lang, "Enter a whole number from 0 to 99.");
	else if (!int_in(f.v[5], mn + 1, 100, &mx))
		f.bad = "max",
		f.message =
			tr(r->lang, "Enter a whole number above the lowest score, at most 100.");
	if (f.bad) {
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	text3 name = { { f.v[0], f.v[1], f.v[2] ? f.v[2] : "" } };
	cf_err e = prize_criterion_add(r->user_id, r->id, &name, w, mn, mx);
	if (e == CF_ERR_TOOBIG) {
		f.bad = "", f.message = tr(r->lang, "A category has 12 criteria at most.");
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	if (e) {
		refused(r, &f, e == CF_ERR_INVALID ? CF_ERR_INVALID : CF_ERR_CONFLICT);
		return;
	}
	saved(r);
}

/* POST /admin/prize/criteria/{id}/delete */
void page_prize_criterion_delete(request *r)
{
	int64_t cat = 0;
	cf_err e = prize_criterion_delete(r->user_id, r->id, &cat);
	if (e == CF_ERR_NOTFOUND && !cat) {
		page_error(r, 404, NULL);
		return;
	}
	r->id = cat;
	if (e) {
		setup_form f = { 0 };
		refused(r, &f, CF_ERR_CONFLICT);
		return;
	}
	saved(r);
}

/* POST /admin/prize/categories/{id}/jurors  juror (repeated) */
void page_prize_jurors(request *r)
{
	size_t n = 0;
	int64_t *ids = arena_alloc(r->a, sizeof(int64_t) * (r->nform + 1));
	for (size_t i = 0; i < r->nform; i++) {
		int v;
		if (!strcmp(r->form[i].key, "juror") && int_in(r->form[i].value, 1, 999999, &v))
			ids[n++] = v;
	}
	setup_form f = { "jurors", NULL, NULL, { 0 } };
	cf_err e = prize_jurors_set(r->user_id, r->id, ids, n);
	if (e) {
		refused(r, &f, CF_ERR_CONFLICT);
		return;
	}
	saved(r);
}

/* POST /admin/prize/categories/{id}/rules  juror, province, reason */
void page_prize_rule_add(request *r)
{
	setup_form f = { "rules", NULL, NULL, { req_form(r, "reason") } };
	int juror;
	edition ed;
	const char *reason = f.v[0] ? f.v[0] : "";
	if (!*reason || strlen(reason) > PRIZE_REASON_MAX) {
		f.bad = "reason", f.message = tr(r->lang, "Say why (500 characters at most).");
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	if (!int_in(req_form(r, "juror"), 1, 999999, &juror) || edition_current(r->a, &ed) ||
	    prize_rule_add(r->user_id, ed.id, juror,
			   req_form(r, "province") ? req_form(r, "province") : "", reason)) {
		f.bad = "reason",
		f.message = tr(r->lang, "Choose a juror and a province from the lists.");
		refused(r, &f, CF_ERR_INVALID);
		return;
	}
	saved(r);
}
