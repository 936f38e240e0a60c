/*
 * prize_pdf.h - prize certificates as PDF (cairo + pango): one A4 landscape
 * page per award, Arabic (shaped, right-to-left, Noto Naskh Arabic) in the
 * right column and French beside it, with the edition, the category, the
 * rank (or participation) and the verification code the public site checks.
 * Export code: reads nothing from the database; the caller passes awards.
 */
#ifndef CF_PRIZE_PDF_H
#define CF_PRIZE_PDF_H
#include <stddef.h>

#include "../model/prize.h"
#include "../util/buf.h"

/* prize_pdf - append a PDF of n pages (one per award) to out.
 * verify_base is the site's address for the code ("https://host" or "").
 * CF_ERR_TOOBIG when out's cap is passed, CF_ERR_IO when cairo fails. */
cf_err prize_pdf(const prize_award *awards, size_t n, const char *verify_base,
		 buf *out) CF_MUST_USE;

#endif
