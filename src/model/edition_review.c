/* edition_review.c - several reviewers per application; see edition.h. */
#include "../db/db.h"
#include "audit.h"
#include "edition.h"
#include "rows.h"
#include "../util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NOTE_MAX 1000

static const char SQL_APP_EXISTS[] = "SELECT 1 FROM application WHERE id = ?";
static const char SQL_UPSERT[] =
	"INSERT INTO application_review (application_id, account_id, score, note, at) "
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (application_id, account_id) "
	"DO UPDATE SET score = ?3, note = ?4, at = ?5";
static const char SQL_AVERAGE[] =
	"UPDATE application SET score = (SELECT CAST(ROUND(AVG(r.score)) AS INTEGER) "
	"FROM application_review r WHERE r.application_id = ?1 AND r.score IS NOT NULL), "
	"updated_at = ?2 WHERE id = ?1";
static const char SQL_DONE[] =
	"SELECT r.account_id, a.email, a.name, COALESCE(r.score, -1), r.note, r.at "
	"FROM application_review r JOIN account a ON a.id = r.account_id "
	"WHERE r.application_id = ? ORDER BY r.at, r.account_id";
static const char SQL_WAITING[] =
	"SELECT DISTINCT a.id, a.email, a.name FROM account a JOIN account_role ar "
	"ON ar.account_id = a.id WHERE ar.role = 'committee' AND a.disabled = 0 "
	"AND (ar.edition_id IS NULL OR ar.edition_id = ?2) AND NOT EXISTS (SELECT 1 "
	"FROM application_review r WHERE r.application_id = ?1 AND r.account_id = a.id) "
	"ORDER BY a.email";

cf_err edition_review_save(int64_t actor, int64_t app_id, int score, const char *note)
{
	if (score < -1 || score > 100 || !note || strlen(note) > NOTE_MAX || actor <= 0)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_APP_EXISTS);
	db_bind_int(s, 1, app_id);
	if (db_step(s) != DB_ROW)
		e = CF_ERR_NOTFOUND;
	db_done(s);
	char at[21];
	clock_now_iso(at);
	if (!e) {
		s = db_prepare(d, SQL_UPSERT);
		db_bind_int(s, 1, app_id);
		db_bind_int(s, 2, actor);
		if (score >= 0)
			db_bind_int(s, 3, score);
		else
			db_bind_null(s, 3);
		db_bind_text(s, 4, note);
		db_bind_text(s, 5, at);
		e = db_run(s);
	}
	if (!e) {
		s = db_prepare(d, SQL_AVERAGE);
		db_bind_int(s, 1, app_id);
		db_bind_text(s, 2, at);
		e = db_run(s);
	}
	if (!e) {
		char after[64];
		snprintf(after, sizeof after, "{\"score\":%d}", score);
		e = audit_record(actor, "application.review", "application", app_id, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

static size_t read_reviews(arena *a, db_stmt *s, int full, edition_review **out)
{
	size_t n = 0, cap = 8;
	edition_review *v = arena_alloc(a, cap * sizeof *v);
	while (db_step(s) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		edition_review *x = &v[n++];
		memset(x, 0, sizeof *x);
		x->account_id = db_col_int(s, 0);
		x->email = arena_strdup(a, db_col_text(s, 1));
		x->name = arena_strdup(a, db_col_text(s, 2));
		x->score = full ? (int)db_col_int(s, 3) : -1;
		x->note = full ? arena_strdup(a, db_col_text(s, 4)) : "";
		x->at = full ? arena_strdup(a, db_col_text(s, 5)) : "";
	}
	db_done(s);
	*out = v;
	return n;
}

cf_err edition_reviews_of(arena *a, int64_t app_id, int64_t edition_id, edition_reviews *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_DONE);
	db_bind_int(s, 1, app_id);
	out->ndone = read_reviews(a, s, 1, &out->done);
	s = db_prepare(db_thread(), SQL_WAITING);
	db_bind_int(s, 1, app_id);
	db_bind_int(s, 2, edition_id);
	out->nwaiting = read_reviews(a, s, 0, &out->waiting);
	double sum = 0;
	for (size_t i = 0; i < out->ndone; i++)
		if (out->done[i].score >= 0)
			sum += out->done[i].score, out->nscores++;
	out->average = out->nscores ? sum / out->nscores : -1;
	return CF_OK;
}
