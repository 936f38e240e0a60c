/* edition_dashboard.c - the figures of the back office's dashboard; see
 * edition.h. Counts only: every figure is one aggregate query. */
#include "../db/db.h"
#include "edition.h"
#include "registry_app.h"
#include "rows.h"

#include <string.h>

_Static_assert(APP__MAX <= EDITION_STATUSES, "edition_figures.apps holds every app_status");

static const char SQL_APPS[] =
	"SELECT status, count(*) FROM application WHERE edition_id = ? GROUP BY status";
static const char SQL_REVIEWS_WAITING[] =
	"SELECT count(*) FROM application WHERE edition_id = ? "
	"AND status IN ('submitted', 'under_review') AND score IS NULL";
static const char SQL_EXHIBITORS[] =
	"SELECT count(*), COALESCE(sum(CASE WHEN stand_id IS NULL THEN 1 ELSE 0 END), 0) "
	"FROM exhibitor WHERE edition_id = ?";
static const char SQL_STANDS[] = "SELECT count(*) FROM stand WHERE edition_id = ?";
static const char SQL_OUTBOX[] = "SELECT count(*) FROM outbox WHERE sent_at IS NULL";
static const char SQL_JURY[] =
	"SELECT k.id, k.name_ar, k.name_fr, k.name_en, COALESCE(pc.state, 'open'), "
	"(SELECT count(*) FROM prize_assignment pa JOIN prize_entry pe ON pe.id = pa.entry_id "
	"WHERE pe.category_id = k.id), "
	"(SELECT count(*) FROM prize_assignment pa JOIN prize_entry pe ON pe.id = pa.entry_id "
	"WHERE pe.category_id = k.id AND EXISTS (SELECT 1 FROM prize_score ps "
	"WHERE ps.entry_id = pa.entry_id AND ps.account_id = pa.account_id)) "
	"FROM category k LEFT JOIN prize_category pc ON pc.category_id = k.id "
	"WHERE k.edition_id = ? ORDER BY k.position, k.id LIMIT 16";

/* count2 - the first two columns of a one-row aggregate. */
static cf_err count2(const char *sql, int64_t id, int *x, int *y)
{
	db_stmt *s = db_prepare(db_thread(), sql);
	if (id)
		db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		*x = (int)db_col_int(s, 0);
		if (y)
			*y = (int)db_col_int(s, 1);
	}
	db_done(s);
	return rc == DB_ROW ? CF_OK : CF_ERR_DB;
}

cf_err edition_figures_of(arena *a, int64_t edition_id, edition_figures *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_APPS);
	db_bind_int(s, 1, edition_id);
	while (db_step(s) == DB_ROW) {
		int st = app_status_parse(db_col_text(s, 0));
		int n = (int)db_col_int(s, 1);
		if (st < 0)
			continue;
		out->apps[st] = n;
		if (st != APP_DRAFT)
			out->apps_total += n;
	}
	db_done(s);
	cf_err e = count2(SQL_REVIEWS_WAITING, edition_id, &out->reviews_waiting, NULL);
	if (!e)
		e = count2(SQL_EXHIBITORS, edition_id, &out->exhibitors, &out->without_stand);
	if (!e)
		e = count2(SQL_STANDS, edition_id, &out->stands, NULL);
	if (!e)
		e = count2(SQL_OUTBOX, 0, &out->outbox_waiting, NULL);
	if (e)
		return e;
	s = db_prepare(db_thread(), SQL_JURY);
	db_bind_int(s, 1, edition_id);
	while (out->njury < EDITION_JURY_MAX && db_step(s) == DB_ROW) {
		edition_jury *j = &out->jury[out->njury++];
		j->category_id = db_col_int(s, 0);
		rows_text3(a, s, 1, &j->category);
		j->state = arena_strdup(a, db_col_text(s, 4));
		j->sheets = (int)db_col_int(s, 5);
		j->scored = (int)db_col_int(s, 6);
	}
	db_done(s);
	return CF_OK;
}
