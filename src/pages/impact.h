/*
 * impact.h - the impact report's pages (impact.c): the report as a page with
 * SVG charts, as CSV, as XLSX (one sheet per table) and as PDF.
 */
#ifndef CF_PAGES_IMPACT_H
#define CF_PAGES_IMPACT_H
#include "pages.h"

void page_impact(request *r);
void page_impact_csv(request *r);
void page_impact_xlsx(request *r);
void page_impact_pdf(request *r);

#endif
