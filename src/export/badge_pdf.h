/*
 * badge_pdf.h - badges as PDF (cairo + pango): the role's colour band, the
 * name in Arabic (shaped, right to left) and in Latin script, the
 * organisation, the edition, the QR code (libqrencode, drawn as squares) and
 * the token printed below it. One badge per page (a badge-sized page), or
 * sheets of 8 per A4 page with crop marks for a whole list.
 * Export code: reads nothing from the database; the caller passes badges.
 */
#ifndef CF_BADGE_PDF_H
#define CF_BADGE_PDF_H
#include <cairo.h>
#include <stddef.h>

#include "../model/badge.h"
#include "../util/buf.h"

/* badge_pdf - append a PDF of the n badges to out: sheet 0 one per page,
 * 1 eight per A4 page with crop marks. edition: the edition's name printed
 * on each badge. progress (may be NULL) is called after each badge.
 * CF_ERR_TOOBIG when out's cap is passed, CF_ERR_IO when cairo fails. */
cf_err badge_pdf(const badge *v, size_t n, const char *edition, int sheet,
		 void (*progress)(size_t done, size_t total, void *arg), void *arg,
		 buf *out) CF_MUST_USE;

/* badge_qr - text as a QR code (libqrencode, level M) drawn as filled
 * squares in the current source, side x side points with its top-left
 * corner at (x, y); the one QR drawer of the PDFs (badges, stand cards).
 * 0 when the text cannot be encoded (nothing drawn). */
int badge_qr(cairo_t *cr, const char *text, double x, double y, double side);

#endif
