/* edition.c - see edition.h. */
#include "edition.h"
#include "rows.h"
#include "../db/db.h"
#include "audit.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EDITION_COLS                                                                          \
	"e.id, e.slug, e.number, e.name_ar, e.name_fr, e.name_en, e.slogan_ar, e.slogan_fr, " \
	"e.slogan_en, e.city_ar, e.city_fr, e.city_en, e.chair_ar, e.chair_fr, e.chair_en, "  \
	"r.name_ar, r.name_fr, r.name_en, e.region_id, e.starts_on, e.ends_on, e.area_m2, "   \
	"e.stands_planned, e.exhibitors_planned, e.outside_region_planned, e.state, "         \
	"e.call_opens_on, e.call_closes_on "                                                  \
	"FROM edition e JOIN region r ON r.id = e.region_id "

static const char SQL_CURRENT[] =
	"SELECT " EDITION_COLS "WHERE e.id = (SELECT id FROM current_edition)";
static const char SQL_BY_ID[] = "SELECT " EDITION_COLS "WHERE e.id = ?";
static const char SQL_BY_SLUG[] = "SELECT " EDITION_COLS "WHERE e.slug = ? AND e.state <> 'draft'";
static const char SQL_PUBLIC_LIST[] =
	"SELECT " EDITION_COLS "WHERE e.state <> 'draft' ORDER BY e.starts_on DESC, e.id DESC";
static const char SQL_ALL_LIST[] =
	"SELECT " EDITION_COLS "WHERE e.id > 0 ORDER BY e.starts_on DESC, e.id DESC";
static const char SQL_STATE[] = "SELECT state FROM edition WHERE id = ?";
static const char SQL_CHOSEN[] = "SELECT value FROM setting WHERE key = 'current_edition'";
static const char SQL_SET_CURRENT[] =
	"INSERT INTO setting (key, value) VALUES ('current_edition', ?1) "
	"ON CONFLICT (key) DO UPDATE SET value = ?1";
static const char SQL_SPACES[] =
	"SELECT id, kind, name_ar, name_fr, name_en, about_ar, about_fr, about_en "
	"FROM space WHERE edition_id = ? ORDER BY position, id";
static const char SQL_ORGS[] =
	"SELECT o.id, o.short_name, o.name_ar, o.name_fr, o.name_en, '', '', '' "
	"FROM edition_organisation eo JOIN organisation o ON o.id = eo.organisation_id "
	"WHERE eo.edition_id = ? AND eo.role = ? ORDER BY eo.position, o.id";
static const char SQL_CATEGORIES[] = "SELECT id, code, name_ar, name_fr, name_en, '', '', '' "
				     "FROM category WHERE edition_id = ? ORDER BY position, id";
static const char SQL_SIDE_EVENTS[] = "SELECT id, '', name_ar, name_fr, name_en, '', '', '' "
				      "FROM side_event WHERE edition_id = ? ORDER BY position, id";

/* The provinces of an edition's exhibitors, or of its sent applications:
 * the edition's region first, then by French name (the lists' filters). */
static const char SQL_PROVINCES_EXHIBITORS[] =
	"SELECT p.id, p.code, p.name_ar, p.name_fr, p.name_fr, '', '', '' FROM province p "
	"WHERE p.id IN (SELECT c.province_id FROM exhibitor x "
	"JOIN cooperative c ON c.id = x.cooperative_id WHERE x.edition_id = ?1) "
	"ORDER BY p.region_id <> (SELECT region_id FROM edition WHERE id = ?1), p.name_fr";
static const char SQL_PROVINCES_APPLICANTS[] =
	"SELECT p.id, p.code, p.name_ar, p.name_fr, p.name_fr, '', '', '' FROM province p "
	"WHERE p.id IN (SELECT c.province_id FROM application a "
	"JOIN cooperative c ON c.id = a.cooperative_id "
	"WHERE a.edition_id = ?1 AND a.status <> 'draft') "
	"ORDER BY p.region_id <> (SELECT region_id FROM edition WHERE id = ?1), p.name_fr";

static const char *const state_codes[EDITION__MAX] = { "draft",	    "call_open", "selection",
						       "published", "fair",	 "over",
						       "archived" };
const char *edition_state_code(edition_state s)
{
	return s < EDITION__MAX ? state_codes[s] : "";
}

int edition_state_parse(const char *code)
{
	for (int i = 0; code && i < EDITION__MAX; i++)
		if (!strcmp(code, state_codes[i]))
			return i;
	return -1;
}

/* row_edition - the current row of an EDITION_COLS statement. */
static void row_edition(arena *a, db_stmt *s, edition *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(s, 0);
	e->slug = arena_strdup(a, db_col_text(s, 1));
	e->number = (int)db_col_int(s, 2);
	rows_text3(a, s, 3, &e->name);
	rows_text3(a, s, 6, &e->slogan);
	rows_text3(a, s, 9, &e->city);
	rows_text3(a, s, 12, &e->chair);
	rows_text3(a, s, 15, &e->region);
	e->region_id = db_col_int(s, 18);
	e->starts_on = arena_strdup(a, db_col_text(s, 19));
	e->ends_on = arena_strdup(a, db_col_text(s, 20));
	e->area_m2 = (int)db_col_int(s, 21);
	e->stands_planned = (int)db_col_int(s, 22);
	e->exhibitors_planned = (int)db_col_int(s, 23);
	e->outside_region_planned = (int)db_col_int(s, 24);
	int st = edition_state_parse(db_col_text(s, 25));
	e->state = st < 0 ? EDITION_DRAFT : (edition_state)st;
	e->call_opens_on = arena_strdup(a, db_col_text(s, 26));
	e->call_closes_on = arena_strdup(a, db_col_text(s, 27));
}

static cf_err read_edition(arena *a, db_stmt *s, edition *e)
{
	memset(e, 0, sizeof *e);
	cf_err found = db_row(s);
	if (found) {
		db_done(s);
		return found;
	}
	row_edition(a, s, e);
	db_done(s);
	return CF_OK;
}

/* The current edition is read by nearly every page: kept in the memo. */
cf_err edition_current(arena *a, edition *out)
{
	db *d = db_thread();
	const edition *kept = db_memo_get(d, SQL_CURRENT, 0);
	if (kept) {
		*out = *kept;
		return CF_OK;
	}
	arena *ma = db_memo_arena(d, a);
	cf_err e = read_edition(ma, db_prepare(d, SQL_CURRENT), out);
	if (e) {
		db_memo_drop(ma, a);
		return e;
	}
	edition *keep = ma == a ? NULL : arena_alloc(ma, sizeof *keep);
	if (keep) {
		*keep = *out;
		db_memo_keep(d, SQL_CURRENT, 0, ma, a, keep);
	}
	return CF_OK;
}

cf_err edition_by_id(arena *a, int64_t id, edition *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_BY_ID);
	db_bind_int(s, 1, id);
	return read_edition(a, s, out);
}

cf_err edition_public_by_slug(arena *a, const char *slug, edition *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_BY_SLUG);
	db_bind_text(s, 1, slug ? slug : "");
	return read_edition(a, s, out);
}

static cf_err read_editions(arena *a, db_stmt *s, edition **out, size_t *count)
{
	int rc;
	size_t n = 0, cap = 8;
	edition *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		row_edition(a, s, &v[n++]);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* The public editions: on every home page, through the memo (rows.h). */
cf_err edition_public_list(arena *a, edition **out, size_t *count)
{
	if (rows_memo_get(a, SQL_PUBLIC_LIST, 0, sizeof **out, (void **)out, count))
		return CF_OK;
	arena *ma = db_memo_arena(db_thread(), a);
	cf_err e = read_editions(ma, db_prepare(db_thread(), SQL_PUBLIC_LIST), out, count);
	if (e) {
		db_memo_drop(ma, a);
		*out = arena_alloc(a, sizeof **out);
		*count = 0;
		return e;
	}
	rows_memo_keep(a, ma, SQL_PUBLIC_LIST, 0, sizeof **out, (void **)out, *count);
	return CF_OK;
}

cf_err edition_all(arena *a, edition **out, size_t *count)
{
	return read_editions(a, db_prepare(db_thread(), SQL_ALL_LIST), out, count);
}

int64_t edition_chosen_current(void)
{
	db_stmt *s = db_prepare(db_thread(), SQL_CHOSEN);
	int64_t id = 0;
	if (db_step(s) == DB_ROW)
		id = strtoll(db_col_text(s, 0), NULL, 10);
	db_done(s);
	return id;
}

cf_err edition_set_current(int64_t actor, int64_t id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_STATE);
	db_bind_int(s, 1, id);
	int st = db_step(s) == DB_ROW ? edition_state_parse(db_col_text(s, 0)) : -2;
	db_done(s);
	if (st == -2)
		e = CF_ERR_NOTFOUND;
	else if (st == EDITION_DRAFT)
		e = CF_ERR_STATE;
	char val[24];
	snprintf(val, sizeof val, "%lld", (long long)id);
	if (!e) {
		s = db_prepare(d, SQL_SET_CURRENT);
		db_bind_text(s, 1, val);
		e = db_run(s);
	}
	if (!e)
		e = audit_record(actor, "edition.current", "edition", id, NULL, NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

void edition_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	if (!strftime(out, 11, "%Y-%m-%d", &tm))
		out[0] = 0;
}

/* is_day - a YYYY-MM-DD string (what every stored date is). */
static int is_day(const char *s)
{
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

int edition_call_open(const edition *e, const char *today)
{
	if (e->state != EDITION_CALL_OPEN || !is_day(today))
		return 0;
	/* ISO days compare as text. */
	if (is_day(e->call_opens_on) && strcmp(today, e->call_opens_on) < 0)
		return 0;
	if (is_day(e->call_closes_on) && strcmp(today, e->call_closes_on) > 0)
		return 0;
	return 1;
}

/* read_named - rows of (id, code, name x3, about x3) into an arena array. */
static cf_err read_named(arena *a, db_stmt *s, named **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 8;
	named *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].id = db_col_int(s, 0);
		v[n].code = arena_strdup(a, db_col_text(s, 1));
		rows_text3(a, s, 2, &v[n].name);
		rows_text3(a, s, 5, &v[n].about);
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* named_kept - read_named of sql with the edition bound as ?1 (and a
 * role as ?2 when role is set), through the memo (rows.h): an edition's
 * spaces, organisations, categories and side events are on every public
 * page and change rarely. */
static cf_err named_kept(arena *a, const char *sql, int64_t edition_id, const char *role,
			 named **out, size_t *count)
{
	int64_t arg = edition_id * 2 + (role && *role == 'p');
	if (rows_memo_get(a, sql, arg, sizeof **out, (void **)out, count))
		return CF_OK;
	arena *ma = db_memo_arena(db_thread(), a);
	db_stmt *s = db_prepare(db_thread(), sql);
	db_bind_int(s, 1, edition_id);
	if (role)
		db_bind_text(s, 2, role);
	cf_err e = read_named(ma, s, out, count);
	if (e) {
		db_memo_drop(ma, a);
		*out = arena_alloc(a, sizeof **out);
		*count = 0;
		return e;
	}
	rows_memo_keep(a, ma, sql, arg, sizeof **out, (void **)out, *count);
	return CF_OK;
}

cf_err edition_spaces(arena *a, int64_t edition_id, named **out, size_t *count)
{
	return named_kept(a, SQL_SPACES, edition_id, NULL, out, count);
}

cf_err edition_organisations(arena *a, int64_t edition_id, org_role role, named **out,
			     size_t *count)
{
	return named_kept(a, SQL_ORGS, edition_id, role == ORG_ORGANISER ? "organiser" : "partner",
			  out, count);
}

cf_err edition_categories(arena *a, int64_t edition_id, named **out, size_t *count)
{
	return named_kept(a, SQL_CATEGORIES, edition_id, NULL, out, count);
}

cf_err edition_side_events(arena *a, int64_t edition_id, named **out, size_t *count)
{
	return named_kept(a, SQL_SIDE_EVENTS, edition_id, NULL, out, count);
}

cf_err edition_provinces(arena *a, int64_t edition_id, int applicants, named **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(),
				applicants ? SQL_PROVINCES_APPLICANTS : SQL_PROVINCES_EXHIBITORS);
	db_bind_int(s, 1, edition_id);
	return read_named(a, s, out, count);
}

static time_t day_of(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!text_ymd(iso, &tm.tm_year, &tm.tm_mon, &tm.tm_mday) &&
	    sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

int edition_days_until(const char *today, const char *iso)
{
	if (!is_day(today) || !is_day(iso))
		return 0;
	time_t a = day_of(today), b = day_of(iso);
	return (int)((b - a) / 86400);
}

int edition_days(const edition *e)
{
	time_t a = day_of(e->starts_on), b = day_of(e->ends_on);
	if (!a || !b || b < a)
		return 0;
	return (int)((b - a) / 86400) + 1;
}
