/*
 * prize_jury.c - the juror's side of the creativity prize, made for a phone.
 *
 *   GET  /jury                        the juror's entries by category, progress
 *   GET  /jury/entries/{id}           one entry's score sheet
 *   POST /jury/entries/{id}           c0..cN (one integer per criterion), comment
 *   POST /jury/entries/{id}/conflict  reason: declare a tie with the entry
 *
 * The model decides what a juror may see: only entries assigned to them and
 * not conflicted; any other id is a 404, exactly like a missing one.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "prize.h"
#include "stand.h"

#include <errno.h>
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
			"<li><a href=\"/jury/entries/%lld\"><bdi>%s</bdi></a> <span class=\"status %s\">%s</span></li>",
			(long long)v[i].entry_id, first,
			v[i].scored == v[i].ncrit ? "done" : "todo", status);
	}
	html_raw(o, "</ul>");
	page_end(r);
}

/* sheet - the form; typed/err (may be NULL) re-show a refused submission. */
static void sheet(request *r, const prize_sheet *p, const char *const *typed, const char *comment,
		  int bad, const char *notice)
{
	lang l = r->lang;
	buf *o = &r->out;
	const char *first = l == LANG_AR ? p->name_ar : p->name_fr,
		   *second = l == LANG_AR ? p->name_fr : p->name_ar;
	page_begin(r, first, 0);
	html_printf(o, "<p><a href=\"/jury\">%s</a></p>", tr(l, "All my entries"));
	html_printf(o, "<h1><bdi>%s</bdi> <span class=\"other\"><bdi>%s</bdi></span></h1>", first,
		    second);
	if (p->is_sample)
		sample_note(r);
	html_printf(o, "<p>%s · <bdi>%s</bdi> · %s: <bdi>%s</bdi></p>", text3_get(&p->category, l),
		    text3_get(&p->province, l), tr(l, "Products"),
		    l == LANG_AR ? p->products_ar : p->products_fr);
	stand_sheet_line(r, p->entry_id);
	if (notice)
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>", notice);
	if (bad != -2)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>",
			    tr(l, "The scores were not saved. Correct the field marked below."));
	int open = p->state == PRIZE_OPEN;
	if (!open)
		html_printf(
			o, "<p class=\"tag\">%s</p>",
			tr(l,
			   "The committee has closed this category: scores can no longer change."));
	html_printf(
		o,
		"<form method=\"post\" action=\"/jury/entries/%lld\" class=\"stack score-sheet\">",
		(long long)p->entry_id);
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
			arena_printf(r->a, "%.2f", c->weight));
		html_printf(
			o,
			"<input id=\"c%d\" name=\"c%d\" type=\"number\" inputmode=\"numeric\" min=\"%d\" max=\"%d\" "
			"step=\"1\" required dir=\"ltr\" value=\"%s\"%s",
			i, i, c->min, c->max, val, open ? "" : " disabled");
		if (bad == i)
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
	if (bad == -1)
		html_printf(o, "<span class=\"field-error\">%s</span>",
			    tr(l, "The comment is too long (2,000 characters at most)."));
	if (open)
		html_printf(o, "<button type=\"submit\">%s</button>", tr(l, "Save my scores"));
	html_raw(o, "</form>");
	if (open) {
		html_printf(
			o,
			"<details class=\"conflict\"><summary>%s</summary>"
			"<form method=\"post\" action=\"/jury/entries/%lld/conflict\" class=\"stack\">",
			tr(l, "I have a tie with this cooperative"), (long long)p->entry_id);
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

/* GET /jury/entries/{id} */
void page_prize_sheet(request *r)
{
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		page_error(r, 404, NULL);
		return;
	}
	sheet(r, &p, NULL, NULL, -2,
	      req_query(r, "saved") ? tr(r->lang, "Your scores are saved.") : NULL);
}

static int parse_int(const char *s, int *out)
{
	if (!s || !*s || strlen(s) > 6)
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = (int)v;
	return 0;
}

/* POST /jury/entries/{id}  c0..cN, comment */
void page_prize_sheet_save(request *r)
{
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		page_error(r, 404, NULL);
		return;
	}
	int values[PRIZE_CRITERIA_MAX], bad = -2;
	const char *typed[PRIZE_CRITERIA_MAX];
	for (int i = 0; i < p.ncrit; i++) {
		typed[i] = req_form(r, arena_printf(r->a, "c%d", i));
		if (!typed[i])
			typed[i] = "";
		if (bad == -2 && (parse_int(typed[i], &values[i]) || values[i] < p.crit[i].min ||
				  values[i] > p.crit[i].max))
			bad = i;
	}
	const char *comment = req_form(r, "comment");
	if (!comment)
		comment = "";
	if (bad == -2 && strlen(comment) > PRIZE_COMMENT_MAX)
		bad = -1;
	if (bad != -2) {
		r->status = 400;
		sheet(r, &p, typed, comment, bad, NULL);
		return;
	}
	cf_err e = prize_score_save(r->user_id, r->id, values, p.ncrit, comment, &bad);
	if (e == CF_ERR_STATE) {
		r->status = http_status(e);
		sheet(r, &p, typed, comment, -2,
		      tr(r->lang,
			 "The committee has closed this category: scores can no longer change."));
		return;
	}
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		sheet(r, &p, typed, comment, bad, NULL);
		return;
	}
	if (e) {
		page_error(r, e == CF_ERR_NOTFOUND ? 404 : 500, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/jury/entries/%lld?saved=1", (long long)r->id));
}

/* POST /jury/entries/{id}/conflict  reason */
void page_prize_conflict(request *r)
{
	const char *reason = req_form(r, "reason");
	prize_sheet p;
	if (prize_jury_sheet(r->a, r->user_id, r->id, &p)) {
		page_error(r, 404, NULL);
		return;
	}
	if (!reason || !*reason || strlen(reason) > PRIZE_REASON_MAX) {
		r->status = 400;
		sheet(r, &p, NULL, NULL, -2,
		      tr(r->lang,
			 "Say what ties you to this cooperative (500 characters at most)."));
		return;
	}
	cf_err e = prize_declare_conflict(r->user_id, r->id, reason);
	if (e) {
		page_error(r, e == CF_ERR_NOTFOUND ? 404 : 500, NULL);
		return;
	}
	resp_redirect(r, "/jury");
}
