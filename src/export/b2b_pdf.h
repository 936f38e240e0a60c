/*
 * b2b_pdf.h - a B2B schedule as PDF (cairo + pango): A4, a title, whose
 * schedule, then one line per meeting (slot, with whom, status, table),
 * Arabic shaped and right to left when rtl is set. The caller passes every
 * text in the reader's language. No HTML, no HTTP, no database.
 */
#ifndef CF_B2B_PDF_H
#define CF_B2B_PDF_H
#include <stddef.h>

#include "../util/buf.h"

typedef struct b2b_pdf_line {
	const char *slot, *with, *status, *table;
} b2b_pdf_line;

cf_err b2b_pdf(const char *title, const char *who, const char *const head[4], const b2b_pdf_line *v,
	       size_t n, int rtl, buf *out) CF_MUST_USE;

#endif
