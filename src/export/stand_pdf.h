/*
 * stand_pdf.h - the floor plan as an A3 landscape PDF (cairo + pango) for the
 * entrance panels: zones tinted and named in Arabic and French, stands in
 * their category's colour with their code, the entrances, a legend and a
 * scale bar. Export code: reads nothing from the database.
 */
#ifndef CF_STAND_PDF_H
#define CF_STAND_PDF_H
#include "../model/stand.h"
#include "../util/buf.h"

/* stand_pdf - append the plan pl to out; cat_names[c] names category c
 * (pl->ncat of them); title heads the page. CF_ERR_TOOBIG past out's cap,
 * CF_ERR_IO when cairo fails. */
cf_err stand_pdf(const stand_plan *pl, const char *const *cat_names, const char *title,
		 buf *out) CF_MUST_USE;

/* stand_colour - the category's colour (index c), as 0xRRGGBB; also used by
 * the SVG map so that both agree. */
unsigned stand_colour(int c);
/* stand_zone_tint - the tint of a zone kind, 0xRRGGBB. */
unsigned stand_zone_tint(const char *kind);

#endif
