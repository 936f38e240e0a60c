/* registry.c - cooperatives: search index, search, reads, export rows.
 * See registry.h. The FTS5 statements here are SQLite-specific; a
 * PostgreSQL backend mirrors them (tsvector or pg_trgm over the same
 * C-normalised text). */
#include "registry.h"
#include "../db/db.h"
#include "registry_text.h"

#include <stdio.h>
#include <string.h>

#define COOP_COLS                                                                                  \
	"c.id, c.name_ar, c.name_fr, c.legal_form, coalesce(c.reg_number, ''), "                   \
	"coalesce(c.reg_date, ''), p.code, p.name_fr, p.name_ar, r.name_fr, r.name_ar, c.sector, " \
	"c.products_ar, c.products_fr, c.members_women, c.members_men, c.members_young, "          \
	"c.women_led, c.first_time, c.is_sample, c.contact_name, c.phone, c.email, "               \
	"(SELECT count(*) FROM exhibitor x WHERE x.cooperative_id = c.id), c.women_led_known, "    \
	"c.first_time_known, c.members_known "
#define COOP_JOIN "JOIN province p ON p.id = c.province_id JOIN region r ON r.id = p.region_id "

static const char SQL_PENDING_ANY[] = "SELECT 1 FROM cooperative WHERE indexed = 0 LIMIT 1";
static const char SQL_PENDING[] =
	"SELECT c.id, c.name_ar, c.name_fr, coalesce(c.reg_number, ''), p.name_fr, p.name_ar, "
	"c.sector, c.products_ar, c.products_fr FROM cooperative c "
	"JOIN province p ON p.id = c.province_id WHERE c.indexed = 0 LIMIT 500";
static const char SQL_FTS_DELETE[] = "DELETE FROM cooperative_fts WHERE rowid = ?";
static const char SQL_FTS_INSERT[] =
	"INSERT INTO cooperative_fts (rowid, names, other) VALUES (?, ?, ?)";
static const char SQL_MARK_INDEXED[] =
	"UPDATE cooperative SET indexed = 1, name_ar_key = ?2, name_fr_key = ?3, reg_key = ?4 "
	"WHERE id = ?1";
/* Ranking: the exact registration number first, then rows where every
 * word matches whole (?5, registry_fts_exact), then bm25 over prefixes.
 * The inner query ranks the matches by their keys only and keeps one page;
 * the page's columns are read for those rows alone. */
#define SEARCH_BY_REG "SELECT f.rowid AS hit, (c.reg_key = ?4) AS by_reg, "
#define SEARCH_BY_WORD \
	"(f.rowid IN (SELECT rowid FROM cooperative_fts WHERE cooperative_fts MATCH ?5)) AS by_word"
#define SEARCH_FROM \
	"FROM cooperative_fts f JOIN cooperative c ON c.id = f.rowid WHERE cooperative_fts MATCH ?1 "
#define SEARCH_PAGE(keys) \
	keys " LIMIT ?2 OFFSET ?3) t JOIN cooperative c ON c.id = t.hit " COOP_JOIN keys
#define SEARCH_RANKED "ORDER BY by_reg DESC, by_word DESC, by_rank, hit"
#define SEARCH_KEYED "ORDER BY by_reg DESC, by_word DESC, hit"
static const char SQL_SEARCH[] =
	"SELECT " COOP_COLS "FROM (" SEARCH_BY_REG SEARCH_BY_WORD
	", bm25(cooperative_fts, 10.0, 1.0) AS by_rank " SEARCH_FROM SEARCH_PAGE(SEARCH_RANKED);
/* From REGISTRY_SEARCH_RANKED matches on, the same keys without bm25: its
 * score needs each match's column sizes (one read of FTS5's docsize table
 * per match), two thirds of a search over thousands of matches (5 ms of
 * CPU for a word 3,300 rows share, against 1.9 ms without it), for an order
 * among rows that all carry the word whole. */
static const char SQL_SEARCH_KEYED[] = "SELECT " COOP_COLS "FROM (" SEARCH_BY_REG SEARCH_BY_WORD
				       " " SEARCH_FROM SEARCH_PAGE(SEARCH_KEYED);
static const char SQL_SEARCH_COUNT[] =
	"SELECT count(*) FROM (SELECT rowid FROM cooperative_fts WHERE cooperative_fts MATCH ?1 LIMIT 5000)";
/* A query that matches a large part of the registry is listed in the
 * index's order, unranked: ranking tens of thousands of rows costs tens of
 * milliseconds and tells the person nothing; the page asks for more words. */
static const char SQL_SEARCH_BROAD[] =
	"SELECT " COOP_COLS "FROM cooperative_fts f JOIN cooperative c ON c.id = f.rowid " COOP_JOIN
	"WHERE cooperative_fts MATCH ?1 ORDER BY f.rowid LIMIT ?2 OFFSET ?3";
static const char SQL_ALL[] = "SELECT " COOP_COLS "FROM cooperative c " COOP_JOIN
			      "ORDER BY c.name_fr_key, c.id LIMIT ?1 OFFSET ?2";
static const char SQL_ALL_EACH[] =
	"SELECT " COOP_COLS "FROM cooperative c " COOP_JOIN "ORDER BY c.name_fr_key, c.id";
static const char SQL_SEARCH_EACH[] =
	"SELECT " COOP_COLS "FROM cooperative_fts f JOIN cooperative c ON c.id = f.rowid " COOP_JOIN
	"WHERE cooperative_fts MATCH ?1 ORDER BY bm25(cooperative_fts, 10.0, 1.0), c.id";
static const char SQL_COUNT[] = "SELECT count(*) FROM cooperative";
static const char SQL_HISTORY[] =
	"SELECT e.id, e.name_ar, e.name_fr, e.starts_on, coalesce(a.status, ''), "
	"EXISTS (SELECT 1 FROM exhibitor x WHERE x.edition_id = e.id AND x.cooperative_id = ?1) "
	"FROM edition e LEFT JOIN application a ON a.edition_id = e.id AND a.cooperative_id = ?1 "
	"WHERE a.id IS NOT NULL OR EXISTS (SELECT 1 FROM exhibitor x WHERE x.edition_id = e.id "
	"AND x.cooperative_id = ?1) ORDER BY e.starts_on DESC LIMIT 50";
static const char SQL_ONE[] = "SELECT " COOP_COLS "FROM cooperative c " COOP_JOIN "WHERE c.id = ?";

/* index_one - the search entry and name keys of one cooperative. */
static cf_err index_one(db *d, int64_t id, const char *name_ar, const char *name_fr,
			const char *reg, const char *other)
{
	char names[4096], rest[8192], key_ar[1024], key_fr[1024], key_reg[256];
	char both[2048];
	snprintf(both, sizeof both, "%s %s", name_ar, name_fr);
	registry_index_text(both, names, sizeof names);
	registry_index_text(other, rest, sizeof rest);
	registry_norm(name_ar, key_ar, sizeof key_ar);
	registry_norm(name_fr, key_fr, sizeof key_fr);
	registry_reg_key(reg, key_reg, sizeof key_reg);
	db_stmt *s = db_prepare(d, SQL_FTS_DELETE);
	db_bind_int(s, 1, id);
	cf_err e = db_run(s);
	if (!e) {
		s = db_prepare(d, SQL_FTS_INSERT);
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, names);
		db_bind_text(s, 3, rest);
		e = db_run(s);
	}
	if (!e) {
		s = db_prepare(d, SQL_MARK_INDEXED);
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, key_ar);
		db_bind_text(s, 3, key_fr);
		db_bind_text(s, 4, key_reg);
		e = db_run(s);
	}
	return e;
}

int registry_index_pending(void)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_PENDING_ANY);
	int any = db_step(s) == DB_ROW;
	db_done(s);
	if (!any)
		return 0;
	if (db_begin(d))
		return 0;
	int total = 0;
	cf_err e = CF_OK;
	for (int round = 0; round < 100000 && !e; round++) {
		arena *a = arena_new(8u << 20);
		struct item {
			int64_t id;
			const char *ar, *fr, *reg, *other;
		} *items = arena_alloc(a, 500 * sizeof *items);
		int n = 0;
		s = db_prepare(d, SQL_PENDING);
		while (n < 500 && db_step(s) == DB_ROW) {
			items[n].id = db_col_int(s, 0);
			items[n].ar = arena_strdup(a, db_col_text(s, 1));
			items[n].fr = arena_strdup(a, db_col_text(s, 2));
			items[n].reg = arena_strdup(a, db_col_text(s, 3));
			items[n].other = arena_printf(a, "%s %s %s %s %s %s", db_col_text(s, 3),
						      db_col_text(s, 4), db_col_text(s, 5),
						      db_col_text(s, 6), db_col_text(s, 7),
						      db_col_text(s, 8));
			n++;
		}
		db_done(s);
		for (int i = 0; i < n && !e; i++)
			e = index_one(d, items[i].id, items[i].ar, items[i].fr, items[i].reg,
				      items[i].other);
		arena_free(a);
		total += n;
		if (n < 500)
			break;
	}
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		return 0;
	}
	return total;
}

static void read_coop(arena *a, db_stmt *s, registry_coop *c)
{
	c->id = db_col_int(s, 0);
	const char **txt[] = { &c->name_ar,    &c->name_fr,	  &c->legal_form,  &c->reg_number,
			       &c->reg_date,   &c->province_code, &c->province_fr, &c->province_ar,
			       &c->region_fr,  &c->region_ar,	  &c->sector,	   &c->products_ar,
			       &c->products_fr };
	for (int i = 0; i < 13; i++)
		*txt[i] = arena_strdup(a, db_col_text(s, 1 + i));
	c->members_women = (int)db_col_int(s, 14);
	c->members_men = (int)db_col_int(s, 15);
	c->members_young = (int)db_col_int(s, 16);
	c->women_led = (int)db_col_int(s, 17);
	c->first_time = (int)db_col_int(s, 18);
	c->is_sample = (int)db_col_int(s, 19);
	c->contact_name = arena_strdup(a, db_col_text(s, 20));
	c->phone = arena_strdup(a, db_col_text(s, 21));
	c->email = arena_strdup(a, db_col_text(s, 22));
	c->editions = (int)db_col_int(s, 23);
	c->women_led_known = (int)db_col_int(s, 24);
	c->first_time_known = (int)db_col_int(s, 25);
	c->members_known = (int)db_col_int(s, 26);
}

cf_err registry_search(arena *a, const char *typed, int page, int per_page, registry_coop **out,
		       int *total, size_t *count)
{
	int rc = DB_DONE;
	db *d = db_thread();
	char q[1200];
	registry_index_pending();
	if (per_page < 1 || per_page > 500)
		per_page = 20;
	if (page < 1)
		page = 1;
	*out = arena_alloc(a, (size_t)per_page * sizeof **out);
	*total = 0;
	size_t n = 0;
	db_stmt *s;
	if (!typed || !registry_fts_query(typed, q, sizeof q)) {
		if (typed && *typed)
			return 0; /* only punctuation: nothing can match */
		*total = registry_count();
		s = db_prepare(d, SQL_ALL);
		db_bind_int(s, 1, per_page);
		db_bind_int(s, 2, (int64_t)(page - 1) * per_page);
	} else {
		s = db_prepare(d, SQL_SEARCH_COUNT);
		db_bind_text(s, 1, q);
		*total = (rc = db_step(s)) == DB_ROW ? (int)db_col_int(s, 0) : 0;
		db_done(s);
		int broad = *total >= REGISTRY_SEARCH_BROAD;
		s = db_prepare(d, broad				     ? SQL_SEARCH_BROAD
				  : *total >= REGISTRY_SEARCH_RANKED ? SQL_SEARCH_KEYED
								     : SQL_SEARCH);
		db_bind_text(s, 1, q);
		db_bind_int(s, 2, per_page);
		db_bind_int(s, 3, (int64_t)(page - 1) * per_page);
		if (!broad) {
			char key[256], exact[1200];
			registry_reg_key(typed, key, sizeof key);
			registry_fts_exact(typed, exact, sizeof exact);
			db_bind_text(s, 4, *key ? key : "-");
			db_bind_text(s, 5, exact);
		}
	}
	while (n < (size_t)per_page && (rc = db_step(s)) == DB_ROW)
		read_coop(a, s, &(*out)[n++]);
	db_done(s);
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err registry_get(arena *a, int64_t id, registry_coop *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_ONE);
	db_bind_int(s, 1, id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		read_coop(a, s, out);
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err registry_history(arena *a, int64_t coop_id, registry_past **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_HISTORY);
	db_bind_int(s, 1, coop_id);
	registry_past *v = arena_alloc(a, 50 * sizeof *v);
	size_t n = 0;
	while (n < 50 && (rc = db_step(s)) == DB_ROW) {
		v[n].edition_id = db_col_int(s, 0);
		v[n].name_ar = arena_strdup(a, db_col_text(s, 1));
		v[n].name_fr = arena_strdup(a, db_col_text(s, 2));
		v[n].starts_on = arena_strdup(a, db_col_text(s, 3));
		v[n].status = arena_strdup(a, db_col_text(s, 4));
		v[n].exhibited = (int)db_col_int(s, 5);
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

int registry_count(void)
{
	db_stmt *s = db_prepare(db_thread(), SQL_COUNT);
	int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	return n;
}

static const struct {
	const char *key, *header;
} export_cols[EXP__MAX] = {
	{ "name_ar", "Nom (arabe)" },
	{ "name_fr", "Nom" },
	{ "legal_form", "Forme juridique" },
	{ "reg_number", "Numéro d'immatriculation" },
	{ "reg_date", "Date d'immatriculation" },
	{ "province", "Province" },
	{ "region", "Région" },
	{ "sector", "Secteur" },
	{ "products_ar", "Produits (arabe)" },
	{ "products_fr", "Produits" },
	{ "women", "Adhérentes" },
	{ "men", "Adhérents hommes" },
	{ "young", "Jeunes" },
	{ "women_led", "Dirigée par une femme" },
	{ "first_time", "Première participation" },
	{ "contact", "Personne de contact" },
	{ "phone", "Téléphone" },
	{ "email", "Email" },
};

const char *registry_export_col_key(export_col c)
{
	return c < EXP__MAX ? export_cols[c].key : "";
}

const char *registry_export_col_header(export_col c)
{
	return c < EXP__MAX ? export_cols[c].header : "";
}

const char *registry_export_value(arena *a, const registry_coop *c, export_col col)
{
	switch (col) {
	case EXP_NAME_AR:
		return c->name_ar;
	case EXP_NAME_FR:
		return c->name_fr;
	case EXP_LEGAL_FORM:
		return c->legal_form;
	case EXP_REG_NUMBER:
		return c->reg_number;
	case EXP_REG_DATE:
		return c->reg_date;
	case EXP_PROVINCE:
		return c->province_fr;
	case EXP_REGION:
		return c->region_fr;
	case EXP_SECTOR:
		return c->sector;
	case EXP_PRODUCTS_AR:
		return c->products_ar;
	case EXP_PRODUCTS_FR:
		return c->products_fr;
	case EXP_WOMEN:
		return c->members_known ? arena_printf(a, "%d", c->members_women) : "";
	case EXP_MEN:
		return c->members_known ? arena_printf(a, "%d", c->members_men) : "";
	case EXP_YOUNG:
		return c->members_known ? arena_printf(a, "%d", c->members_young) : "";
	case EXP_WOMEN_LED: /* unknown exports empty, and imports back as unknown */
		return !c->women_led_known ? "" : c->women_led ? "oui" : "non";
	case EXP_FIRST_TIME:
		return !c->first_time_known ? "" : c->first_time ? "oui" : "non";
	case EXP_CONTACT:
		return c->contact_name;
	case EXP_PHONE:
		return c->phone;
	case EXP_EMAIL:
		return c->email;
	default:
		return "";
	}
}

cf_err registry_each(const char *typed, int (*fn)(void *ctx, const registry_coop *c), void *ctx)
{
	db *d = db_thread();
	char q[1200];
	registry_index_pending();
	db_stmt *s;
	if (typed && registry_fts_query(typed, q, sizeof q)) {
		s = db_prepare(d, SQL_SEARCH_EACH);
		db_bind_text(s, 1, q);
	} else {
		s = db_prepare(d, SQL_ALL_EACH);
	}
	arena *a = arena_new(4u << 20);
	int rc, stop = 0;
	long n = 0;
	while (!stop && (rc = db_step(s)) == DB_ROW) {
		registry_coop c;
		read_coop(a, s, &c);
		stop = fn(ctx, &c);
		if (++n % 1000 == 0) {
			arena_free(a);
			a = arena_new(4u << 20);
		}
	}
	db_done(s);
	arena_free(a);
	return CF_OK;
}
