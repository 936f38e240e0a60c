/* catalog_entries.c - see catalog.h: the exhibitors of the catalogue, each
 * with its public profile and first public photo. */
#include "catalog.h"
#include "edition.h"
#include "rows.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_PHOTO[] =
	"SELECT mime, width, height, data FROM application_photo WHERE id = ?";
/* products: the profile's unless empty or hidden by the committee */
static const char SQL_PRODUCTS[] =
	"SELECT x.id, CASE WHEN cp.about_hidden = 1 OR coalesce(cp.products_ar, '') = '' "
	"THEN c.products_ar ELSE cp.products_ar END, "
	"CASE WHEN cp.about_hidden = 1 OR coalesce(cp.products_fr, '') = '' "
	"THEN c.products_fr ELSE cp.products_fr END, "
	"coalesce((SELECT f.photo_id FROM catalog_photo f WHERE f.cooperative_id = x.cooperative_id "
	"AND f.hidden = 0 ORDER BY f.position, f.photo_id LIMIT 1), 0) "
	"FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
	"LEFT JOIN catalog_profile cp ON cp.cooperative_id = x.cooperative_id "
	"WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_COOP_OF[] = "SELECT cooperative_id FROM exhibitor WHERE id = ?";

static cf_err fill(arena *a, int64_t coop_id, int with_photo, catalog_entry *c)
{
	c->coop_id = coop_id;
	cf_err e = catalog_profile_public(a, coop_id, &c->prof);
	if (e || !with_photo || !c->prof.nphotos)
		return e;
	db_stmt *s = db_prepare(db_thread(), SQL_PHOTO);
	db_bind_int(s, 1, c->prof.photo_ids[0]);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		c->photo_mime = arena_strdup(a, db_col_text(s, 0));
		c->photo_w = (int)db_col_int(s, 1);
		c->photo_h = (int)db_col_int(s, 2);
		const void *p = db_col_blob(s, 3, &c->photo_len);
		void *copy = arena_alloc(a, c->photo_len + 1);
		if (c->photo_len)
			memcpy(copy, p, c->photo_len);
		c->photo = copy;
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static int64_t coop_of(int64_t exhibitor_id, cf_err *e)
{
	db_stmt *s = db_prepare(db_thread(), SQL_COOP_OF);
	db_bind_int(s, 1, exhibitor_id);
	int rc = db_step(s);
	int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	*e = rc == DB_ROW ? CF_OK : rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
	return id;
}

/* the category's position in the edition's order, for sorting */
static int cat_rank(const named *cats, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cats[i].code, code))
			return (int)i;
	return (int)n;
}

static int by_catalogue_order(const void *pa, const void *pb)
{
	const catalog_entry *x = pa, *y = pb;
	if (x->category_rank != y->category_rank)
		return x->category_rank - y->category_rank;
	int sx = !*x->row.stand, sy = !*y->row.stand;
	if (sx != sy)
		return sx - sy;
	int c = strcmp(x->row.stand, y->row.stand);
	if (c)
		return c;
	c = strcmp(x->row.name_fr, y->row.name_fr);
	return c ? c : (x->row.id > y->row.id) - (x->row.id < y->row.id);
}

cf_err catalog_entries(arena *a, int64_t edition_id, int with_photos, catalog_entry **out,
		       size_t *n)
{
	*n = 0;
	named *cats;
	size_t ncats = 0;
	cf_err e = edition_categories(a, edition_id, &cats, &ncats);
	if (e)
		return e;
	exhibitor_filter f = { NULL, NULL, 1, EXHIBITOR_ALL };
	exhibitor_row *rows;
	int total = 0;
	size_t got = 0;
	if ((e = exhibitor_list(a, edition_id, &f, &rows, &total, &got)))
		return e;
	*out = arena_alloc(a, (got ? got : 1) * sizeof **out);
	memset(*out, 0, (got ? got : 1) * sizeof **out);
	for (size_t i = 0; i < got && !e; i++) {
		catalog_entry *c = &(*out)[i];
		c->row = rows[i];
		c->category_rank = cat_rank(cats, ncats, rows[i].category_code);
		int64_t coop = coop_of(rows[i].id, &e);
		if (!e)
			e = fill(a, coop, with_photos, c);
	}
	if (e)
		return e;
	qsort(*out, got, sizeof **out, by_catalogue_order);
	*n = got;
	return CF_OK;
}

cf_err catalog_entry_of(arena *a, int64_t edition_id, int64_t exhibitor_id, int with_photo,
			catalog_entry *out)
{
	memset(out, 0, sizeof *out);
	exhibitor_detail d;
	cf_err e = exhibitor_get(a, edition_id, exhibitor_id, &d);
	if (e)
		return e;
	out->row = d.row;
	int64_t coop = coop_of(exhibitor_id, &e);
	return e ? e : fill(a, coop, with_photo, out);
}

static cf_err read_products(arena *a, int64_t edition_id, catalog_products_row **out, size_t *n)
{
	size_t cap = 64;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	db_stmt *s = db_prepare(db_thread(), SQL_PRODUCTS);
	db_bind_int(s, 1, edition_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		*out = rows_grow(a, *out, *n, &cap, sizeof **out);
		catalog_products_row *p = &(*out)[(*n)++];
		p->exhibitor_id = db_col_int(s, 0);
		p->products_ar = arena_strdup(a, db_col_text(s, 1));
		p->products_fr = arena_strdup(a, db_col_text(s, 2));
		p->photo_id = db_col_int(s, 3);
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* catalog_products - through the memo (rows.h): the public list shows them
 * on every request. */
cf_err catalog_products(arena *a, int64_t edition_id, catalog_products_row **out, size_t *n)
{
	if (rows_memo_get(a, SQL_PRODUCTS, edition_id, sizeof **out, (void **)out, n))
		return CF_OK;
	arena *ma = db_memo_arena(db_thread(), a);
	cf_err e = read_products(ma, edition_id, out, n);
	if (e) {
		db_memo_drop(ma, a);
		*out = arena_alloc(a, sizeof **out);
		*n = 0;
		return e;
	}
	rows_memo_keep(a, ma, SQL_PRODUCTS, edition_id, sizeof **out, (void **)out, *n);
	return CF_OK;
}

const catalog_products_row *catalog_products_find(const catalog_products_row *rows, size_t n,
						  int64_t exhibitor_id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].exhibitor_id == exhibitor_id)
			return &rows[mid];
		if (rows[mid].exhibitor_id < exhibitor_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
