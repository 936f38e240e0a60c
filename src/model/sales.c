/* sales.c - exhibitors' sales and their totals (sales.h). */
#include "sales.h"

#include "../db/db.h"
#include "audit.h"
#include "rows.h"
#include "../util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int sales_payment_valid(const char *p)
{
	static const char *const P[] = { "", "cash", "card", "transfer", "mobile" };
	if (!p)
		return 0;
	for (size_t i = 0; i < sizeof P / sizeof *P; i++)
		if (!strcmp(p, P[i]))
			return 1;
	return 0;
}

cf_err sales_row_longs(db_stmt *s, long *v, int n)
{
	cf_err e = db_row(s);
	for (int i = 0; i < n && !e; i++)
		v[i] = (long)db_col_int(s, i);
	db_done(s);
	return e;
}

int sales_day_valid(const char *s)
{
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static const char SQL_EXHIBITOR_OF[] =
	"SELECT id, category_id FROM exhibitor WHERE edition_id = ? AND cooperative_id = ?";

cf_err sales_exhibitor_of(int64_t edition_id, int64_t cooperative_id, int64_t *exhibitor_id,
			  int64_t *category_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_EXHIBITOR_OF);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, cooperative_id);
	cf_err e = db_row(s);
	if (!e) {
		*exhibitor_id = db_col_int(s, 0);
		*category_id = db_col_int(s, 1);
	}
	db_done(s);
	return e;
}

/* the category must be one of the exhibitor's edition */
static const char SQL_CATEGORY_OK[] =
	"SELECT 1 FROM exhibitor x JOIN category c ON c.edition_id = x.edition_id "
	"WHERE x.id = ? AND c.id = ?";

static cf_err check_input(int64_t exhibitor_id, const sale_input *in)
{
	if (in->amount < 0 || in->amount > SALES_AMOUNT_MAX || in->items < 1 ||
	    in->items > SALES_ITEMS_MAX || !sales_payment_valid(in->payment))
		return CF_ERR_INVALID;
	db_stmt *s = db_prepare(db_thread(), SQL_CATEGORY_OK);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, exhibitor_id);
	db_bind_int(s, 2, in->category_id);
	cf_err e = db_row(s);
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_ERR_INVALID : e;
}

static const char SQL_ADD[] =
	"INSERT INTO sale (edition_id, exhibitor_id, day, amount, items, category_id, payment, "
	"created_at, updated_at) SELECT edition_id, id, ?, ?, ?, ?, ?, ?, ? FROM exhibitor "
	"WHERE id = ?";

cf_err sales_add(int64_t exhibitor_id, const char *day, const sale_input *in, int64_t *id)
{
	if (!sales_day_valid(day))
		return CF_ERR_INVALID;
	cf_err e = check_input(exhibitor_id, in);
	if (e)
		return e;
	char now[21];
	clock_now_iso(now);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_ADD);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, day);
	db_bind_int(s, 2, in->amount);
	db_bind_int(s, 3, in->items);
	db_bind_int(s, 4, in->category_id);
	db_bind_text(s, 5, in->payment);
	db_bind_text(s, 6, now);
	db_bind_text(s, 7, now);
	db_bind_int(s, 8, exhibitor_id);
	e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

static const char SQL_SALE[] = "SELECT day, amount, items, category_id, payment FROM sale "
			       "WHERE id = ? AND exhibitor_id = ? AND removed = 0";
static const char SQL_CORRECT[] = "UPDATE sale SET amount = ?, items = ?, category_id = ?, "
				  "payment = ?, removed = ?, updated_at = ? WHERE id = ?";

/* pay is one of sales_payment_valid's codes: no escaping needed */
static const char *sale_json(arena *a, long amount, long items, int64_t cat, const char *pay,
			     int removed)
{
	return arena_printf(a,
			    "{\"amount\":%ld,\"items\":%ld,\"category_id\":%lld,"
			    "\"payment\":\"%s\",\"removed\":%d}",
			    amount, items, (long long)cat, pay, removed);
}

cf_err sales_correct(int64_t actor, int64_t exhibitor_id, int64_t sale_id, const char *today,
		     const sale_input *in, int remove)
{
	if (!remove) {
		cf_err e = check_input(exhibitor_id, in);
		if (e)
			return e;
	}
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_SALE);
	db_bind_int(s, 1, sale_id);
	db_bind_int(s, 2, exhibitor_id);
	e = db_row(s);
	char day[11] = "", pay[16] = "";
	long amount = 0, items = 0;
	int64_t cat = 0;
	if (!e) {
		snprintf(day, sizeof day, "%s", db_col_text(s, 0));
		amount = (long)db_col_int(s, 1);
		items = (long)db_col_int(s, 2);
		cat = db_col_int(s, 3);
		snprintf(pay, sizeof pay, "%s", db_col_text(s, 4));
	}
	db_done(s);
	if (!e && strcmp(day, today))
		e = CF_ERR_STATE;
	/* taking back keeps the values: the audit log shows what was taken back */
	sale_input kept = { amount, items, cat, pay };
	if (remove)
		in = &kept;
	if (!e) {
		s = db_prepare(d, SQL_CORRECT);
		db_bind_int(s, 1, in->amount);
		db_bind_int(s, 2, in->items);
		db_bind_int(s, 3, in->category_id);
		db_bind_text(s, 4, in->payment);
		db_bind_int(s, 5, remove ? 1 : 0);
		char now[21];
		clock_now_iso(now);
		db_bind_text(s, 6, now);
		db_bind_int(s, 7, sale_id);
		e = db_run(s);
	}
	if (!e) {
		arena *a = arena_new(2048);
		e = audit_record(
			actor, remove ? "sale.remove" : "sale.correct", "sale", sale_id,
			sale_json(a, amount, items, cat, pay, 0),
			sale_json(a, in->amount, in->items, in->category_id, in->payment, remove));
		arena_free(a);
	}
	return db_end(d, e);
}

static const char SQL_DAY[] =
	"SELECT id, category_id, day, payment, created_at, amount, items FROM sale "
	"WHERE exhibitor_id = ? AND day = ? AND removed = 0 ORDER BY id DESC";

cf_err sales_of_day(arena *a, int64_t exhibitor_id, const char *day, sale_row **out, size_t *n,
		    long *amount, long *items)
{
	*n = 0, *amount = 0, *items = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_DAY);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, exhibitor_id);
	db_bind_text(s, 2, day);
	size_t cap = 16;
	sale_row *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, *n, &cap, sizeof *v);
		sale_row *x = &v[(*n)++];
		x->id = db_col_int(s, 0);
		x->category_id = db_col_int(s, 1);
		x->day = arena_strdup(a, db_col_text(s, 2));
		x->payment = arena_strdup(a, db_col_text(s, 3));
		x->created_at = arena_strdup(a, db_col_text(s, 4));
		x->amount = (long)db_col_int(s, 5);
		x->items = (long)db_col_int(s, 6);
		*amount += x->amount;
		*items += x->items;
	}
	db_done(s);
	*out = v;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

/* ---- totals: each query gives key, name_ar, name_fr, name_en, amount,
 * items, sales ---- */

static const char SQL_BY_EXHIBITOR[] =
	"SELECT CAST(x.id AS TEXT), c.name_ar, c.name_fr, c.name_fr, SUM(s.amount), SUM(s.items), "
	"COUNT(*) FROM sale s JOIN exhibitor x ON x.id = s.exhibitor_id "
	"JOIN cooperative c ON c.id = x.cooperative_id WHERE s.edition_id = ? AND s.removed = 0 "
	"GROUP BY x.id, c.name_ar, c.name_fr ORDER BY SUM(s.amount) DESC, x.id";
static const char SQL_BY_CATEGORY[] =
	"SELECT k.code, k.name_ar, k.name_fr, k.name_en, SUM(s.amount), SUM(s.items), COUNT(*) "
	"FROM sale s JOIN category k ON k.id = s.category_id WHERE s.edition_id = ? "
	"AND s.removed = 0 GROUP BY k.id, k.code, k.name_ar, k.name_fr, k.name_en, k.position "
	"ORDER BY k.position, k.id";
static const char SQL_BY_PROVINCE[] =
	"SELECT p.code, p.name_ar, p.name_fr, p.name_fr, SUM(s.amount), SUM(s.items), COUNT(*) "
	"FROM sale s JOIN exhibitor x ON x.id = s.exhibitor_id JOIN cooperative c ON "
	"c.id = x.cooperative_id JOIN province p ON p.id = c.province_id WHERE s.edition_id = ? "
	"AND s.removed = 0 GROUP BY p.id, p.code, p.name_ar, p.name_fr ORDER BY SUM(s.amount) DESC, "
	"p.code";
static const char SQL_BY_DAY[] =
	"SELECT s.day, s.day, s.day, s.day, SUM(s.amount), SUM(s.items), COUNT(*) FROM sale s "
	"WHERE s.edition_id = ? AND s.removed = 0 GROUP BY s.day ORDER BY s.day";
static const char SQL_BY_LEAD[] =
	"SELECT CAST(c.women_led AS TEXT), '', '', '', SUM(s.amount), SUM(s.items), COUNT(*) "
	"FROM sale s JOIN exhibitor x ON x.id = s.exhibitor_id JOIN cooperative c ON "
	"c.id = x.cooperative_id WHERE s.edition_id = ? AND s.removed = 0 GROUP BY c.women_led "
	"ORDER BY c.women_led DESC";
static const char SQL_TOTAL[] =
	"SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(items), 0), COUNT(*), "
	"COUNT(DISTINCT exhibitor_id), COALESCE(MAX(is_sample), 0) FROM sale "
	"WHERE edition_id = ? AND removed = 0";
static const char SQL_EXHIBITORS[] = "SELECT COUNT(*) FROM exhibitor WHERE edition_id = ?";

static cf_err sums(arena *a, const char *sql, int64_t ed, sales_sum **out, size_t *n)
{
	*n = 0;
	db_stmt *s = db_prepare(db_thread(), sql);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	size_t cap = 16;
	sales_sum *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, *n, &cap, sizeof *v);
		sales_sum *x = &v[(*n)++];
		x->key = arena_strdup(a, db_col_text(s, 0));
		x->name_ar = arena_strdup(a, db_col_text(s, 1));
		x->name_fr = arena_strdup(a, db_col_text(s, 2));
		x->name_en = arena_strdup(a, db_col_text(s, 3));
		x->amount = (long)db_col_int(s, 4);
		x->items = (long)db_col_int(s, 5);
		x->sales = (long)db_col_int(s, 6);
	}
	db_done(s);
	*out = v;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

cf_err sales_totals_read(arena *a, int64_t edition_id, sales_totals *out)
{
	memset(out, 0, sizeof *out);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_TOTAL);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	long t[5];
	cf_err e = sales_row_longs(s, t, 5);
	if (e)
		return e;
	out->amount = t[0], out->items = t[1], out->sales = t[2], out->sellers = t[3];
	out->sample = (int)t[4];
	s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, edition_id);
	if ((e = sales_row_longs(s, &out->exhibitors, 1)))
		return e;
	if ((e = sums(a, SQL_BY_EXHIBITOR, edition_id, &out->by_exhibitor, &out->n_exhibitor)) ||
	    (e = sums(a, SQL_BY_CATEGORY, edition_id, &out->by_category, &out->n_category)) ||
	    (e = sums(a, SQL_BY_PROVINCE, edition_id, &out->by_province, &out->n_province)) ||
	    (e = sums(a, SQL_BY_DAY, edition_id, &out->by_day, &out->n_day)) ||
	    (e = sums(a, SQL_BY_LEAD, edition_id, &out->by_lead, &out->n_lead)))
		return e;
	for (size_t i = 0; i < out->n_lead; i++)
		if (!strcmp(out->by_lead[i].key, "1"))
			out->women_led_amount = out->by_lead[i].amount;
	return CF_OK;
}
