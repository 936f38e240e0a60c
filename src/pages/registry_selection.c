/*
 * registry_selection.c - the edition's selection: rules, the assistant,
 * hand adjustments' warnings, publication.
 *
 *   GET  /admin/selection[?propose=1]           rules, state, and (propose=1) the assistant's
 * proposal POST /admin/selection/rules  stands, per_stand, max_outside, min_women_pct,
 *                                min_first_pct, seats_CATID..., csrf
 *   POST /admin/selection/apply  expect (the proposal's count), csrf
 *   POST /admin/selection/publish  previewed=1, confirm=1 (from the preview,
 *                                  edition_publish.c; else back to it), csrf
 *
 * Organisers only.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/registry_app.h"
#include "../model/registry_selection.h"
#include "registry.h"
#include "edition.h"

#include <stdlib.h>
#include <string.h>

/* what_it_takes - how a rule that bound a decision could be changed. */
static const char *what_it_takes(request *r, const sel_edition *ed, unsigned bit, int cutoff)
{
	lang l = r->lang;
	if (bit == SEL_RULE_PLACES)
		return arena_printf(r->a, tr(l, "a score above %d, or more places"), cutoff);
	if (bit == SEL_RULE_OUTSIDE)
		return arena_printf(r->a, tr(l, "allowing %d from outside the region"),
				    ed->rules.max_outside + 1);
	if (bit == SEL_RULE_WOMEN)
		return tr(l, "a lower minimum share of women-led cooperatives");
	if (bit == SEL_RULE_FIRST)
		return tr(l, "a lower minimum share of first-time exhibitors");
	for (int k = 0; k < ed->rules.ncat; k++)
		if (bit == SEL_RULE_CAT(k))
			return arena_printf(r->a, tr(l, "one more seat in %s"),
					    text3_get(&ed->cat_names[k], l));
	return "";
}

/* typed - what the user sent for a field, to show it again after an error
 * (NULL when the form is shown fresh). */
static const char *typed(request *r, int from_form, const char *name)
{
	const char *v = from_form ? req_form(r, name) : NULL;
	return v ? v : from_form ? "" : NULL;
}

static void number_field(request *r, const char *name, const char *label, int v, int allow_empty,
			 int from_form)
{
	const char *t = typed(r, from_form, name);
	html_printf(
		&r->out,
		"<label>%s <input name=\"%s\" inputmode=\"numeric\" maxlength=\"5\" value=\"%s\"></label>",
		label, name,
		t		       ? t
		: allow_empty && v < 0 ? ""
				       : arena_printf(r->a, "%d", v));
}

static void rules_form(request *r, const sel_edition *ed, const char *err)
{
	int f = err != NULL; /* after an error, show what was typed */
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<section><h2>%s</h2>", tr(l, "Rules of the edition"));
	if (err)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", err);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"rules\">",
		    site_href(r, "/admin/selection/rules"));
	page_csrf_field(r);
	number_field(r, "stands", tr(l, "Stands"), ed->stands, 0, f);
	number_field(r, "per_stand", tr(l, "Exhibitors per stand"), ed->per_stand, 0, f);
	number_field(r, "max_outside", tr(l, "At most from outside the region (empty: no limit)"),
		     ed->rules.max_outside, 1, f);
	number_field(r, "min_women_pct",
		     arena_printf(r->a, tr(l, "Minimum share led by women, in %s"), "%"),
		     ed->rules.min_women_pct, 0, f);
	number_field(
		r, "min_first_pct",
		arena_printf(r->a, tr(l, "Minimum share of first-time exhibitors, in %s"), "%"),
		ed->rules.min_first_pct, 0, f);
	html_printf(
		o, "<fieldset><legend>%s</legend>",
		arena_printf(
			r->a,
			tr(l,
			   "Seats per category (empty: no limit; for a share of the places, write it like %s)"),
			"30%"));
	for (int k = 0; k < ed->rules.ncat; k++) {
		const char *t =
			typed(r, f, arena_printf(r->a, "seats_%lld", (long long)ed->cat_ids[k]));
		html_printf(
			o,
			"<label>%s <input name=\"seats_%lld\" maxlength=\"5\" value=\"%s\"></label>",
			text3_get(&ed->cat_names[k], l), (long long)ed->cat_ids[k],
			t			 ? t
			: ed->rules.seats[k] < 0 ? ""
						 : arena_printf(r->a, "%d", ed->rules.seats[k]));
	}
	html_printf(o, "</fieldset><button type=\"submit\">%s</button></form></section>\n",
		    tr(l, "Save the rules"));
}

/* need_text - how far one rule would have to change, alone, for the
 * places to be filled (res->need), in words. */
static const char *need_text(request *r, const sel_edition *ed, const sel_result *res, int bit)
{
	lang l = r->lang;
	int need = res->need[bit];
	unsigned rb = 1u << bit;
	if (need < 0)
		return "";
	if (rb == SEL_RULE_OUTSIDE)
		return arena_printf(r->a, tr(l, "allow %d from outside the region (now %d)"), need,
				    ed->rules.max_outside);
	if (rb == SEL_RULE_WOMEN)
		return arena_printf(r->a, tr(l, "ask at most %d%% led by women (now %d%%)"), need,
				    ed->rules.min_women_pct);
	if (rb == SEL_RULE_FIRST)
		return arena_printf(r->a,
				    tr(l, "ask at most %d%% first-time exhibitors (now %d%%)"),
				    need, ed->rules.min_first_pct);
	for (int k = 0; k < ed->rules.ncat; k++)
		if (rb == SEL_RULE_CAT(k))
			return arena_printf(r->a, tr(l, "Seats in %s: %d (now %d)"),
					    text3_get(&ed->cat_names[k], l), need,
					    ed->rules.seats[k]);
	return "";
}

/* conflict_box - proven: the places cannot all be filled. Says how many
 * can; which single rule changes would fill them (each with how far,
 * every other rule as it is); the rules that must all change together
 * (res->conflict) when no single change is enough for them; and the
 * seats' sum when the seats alone fall short (seats of 10, 10 and 10
 * cannot fill 80 places, and one more seat somewhere changes nothing). */
static void conflict_box(request *r, const sel_edition *ed, const sel_result *res)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o, "<div class=\"warn-box\" role=\"alert\"><p>%s</p>",
		arena_printf(
			r->a,
			tr(l,
			   "No selection fills all the places (%d): the most these rules allow is %d, and this is proven."),
			res->target, res->nchosen));
	int seats = 0, limited = 0;
	for (int k = 0; k < ed->rules.ncat; k++)
		if (ed->rules.seats[k] >= 0)
			limited++, seats += ed->rules.seats[k];
	if (limited == ed->rules.ncat && limited && seats < res->target)
		html_printf(o, "<p>%s</p>",
			    arena_printf(r->a,
					 tr(l, "Seats per category, added up: %d; places: %d."),
					 seats, ed->rules.places));
	int singles = 0;
	for (int bit = 0; bit < SEL_RULE_BITS; bit++)
		singles += res->need[bit] >= 0;
	if (singles) {
		html_printf(
			o, "<p>%s</p><ul>",
			tr(l,
			   "Any one of these changes fills the places, the other rules as they are:"));
		for (int bit = 0; bit < SEL_RULE_BITS; bit++)
			if (res->need[bit] >= 0)
				html_printf(o, "<li>%s — %s</li>", reg_rule_name(r, ed, 1u << bit),
					    need_text(r, ed, res, bit));
		html_raw(o, "</ul>");
	}
	unsigned together = res->conflict & ~SEL_RULE_PLACES;
	for (int bit = 0; bit < SEL_RULE_BITS; bit++)
		if (res->need[bit] >= 0)
			together &= ~(1u << bit);
	if (together) {
		html_printf(
			o, "<p>%s</p><ul>",
			singles ? tr(l,
				     "Or change all of these rules together (changing only some of them is not enough):")
				: tr(l,
				     "No single rule change is enough: all of these rules must change together:"));
		for (int bit = 0; bit < SEL_RULE_BITS; bit++)
			if (together & (1u << bit))
				html_printf(o, "<li>%s</li>", reg_rule_name(r, ed, 1u << bit));
		html_raw(o, "</ul>");
	}
	html_printf(
		o, "<p>%s</p></div>",
		tr(l,
		   "Or review more applications. The proposal below fills as many places as the rules allow."));
}

static void proposal(request *r, int64_t edition_id, const sel_edition *ed)
{
	lang l = r->lang;
	buf *o = &r->out;
	sel_candidate *c;
	application *apps;
	int n;
	req_fail(r, sel_candidates(r->a, edition_id, ed, &c, &apps, &n));
	sel_result res;
	if (selection_solve(r->a, &ed->rules, c, n, 0, &res)) {
		html_printf(o, "<p class=\"error-box\">%s</p>",
			    tr(l, "The rules are not valid: check the numbers."));
		return;
	}
	html_printf(o, "<section class=\"proposal\"><h2>%s</h2>",
		    tr(l, "The assistant's proposal"));
	html_printf(
		o, "<p>%s</p>",
		arena_printf(
			r->a,
			tr(l,
			   "Places filled: %d of %d; scored applications: %d; total score: %ld."),
			res.nchosen, ed->rules.places, n, res.score));
	int unknown = 0;
	for (int i = 0; i < n; i++)
		unknown += !apps[i].women_led_known;
	if (unknown && ed->rules.min_women_pct > 0)
		html_printf(
			o, "<p class=\"warn-box\">%s</p>",
			arena_printf(
				r->a,
				trn(l,
				    "%d applicant's cooperative does not say whether it is led by women: it counts as not women-led for the minimum share. Fill it in on its registry page.",
				    "%d applicants' cooperatives do not say whether they are led by women: they count as not women-led for the minimum share. Fill it in on their registry pages.",
				    unknown),
				unknown));
	if (!res.proven)
		html_printf(
			o, "<p class=\"warn-box\">%s</p>",
			tr(l,
			   "The search stopped at its time limit: this is the best selection found, not proven the best, and no conflict is named from it."));
	if (res.conflict)
		conflict_box(r, ed, &res);
	html_printf(
		o,
		"<div class=\"table-wrap\"><table class=\"proposal\"><thead><tr><th scope=\"col\">%s</th>"
		"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		"<th scope=\"col\">%s</th></tr></thead><tbody>",
		tr(l, "Cooperative"), tr(l, "Score"), tr(l, "Now"), tr(l, "Proposed"),
		tr(l, "Bound by"), tr(l, "What would change it"));
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			if (res.chosen[i] != (pass == 0))
				continue;
			application *a = &apps[i];
			html_printf(o, "<tr><td><a href=\"%s\">",
				    site_href(r, "/admin/applications/%lld", (long long)a->id));
			reg_names(r, a->name_ar, a->name_fr);
			html_printf(o, "</a> <span class=\"tag\">%s</span>",
				    text3_get(&a->category, l));
			if (a->outside_region)
				html_printf(o, " <span class=\"tag\">%s</span>",
					    tr(l, "outside the region"));
			if (a->women_led)
				html_printf(o, " <span class=\"tag\">%s</span>",
					    tr(l, "women-led"));
			html_printf(o, "</td><td class=\"num\">%d</td><td>", a->score);
			reg_status_tag(r, (int)a->status);
			html_raw(o, "</td><td>");
			reg_status_tag(r, res.chosen[i] ? APP_ACCEPTED : APP_WAITLISTED);
			html_raw(o, "</td><td>");
			unsigned why = res.why[i].rules;
			const char *sep = "";
			if (!why)
				html_printf(o, "%s", tr(l, "score"));
			for (int bit = 0; bit < SEL_RULE_BITS; bit++)
				if (why & (1u << bit)) {
					html_printf(o, "%s%s", sep,
						    reg_rule_name(r, ed, 1u << bit));
					sep = l == LANG_FR ? "\u202f; " : "; ";
				}
			html_raw(o, "</td><td>");
			sep = "";
			if (!res.chosen[i])
				for (int bit = 0; bit < SEL_RULE_BITS; bit++)
					if (why & (1u << bit)) {
						html_printf(o, "%s%s", sep,
							    what_it_takes(r, ed, 1u << bit,
									  res.why[i].cutoff));
						sep = l == LANG_FR ? "\u202f; " : "; ";
					}
			html_raw(o, "</td></tr>");
		}
	html_raw(o, "</tbody></table></div>");
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/admin/selection/apply"));
	page_csrf_field(r);
	html_printf(
		o,
		"<input type=\"hidden\" name=\"expect\" value=\"%d\"><button type=\"submit\">%s</button>"
		"<p class=\"hint\">%s</p></form></section>\n",
		res.nchosen, tr(l, "Accept this proposal"),
		tr(l,
		   "The proposed ones become accepted and the others wait-listed. Nothing is sent to the cooperatives before publication."));
}

static void render(request *r, const edition *e, const sel_edition *ed, const char *err,
		   const char *publish_err)
{
	lang l = r->lang;
	buf *o = &r->out;
	page_begin(r, tr(l, "Selection"), PAGE_SAMPLE);
	reg_subnav(r, "/admin/selection");
	html_printf(o, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(l, "Selection"),
		    text3_get(&e->name, l));
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "rules"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>", tr(l, "Rules saved."));
	if (done && !strcmp(done, "applied"))
		html_printf(
			o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			tr(l,
			   "The proposal is now the committee's selection. Publish it when ready."));
	if (done && !strcmp(done, "published")) {
		/* Counts with their plural forms (issue 10: "1 exposants ajoutés"). */
		const char *as = req_query(r, "added"), *rs = req_query(r, "removed");
		long long na = 0, nr = 0;
		page_int(as, 0, 999999, &na);
		page_int(rs, 0, 999999, &nr);
		int added = (int)na, removed = (int)nr;
		html_printf(
			o, "<p class=\"ok-box\" role=\"status\">%s, %s; %s</p>",
			arena_printf(r->a,
				     trn(l, "Published: %d exhibitor added",
					 "Published: %d exhibitors added", added),
				     added),
			arena_printf(r->a, trn(l, "%d removed", "%d removed", removed), removed),
			tr(l, "the cooperatives are notified."));
	}
	int accepted;
	unsigned broken;
	req_fail(r, sel_accepted_breaks(r->a, e->id, ed, &accepted, &broken));
	html_printf(
		o, "<p>%s</p>",
		arena_printf(r->a, tr(l, "Accepted: %d; places: %d."), accepted, ed->rules.places));
	reg_breaks_box(r, ed, broken, accepted);
	int64_t next;
	req_fail(r, sel_next_waitlisted(r->a, e->id, ed, &next));
	if (next) {
		application a;
		if (!app_get(r->a, next, &a)) {
			html_printf(
				o, "<div class=\"ok-box\"><p>%s ",
				tr(l,
				   "A place is free. Next on the waiting list, keeping every rule:"));
			reg_names(r, a.name_ar, a.name_fr);
			html_printf(
				o, " (%d)</p><form method=\"post\" action=\"%s\">", a.score,
				site_href(r, "/admin/applications/%lld/status", (long long)a.id));
			page_csrf_field(r);
			html_printf(
				o,
				"<input type=\"hidden\" name=\"status\" value=\"accepted\">"
				"<input type=\"hidden\" name=\"reason\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
				tr(l, "A place became free."), tr(l, "Accept it"));
		}
	}
	if (*ed->published_at)
		html_printf(o, "<p>%s %s</p>", tr(l, "Last published:"),
			    fmt_date(r, ed->published_at));
	html_printf(o, "<p><a class=\"button\" href=\"%s\">%s</a></p>",
		    site_href(r, "/admin/selection?propose=1"),
		    tr(l, "Ask the assistant for a proposal"));
	const char *p = req_query(r, "propose");
	if (p && !strcmp(p, "1"))
		proposal(r, e->id, ed);
	/* publication */
	html_printf(
		o, "<section><h2>%s</h2><p>%s</p>", tr(l, "Publish"),
		tr(l,
		   "Publishing puts the accepted cooperatives on the public list of exhibitors, removes those withdrawn or not selected, and notifies every applicant whose decision changed."));
	if (publish_err)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", publish_err);
	/* Publication goes through its preview (issue 10: edition_publish.c). */
	if (broken)
		html_printf(o, "<p>%s</p>",
			    tr(l, "Publish although the selection breaks the rules listed above."));
	html_printf(o, "<p><a class=\"button\" href=\"%s\">%s</a></p></section>",
		    site_href(r, "/admin/selection/preview"), tr(l, "Preview the publication"));
	rules_form(r, ed, err);
	page_end(r);
}

static int context(request *r, edition *e, sel_edition *ed)
{
	if (req_fail(r, admin_edition(r, e)) || req_fail(r, sel_rules_get(r->a, e->id, ed)))
		return -1;
	return 0;
}

/* GET /admin/selection[?propose=1] */
void page_selection(request *r)
{
	edition e;
	sel_edition ed;
	if (context(r, &e, &ed))
		return;
	render(r, &e, &ed, NULL, NULL);
}

/* parse_num - a whole number in [lo, hi]; empty gives dflt; -2 when invalid. */
static int parse_num(const char *s, int lo, int hi, int dflt)
{
	if (!s || !*s)
		return dflt;
	long long v;
	return page_int(s, lo, hi, &v) ? (int)v : -2;
}

/* POST /admin/selection/rules */
void page_selection_rules(request *r)
{
	lang l = r->lang;
	edition e;
	sel_edition ed;
	if (context(r, &e, &ed))
		return;
	sel_edition in = ed;
	const char *err = NULL;
	in.stands = parse_num(req_form(r, "stands"), 0, 10000, -2);
	in.per_stand = parse_num(req_form(r, "per_stand"), 1, 20, -2);
	in.rules.max_outside = parse_num(req_form(r, "max_outside"), 0, 100000, -1);
	in.rules.min_women_pct = parse_num(req_form(r, "min_women_pct"), 0, 100, 0);
	in.rules.min_first_pct = parse_num(req_form(r, "min_first_pct"), 0, 100, 0);
	if (in.stands < 0 || in.per_stand < 0)
		err = tr(
			l,
			"Stands and exhibitors per stand are whole numbers (exhibitors per stand from 1 to 20).");
	else if (in.rules.max_outside == -2)
		err = tr(
			l,
			"The limit from outside the region is a whole number, or empty for no limit.");
	else if (in.rules.min_women_pct < 0 || in.rules.min_first_pct < 0)
		err = tr(l, "Shares are percentages from 0 to 100.");
	in.rules.places = in.stands * in.per_stand;
	for (int k = 0; k < ed.rules.ncat && !err; k++) {
		const char *v =
			req_form(r, arena_printf(r->a, "seats_%lld", (long long)ed.cat_ids[k]));
		size_t len = v ? strlen(v) : 0;
		if (len && v[len - 1] == '%') {
			int pct = parse_num(arena_strndup(r->a, v, len - 1), 0, 100, -2);
			in.rules.seats[k] = pct < 0 ? -2 : in.rules.places * pct / 100;
		} else {
			in.rules.seats[k] = parse_num(v, 0, 100000, -1);
		}
		if (in.rules.seats[k] == -2)
			err = arena_printf(
				r->a,
				tr(l,
				   "Seats per category are a number (like 25), a share (like %s), or empty."),
				"30%");
	}
	if (err) {
		r->status = 422;
		render(r, &e, &ed, err, NULL);
		return;
	}
	if (sel_rules_set(r->user_id, e.id, &in)) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, "/admin/selection?done=rules");
}

/* POST /admin/selection/apply  expect */
void page_selection_apply(request *r)
{
	edition e;
	sel_edition ed;
	if (context(r, &e, &ed))
		return;
	sel_candidate *c;
	application *apps;
	int n;
	if (req_fail(r, sel_candidates(r->a, e.id, &ed, &c, &apps, &n)))
		return;
	sel_result res;
	if (selection_solve(r->a, &ed.rules, c, n, 0, &res)) {
		page_error(r, 500, NULL);
		return;
	}
	/* The proposal is recomputed here: if the applications changed since
	 * the committee looked at it, say so rather than apply another one. */
	const char *expect = req_form(r, "expect");
	long long expected;
	if (!page_int(expect, 0, INT32_MAX, &expected) || expected != res.nchosen) {
		reg_refuse(
			r, 409,
			tr(r->lang,
			   "The applications changed since the proposal was shown. Look at the new proposal before accepting it."),
			"/admin/selection?propose=1");
		return;
	}
	cf_err err = sel_apply(r->user_id, e.id, apps, res.chosen, n);
	if (err) {
		reg_refuse(
			r, 409,
			tr(r->lang,
			   "The proposal could not be applied (another change happened, or records still hold an exhibitor). Nothing was changed."),
			"/admin/selection?propose=1");
		return;
	}
	resp_redirect(r, "/admin/selection?done=applied");
}

/* POST /admin/selection/publish  confirm */
void page_selection_publish(request *r)
{
	lang l = r->lang;
	edition e;
	sel_edition ed;
	if (context(r, &e, &ed))
		return;
	/* Nothing is published without its preview read and confirmed. */
	if (!req_form(r, "previewed") || !req_form(r, "confirm")) {
		resp_redirect(r, "/admin/selection/preview");
		return;
	}
	int accepted;
	unsigned broken;
	if (req_fail(r, sel_accepted_breaks(r->a, e.id, &ed, &accepted, &broken)))
		return;
	if (broken && !req_form(r, "confirm")) {
		r->status = 422;
		render(r, &e, &ed, NULL,
		       tr(l,
			  "The selection breaks some rules: tick the box to publish it anyway."));
		return;
	}
	int added, removed;
	cf_err err = sel_publish(r->user_id, e.id, &added, &removed);
	if (err == CF_ERR_CONFLICT) {
		reg_refuse(
			r, 409,
			tr(l,
			   "Publication failed: an exhibitor to remove is still held by other records (stand, prize entries). Nothing was changed."),
			"/admin/selection");
		return;
	}
	if (err) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/selection?done=published&added=%d&removed=%d",
				      added, removed));
}
