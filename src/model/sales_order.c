/* sales_order.c - visitors' orders for after the fair (sales.h). */
#include "../db/db.h"
#include "audit.h"
#include "rows.h"
#include "sales.h"
#include "../util/clock.h"

#include <string.h>

/* phone_valid - 6 to 20 characters: ASCII digits (the page turns
 * Arabic-Indic ones into them), with '+', spaces, '-', '.' between */
static int phone_valid(const char *p)
{
	size_t n = p ? strlen(p) : 0, digits = 0;
	if (n < 6 || n > 20)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digits++;
		else if (!strchr("+ -.", p[i]))
			return 0;
	}
	return digits >= 6;
}

static const char SQL_ADD[] =
	"INSERT INTO sale_order (edition_id, exhibitor_id, name, phone, products, amount, "
	"created_at, updated_at) SELECT edition_id, id, ?, ?, ?, ?, ?, ? FROM exhibitor WHERE id = ?";

cf_err sales_order_add(int64_t exhibitor_id, const sale_order_input *in, int64_t *id)
{
	if (!in->name || !in->name[strspn(in->name, " ")] || strlen(in->name) > 200 ||
	    !phone_valid(in->phone) || !in->products || !in->products[strspn(in->products, " ")] ||
	    strlen(in->products) > 1000 || in->amount < 0 || in->amount > SALES_AMOUNT_MAX)
		return CF_ERR_INVALID;
	char now[21];
	clock_now_iso(now);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_ADD);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, in->name);
	db_bind_text(s, 2, in->phone);
	db_bind_text(s, 3, in->products);
	db_bind_int(s, 4, in->amount);
	db_bind_text(s, 5, now);
	db_bind_text(s, 6, now);
	db_bind_int(s, 7, exhibitor_id);
	cf_err e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		*id = db_last_id(d);
	return e;
}

static const char SQL_OF[] =
	"SELECT id, name, phone, products, amount, status, created_at FROM sale_order "
	"WHERE exhibitor_id = ? ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, id DESC "
	"LIMIT 2000";

static void read_order(arena *a, db_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	sale_order *o = elem;
	o->id = db_col_int(s, 0);
	o->name = arena_strdup(a, db_col_text(s, 1));
	o->phone = arena_strdup(a, db_col_text(s, 2));
	o->products = arena_strdup(a, db_col_text(s, 3));
	o->amount = (long)db_col_int(s, 4);
	o->status = arena_strdup(a, db_col_text(s, 5));
	o->created_at = arena_strdup(a, db_col_text(s, 6));
}

cf_err sales_orders_of(arena *a, int64_t exhibitor_id, sale_order **out, size_t *n)
{
	db_stmt *s = db_prepare(db_thread(), SQL_OF);
	if (s)
		db_bind_int(s, 1, exhibitor_id);
	void *v;
	cf_err e = rows_all(a, s, sizeof **out, read_order, NULL, &v, n);
	if (!e)
		*out = v;
	return e;
}

static const char SQL_SET[] = "UPDATE sale_order SET status = ?, updated_at = ? WHERE id = ? AND "
			      "exhibitor_id = ? AND status = 'open'";
static const char SQL_STATUS[] = "SELECT status FROM sale_order WHERE id = ? AND exhibitor_id = ?";

cf_err sales_order_close(int64_t actor, int64_t exhibitor_id, int64_t order_id, const char *status)
{
	if (!status || (strcmp(status, "delivered") && strcmp(status, "cancelled")))
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_STATUS);
	db_bind_int(s, 1, order_id);
	db_bind_int(s, 2, exhibitor_id);
	e = db_row(s);
	int open = !e && !strcmp(db_col_text(s, 0), "open");
	db_done(s);
	if (!e && !open)
		e = CF_ERR_STATE;
	if (!e) {
		char now[21];
		clock_now_iso(now);
		s = db_prepare(d, SQL_SET);
		db_bind_text(s, 1, status);
		db_bind_text(s, 2, now);
		db_bind_int(s, 3, order_id);
		db_bind_int(s, 4, exhibitor_id);
		e = db_run(s);
		if (!e && db_changes(d) != 1)
			e = CF_ERR_STATE;
	}
	if (!e) /* status is one of two codes: no escaping needed */
		e = audit_record(actor, "sale_order.close", "sale_order", order_id,
				 "{\"status\":\"open\"}",
				 strcmp(status, "delivered") ? "{\"status\":\"cancelled\"}"
							     : "{\"status\":\"delivered\"}");
	return db_end(d, e);
}

static const char SQL_TOTALS[] =
	"SELECT COALESCE(SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'open' THEN amount ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'delivered' THEN amount ELSE 0 END), 0) "
	"FROM sale_order WHERE edition_id = ?";

cf_err sales_orders_totals(int64_t edition_id, sales_order_totals *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_TOTALS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	long v[4];
	cf_err e = sales_row_longs(s, v, 4);
	if (!e)
		out->open = v[0], out->open_amount = v[1], out->delivered = v[2],
		out->delivered_amount = v[3];
	return e;
}
