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
	html_printf(
		&r->out,
		"<a href=\"/exhibitors/%lld\"><bdi>%s</bdi></a> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>",
		(long long)w->exhibitor_id, l == LANG_AR ? w->name_ar : w->name_fr,
		l == LANG_AR ? "fr" : "ar", l == LANG_AR ? w->name_fr : w->name_ar);
}

/* GET /prize */
void page_prize_public(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	named *cats;
	size_t nc = 0;
	req_fail(r, edition_categories(r->a, ed.id, &cats, &nc));
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
		if (any)
			html_raw(o, "</ol>");
		else
			html_printf(o, "<p class=\"found\">%s</p>",
				    tr(l, "The results of this category are not published yet."));
		html_raw(o, "</section>");
	}
	html_printf(
		o,
		"<form method=\"get\" action=\"/prize/verify\" class=\"filters\"><label>%s <input name=\"code\" dir=\"ltr\" maxlength=\"20\" placeholder=\"XXXX-XXXX-XXXX\"></label><button type=\"submit\">%s</button></form>",
		tr(l, "Certificate verification code"), tr(l, "Check a certificate"));
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

/* GET /prize/verify?code=C */
void page_prize_verify(request *r)
{
	lang l = r->lang;
	char buf16[16];
	const char *raw = req_query(r, "code");
	const char *code = normal_code(raw, buf16);
	prize_award w;
	int found = code && !prize_award_by_code(r->a, code, &w);
	if (!found)
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
		"<form method=\"get\" action=\"/prize/verify\" class=\"filters\"><label>%s <input name=\"code\" dir=\"ltr\" maxlength=\"20\" value=\"%s\"></label><button type=\"submit\">%s</button></form>",
		tr(l, "Certificate verification code"), raw ? raw : "",
		tr(l, "Check a certificate"));
	page_end(r);
}
