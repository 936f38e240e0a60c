/*
 * prize_pdf.h - prize certificates as PDF (cairo + pango): one A4 landscape
 * page per award, Arabic (shaped, right-to-left, Noto Naskh Arabic) in the
 * right column and French beside it, with the edition, the category, the
 * rank for winners only (a participation certificate carries none), the
 * place and dates, the organiser's and partners' logos, a signature space,
 * the verification code the public site checks and the prize log's head at
 * publication.
 * Export code: reads nothing from the database; the caller passes awards.
 */
#ifndef CF_PRIZE_PDF_H
#define CF_PRIZE_PDF_H
#include <stddef.h>

#include "../model/prize.h"
#include "../util/buf.h"

#define PRIZE_PDF_LOGOS 8

/* What every certificate of an edition carries besides the award. */
typedef struct prize_pdf_edition {
	const char *city_ar, *city_fr;
	const char *from, *to;		 /* ISO dates */
	const char *chair_ar, *chair_fr; /* who signs; "" leaves the line unnamed */
	int nlogos;
	struct {
		const unsigned char *data; /* PNG or JPEG bytes */
		size_t len;
		const char *type; /* "image/png" or "image/jpeg" */
	} logo[PRIZE_PDF_LOGOS];
} prize_pdf_edition;

/* prize_pdf - append a PDF of n pages (one per award) to out.
 * verify_base is the site's address for the code ("https://host" or "").
 * A logo that cannot be read is left out. CF_ERR_TOOBIG when out's cap is
 * passed, CF_ERR_IO when cairo fails. */
cf_err prize_pdf(const prize_award *awards, size_t n, const prize_pdf_edition *ed,
		 const char *verify_base, buf *out) CF_MUST_USE;

/* prize_pdf_award_line - the award line of a certificate, Arabic and
 * French: "1er prix" for a winner; for any other entry a participation,
 * with no rank ("rank 15 of 15" is no award). */
void prize_pdf_award_line(const prize_award *w, char *ar, size_t nar, char *fr, size_t nfr);

#endif
