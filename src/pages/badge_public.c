/*
 * badge_public.c - visitors register themselves on the public site.
 *
 *   GET  /badges/new      the form: name (Arabic and/or Latin script), phone
 *                         and email optional (a visitor may give neither)
 *   POST /badges/new      creates the visitor's badge, then shows it
 *   GET  /badge/TOKEN     the badge on screen (QR code drawn as SVG)
 *   GET  /badge/TOKEN.pdf the badge as PDF (one badge-sized page)
 *
 * The badge page's address carries the token: whoever holds it holds the
 * badge, as whoever holds the printed card does.
 */
#include "../html/html.h"
#include "../model/badge.h"
#include "../export/badge_pdf.h"
#include "../model/edition.h"
#include "../model/text.h"
#include "gate.h"

#include <string.h>

static void form(request *r, const char *error)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Visitor badge"), 0);
	buf *o = &r->out;
	html_printf(
		o, "<h1>%s</h1><p>%s</p>", tr(l, "Visitor badge"),
		tr(l,
		   "Register to get your badge: show it at the gate on your phone or printed. Phone and email are optional."));
	if (error)
		html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>", error);
	html_printf(
		o,
		"<form method=\"post\" action=\"%s\" class=\"stack\">"
		"<label>%s <input name=\"name_ar\" lang=\"ar\" dir=\"rtl\" maxlength=\"150\"></label>"
		"<label>%s <input name=\"name_latin\" lang=\"fr\" dir=\"ltr\" maxlength=\"150\"></label>"
		"<label>%s <input name=\"phone\" type=\"tel\" dir=\"ltr\" maxlength=\"40\"></label>"
		"<label>%s <input name=\"email\" type=\"email\" dir=\"ltr\" maxlength=\"150\"></label>",
		site_href(r, "/badges/new"), tr(l, "Name in Arabic"), tr(l, "Name in Latin script"),
		tr(l, "Phone (optional)"), tr(l, "Email (optional)"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Get my badge"));
	page_end(r);
}

/* GET /badges/new */
void page_badge_new(request *r)
{
	form(r, NULL);
}

/* POST /badges/new  name_ar, name_latin, phone, email */
void page_badge_register(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	int64_t id;
	const char *token;
	cf_err e = badge_create(r->a, ed.id, "visitor", req_form(r, "name_ar"),
				req_form(r, "name_latin"), "", req_form(r, "phone"),
				req_form(r, "email"), 0, &id, &token);
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		form(r,
		     tr(l,
			"Give your name, in Arabic or in Latin script (150 characters at most)."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/badge/%s", token));
}

/* badge_send_pdf - the PDF of n badges (sheet: 8 per A4) as the response. */
void badge_send_pdf(request *r, const badge *v, size_t n, int sheet, const char *filename)
{
	const char *edname = "";
	edition ed;
	if (n && !edition_by_id(r->a, v[0].edition_id, &ed))
		edname = arena_printf(r->a, "%s · %s", text3_get(&ed.name, LANG_AR),
				      text3_get(&ed.name, LANG_FR));
	buf_reset(&r->out);
	if (req_fail(r, badge_pdf(v, n, edname, sheet, NULL, NULL, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "inline; filename=\"%s\"", filename));
}

/* GET /badge/TOKEN  and  GET /badge/TOKEN.pdf */
void page_badge_show(request *r)
{
	lang l = r->lang;
	badge b;
	size_t tl = strlen(r->tail);
	int pdf = tl > 4 && !strcmp(r->tail + tl - 4, ".pdf");
	const char *token = pdf ? arena_strndup(r->a, r->tail, tl - 4) : r->tail;
	cf_err e = badge_by_token(r->a, token, &b);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, tr(l, "No such badge."));
		return;
	}
	if (req_fail(r, e))
		return;
	if (pdf) {
		badge_send_pdf(r, &b, 1, 0, "badge.pdf");
		return;
	}
	resp_header(r, "Cache-Control", "no-store");
	page_begin(r, tr(l, "Your badge"), b.is_sample ? PAGE_SAMPLE : 0);
	html_printf(&r->out, "<h1>%s</h1><p>%s</p>", tr(l, "Your badge"),
		    tr(l, "Show this code at the gate, on your phone or printed."));
	badge_card(r, &b);
	html_printf(&r->out, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/badge/%s.pdf", b.token),
		    tr(l, "Badge as PDF (to print)"));
	page_end(r);
}
