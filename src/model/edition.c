/* edition.c - see edition.h. */
#include "edition.h"
#include "rows.h"
#include "../db/db.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define EDITION_COLS                                                                          \
	"e.id, e.slug, e.number, e.name_ar, e.name_fr, e.name_en, e.slogan_ar, e.slogan_fr, " \
	"e.slogan_en, e.city_ar, e.city_fr, e.city_en, e.chair_ar, e.chair_fr, e.chair_en, "  \
	"r.name_ar, r.name_fr, r.name_en, e.region_id, e.starts_on, e.ends_on, e.area_m2, "   \
	"e.stands_planned, e.exhibitors_planned, e.outside_region_planned "                   \
	"FROM edition e JOIN region r ON r.id = e.region_id "

static const char SQL_CURRENT[] =
	"SELECT " EDITION_COLS "WHERE e.is_public = 1 ORDER BY e.starts_on DESC, e.id DESC LIMIT 1";
static const char SQL_BY_ID[] = "SELECT " EDITION_COLS "WHERE e.id = ?";
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

static cf_err read_edition(arena *a, db_stmt *s, edition *e)
{
	memset(e, 0, sizeof *e);
	cf_err found = db_row(s);
	if (found) {
		db_done(s);
		return found;
	}
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
	db_done(s);
	return CF_OK;
}

cf_err edition_current(arena *a, edition *out)
{
	return read_edition(a, db_prepare(db_thread(), SQL_CURRENT), out);
}

cf_err edition_by_id(arena *a, int64_t id, edition *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_BY_ID);
	db_bind_int(s, 1, id);
	return read_edition(a, s, out);
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

cf_err edition_spaces(arena *a, int64_t edition_id, named **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_SPACES);
	db_bind_int(s, 1, edition_id);
	return read_named(a, s, out, count);
}

cf_err edition_organisations(arena *a, int64_t edition_id, org_role role, named **out,
			     size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_ORGS);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, role == ORG_ORGANISER ? "organiser" : "partner");
	return read_named(a, s, out, count);
}

cf_err edition_categories(arena *a, int64_t edition_id, named **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_CATEGORIES);
	db_bind_int(s, 1, edition_id);
	return read_named(a, s, out, count);
}

cf_err edition_side_events(arena *a, int64_t edition_id, named **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_SIDE_EVENTS);
	db_bind_int(s, 1, edition_id);
	return read_named(a, s, out, count);
}

static time_t day_of(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

int edition_days(const edition *e)
{
	time_t a = day_of(e->starts_on), b = day_of(e->ends_on);
	if (!a || !b || b < a)
		return 0;
	return (int)((b - a) / 86400) + 1;
}
