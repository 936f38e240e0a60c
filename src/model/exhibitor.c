/* exhibitor.c - see exhibitor.h. */
#include "exhibitor.h"
#include "rows.h"
#include "../db/db.h"
#include "edition.h"

#include <stdlib.h>
#include <string.h>

#define ROW_COLS                                                                             \
	"x.id, c.name_ar, c.name_fr, p.code, p.name_ar, p.name_fr, p.name_fr, r.name_ar, "   \
	"r.name_fr, r.name_en, (p.region_id <> e.region_id), k.code, k.name_ar, k.name_fr, " \
	"k.name_en, coalesce(s.code, ''), c.women_led, x.is_sample "
/* The tables behind ROW_COLS; kept apart so a query can add columns. */
#define ROW_FROM                                                                       \
	"FROM exhibitor x JOIN edition e ON e.id = x.edition_id "                      \
	"JOIN cooperative c ON c.id = x.cooperative_id "                               \
	"JOIN province p ON p.id = c.province_id JOIN region r ON r.id = p.region_id " \
	"JOIN category k ON k.id = x.category_id LEFT JOIN stand s ON s.id = x.stand_id "

static const char SQL_LIST[] =
	"SELECT " ROW_COLS ROW_FROM
	"WHERE x.edition_id = ?1 AND (?2 IS NULL OR k.code = ?2) AND (?3 IS NULL OR p.code = ?3) "
	"ORDER BY s.code IS NULL, s.code, x.id LIMIT ?4 OFFSET ?5";
/* The same rows unordered: list_all sorts them itself (no temporary
 * B-tree per request). */
static const char SQL_ALL[] =
	"SELECT " ROW_COLS ROW_FROM
	"WHERE x.edition_id = ?1 AND (?2 IS NULL OR k.code = ?2) AND (?3 IS NULL OR p.code = ?3)";
static const char SQL_COUNT[] =
	"SELECT count(*) FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
	"JOIN province p ON p.id = c.province_id JOIN category k ON k.id = x.category_id "
	"WHERE x.edition_id = ?1 AND (?2 IS NULL OR k.code = ?2) AND (?3 IS NULL OR p.code = ?3)";
/* Per category of the edition (those without exhibitors too): exhibitors,
 * women-led ones, ones from outside the region; the totals are the sums (an
 * exhibitor's category is one of its edition's). */
static const char SQL_BY_CATEGORY[] =
	"SELECT k.code, count(x.id), coalesce(sum(c.women_led), 0), "
	"coalesce(sum(p.region_id <> e.region_id), 0) FROM category k "
	"JOIN edition e ON e.id = k.edition_id "
	"LEFT JOIN exhibitor x ON x.edition_id = k.edition_id AND x.category_id = k.id "
	"LEFT JOIN cooperative c ON c.id = x.cooperative_id "
	"LEFT JOIN province p ON p.id = c.province_id "
	"WHERE k.edition_id = ? GROUP BY k.id ORDER BY k.position, k.id";
static const char SQL_ONE[] =
	"SELECT " ROW_COLS ", c.legal_form, coalesce(c.reg_number, ''), c.sector, c.products_ar, "
	"c.products_fr, c.members_women, c.members_men, c.members_young, coalesce(x.stand_id, 0) " ROW_FROM
	"WHERE x.edition_id = ? AND x.id = ?";
static const char SQL_MATES[] = "SELECT x.id, c.name_ar, c.name_fr FROM exhibitor x "
				"JOIN cooperative c ON c.id = x.cooperative_id "
				"WHERE x.stand_id = ? AND x.id <> ? ORDER BY x.id LIMIT 4";

static void read_row(arena *a, db_stmt *s, exhibitor_row *r)
{
	r->id = db_col_int(s, 0);
	r->name_ar = arena_strdup(a, db_col_text(s, 1));
	r->name_fr = arena_strdup(a, db_col_text(s, 2));
	r->province_code = arena_strdup(a, db_col_text(s, 3));
	rows_text3(a, s, 4, &r->province);
	rows_text3(a, s, 7, &r->region);
	rows_text3(a, s, 12, &r->category);
	r->outside_region = (int)db_col_int(s, 10);
	r->category_code = arena_strdup(a, db_col_text(s, 11));
	r->stand = arena_strdup(a, db_col_text(s, 15));
	r->women_led = (int)db_col_int(s, 16);
	r->is_sample = (int)db_col_int(s, 17);
}

static void bind_filter(db_stmt *s, int64_t edition_id, const exhibitor_filter *f)
{
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, f->category && *f->category ? f->category : NULL);
	db_bind_text(s, 3, f->province && *f->province ? f->province : NULL);
}

/* SQL_LIST's order: stands by code (byte order, as SQLite's BINARY), the
 * exhibitors without a stand last, then by id. */
static int by_stand(const void *pa, const void *pb)
{
	const exhibitor_row *a = pa, *b = pb;
	if (!*a->stand != !*b->stand)
		return !*a->stand - !*b->stand;
	int c = strcmp(a->stand, b->stand);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Every matching row in one query: no count first, the array grows. */
static cf_err list_all(arena *a, db *d, int64_t edition_id, const exhibitor_filter *f,
		       exhibitor_row **out, int *total, size_t *count)
{
	db_stmt *s = db_prepare(d, SQL_ALL);
	bind_filter(s, edition_id, f);
	size_t n = 0, cap = 64;
	exhibitor_row *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		read_row(a, s, &v[n++]);
	}
	db_done(s);
	qsort(v, n, sizeof *v, by_stand);
	*out = v;
	*count = rc == DB_ERR ? 0 : n;
	*total = (int)*count;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* list_kept - list_all through the memo (rows.h) when unfiltered: the
 * public list, the catalogue and its figures read the same rows. */
static cf_err list_kept(arena *a, db *d, int64_t edition_id, const exhibitor_filter *f,
			exhibitor_row **out, int *total, size_t *count)
{
	if ((f->category && *f->category) || (f->province && *f->province))
		return list_all(a, d, edition_id, f, out, total, count);
	if (rows_memo_get(a, SQL_ALL, edition_id, sizeof **out, (void **)out, count)) {
		*total = (int)*count;
		return CF_OK;
	}
	arena *ma = db_memo_arena(d, a);
	cf_err e = list_all(ma, d, edition_id, f, out, total, count);
	if (e) {
		db_memo_drop(ma, a);
		*out = arena_alloc(a, sizeof **out);
		return e;
	}
	rows_memo_keep(a, ma, SQL_ALL, edition_id, sizeof **out, (void **)out, *count);
	return CF_OK;
}

cf_err exhibitor_list(arena *a, int64_t edition_id, const exhibitor_filter *f, exhibitor_row **out,
		      int *total, size_t *count)
{
	int rc = DB_DONE;
	db *d = db_thread();
	if (f->per_page == EXHIBITOR_ALL)
		return list_kept(a, d, edition_id, f, out, total, count);
	db_stmt *s = db_prepare(d, SQL_COUNT);
	bind_filter(s, edition_id, f);
	*total = (rc = db_step(s)) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	*count = 0;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	int per = f->per_page > 0 ? f->per_page : 20;
	int page = f->page > 0 ? f->page : 1;
	*out = arena_alloc(a, (size_t)per * sizeof **out);
	s = db_prepare(d, SQL_LIST);
	bind_filter(s, edition_id, f);
	db_bind_int(s, 4, per);
	db_bind_int(s, 5, (int64_t)(page - 1) * per);
	size_t n = 0;
	while (n < (size_t)per && (rc = db_step(s)) == DB_ROW)
		read_row(a, s, &(*out)[n++]);
	db_done(s);
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err exhibitor_counts_of(arena *a, int64_t edition_id, exhibitor_counts *c)
{
	memset(c, 0, sizeof *c);
	db_stmt *s = db_prepare(db_thread(), SQL_BY_CATEGORY);
	db_bind_int(s, 1, edition_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		c->total += (int)db_col_int(s, 1);
		c->women_led += (int)db_col_int(s, 2);
		c->outside_region += (int)db_col_int(s, 3);
		if (c->ncat < 16) {
			c->by_category[c->ncat].code = arena_strdup(a, db_col_text(s, 0));
			c->by_category[c->ncat].n = (int)db_col_int(s, 1);
			c->ncat++;
		}
	}
	db_done(s);
	c->men_led = c->total - c->women_led;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* same_code - two codes are equal; most differ at their first letter, and
 * the list page compares each of its rows with every category and province. */
static int same_code(const char *a, const char *b)
{
	return *a == *b && !strcmp(a, b);
}

void exhibitor_tally(const exhibitor_row *rows, size_t n, const named *cats, size_t ncats,
		     exhibitor_counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t k = 0; k < ncats && c->ncat < 16; k++) {
		c->by_category[c->ncat].code = cats[k].code;
		c->by_category[c->ncat].n = 0;
		c->ncat++;
	}
	for (size_t i = 0; i < n; i++) {
		c->total++;
		c->women_led += rows[i].women_led != 0;
		c->outside_region += rows[i].outside_region != 0;
		for (int k = 0; k < c->ncat; k++)
			if (same_code(c->by_category[k].code, rows[i].category_code)) {
				c->by_category[k].n++;
				break;
			}
	}
	c->men_led = c->total - c->women_led;
}

static int by_region_then_name(const void *pa, const void *pb)
{
	const named *a = pa, *b = pb;
	/* about.v[0] holds "1" for a province outside the edition's region */
	int oa = *a->about.v[0] == '1', ob = *b->about.v[0] == '1';
	if (oa != ob)
		return oa - ob;
	return strcmp(a->name.v[LANG_FR], b->name.v[LANG_FR]);
}

void exhibitor_provinces_of(arena *a, const exhibitor_row *rows, size_t n, named **out,
			    size_t *count)
{
	size_t k = 0, cap = 16;
	named *v = arena_alloc(a, cap * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < k && !same_code(v[j].code, rows[i].province_code))
			j++;
		if (j < k)
			continue;
		v = rows_grow(a, v, k, &cap, sizeof *v);
		v[k] = (named){ .code = rows[i].province_code, .name = rows[i].province };
		v[k].about.v[0] = v[k].about.v[1] = v[k].about.v[2] = "";
		if (rows[i].outside_region)
			v[k].about.v[0] = "1";
		k++;
	}
	qsort(v, k, sizeof *v, by_region_then_name);
	for (size_t i = 0; i < k; i++)
		v[i].about.v[0] = "";
	*out = v;
	*count = k;
}

cf_err exhibitor_get(arena *a, int64_t edition_id, int64_t id, exhibitor_detail *out)
{
	memset(out, 0, sizeof *out);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_ONE);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, id);
	cf_err found = db_row(s);
	if (found) {
		db_done(s);
		return found;
	}
	read_row(a, s, &out->row);
	out->legal_form = arena_strdup(a, db_col_text(s, 18));
	out->reg_number = arena_strdup(a, db_col_text(s, 19));
	out->sector = arena_strdup(a, db_col_text(s, 20));
	out->products_ar = arena_strdup(a, db_col_text(s, 21));
	out->products_fr = arena_strdup(a, db_col_text(s, 22));
	out->members_women = (int)db_col_int(s, 23);
	out->members_men = (int)db_col_int(s, 24);
	out->members_young = (int)db_col_int(s, 25);
	int64_t stand_id = db_col_int(s, 26);
	db_done(s);
	if (stand_id) {
		s = db_prepare(d, SQL_MATES);
		db_bind_int(s, 1, stand_id);
		db_bind_int(s, 2, id);
		while (out->nstand_mates < 4 && db_step(s) == DB_ROW) {
			out->stand_mate_ids[out->nstand_mates] = db_col_int(s, 0);
			out->stand_mates_ar[out->nstand_mates] = arena_strdup(a, db_col_text(s, 1));
			out->stand_mates_fr[out->nstand_mates] = arena_strdup(a, db_col_text(s, 2));
			out->nstand_mates++;
		}
		db_done(s);
	}
	return CF_OK;
}
