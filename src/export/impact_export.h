/*
 * impact_export.h - the impact report as XLSX (one sheet per table, libxlsxwriter)
 * and as PDF (cairo + pango: a cover, then each table with its bar chart;
 * Arabic shaped and right to left when rtl is set). The report must have
 * been localised by the page (titles, column heads, each row's name and
 * group in the reader's language). No HTML, no HTTP, no database.
 */
#ifndef CF_IMPACT_EXPORT_H
#define CF_IMPACT_EXPORT_H
#include "../model/impact.h"
#include "../util/buf.h"

typedef struct impact_cover {
	const char *title, *edition, *dates, *region, *compared, *sample, *name_head, *group_head,
		*source_head;
	int rtl;
} impact_cover;

cf_err impact_xlsx(const impact_report *r, const impact_cover *c, buf *out) CF_MUST_USE;
cf_err impact_pdf(const impact_report *r, const impact_cover *c, buf *out) CF_MUST_USE;

#endif
