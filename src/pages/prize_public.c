/*
 * prize_public.c - the creativity prize on the public site.
 *
 *   GET /prize                 winners per published category; nothing about
 *                              scores before publication
 *   GET /prize/verify?code=C   checks a certificate's verification code
 *
 * Reads only the frozen results of published categories (prize.h).
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "prize.h"

#include <ctype.h>
#include <string.h>

static void names(request *r, const prize_award *w)
{
	lang l = r->lang;
	const char *first = l == LANG_AR ? w->name_ar : w->name_fr;
	const char *second = l == LANG_AR ? w->name_fr : w->name_ar;
	const char *other_lang = l == LANG_AR ? "fr" : "ar";
	if (w->exhibitor_id) /* a cooperative that left has no exhibitor page */
		html_printf(
			&r->out,
			"<a href=\"%s\"><bdi>%s</bdi></a> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>",
			site_href(r, "/exhibitors/%lld", (long long)w->exhibitor_id), first,
			other_lang, second);
	else
		html_printf(&r->out,
			    "<bdi>%s</bdi> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>",
			    first, other_lang, second);
	if (w->withdrawn)
		html_printf(&r->out, " <span class=\"tag\">%s</span>",
			    tr(l, "left the fair after the results were published"));
}

/* GET /prize */
void page_prize_public(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	named *cats;
	size_t nc = 0, npc = 0;
	req_fail(r, edition_categories(r->a, ed.id, &cats, &nc));
	prize_category *pcs;
	req_fail(r, prize_categories(r->a, ed.id, &pcs, &npc));
	prize_award *w;
	size_t n = 0;
	req_fail(r, prize_public_awards(r->a, ed.id, 0, &w, &n));
	int sample = 0;
	for (size_t i = 0; i < n; i++)
		sample |= w[i].is_sample;
	page_begin(r, tr(l, "Creativity prize"), 0);
	buf *o = &r->out;
	html_printf(
		o, "<h1>%s</h1><p>%s</p>", tr(l, "Creativity prize"),
		tr(l,
		   "A committee of the partners awards the creativity prize in each production category, against criteria it adopted."));
	if (sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
	for (size_t c = 0; c < nc; c++) {
		html_printf(o, "<section class=\"prize-cat\"><h2>%s</h2>",
			    text3_get(&cats[c].name, l));
		int any = 0;
		for (size_t i = 0; i < n; i++) {
			if (w[i].category_id != cats[c].id)
				continue;
			if (!any)
				html_raw(o, "<ol class=\"winners\">");
			any = 1;
			html_printf(o, "<li value=\"%d\">", w[i].rank);
			names(r, &w[i]);
			html_raw(o, "</li>");
		}
		const prize_category *pc = NULL;
		for (size_t k = 0; k < npc; k++)
			if (pcs[k].id == cats[c].id)
				pc = &pcs[k];
		if (any) {
			html_raw(o, "</ol>");
			if (pc && *pc->published_head)
				html_printf(
					o,
					"<p class=\"found head\">%s <code dir=\"ltr\" class=\"head\">%s</code></p>",
					tr(l,
					   "Head of the prize log at publication (anyone can check it at the verification page):"),
					pc->published_head);
		} else if (pc && pc->state != PRIZE_PUBLISHED && *pc->unpublished_at) {
			html_printf(
				o,
				"<p class=\"error-box\" role=\"note\">%s <q><bdi>%s</bdi></q></p>",
				arena_printf(
					r->a,
					tr(l,
					   "The results of this category were published, then withdrawn by the committee on %s. Its reason:"),
					arena_strndup(r->a, pc->unpublished_at, 10)),
				pc->unpublish_reason);
		} else {
			html_printf(o, "<p class=\"found\">%s</p>",
				    tr(l, "The results of this category are not published yet."));
		}
		html_raw(o, "</section>");
	}
	html_printf(
		o,
		"<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s <input name=\"code\" dir=\"ltr\" maxlength=\"20\" placeholder=\"XXXX-XXXX-XXXX\"></label><button type=\"submit\">%s</button></form>",
		site_href(r, "/prize/verify"), tr(l, "Certificate verification code"),
		tr(l, "Check a certificate"));
	page_end(r);
}

/* normal_code - the code uppercased, O->0, I/L->1, spaces dropped, dashes
 * kept; NULL when it cannot be a code. Into out[16]. */
static const char *normal_code(const char *in, char out[16])
{
	size_t o = 0;
	if (!in)
		return NULL;
	for (const char *p = in; *p; p++) {
		char c = (char)toupper((unsigned char)*p);
		if (c == ' ')
			continue;
		if (c == 'O')
			c = '0';
		if (c == 'I' || c == 'L')
			c = '1';
		if (!(isalnum((unsigned char)c) || c == '-') || o >= 15)
			return NULL;
		out[o++] = c;
	}
	out[o] = 0;
	return o == 14 ? out : NULL;
}

/* log_check - /prize/verify without a code: the log's check, and a
 * printed head's (head=H). */
static void log_check(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	const char *head = req_query(r, "head");
	prize_chain c;
	prize_verify(r->a, &c);
	html_printf(o, "<h2>%s</h2>", tr(l, "The prize log"));
	html_printf(
		o, "<p>%s</p>",
		tr(l,
		   "Every event that decides a result (criteria and weights, jurors, conflicts of interest, assignments, scores, closing, publication, the results) is chained in a log. Its head, printed on the results and on every certificate, lets anyone check later that nothing was changed."));
	if (c.ok)
		html_printf(
			o,
			"<p class=\"ok-box\" role=\"status\" id=\"log\">%s <code dir=\"ltr\" class=\"head\">%s</code></p>",
			arena_printf(r->a,
				     tr(l, "The log holds. Records checked: %ld. Its head now:"),
				     c.records),
			*c.head ? c.head : "-");
	else
		html_printf(
			o, "<p class=\"error-box\" role=\"alert\" id=\"log\">%s</p>",
			tr(l,
			   "The log does not hold: it was altered outside coopfair. The committee has been shown where."));
	if (head && *head) {
		prize_head h;
		cf_err e = prize_head_find(r->a, head, &h);
		if (!e)
			html_printf(
				o, "<p class=\"ok-box\" role=\"status\" id=\"head-verdict\">%s</p>",
				arena_printf(
					r->a,
					tr(l,
					   "This head is record %lld of the log, written on %s. Records written after it: %ld."),
					(long long)h.record, h.at, h.after));
		else
			html_printf(
				o,
				"<p class=\"error-box\" role=\"alert\" id=\"head-verdict\">%s</p>",
				e == CF_ERR_INVALID
					? tr(l,
					     "This is not a head: give at least its first 16 characters (0-9, a-f).")
					: tr(l,
					     "This head is not in the log: the log was cut short or rewritten after it was printed."));
	}
	html_printf(
		o,
		"<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s <input name=\"head\" dir=\"ltr\" maxlength=\"64\" value=\"%s\"></label><button type=\"submit\">%s</button></form>",
		site_href(r, "/prize/verify"), tr(l, "A printed head"), head ? head : "",
		tr(l, "Check the head"));
}

/* GET /prize/verify?code=C */
void page_prize_verify(request *r)
{
	lang l = r->lang;
	char buf16[16];
	const char *raw = req_query(r, "code");
	const char *code = normal_code(raw, buf16);
	prize_award w;
	int found = code && !prize_award_by_code(r->a, code, &w);
	if (!found && raw && *raw)
		r->status = 404;
	page_begin(r, tr(l, "Certificate verification"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Certificate verification"));
	if (!found) {
		html_printf(
			o, "<p class=\"error-box\" role=\"alert\" id=\"verdict\">%s</p>",
			raw && *raw
				? tr(l,
				     "No certificate carries this code. Check the code printed at the foot of the certificate.")
				: tr(l, "Enter the code printed at the foot of the certificate."));
	} else {
		html_printf(o, "<p class=\"ok-box\" role=\"status\" id=\"verdict\">%s</p><dl>",
			    tr(l, "This certificate is genuine."));
		html_printf(o, "<div><dt>%s</dt><dd>", tr(l, "Cooperative"));
		names(r, &w);
		html_printf(o, "</dd></div><div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Edition"),
			    text3_get(&w.edition, l));
		html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Category"),
			    text3_get(&w.category, l));
		html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div></dl>", tr(l, "Award"),
			    w.winner ? arena_printf(r->a, tr(l, "Prize, rank %d"), w.rank)
				     : tr(l, "Participation"));
		if (w.is_sample)
			html_printf(
				o, "<p class=\"sample\" role=\"note\">%s</p>",
				tr(l,
				   "Sample data: the jury, the criteria and the scores of the demo prize are generated examples."));
	}
	html_printf(
		o,
		"<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s <input name=\"code\" dir=\"ltr\" maxlength=\"20\" value=\"%s\"></label><button type=\"submit\">%s</button></form>",
		site_href(r, "/prize/verify"), tr(l, "Certificate verification code"),
		raw ? raw : "", tr(l, "Check a certificate"));
	if (!raw || !*raw)
		log_check(r);
	else if (found && *w.head)
		html_printf(o,
			    "<p class=\"found\">%s <code dir=\"ltr\" class=\"head\">%s</code></p>",
			    tr(l, "Head of the prize log at publication:"), w.head);
	page_end(r);
}
