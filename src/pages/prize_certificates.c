/*
 * prize_certificates.c - the prize's certificates for the committee (PDF).
 *
 *   GET  /admin/prize/certificates.pdf       every certificate (published), one page each
 *   GET  /admin/prize/certificates/{id}      one entry's certificate (PDF)
 *
 * Every certificate carries the place and dates of the edition, the
 * organiser's and partners' logos, a signature space, the verification code
 * and the prize log's head at publication; only winners carry a rank.
 */
#include "../export/prize_pdf.h"
#include "../html/html.h"
#include "../model/admin.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "edition.h"
#include "prize.h"

#include <string.h>

static void send_pdf(request *r, const prize_award *w, size_t n, const char *filename)
{
	/* The address printed under the code: this site as the organiser
	 * reached it (a plain host[:port] only). */
	const char *host = req_header(r, "Host"), *base = "";
	if (host && *host && strlen(host) < 100 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
		    strlen(host))
		base = arena_printf(r->a, "%s://%s", r->secure ? "https" : "http", host);
	/* What every certificate carries: place, dates, who signs, the
	 * organiser's and the partners' logos. */
	prize_pdf_edition pe;
	memset(&pe, 0, sizeof pe);
	edition ed;
	if (!edition_current(r->a, &ed)) {
		pe.city_ar = ed.city.v[LANG_AR], pe.city_fr = ed.city.v[LANG_FR];
		pe.from = ed.starts_on, pe.to = ed.ends_on;
		pe.chair_ar = ed.chair.v[LANG_AR], pe.chair_fr = ed.chair.v[LANG_FR];
		for (int role = 0; role < 2; role++) {
			named *org;
			size_t no = 0;
			if (edition_organisations(r->a, ed.id, role ? ORG_PARTNER : ORG_ORGANISER,
						  &org, &no))
				continue; /* a certificate without logos rather than none */
			for (size_t i = 0; i < no && pe.nlogos < PRIZE_PDF_LOGOS; i++) {
				const void *data;
				size_t len;
				const char *type;
				if (!logo_get(r->a, org[i].id, &data, &len, &type)) {
					pe.logo[pe.nlogos].data = data;
					pe.logo[pe.nlogos].len = len;
					pe.logo[pe.nlogos].type = type;
					pe.nlogos++;
				}
			}
		}
	} else {
		pe.city_ar = pe.city_fr = pe.from = pe.to = pe.chair_ar = pe.chair_fr = "";
	}
	buf_reset(&r->out);
	if (prize_pdf(w, n, &pe, base, &r->out)) {
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
