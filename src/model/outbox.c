/* outbox.c - see outbox.h. */
#include "outbox.h"
#include "../db/db.h"
#include "audit.h"

#include <time.h>

static const char SQL_OUTBOX[] = "INSERT INTO outbox (to_email, subject, body) VALUES (?, ?, ?)";
static const char SQL_OUTBOX_SECRET[] =
	"INSERT INTO outbox (to_email, subject, body, holds_secret) VALUES (?, ?, ?, 1)";
#define OUTBOX_COLS                                                                             \
	"SELECT o.id, o.created_at, o.to_email, o.subject, o.body, coalesce(o.sent_at, ''), "   \
	"o.last_error, o.attempts, EXISTS (SELECT 1 FROM account u JOIN account_role r ON "     \
	"r.account_id = u.id WHERE u.email = o.to_email AND r.role = 'admin'), o.holds_secret " \
	"FROM outbox o "
static const char SQL_OUTBOX_LIST[] =
	OUTBOX_COLS "ORDER BY o.sent_at IS NOT NULL, o.id DESC LIMIT ?";
static const char SQL_OUTBOX_PENDING[] =
	OUTBOX_COLS "WHERE o.sent_at IS NULL ORDER BY o.id LIMIT ?";
static const char SQL_OUTBOX_SENT[] =
	"UPDATE outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), attempts = attempts + 1, "
	"last_error = '', claimed_at = NULL WHERE id = ? AND sent_at IS NULL";
static const char SQL_OUTBOX_FAILED[] =
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?, claimed_at = NULL WHERE id = ?";
static const char SQL_OUTBOX_CLAIM[] =
	"UPDATE outbox SET claimed_at = ?1 WHERE id = ?2 AND sent_at IS NULL "
	"AND (claimed_at IS NULL OR claimed_at < ?1 - 300)";

cf_err outbox_enqueue(const char *to_email, const char *subject, const char *body, int64_t *id)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_OUTBOX);
	db_bind_text(s, 1, to_email);
	db_bind_text(s, 2, subject);
	db_bind_text(s, 3, body);
	cf_err e = db_run(s);
	if (id)
		*id = e ? 0 : db_last_id(d);
	return e;
}

cf_err outbox_enqueue_secret(const char *to_email, const char *subject, const char *body)
{
	db_stmt *s = db_prepare(db_thread(), SQL_OUTBOX_SECRET);
	db_bind_text(s, 1, to_email);
	db_bind_text(s, 2, subject);
	db_bind_text(s, 3, body);
	return db_run(s);
}

static cf_err read_msgs(arena *a, db_stmt *s, int max, outbox_msg **out, size_t *count)
{
	int rc = DB_DONE;
	outbox_msg *v = arena_alloc(a, (size_t)(max > 0 ? max : 1) * sizeof *v);
	size_t n = 0;
	db_bind_int(s, 1, max);
	while ((rc = db_step(s)) == DB_ROW && n < (size_t)max) {
		outbox_msg *m = &v[n++];
		m->id = db_col_int(s, 0);
		m->created_at = arena_strdup(a, db_col_text(s, 1));
		m->to_email = arena_strdup(a, db_col_text(s, 2));
		m->subject = arena_strdup(a, db_col_text(s, 3));
		m->body = arena_strdup(a, db_col_text(s, 4));
		m->sent_at = arena_strdup(a, db_col_text(s, 5));
		m->last_error = arena_strdup(a, db_col_text(s, 6));
		m->attempts = (int)db_col_int(s, 7);
		m->to_admin = (int)db_col_int(s, 8);
		m->holds_secret = (int)db_col_int(s, 9);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err outbox_list(arena *a, int max, outbox_msg **out, size_t *count)
{
	return read_msgs(a, db_prepare(db_thread(), SQL_OUTBOX_LIST), max, out, count);
}

cf_err outbox_pending(arena *a, int max, outbox_msg **out, size_t *count)
{
	return read_msgs(a, db_prepare(db_thread(), SQL_OUTBOX_PENDING), max, out, count);
}

cf_err outbox_mark_sent(int64_t actor, int64_t id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_OUTBOX_SENT);
	db_bind_int(s, 1, id);
	e = db_run(s);
	if (!e && db_changes(d) == 0)
		e = CF_ERR_NOTFOUND;
	if (!e && actor)
		e = audit_record(actor, "outbox.mark_sent", "outbox", id, NULL,
				 "{\"sent\":\"by hand\"}");
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err outbox_mark_failed(int64_t id, const char *why)
{
	db_stmt *s = db_prepare(db_thread(), SQL_OUTBOX_FAILED);
	db_bind_text(s, 1, why);
	db_bind_int(s, 2, id);
	return db_run(s);
}

int outbox_claim(int64_t id)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_OUTBOX_CLAIM);
	db_bind_int(s, 1, (int64_t)time(NULL));
	db_bind_int(s, 2, id);
	return !db_run(s) && db_changes(d) == 1;
}
