/*
 * gate_counts.c - the gate's figures (gate.h): inside now, entries per day,
 * gate, role and hour, taps, unique visitors, the light per-day count of the
 * impact report, and the previous edition to compare with. The check-ins
 * themselves are written by gate.c.
 */
#include "gate.h"
#include "rows.h"

#include "../db/db.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_INSIDE_NOW[] =
	"SELECT count(*), COALESCE(max(is_sample), 0) FROM badge WHERE edition_id = ? AND inside = 1";
static const char SQL_TOTALS[] =
	"SELECT count(*), count(DISTINCT badge_id), COALESCE(max(is_sample), 0) FROM checkin "
	"WHERE edition_id = ? AND result = 'ok' AND direction = 'in'";
static const char SQL_TAPS[] =
	"SELECT COALESCE(sum(CASE WHEN t.direction = 'in' THEN 1 ELSE 0 END), 0), "
	"COALESCE(sum(CASE WHEN t.direction = 'in' THEN 1 ELSE -1 END), 0) "
	"FROM gate_tap t JOIN gate g ON g.id = t.gate_id WHERE g.edition_id = ?";
static const char SQL_PER_DAY[] =
	"SELECT day, count(*), count(DISTINCT badge_id) FROM checkin WHERE edition_id = ? "
	"AND result = 'ok' AND direction = 'in' GROUP BY day ORDER BY day";
static const char SQL_PER_GATE[] =
	"SELECT g.name, count(c.id), count(DISTINCT c.badge_id) FROM gate g "
	"LEFT JOIN checkin c ON c.gate_id = g.id AND c.result = 'ok' AND c.direction = 'in' "
	"WHERE g.edition_id = ? GROUP BY g.id, g.name ORDER BY g.id";
static const char SQL_PER_ROLE[] =
	"SELECT b.role, count(*), count(DISTINCT c.badge_id) FROM checkin c JOIN badge b ON "
	"b.id = c.badge_id WHERE c.edition_id = ? AND c.result = 'ok' AND c.direction = 'in' "
	"GROUP BY b.role ORDER BY b.role";
static const char SQL_PER_HOUR[] =
	"SELECT hour, count(*), count(DISTINCT badge_id) FROM checkin WHERE edition_id = ? "
	"AND result = 'ok' AND direction = 'in' AND (? = '' OR day = ?) GROUP BY hour ORDER BY hour";

static cf_err series(arena *a, const char *sql, int64_t ed, const char *day, gate_count **out,
		     size_t *count)
{
	*count = 0;
	db_stmt *s = db_prepare(db_thread(), sql);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	if (day) {
		db_bind_text(s, 2, day);
		db_bind_text(s, 3, day);
	}
	size_t cap = 32, n = 0;
	gate_count *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].key = arena_strdup(a, db_col_text(s, 0));
		v[n].entries = (long)db_col_int(s, 1);
		v[n].unique = (long)db_col_int(s, 2);
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

cf_err gate_stats_read(arena *a, int64_t edition_id, const char *day, gate_stats *out)
{
	memset(out, 0, sizeof *out);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_INSIDE_NOW);
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	if (!e) {
		out->inside_now = (long)db_col_int(s, 0);
		out->sample |= (int)db_col_int(s, 1);
	}
	db_done(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_TOTALS);
	db_bind_int(s, 1, edition_id);
	e = db_row(s);
	if (!e) {
		out->entries = (long)db_col_int(s, 0);
		out->unique = (long)db_col_int(s, 1);
		out->sample |= (int)db_col_int(s, 2);
	}
	db_done(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_TAPS);
	db_bind_int(s, 1, edition_id);
	e = db_row(s);
	if (!e) {
		out->taps_in = (long)db_col_int(s, 0);
		out->taps_inside_now = (long)db_col_int(s, 1);
	}
	db_done(s);
	if (e)
		return e;
	if ((e = series(a, SQL_PER_DAY, edition_id, NULL, &out->per_day, &out->n_day)))
		return e;
	if ((e = series(a, SQL_PER_GATE, edition_id, NULL, &out->per_gate, &out->n_gate)))
		return e;
	if ((e = series(a, SQL_PER_ROLE, edition_id, NULL, &out->per_role, &out->n_role)))
		return e;
	return series(a, SQL_PER_HOUR, edition_id, day ? day : "", &out->per_hour, &out->n_hour);
}

cf_err gate_days_read(arena *a, int64_t edition_id, gate_stats *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_TOTALS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	if (!e) {
		out->entries = (long)db_col_int(s, 0);
		out->unique = (long)db_col_int(s, 1);
		out->sample = (int)db_col_int(s, 2);
	}
	db_done(s);
	if (e)
		return e;
	return series(a, SQL_PER_DAY, edition_id, NULL, &out->per_day, &out->n_day);
}

static const char SQL_ENTRIES_ON[] = "SELECT count(*) FROM checkin c WHERE c.edition_id = ? "
				     "AND c.result = 'ok' AND c.direction = 'in' AND c.day = ?";
static const char SQL_START[] = "SELECT starts_on FROM edition WHERE id = ?";

cf_err gate_entries_on(int64_t edition_id, int day_index, long *entries)
{
	*entries = 0;
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_START);
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	char day[11] = "";
	if (!e) {
		struct tm tm = { 0 };
		if (sscanf(db_col_text(s, 0), "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) ==
		    3) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			tm.tm_mday += day_index;
			tm.tm_hour = 12;
			time_t t = timegm(&tm);
			struct tm g;
			gmtime_r(&t, &g);
			strftime(day, sizeof day, "%Y-%m-%d", &g);
		}
	}
	db_done(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_ENTRIES_ON);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, day);
	e = db_row(s);
	if (!e)
		*entries = (long)db_col_int(s, 0);
	db_done(s);
	return e;
}

static const char SQL_PREV[] =
	"SELECT id FROM edition WHERE starts_on < (SELECT starts_on FROM edition WHERE id = ?) "
	"ORDER BY starts_on DESC LIMIT 1";

cf_err gate_previous_edition(int64_t edition_id, int64_t *prev)
{
	*prev = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_PREV);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	if (!e)
		*prev = db_col_int(s, 0);
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}
