/*
 * prize_jury.c - the juror's side of the creativity prize, made for a phone.
 *
 *   GET  /jury                        the juror's entries by category, those
 *                                     still to score first, progress
 *   GET  /jury/entries/{id}           one entry's score sheet: stand, photos
 *   POST /jury/entries/{id}           c0..cN (one integer per criterion, Arabic-
 *                                     Indic digits accepted), comment; then the
 *                                     next entry still to score
 *   POST /jury/entries/{id}/conflict  reason: declare a tie with the entry
 *   GET  /jury/photos/{id}            a photo of an entry the juror scores
 *
 * The model decides what a juror may see: only entries assigned to them and
 * not conflicted. An entry they are in conflict with gets a page that says
 * so (403); any other id is a 404, exactly like a missing one.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "../model/registry_app.h"
#include "../model/registry_text.h"
#include "prize.h"
#include "registry.h"
#include "stand.h"

#include <stdlib.h>
#include <string.h>

static void sample_note(request *r)
{
	html_printf(
		&r->out, "<p class=\"sample\" role=\"note\">%s</p>",
		tr(r->lang,
		   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
}

static const char *state_label(lang l, prize_state s)
{
	return s == PRIZE_OPEN	   ? tr(l, "Open for scoring")
	       : s == PRIZE_CLOSED ? tr(l, "Closed")
				   : tr(l, "Published");
}

static int complete(const prize_sheet *p)
{
	return p->ncrit && p->scored == p->ncrit;
}

/* GET /jury */
void page_prize_jury(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	prize_sheet *v;
	size_t n = 0;
	req_fail(r, prize_jury_entries(r->a, r->user_id, ed.id, &v, &n));
	page_begin(r, tr(l, "Prize jury"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Prize jury"));
	if (req_query(r, "conflict"))
		html_printf(
			o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			tr(l,
			   "Your conflict of interest is recorded: you will not score this entry, and the committee assigns it to another juror."));
	else if (req_query(r, "done"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your scores are saved. No entry is left for you to score."));
	int sample = 0, done = 0;
	for (size_t i = 0; i < n; i++) {
		sample |= v[i].is_sample;
		done += v[i].ncrit && v[i].scored == v[i].ncrit;
	}
	if (sample)
		sample_note(r);
	if (!n) {
		html_printf(o, "<p>%s</p>", tr(l, "No entry is assigned to you yet."));
		page_end(r);
		return;
	}
	html_printf(
		o,
		"<p class=\"progress-line\"><progress max=\"%zu\" value=\"%d\"></progress> %s</p>",
		n, done,
		arena_printf(r->a,
			     trn(l, "%d of %d entry scored", "%d of %d entries scored", (long)n),
			     done, (int)n));
	/* Within each category, the entries still to score come first (a
	 * stable pass: the model's order is kept otherwise). */
	for (size_t i = 1; i < n; i++)
		for (size_t t = i; t > 0 && v[t].category_id == v[t - 1].category_id &&
				   complete(&v[t - 1]) && !complete(&v[t]);
		     t--) {
			prize_sheet x = v[t];
			v[t] = v[t - 1], v[t - 1] = x;
		}
	int64_t cat = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].category_id != cat) {
			if (cat)
				html_raw(o, "</ul>");
			cat = v[i].category_id;
			html_printf(
				o,
				"<h2>%s <span class=\"tag\">%s</span></h2><ul class=\"jury-list\">",
				text3_get(&v[i].category, l), state_label(l, v[i].state));
		}
		const char *first = l == LANG_AR ? v[i].name_ar : v[i].name_fr;
		const char *status = v[i].scored == 0		? tr(l, "To score")
				     : v[i].scored < v[i].ncrit ? tr(l, "Incomplete")
								: tr(l, "Scored");
		html_printf(
			o,
			"<li><a href=\"%s\"><bdi>%s</bdi></a> <span class=\"status %s\">%s</span></li>",
			site_href(r, "/jury/entries/%lld", (long long)v[i].entry_id), first,
			v[i].scored == v[i].ncrit ? "done" : "todo", status);
	}
	html_raw(o, "</ul>");
	page_end(r);
}

/* next_to_score - the juror's next entry still to score after `after` in
 * their list (wrapping), or 0 when none is left. */
static int64_t next_to_score(request *r, int64_t after)
{
	edition ed;
	if (edition_current(r->a, &ed))
		return 0;
	prize_sheet *v;
	size_t n = 0, at = 0;
	if (prize_jury_entries(r->a, r->user_id, ed.id, &v, &n))
		return 0;
	while (at < n && v[at].entry_id != after)
		at++;
	for (size_t k = 1; k <= n; k++) {
		const prize_sheet *p = &v[(at + k) % n];
		if (p->entry_id != after && !complete(p) && p->state == PRIZE_OPEN)
			return p->entry_id;
	}
	return 0;
}

/* sheet - the form; typed (may be NULL) and bad[] re-show a refused
 * submission with every wrong field marked (bad[i] set; bad_comment). */
static void sheet(request *r, const prize_sheet *p, const char *const *typed, const char *comment,
		  const int *bad, int bad_comment, const char *notice)
{
	lang l = r->lang;
	buf *o = &r->out;
	const char *first = l == LANG_AR ? p->name_ar : p->name_fr,
		   *second = l == LANG_AR ? p->name_fr : p->name_ar;
	page_begin(r, first, 0);
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/jury"),
		    tr(l, "All my entries"));
	html_printf(o,
		    "<h1><bdi>%s</bdi> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span></h1>",
		    first, l == LANG_AR ? "fr" : "ar", second);
	if (p->is_sample)
		sample_note(r);
	stand_sheet_line(r, p->entry_id);
	if (notice)
		html_printf(o, "<p class=\"ok-box\" role=\"status\" id=\"notice\">%s</p>", notice);
	html_printf(o, "<p>%s · <bdi>%s</bdi> · %s <bdi>%s</bdi></p>", text3_get(&p->category, l),
		    text3_get(&p->province, l), tr(l, "Products:"),
		    l == LANG_AR ? p->products_ar : p->products_fr);
	if (*p->stand)
		html_printf(o, "<p class=\"stand\">%s <strong dir=\"ltr\">%s</strong></p>",
			    tr(l, "Stand"), p->stand);
	if (p->nphotos) {
		html_raw(o, "<ul class=\"entry-photos\">");
		for (int i = 0; i < p->nphotos; i++)
			html_printf(
				o,
				"<li><img src=\"%s\" alt=\"%s\" loading=\"lazy\" width=\"160\"></li>",
				site_href(r, "/jury/photos/%lld", (long long)p->photo_ids[i]),
				arena_printf(r->a, tr(l, "Photo %d of the products"), i + 1));
		html_raw(o, "</ul>");
	}
	int nbad = bad_comment;
	for (int i = 0; bad && i < p->ncrit; i++)
		nbad += bad[i] != 0;
	if (nbad)
		html_printf(
			o, "<p class=\"error-box\" role=\"alert\" id=\"errors\">%s</p>",
			arena_printf(
				r->a,
				trn(l,
				    "The scores were not saved: %d field is wrong, marked below.",
				    "The scores were not saved: %d fields are wrong, marked below.",
				    nbad),
				nbad));
	int open = p->state == PRIZE_OPEN;
	if (!open)
		html_printf(
			o, "<p class=\"tag\">%s</p>",
			tr(l,
			   "The committee has closed this category: scores can no longer change."));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack score-sheet\">",
		    site_href(r, "/jury/entries/%lld", (long long)p->entry_id));
	page_csrf_field(r);
	for (int i = 0; i < p->ncrit; i++) {
		const prize_criterion *c = &p->crit[i];
		const char *val = typed		     ? typed[i]
				  : p->value[i] >= 0 ? arena_printf(r->a, "%d", p->value[i])
						     : "";
		html_printf(
			o,
			"<label for=\"c%d\">%s <span class=\"scale\">(%d–%d, %s %s)</span></label>",
			i, text3_get(&c->name, l), c->min, c->max, tr(l, "weight"),
			fmt_dec(r, c->weight, 2));
		/* type=text: a number field would refuse Arabic-Indic digits */
		html_printf(
			o,
			"<input id=\"c%d\" name=\"c%d\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" "
			"maxlength=\"12\" required dir=\"ltr\" value=\"%s\"%s",
			i, i, val, open ? "" : " disabled");
		if (bad && bad[i])
			html_printf(
				o,
				" aria-invalid=\"true\" aria-describedby=\"c%d-err\"><span class=\"field-error\" id=\"c%d-err\">%s</span>",
				i, i,
				arena_printf(r->a, tr(l, "Enter a whole number from %d to %d."),
					     c->min, c->max));
		else
			html_raw(o, ">");
	}
	html_printf(
		o,
		"<label for=\"comment\">%s</label><textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"2000\"%s>%s</textarea>",
		tr(l, "Comment (seen by the committee only)"), open ? "" : " disabled",
		comment ? comment : p->comment);
	if (bad_comment)
		html_printf(o, "<span class=\"field-error\">%s</span>",
			    tr(l, "The comment is too long (2,000 characters at most)."));
	if (open)
		html_printf(o, "<button type=\"submit\">%s</button>",
			    tr(l, "Save my scores and go to the next entry"));
	html_raw(o, "</form>");
	int64_t next = open ? next_to_score(r, p->entry_id) : 0;
	if (next)
		html_printf(o, "<p><a href=\"%s\" id=\"next\">%s</a></p>",
			    site_href(r, "/jury/entries/%lld", (long long)next),
			    tr(l, "Next entry to score, without saving this one"));
	if (open) {
		html_printf(o,
			    "<details class=\"conflict\"><summary>%s</summary>"
			    "<form method=\"post\" action=\"%s\" class=\"stack\">",
			    tr(l, "I have a tie with this cooperative"),
			    site_href(r, "/jury/entries/%lld/conflict", (long long)p->entry_id));
		page_csrf_field(r);
		html_printf(
			o,
			"<label for=\"reason\">%s</label><textarea id=\"reason\" name=\"reason\" rows=\"2\" required maxlength=\"500\"></textarea>"
			"<button type=\"submit\">%s</button></form></details>",
			tr(l, "The tie (family, work, membership...)"),
			tr(l, "Declare the conflict and stop scoring this entry"));
	}
	page_end(r);
}

/* conflicted - the page for an entry the juror may not score because of a
 * conflict of interest: it says so, plainly (403). 0 when there is none. */
static int conflicted(request *r)
{
	lang l = r->lang;
	const char *source, *ar, *fr;
	if (prize_jury_conflict(r->a, r->user_id, r->id, &source, &ar, &fr))
		return 0;
	r->status = 403;
	page_begin(r, tr(l, "Conflict of interest"), 0);
	html_printf(&r->out, "<p><a href=\"%s\">%s</a></p><h1>%s</h1>", site_href(r, "/jury"),
		    tr(l, "All my entries"), tr(l, "Conflict of interest"));
	html_printf(
		&r->out, "<p class=\"error-box\" role=\"alert\" id=\"conflict\">%s</p>",
		arena_printf(
			r->a,
			!strcmp(source, "declared")
				? tr(l,
				     "You declared a conflict of interest with %s: you do not score this entry.")
			: !strcmp(source, "own_cooperative")
				? tr(l, "%s is your own cooperative: you do not score this entry.")
				: tr(l,
				     "A rule of the committee keeps you from scoring %s (a conflict of interest)."),
			l == LANG_AR ? ar : fr));
	page_end(r);
	return 1;
}

/* GET /jury/entries/{id} */
void page_prize_sheet(request *r)
{
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		if (!conflicted(r))
			page_error(r, 404, NULL);
		return;
	}
	const char *saved = req_query(r, "saved");
	sheet(r, &p, NULL, NULL, NULL, 0,
	      saved ? tr(r->lang, "Your scores are saved. Here is your next entry to score.")
		    : NULL);
}

/* parse_score - a whole number typed with Latin or Arabic-Indic digits
 * (spaces around it allowed); -1 when it is not one. */
static int parse_score(const char *s, int *out)
{
	char d[64];
	if (!s || strlen(s) > 40)
		return -1;
	registry_digits(s, d, sizeof d);
	char *p = d;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n && p[n - 1] == ' ')
		p[--n] = 0;
	if (!n || n > 4 || strspn(p, "0123456789") != n)
		return -1;
	*out = (int)strtol(p, NULL, 10);
	return 0;
}

/* POST /jury/entries/{id}  c0..cN, comment */
void page_prize_sheet_save(request *r)
{
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		if (!conflicted(r))
			page_error(r, 404, NULL);
		return;
	}
	int values[PRIZE_CRITERIA_MAX], bad[PRIZE_CRITERIA_MAX] = { 0 }, nbad = 0;
	const char *typed[PRIZE_CRITERIA_MAX];
	for (int i = 0; i < p.ncrit; i++) {
		typed[i] = req_form(r, arena_printf(r->a, "c%d", i));
		if (!typed[i])
			typed[i] = "";
		if (parse_score(typed[i], &values[i]) || values[i] < p.crit[i].min ||
		    values[i] > p.crit[i].max)
			bad[i] = 1, nbad++;
	}
	const char *comment = req_form(r, "comment");
	if (!comment)
		comment = "";
	int bad_comment = strlen(comment) > PRIZE_COMMENT_MAX;
	if (nbad || bad_comment) {
		r->status = 400;
		sheet(r, &p, typed, comment, bad, bad_comment, NULL);
		return;
	}
	int which;
	cf_err e = prize_score_save(r->user_id, r->id, values, p.ncrit, comment, &which);
	if (e == CF_ERR_STATE) {
		r->status = http_status(e);
		sheet(r, &p, typed, comment, NULL, 0,
		      tr(r->lang,
			 "The committee has closed this category: scores can no longer change."));
		return;
	}
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		if (which >= 0 && which < p.ncrit)
			bad[which] = 1;
		sheet(r, &p, typed, comment, bad, which == -1, NULL);
		return;
	}
	if (e) {
		page_error(r, e == CF_ERR_NOTFOUND ? 404 : 500, NULL);
		return;
	}
	/* Saved: on to the next entry still to score. */
	int64_t next = next_to_score(r, r->id);
	if (next)
		resp_redirect(r, arena_printf(r->a, "/jury/entries/%lld?saved=%lld",
					      (long long)next, (long long)r->id));
	else
		resp_redirect(r, "/jury?done=1");
}

/* POST /jury/entries/{id}/conflict  reason */
void page_prize_conflict(request *r)
{
	const char *reason = req_form(r, "reason");
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		if (!conflicted(r))
			page_error(r, 404, NULL);
		return;
	}
	if (!reason || !*reason || strlen(reason) > PRIZE_REASON_MAX) {
		r->status = 400;
		sheet(r, &p, NULL, NULL, NULL, 0,
		      tr(r->lang,
			 "Say what ties you to this cooperative (500 characters at most)."));
		return;
	}
	cf_err e = prize_declare_conflict(r->user_id, r->id, reason);
	if (e == CF_ERR_STATE) {
		r->status = 409;
		sheet(r, &p, NULL, NULL, NULL, 0,
		      tr(r->lang,
			 "The committee has closed this category: a conflict can no longer be declared here. Tell the committee."));
		return;
	}
	if (e) {
		page_error(r, e == CF_ERR_NOTFOUND ? 404 : 500, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/jury?conflict=%lld", (long long)r->id));
}

/* GET /jury/photos/{id} */
void page_prize_jury_photo(request *r)
{
	if (prize_jury_photo_allowed(r->user_id, r->id)) {
		page_error(r, 404, NULL);
		return;
	}
	reg_photo(r, 0); /* the one application-photo server (registry_review.c) */
}
