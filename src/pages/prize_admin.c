/*
 * prize_admin.c - the committee's side of the creativity prize.
 *
 *   GET  /admin/prize                        categories, state, the log's check
 *   GET  /admin/prize/categories/{id}        ranking: corrected score beside the
 *                                            plain mean, every juror's marks per
 *                                            criterion, jurors' offsets and scales
 *   POST /admin/prize/categories/{id}/assign   solve and store the assignment
 *   POST /admin/prize/categories/{id}/close    no more score changes
 *   POST /admin/prize/categories/{id}/reopen   back to scoring
 *   POST /admin/prize/categories/{id}/publish  freeze results, winners public
 *   GET  /admin/prize/certificates.pdf       every certificate (published), one page each
 *   GET  /admin/prize/certificates/{id}      one entry's certificate (PDF)
 */
#include "../export/prize_pdf.h"
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

static void chain_box(request *r)
{
	lang l = r->lang;
	prize_chain c;
	prize_verify(r->a, &c);
	if (c.ok)
		html_printf(
			&r->out,
			"<p class=\"ok-box\" id=\"chain\" role=\"status\">%s <code dir=\"ltr\">%s</code></p>",
			arena_printf(
				r->a,
				trn(l,
				    "The score log holds: %ld record checked, chained to the one before; the current scores match it.",
				    "The score log holds: %ld records checked, each chained to the one before; the current scores match it.",
				    c.records),
				c.records),
			*c.head ? arena_strndup(r->a, c.head, 16) : "-");
	else if (c.broken_id)
		html_printf(
			&r->out, "<p class=\"error-box\" id=\"chain\" role=\"alert\">%s</p>",
			arena_printf(
				r->a,
				tr(l,
				   "The score log is broken at record %lld: it was altered outside coopfair."),
				(long long)c.broken_id));
	else
		html_printf(
			&r->out, "<p class=\"error-box\" id=\"chain\" role=\"alert\">%s</p>",
			arena_printf(
				r->a,
				tr(l,
				   /* TRANSLATORS: not a count: %lld is the entry's number. */
				   "A score of entry %lld differs from the score log: it was altered outside coopfair."),
				(long long)c.entry_id));
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
			"<tr><td><a href=\"/admin/prize/categories/%lld\">%s</a></td><td>%s</td><td>%d</td><td>%d</td><td>%d / %d</td><td>%d</td></tr>",
			(long long)c[i].id, text3_get(&c[i].name, l), state_label(l, c[i].state),
			c[i].entries, c[i].jurors, c[i].sheets_done, c[i].assignments, c[i].k);
	html_printf(
		o,
		"</tbody></table></div><p><a class=\"button\" href=\"/admin/prize/certificates.pdf\">%s</a></p>",
		tr(l, "All certificates of published categories (PDF)"));
	page_end(r);
}

static void action(request *r, int64_t id, const char *what, const char *label)
{
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/admin/prize/categories/%lld/%s\" class=\"inline\">",
		(long long)id, what);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form> ", label);
}

static void category_page(request *r, const char *message, int is_error)
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
	html_printf(o, "<p><a href=\"/admin/prize\">%s</a></p><h1>%s — %s</h1>",
		    tr(l, "Creativity prize"), tr(l, "Creativity prize"), text3_get(&cat.name, l));
	if (cat.is_sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
	if (message)
		html_printf(o, "<p class=\"%s\" role=\"%s\">%s</p>",
			    is_error ? "error-box" : "ok-box", is_error ? "alert" : "status",
			    message);
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
	html_printf(
		o,
		"<div class=\"actions\"><a class=\"button\" href=\"/admin/prize/categories/%lld/setup\">%s</a> ",
		(long long)cat.id, tr(l, "Set-up: rules, criteria, jury, conflicts"));
	if (cat.state == PRIZE_OPEN) {
		action(r, cat.id, "assign", tr(l, "Assign entries to jurors"));
		action(r, cat.id, "close", tr(l, "Close scoring"));
	} else if (cat.state == PRIZE_CLOSED) {
		action(r, cat.id, "reopen", tr(l, "Reopen scoring"));
		action(r, cat.id, "publish", tr(l, "Publish the results"));
	}
	html_raw(o, "</div>");

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
			"<tr><td>%d</td><td><bdi>%s</bdi><span class=\"other\"><bdi lang=\"%s\">%s</bdi></span></td>",
			e->rank, l == LANG_AR ? e->name_ar : e->name_fr, l == LANG_AR ? "fr" : "ar",
			l == LANG_AR ? e->name_fr : e->name_ar);
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
			html_printf(o, "<a href=\"/admin/prize/certificates/%lld\">%s</a>",
				    (long long)e->entry_id, tr(l, "Certificate (PDF)"));
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table></div>");
	html_printf(o, "<p class=\"found\">%s ", tr(l, "Criteria, in the order of the scores:"));
	for (int c = 0; c < res.ncrit; c++)
		html_printf(o, "%s%s (%s)", c ? " / " : "", text3_get(&res.crit[c].name, l),
			    fmt_dec(r, res.crit[c].weight, 2));
	html_raw(o, "</p>");

	html_printf(
		o,
		"<h2>%s</h2><div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Jurors"), tr(l, "Juror"), tr(l, "Organisation"), tr(l, "Sheets scored"),
		tr(l, "Offset (points)"), tr(l, "Use of the scale"));
	for (int j = 0; j < res.njurors; j++)
		html_printf(
			o,
			"<tr><td><bdi>%s</bdi></td><td>%s</td><td>%d</td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%s</td></tr>",
			page_text(r, res.jurors[j].name), res.jurors[j].organisation,
			res.jurors[j].load,
			arena_printf(r->a, "%s%s", res.jurors[j].offset < 0 ? "-" : "+",
				     fmt_dec(r, fabs(res.jurors[j].offset), 2)),
			arena_printf(r->a, "×%s", fmt_dec(r, res.jurors[j].scale, 2)));
	html_raw(o, "</tbody></table></div>");
	page_end(r);
}

/* GET /admin/prize/categories/{id} */
void page_prize_admin_category(request *r)
{
	const char *m = req_query(r, "done");
	const char *msg = NULL;
	if (m && !strcmp(m, "assign"))
		msg = tr(r->lang, "The entries are assigned: every constraint holds.");
	else if (m && !strcmp(m, "close"))
		msg = tr(r->lang, "Scoring is closed.");
	else if (m && !strcmp(m, "reopen"))
		msg = tr(r->lang, "Scoring is open again.");
	else if (m && !strcmp(m, "publish"))
		msg = tr(r->lang, "The results are published.");
	category_page(r, msg, 0);
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
		resp_redirect(r, arena_printf(r->a, "/admin/prize/categories/%lld?done=assign",
					      (long long)r->id));
		return;
	}
	r->status = 409;
	if (e == CF_ERR_CONFLICT && info.unmet == PRIZE_MET)
		category_page(
			r,
			tr(r->lang,
			   "Scoring has started or the category is closed: the assignment can no longer change."),
			1);
	else
		category_page(r, unmet_message(r, &info, entry, cat.k), 1);
}

static void state_change(request *r, cf_err (*fn)(int64_t, int64_t), const char *done)
{
	cf_err e = fn(r->user_id, r->id);
	if (e == CF_ERR_CONFLICT || e == CF_ERR_NOTFOUND) {
		r->status = 409;
		category_page(
			r,
			tr(r->lang,
			   "The category is not in the state this action needs; nothing was changed."),
			1);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/prize/categories/%lld?done=%s",
				      (long long)r->id, done));
}

/* POST /admin/prize/categories/{id}/close */
void page_prize_close(request *r)
{
	state_change(r, prize_close, "close");
}
/* POST /admin/prize/categories/{id}/reopen */
void page_prize_reopen(request *r)
{
	state_change(r, prize_reopen, "reopen");
}
/* POST /admin/prize/categories/{id}/publish */
void page_prize_publish(request *r)
{
	state_change(r, prize_publish, "publish");
}

static void send_pdf(request *r, const prize_award *w, size_t n, const char *filename)
{
	/* The address printed under the code: this site as the organiser
	 * reached it (a plain host[:port] only). */
	const char *host = req_header(r, "Host"), *base = "";
	if (host && *host && strlen(host) < 100 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
		    strlen(host))
		base = arena_printf(r->a, "%s://%s", r->secure ? "https" : "http", host);
	buf_reset(&r->out);
	if (prize_pdf(w, n, base, &r->out)) {
		buf_reset(&r->out);
		page_error(r, 500, NULL);
		return;
	}
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"%s\"", filename));
}

/* GET /admin/prize/certificates.pdf */
void page_prize_certificates_all(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	prize_award *w;
	size_t n = 0;
	req_fail(r, prize_public_awards(r->a, ed.id, 1, &w, &n));
	if (!n) {
		page_error(r, 404,
			   tr(r->lang,
			      "No category is published yet: there is no certificate to print."));
		return;
	}
	send_pdf(r, w, n, "certificates.pdf");
}

/* GET /admin/prize/certificates/{id}  (entry id) */
void page_prize_certificate(request *r)
{
	prize_award w;
	if (prize_award_by_entry(r->a, r->id, &w)) {
		page_error(r, 404, NULL);
		return;
	}
	send_pdf(r, &w, 1, arena_printf(r->a, "certificate-%lld.pdf", (long long)r->id));
}
