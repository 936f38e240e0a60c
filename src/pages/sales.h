/*
 * sales.h - page handlers of issue 16: an exhibitor's sales (sales.c), the
 * partners hub's B2B meetings (b2b*.c) and the impact report (impact*.c).
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_SALES_H
#define CF_PAGES_SALES_H
#include "pages.h"

/* sales.c */
void page_sales_my(request *r);
void page_sales_add(request *r);
void page_sales_fix(request *r);
void page_sales_admin(request *r);
/* sales_payment_label - a payment code in r's language. */
const char *sales_payment_label(request *r, const char *code);

#endif
