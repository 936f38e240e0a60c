/*
 * prize_admin.c - the committee's side of the creativity prize.
 *
 *   GET  /admin/prize                        categories, state, the log's check
 *   GET  /admin/prize/categories/{id}        ranking: corrected score beside the
 *                                            plain mean, every juror's marks per
 *                                            criterion, jurors' offsets, scales,
 *                                            noise and a flag in plain words
 *   POST /admin/prize/categories/{id}/assign   solve and store the assignment
 *   POST /admin/prize/categories/{id}/close    no more score changes
 *   POST /admin/prize/categories/{id}/reopen   back to scoring
 *   POST /admin/prize/categories/{id}/publish  freeze results, winners public
 *                                            (close and publish warn with the
 *                                            numbers first; confirm=1 goes on)
 *   POST /admin/prize/categories/{id}/unpublish  reason: withdraw a publication
 *
 * The certificates (PDF) are in prize_certificates.c.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "prize.h"
#include "edition.h"

#include <math.h>
#include <string.h>

static const char *state_label(lang l, prize_state s)
{
	return s == PRIZE_OPEN	   ? tr(l, "Open for scoring")
	       : s == PRIZE_CLOSED ? tr(l, "Closed")
				   : tr(l, "Published");
}

static const char *tie_label(lang l, const char *rule)
{
	if (!strcmp(rule, "plain_mean"))
		return tr(l, "the higher plain mean wins a tie");
	if (!strcmp(rule, "first_criterion"))
		return tr(l, "the higher mean on the first criterion wins a tie");
	return tr(l, "the earlier entry wins a tie");
}

/* state_broken - what differs in category `name`, in the committee's words
 * (each sentence a literal: printf-checked and extracted for translation). */
static const char *state_broken(request *r, const char *kind, const char *name)
{
	lang l = r->lang;
	if (!strcmp(kind, "rules"))
		return arena_printf(
			r->a,
			tr(l,
			   "Category %s: its criteria, their weights or its rules (jurors per entry, winners, tie rule) differ from what the log recorded."),
			name);
	if (!strcmp(kind, "jurors"))
		return arena_printf(
			r->a, tr(l, "Category %s: its jury differs from what the log recorded."),
			name);
	if (!strcmp(kind, "entries"))
		return arena_printf(
			r->a, tr(l, "Category %s: its entries differ from what the log recorded."),
			name);
	if (!strcmp(kind, "conflicts"))
		return arena_printf(
			r->a,
			tr(l,
			   "Category %s: its conflicts of interest differ from what the log recorded."),
			name);
	if (!strcmp(kind, "assign"))
		return arena_printf(
			r->a,
			tr(l,
			   "Category %s: the assignment of entries to jurors differs from what the log recorded."),
			name);
	if (!strcmp(kind, "state"))
		return arena_printf(
			r->a,
			tr(l,
			   "Category %s: its state differs from the log, or a record that changes the result was added after it was closed."),
			name);
	if (!strcmp(kind, "result"))
		return arena_printf(
			r->a,
			tr(l,
			   "Category %s: its published results (ranks, scores or codes) differ from what the log recorded."),
			name);
	return arena_printf(r->a, tr(l, "Category %s differs from what the log recorded."), name);
}

/* chain_box - the log's check, and when it fails, what broke. */
static void chain_box(request *r)
{
	lang l = r->lang;
	prize_chain c;
	prize_verify(r->a, &c);
	buf *o = &r->out;
	if (c.ok) {
		html_printf(
			o,
			"<p class=\"ok-box\" id=\"chain\" role=\"status\">%s <code dir=\"ltr\" class=\"head\">%s</code>",
			arena_printf(
				r->a,
				tr(l,
				   "The log holds. Records checked: %ld, each chained to the one before; the scores, criteria, jurors, conflicts, assignments and results match it."),
				c.records),
			*c.head ? c.head : "-");
		if (c.keyed)
			html_printf(o, " %s",
				    arena_printf(r->a,
						 tr(l, "Records sealed with the prize key: %ld."),
						 c.keyed));
		if (c.unlogged)
			html_printf(
				o, " %s",
				arena_printf(
					r->a,
					tr(l,
					   "Categories set up before the full log: %d. Their set-up is checked from their next change."),
					c.unlogged));
		html_raw(o, "</p>");
		return;
	}
	const char *msg;
	switch (c.what) {
	case PRIZE_BREAK_LINK:
	case PRIZE_BREAK_HASH:
		msg = arena_printf(
			r->a,
			tr(l, "The log is broken at record %lld: it was altered outside coopfair."),
			(long long)c.broken_id);
		break;
	case PRIZE_BREAK_KEY:
		msg = arena_printf(
			r->a,
			tr(l,
			   "Record %lld is not sealed as the prize key requires: the log was rewritten without the key (or the server has not run with the key yet)."),
			(long long)c.broken_id);
		break;
	case PRIZE_BREAK_READ:
		msg = tr(l,
			 "The log could not be read from the database: it cannot be said to hold.");
		break;
	case PRIZE_BREAK_MARK:
		msg = tr(
			l,
			"The log does not end with the last record coopfair wrote: records were removed from its end, or added outside coopfair.");
		break;
	case PRIZE_BREAK_ANCHOR:
		msg = tr(
			l,
			"A head recorded when a category was closed or published is no longer in the log: the log was cut short or rewritten.");
		break;
	case PRIZE_BREAK_STATE: {
		prize_category cat;
		const char *name = prize_category_get(r->a, c.category_id, &cat)
					   ? "?"
					   : text3_get(&cat.name, l);
		msg = state_broken(r, c.kind, name);
		break;
	}
	default:
		msg = arena_printf(
			r->a,
			tr(l,
			   /* TRANSLATORS: not a count: %lld is the entry's number. */
			   "A score of entry %lld differs from the score log: it was altered outside coopfair."),
			(long long)c.entry_id);
	}
	html_printf(o, "<p class=\"error-box\" id=\"chain\" role=\"alert\">%s</p>", msg);
}

/* GET /admin/prize */
void page_prize_admin(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	prize_category *c;
	size_t n = 0;
	req_fail(r, prize_categories(r->a, ed.id, &c, &n));
	page_begin(r, tr(l, "Creativity prize"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Creativity prize"));
	chain_box(r);
	int sample = 0;
	for (size_t i = 0; i < n; i++)
		sample |= c[i].is_sample;
	if (sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
	html_printf(
		o,
		"<div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Category"), tr(l, "State"), tr(l, "Entries"), tr(l, "Jurors"),
		tr(l, "Sheets scored"), tr(l, "Jurors per entry"));
	for (size_t i = 0; i < n; i++)
		html_printf(
			o,
			"<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%d</td><td>%d</td><td>%d / %d</td><td>%d</td></tr>",
			site_href(r, "/admin/prize/categories/%lld", (long long)c[i].id),
			text3_get(&c[i].name, l), state_label(l, c[i].state), c[i].entries,
			c[i].jurors, c[i].sheets_done, c[i].assignments, c[i].k);
	html_printf(o, "</tbody></table></div><p><a class=\"button\" href=\"%s\">%s</a></p>",
		    site_href(r, "/admin/prize/certificates.pdf"),
		    tr(l, "All certificates of published categories (PDF)"));
	page_end(r);
}

static void action(request *r, int64_t id, const char *what, const char *label)
{
	html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"inline\">",
		    site_href(r, "/admin/prize/categories/%lld/%s", (long long)id, what));
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form> ", label);
}

static const char *flag_text(lang l, prize_juror_flag f)
{
	switch (f) {
	case PRIZE_FLAG_FAVOURITE:
		return tr(
			l,
			"Gives one entry far more than the other jurors do, and others far less: check for favouritism before closing.");
	case PRIZE_FLAG_NOISY:
		return tr(
			l,
			"Much less consistent than the other jurors: their scores count less in the corrected score.");
	case PRIZE_FLAG_STRAY:
		return tr(l, "Often far from the other jurors on the same entries: worth a look.");
	default:
		return tr(l, "In line with the other jurors.");
	}
}

/* jurors_table - per juror: offset, scale, noise, distance from the other
 * jurors on the same entries, and a flag in plain words. */
static void jurors_table(request *r, const prize_results *res)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o,
		"<h2 id=\"jurors\">%s</h2><p>%s</p><div class=\"table-wrap\"><table class=\"jurors\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Jurors"),
		tr(l,
		   "Noise: how far a juror's scores scatter around what the model expects (the corrected score weighs each juror by it). Distance: how far, on average, their scores are from the other jurors' on the same entries."),
		tr(l, "Juror"), tr(l, "Organisation"), tr(l, "Sheets scored"),
		tr(l, "Offset (points)"), tr(l, "Use of the scale"), tr(l, "Noise (points)"),
		tr(l, "Distance from the others (points)"), tr(l, "What to look at"));
	for (int j = 0; j < res->njurors; j++) {
		const prize_juror_fit *f = &res->jurors[j];
		html_printf(
			o,
			"<tr%s><td><bdi>%s</bdi></td><td>%s</td><td>%d</td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%s</td><td class=\"flag\">%s</td></tr>",
			f->flag ? " class=\"flagged\"" : "", page_text(r, f->name), f->organisation,
			f->load,
			arena_printf(r->a, "%s%s", f->offset < 0 ? "-" : "+",
				     fmt_dec(r, fabs(f->offset), 2)),
			arena_printf(r->a, "×%s", fmt_dec(r, f->scale, 2)),
			f->load ? fmt_dec(r, f->noise, 2) : "—",
			f->load ? fmt_dec(r, f->stray, 2) : "—",
			f->load ? flag_text(l, f->flag) : "—");
	}
	html_raw(o, "</tbody></table></div>");
}

static void category_page(request *r, const char *message, int is_error, const char *confirm)
{
	lang l = r->lang;
	prize_category cat;
	if (prize_category_get(r->a, r->id, &cat)) {
		page_error(r, 404, NULL);
		return;
	}
	prize_results res;
	if (prize_compute(r->a, r->id, &res)) {
		page_error(r, 500, NULL);
		return;
	}
	page_begin(r, text3_get(&cat.name, l), 0);
	buf *o = &r->out;
	html_printf(o, "<p><a href=\"%s\">%s</a></p><h1>%s — %s</h1>", site_href(r, "/admin/prize"),
		    tr(l, "Creativity prize"), tr(l, "Creativity prize"), text3_get(&cat.name, l));
	if (cat.is_sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
	if (message && confirm) {
		/* a warning with its numbers, and the way to go on anyway */
		html_printf(
			o,
			"<div class=\"error-box\" role=\"alert\" id=\"warning\"><p>%s</p><form method=\"post\" action=\"%s\" class=\"inline\">",
			message,
			site_href(r, "/admin/prize/categories/%lld/%s", (long long)cat.id,
				  confirm));
		page_csrf_field(r);
		html_printf(
			o,
			"<input type=\"hidden\" name=\"previewed\" value=\"1\"><input type=\"hidden\" "
			"name=\"confirm\" value=\"1\"><button type=\"submit\" "
			"id=\"confirm\">%s</button></form> <a href=\"%s\">%s</a></div>",
			!strcmp(confirm, "close") ? tr(l, "Close scoring anyway")
						  : tr(l, "Publish anyway"),
			site_href(r, "/admin/prize/categories/%lld", (long long)cat.id),
			tr(l, "Cancel"));
	} else if (message) {
		html_printf(o, "<p class=\"%s\" role=\"%s\">%s</p>",
			    is_error ? "error-box" : "ok-box", is_error ? "alert" : "status",
			    message);
	}
	if (cat.state != PRIZE_PUBLISHED && *cat.unpublished_at)
		html_printf(
			o, "<p class=\"found\">%s <q><bdi>%s</bdi></q></p>",
			arena_printf(
				r->a,
				tr(l,
				   "The publication was withdrawn on %s; the public page says so. Its reason:"),
				cat.unpublished_at),
			cat.unpublish_reason);
	html_printf(o, "<p>%s%s <strong id=\"state\">%s</strong> · %s · %s</p>", tr(l, "State"),
		    l == LANG_FR ? "\u202f:" : ":", state_label(l, cat.state),
		    arena_printf(r->a, trn(l, "%d juror per entry", "%d jurors per entry", cat.k),
				 cat.k),
		    tie_label(l, cat.tie_rule));
	html_printf(o, "<p>%s</p>",
		    arena_printf(r->a,
				 trn(l, "%d of %d sheet scored.", "%d of %d sheets scored.",
				     cat.assignments),
				 cat.sheets_done, cat.assignments));
	if (res.njurors && res.components > 1)
		html_printf(
			o, "<p class=\"error-box\">%s</p>",
			tr(l,
			   "Some jurors never scored an entry in common with the others: how harsh or lenient they are cannot be compared, so their scores are not corrected against each other."));
	html_printf(o, "<div class=\"actions\"><a class=\"button\" href=\"%s\">%s</a> ",
		    site_href(r, "/admin/prize/categories/%lld/setup", (long long)cat.id),
		    tr(l, "Set-up: rules, criteria, jury, conflicts"));
	if (cat.state == PRIZE_OPEN) {
		action(r, cat.id, "assign", tr(l, "Assign entries to jurors"));
		action(r, cat.id, "close", tr(l, "Close scoring"));
	} else if (cat.state == PRIZE_CLOSED) {
		action(r, cat.id, "reopen", tr(l, "Reopen scoring"));
		action(r, cat.id, "publish", tr(l, "Publish the results"));
	}
	html_raw(o, "</div>");
	if (cat.state == PRIZE_PUBLISHED) {
		html_printf(
			o,
			"<details class=\"unpublish\"><summary>%s</summary><form method=\"post\" action=\"%s\" class=\"stack\">",
			tr(l, "Withdraw the publication"),
			site_href(r, "/admin/prize/categories/%lld/unpublish", (long long)cat.id));
		page_csrf_field(r);
		html_printf(
			o,
			"<label for=\"reason\">%s</label><textarea id=\"reason\" name=\"reason\" rows=\"2\" required maxlength=\"500\"></textarea><button type=\"submit\">%s</button></form></details>",
			tr(l, "Why (shown on the public page)"), tr(l, "Withdraw the publication"));
	}
	if (*cat.closed_head || *cat.published_head)
		html_printf(o,
			    "<p class=\"found\">%s <code dir=\"ltr\" class=\"head\">%s</code></p>",
			    *cat.published_head ? tr(l, "Head of the log at publication:")
						: tr(l, "Head of the log at closing:"),
			    *cat.published_head ? cat.published_head : cat.closed_head);

	html_printf(
		o, "<h2>%s</h2><p>%s</p>", tr(l, "Ranking"),
		tr(l,
		   "The corrected score removes each juror's estimated leniency or harshness and use of the scale (a two-way model fitted on the entries jurors share); the plain mean is shown beside it."));
	html_printf(
		o,
		"<div class=\"table-wrap\"><table class=\"ranking\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Rank"), tr(l, "Entry"), tr(l, "Corrected score"), tr(l, "Plain mean (rank)"),
		tr(l, "Why they differ"), tr(l, "Scores per juror"));
	for (int i = 0; i < res.n; i++) {
		prize_ranked *e = &res.entries[i];
		html_printf(
			o,
			"<tr><td>%s</td><td><bdi>%s</bdi><span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>%s</td>",
			e->rank ? arena_printf(r->a, "%d", e->rank) : "—",
			l == LANG_AR ? e->name_ar : e->name_fr, l == LANG_AR ? "fr" : "ar",
			l == LANG_AR ? e->name_fr : e->name_ar,
			e->withdrawn ? arena_printf(r->a, " <span class=\"tag\">%s</span>",
						    tr(l, "Withdrawn from the fair: not ranked"))
				     : "");
		if (!e->nmarks) {
			html_printf(o, "<td>—</td><td>—</td><td>%s</td><td></td></tr>",
				    tr(l, "No complete score yet."));
			continue;
		}
		html_printf(o, "<td>%s</td><td>%s (%d)</td><td>", fmt_dec(r, e->adjusted, 2),
			    fmt_dec(r, e->plain, 2), e->plain_rank);
		if (e->reason_juror &&
		    (e->plain_rank != e->rank || fabs(e->adjusted - e->plain) >= 0.5))
			html_printf(
				o, "%s",
				arena_printf(
					r->a,
					/* the points agree with the whole part of the
					 * gap: "1,4 point", "2,5 points" */
					e->reason_offset < 0
						? trn(l,
						      "Juror %s scores harsher than average (by %s point) and scored this entry.",
						      "Juror %s scores harsher than average (by %s points) and scored this entry.",
						      (long)fabs(e->reason_offset))
						: trn(l,
						      "Juror %s scores more leniently than average (by %s point) and scored this entry.",
						      "Juror %s scores more leniently than average (by %s points) and scored this entry.",
						      (long)fabs(e->reason_offset)),
					page_text(r, e->reason_name),
					fmt_dec(r, fabs(e->reason_offset), 1)));
		html_raw(o, "</td><td><ul class=\"marks\">");
		for (int t = 0; t < e->nmarks; t++) {
			html_printf(o,
				    "<li><bdi>%s</bdi>%s <strong>%s</strong> <span dir=\"ltr\">(",
				    page_text(r, e->marks[t].juror), l == LANG_FR ? "\u202f:" : ":",
				    fmt_dec(r, e->marks[t].y, 1));
			for (int c = 0; c < res.ncrit; c++)
				html_printf(o, "%s%d", c ? " / " : "", e->marks[t].value[c]);
			html_raw(o, ")</span>");
			if (*e->marks[t].comment)
				html_printf(o, " <q><bdi>%s</bdi></q>",
					    text_pick(e->marks[t].comment, l,
						      arena_alloc(r->a, 2000), 2000));
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul>");
		if (cat.state == PRIZE_PUBLISHED)
			html_printf(o, "<a href=\"%s\">%s</a>",
				    site_href(r, "/admin/prize/certificates/%lld",
					      (long long)e->entry_id),
				    tr(l, "Certificate (PDF)"));
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table></div>");
	html_printf(o, "<p class=\"found\">%s ", tr(l, "Criteria, in the order of the scores:"));
	for (int c = 0; c < res.ncrit; c++)
		html_printf(o, "%s%s (%s)", c ? " / " : "", text3_get(&res.crit[c].name, l),
			    fmt_dec(r, res.crit[c].weight, 2));
	html_raw(o, "</p>");

	jurors_table(r, &res);
	page_end(r);
}

/* GET /admin/prize/categories/{id} */
void page_prize_admin_category(request *r)
{
	const char *m = req_query(r, "done");
	const char *msg = NULL;
	if (m && !strcmp(m, "assign"))
		msg = tr(r->lang, "The entries are assigned: every constraint holds.");
	else if (m && !strcmp(m, "assign1"))
		msg = tr(
			r->lang,
			"The entries are assigned: every constraint holds. Some jurors have one entry more than the smallest possible load: without it the jurors would fall into groups that share no entry, and their leniency could not be compared.");
	else if (m && !strcmp(m, "close"))
		msg = tr(r->lang, "Scoring is closed.");
	else if (m && !strcmp(m, "reopen"))
		msg = tr(r->lang, "Scoring is open again.");
	else if (m && !strcmp(m, "publish"))
		msg = tr(r->lang, "The results are published.");
	else if (m && !strcmp(m, "unpublish"))
		msg = tr(
			r->lang,
			"The publication is withdrawn: the results left the public site, which says so.");
	category_page(r, msg, 0, NULL);
}

static const char *unmet_message(request *r, const prize_assign_info *info, const char *entry,
				 int k)
{
	lang l = r->lang;
	switch (info->unmet) {
	case PRIZE_UNMET_NO_ENTRIES:
		return tr(l, "The category has no entries to assign.");
	case PRIZE_UNMET_FEW_JURORS:
		return arena_printf(
			r->a,
			trn(l, "Jurors needed per entry: %d; the category has only %d juror.",
			    "Jurors needed per entry: %d; the category has only %d jurors.",
			    info->count),
			k, info->count);
	case PRIZE_UNMET_ENTRY_ALLOWED:
		return arena_printf(
			r->a,
			trn(l,
			    "Jurors needed per entry: %d; entry %s has only %d juror without a conflict.",
			    "Jurors needed per entry: %d; entry %s has only %d jurors without a conflict.",
			    info->count),
			k, entry, info->count);
	case PRIZE_UNMET_GROUP:
		return arena_printf(
			r->a,
			tr(l,
			   "Entries that cannot get enough jurors without a conflict: %d (the first: %s). Jurors needed per entry: %d."),
			info->count, entry, k);
	case PRIZE_UNMET_SPLIT:
		return arena_printf(
			r->a,
			tr(l,
			   "The conflicts of interest split the jurors and the entries into separate groups (number of groups: %d). No juror may score entries of two groups, so no assignment can compare the jurors of different groups. Add a juror without conflicts in both groups, or lift a conflict."),
			info->count);
	case PRIZE_UNMET_CONNECTED:
		return arena_printf(
			r->a,
			trn(l,
			    "Every entry has its jurors, but the jurors fall into %d group that shares no entry: add a juror who can judge entries of several groups.",
			    "Every entry has its jurors, but the jurors fall into %d groups that share no entry: add a juror who can judge entries of several groups.",
			    info->count),
			info->count);
	default:
		return tr(l, "The assignment failed.");
	}
}

/* POST /admin/prize/categories/{id}/assign */
void page_prize_assign(request *r)
{
	prize_assign_info info;
	const char *entry;
	prize_category cat;
	if (prize_category_get(r->a, r->id, &cat)) {
		page_error(r, 404, NULL);
		return;
	}
	cf_err e = prize_assign_category(r->a, r->user_id, r->id, &info, &entry);
	if (!e) {
		resp_redirect(r,
			      arena_printf(r->a, "/admin/prize/categories/%lld?done=%s",
					   (long long)r->id, info.raised ? "assign1" : "assign"));
		return;
	}
	r->status = 409;
	if (e == CF_ERR_CONFLICT && info.unmet == PRIZE_MET)
		category_page(
			r,
			tr(r->lang,
			   "Scoring has started or the category is closed: the assignment can no longer change."),
			1, NULL);
	else
		category_page(r, unmet_message(r, &info, entry, cat.k), 1, NULL);
}

static void not_in_state(request *r)
{
	r->status = 409;
	category_page(
		r,
		tr(r->lang,
		   "The category is not in the state this action needs; nothing was changed."),
		1, NULL);
}

static void done(request *r, const char *what)
{
	resp_redirect(r, arena_printf(r->a, "/admin/prize/categories/%lld?done=%s",
				      (long long)r->id, what));
}

static int confirmed(request *r)
{
	const char *c = req_form(r, "confirm");
	return c && !strcmp(c, "1");
}

/* previewed - the preview (prize_preview.c) was shown: its form says so. */
static int previewed(request *r)
{
	const char *c = req_form(r, "previewed");
	return c && !strcmp(c, "1");
}

/* POST /admin/prize/categories/{id}/close  previewed=1 confirm=1 from the
 * preview; without previewed, the preview */
void page_prize_close(request *r)
{
	lang l = r->lang;
	if (!previewed(r)) {
		prize_preview_page(r, 0);
		return;
	}
	prize_warning w;
	cf_err e = prize_close(r->user_id, r->id, confirmed(r), &w);
	if (e == CF_ERR_PERM) {
		r->status = 409;
		const char *msg = "";
		if (w.missing_sheets)
			msg = arena_printf(
				r->a,
				trn(l,
				    "%d score sheet of %d is still missing: once closed, no juror can add it.",
				    "%d score sheets of %d are still missing: once closed, no juror can add them.",
				    w.missing_sheets),
				w.missing_sheets, w.sheets);
		if (w.flagged_jurors)
			msg = arena_printf(
				r->a, "%s %s", msg,
				arena_printf(
					r->a,
					trn(l,
					    "%d juror is flagged in the table of jurors below: look at their scores first.",
					    "%d jurors are flagged in the table of jurors below: look at their scores first.",
					    w.flagged_jurors),
					w.flagged_jurors));
		category_page(r, msg, 1, "close");
		return;
	}
	if (e == CF_ERR_CONFLICT || e == CF_ERR_NOTFOUND) {
		not_in_state(r);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	done(r, "close");
}

/* POST /admin/prize/categories/{id}/reopen */
void page_prize_reopen(request *r)
{
	cf_err e = prize_reopen(r->user_id, r->id);
	if (e == CF_ERR_CONFLICT || e == CF_ERR_NOTFOUND) {
		not_in_state(r);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	done(r, "reopen");
}

/* POST /admin/prize/categories/{id}/publish  previewed=1 confirm=1 from
 * the preview; without previewed, the preview */
void page_prize_publish(request *r)
{
	if (!previewed(r)) {
		prize_preview_page(r, 1);
		return;
	}
	prize_warning w;
	cf_err e = prize_publish(r->user_id, r->id, confirmed(r), &w);
	if (e == CF_ERR_PERM) {
		r->status = 409;
		category_page(
			r,
			arena_printf(
				r->a,
				trn(r->lang,
				    "%d winner was scored by fewer than %d jurors (the fewest: %d). Publish only if the committee accepts it.",
				    "%d winners were scored by fewer than %d jurors (the fewest: %d). Publish only if the committee accepts it.",
				    w.podium_short),
				w.podium_short, w.k, w.fewest),
			1, "publish");
		return;
	}
	if (e == CF_ERR_CONFLICT || e == CF_ERR_NOTFOUND) {
		not_in_state(r);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	done(r, "publish");
}

/* POST /admin/prize/categories/{id}/unpublish  reason */
void page_prize_unpublish(request *r)
{
	const char *reason = req_form(r, "reason");
	cf_err e = prize_unpublish(r->user_id, r->id, reason ? reason : "");
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		category_page(
			r,
			tr(r->lang,
			   "Say why the publication is withdrawn (500 characters at most): the public page shows it."),
			1, NULL);
		return;
	}
	if (e == CF_ERR_CONFLICT || e == CF_ERR_NOTFOUND) {
		not_in_state(r);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	done(r, "unpublish");
}
