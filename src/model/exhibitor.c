/* exhibitor.c - see exhibitor.h. */
#include "exhibitor.h"
#include "rows.h"
#include "../db/db.h"
#include "edition.h"

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

cf_err exhibitor_list(arena *a, int64_t edition_id, const exhibitor_filter *f, exhibitor_row **out,
		      int *total, size_t *count)
{
	int rc = DB_DONE;
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_COUNT);
	bind_filter(s, edition_id, f);
	*total = (rc = db_step(s)) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	*count = 0;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	int per = f->per_page > 0		 ? f->per_page
		  : f->per_page == EXHIBITOR_ALL ? (*total > 0 ? *total : 1)
						 : 20;
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
