/*
 * sales.h - page handlers of issue 16: an exhibitor's sales (sales.c), the
 * partners hub's B2B meetings (b2b*.c) and the impact report (impact*.c).
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_SALES_H
#define CF_PAGES_SALES_H
#include "../model/edition.h"
#include "pages.h"

/* sales.c */
void page_sales_my(request *r);
void page_sales_add(request *r);
void page_sales_fix(request *r);
void page_sales_admin(request *r);
/* sales_payment_label - a payment code in r's language. */
const char *sales_payment_label(request *r, const char *code);

/* Helpers the pages share (sales.c, b2b.c). */
/* sales_code_label - the translation of the msgid map gives code (map: n
 * pairs {code, msgid}), else dflt's: the labels of the codes kept in the
 * database (payments, professionals' kinds, outcomes, statuses). */
const char *sales_code_label(request *r, const char *code, const char *const (*map)[2], size_t n,
			     const char *dflt);
/* sales_my_exhibitor - the exhibitor row (*ex, *category) of the signed-in
 * account's cooperative in the current edition (*ed); -1 when the answer is
 * made: 403 when the account has no cooperative or it does not exhibit. */
int sales_my_exhibitor(request *r, edition *ed, int64_t *ex, int64_t *category);
/* sales_error_to - when e is one of the n errors of map, redirect r to
 * back?error=CODE (the page then says what went wrong) and give 1; else 0. */
typedef struct sales_error {
	cf_err e;
	const char *code;
} sales_error;
int sales_error_to(request *r, cf_err e, const char *back, const sales_error *map, size_t n);

#endif
