/*
 * sales.h - exhibitors' sales (issue 16): what an exhibitor records at its
 * stand, day by day, and the committee's totals.
 *
 * An exhibitor only ever names its own exhibitor row: pages pass the one
 * sales_exhibitor_of found from the signed-in account's cooperative, and
 * every function here that reads or changes a sale checks that the sale is
 * that exhibitor's (CF_ERR_NOTFOUND otherwise, so ids of other exhibitors'
 * sales are not even confirmed). A sale is corrected or taken back only on
 * the day it was recorded (CF_ERR_STATE after); every correction is in the
 * audit log (action sale.correct / sale.remove, before and after).
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_SALES_H
#define CF_SALES_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

#define SALES_AMOUNT_MAX 10000000L /* dirhams, per sale */
#define SALES_ITEMS_MAX 100000L

/* sales_day_valid - s is a day written YYYY-MM-DD (digits and dashes). */
int sales_day_valid(const char *s);
/* sales_payment_valid - "", cash, card, transfer, mobile. */
int sales_payment_valid(const char *p);

/* Helpers the models share (sales.c, b2b.c, b2b_cancel.c). */
typedef struct db_stmt db_stmt; /* db.h */
/* sales_row_longs - the first row of the prepared and bound statement s as
 * n longs, v[0] to v[n - 1]; s is done after. CF_ERR_NOTFOUND: no row. */
cf_err sales_row_longs(db_stmt *s, long *v, int n) CF_MUST_USE;

/* sales_exhibitor_of - the exhibitor row of cooperative_id in edition_id and
 * its category. CF_ERR_NOTFOUND when the cooperative does not exhibit. */
cf_err sales_exhibitor_of(int64_t edition_id, int64_t cooperative_id, int64_t *exhibitor_id,
			  int64_t *category_id) CF_MUST_USE;

typedef struct sale_input {
	long amount, items; /* whole dirhams, pieces */
	int64_t category_id;
	const char *payment;
} sale_input;

/* sales_add - a sale of exhibitor_id on day (YYYY-MM-DD). CF_ERR_INVALID on
 * a value out of range or a category of another edition. */
cf_err sales_add(int64_t exhibitor_id, const char *day, const sale_input *in,
		 int64_t *id) CF_MUST_USE;
/* sales_correct - change (remove = 0) or take back (remove = 1) sale_id of
 * exhibitor_id, recorded on today; audited as actor in one transaction. */
cf_err sales_correct(int64_t actor, int64_t exhibitor_id, int64_t sale_id, const char *today,
		     const sale_input *in, int remove) CF_MUST_USE;

typedef struct sale_row {
	int64_t id, category_id;
	const char *day, *payment, *created_at;
	long amount, items;
} sale_row;

/* sales_of_day - exhibitor_id's sales of day (not taken back), newest
 * first, with their totals. Arena-owned. */
cf_err sales_of_day(arena *a, int64_t exhibitor_id, const char *day, sale_row **out, size_t *n,
		    long *amount, long *items) CF_MUST_USE;

/* A total: key (a day, a code or an id as text), names, dirhams, pieces and
 * number of sales. */
typedef struct sales_sum {
	const char *key, *name_ar, *name_fr, *name_en;
	long amount, items, sales;
} sales_sum;

typedef struct sales_totals {
	long amount, items, sales;
	long exhibitors;       /* exhibitors of the edition */
	long sellers;	       /* exhibitors with at least one sale */
	long women_led_amount; /* dirhams sold by women-led cooperatives */
	int sample;	       /* some of it is sample data */
	sales_sum *by_exhibitor, *by_category, *by_province, *by_day, *by_lead;
	size_t n_exhibitor, n_category, n_province, n_day, n_lead;
} sales_totals;

/* sales_totals_read - an edition's totals per exhibitor (by amount, most
 * first), category, province, day, and women-led ("1") vs others ("0"). */
cf_err sales_totals_read(arena *a, int64_t edition_id, sales_totals *out) CF_MUST_USE;

/* ---- visitors' orders for after the fair (sales_order.c) ----
 * An exhibitor takes a visitor's order at the stand (name, phone, products,
 * amount) to deliver after the fair, then marks it delivered or cancelled
 * (audited). The visitor's name and phone are the exhibitor's alone: only
 * sales_orders_of reads them; the committee sees counts and amounts. */
typedef struct sale_order_input {
	const char *name, *phone, *products; /* phone: ASCII digits, + - . spaces */
	long amount;			     /* whole dirhams */
} sale_order_input;
/* sales_order_add - CF_ERR_INVALID on an empty name or products, a phone
 * not of 6 to 20 characters with 6 digits, or an amount out of range. */
cf_err sales_order_add(int64_t exhibitor_id, const sale_order_input *in, int64_t *id) CF_MUST_USE;

typedef struct sale_order {
	int64_t id;
	const char *name, *phone, *products, *status, *created_at;
	long amount;
} sale_order;
/* sales_orders_of - exhibitor_id's orders: open ones first, newest first. */
cf_err sales_orders_of(arena *a, int64_t exhibitor_id, sale_order **out, size_t *n) CF_MUST_USE;
/* sales_order_close - exhibitor_id marks its open order_id "delivered" or
 * "cancelled", audited as actor (sale_order.close). CF_ERR_NOTFOUND: not
 * its order; CF_ERR_STATE: not open; CF_ERR_INVALID: another status. */
cf_err sales_order_close(int64_t actor, int64_t exhibitor_id, int64_t order_id,
			 const char *status) CF_MUST_USE;

typedef struct sales_order_totals {
	long open, open_amount, delivered, delivered_amount;
} sales_order_totals;
/* sales_orders_totals - an edition's open and delivered orders. */
cf_err sales_orders_totals(int64_t edition_id, sales_order_totals *out) CF_MUST_USE;

#endif
