/* audit_log.c - see audit_log.h. */
#include "audit_log.h"
#include "../db/db.h"
#include "audit.h"

#include <string.h>
#include <time.h>

static const char SQL_LIST[] =
	"SELECT a.id, coalesce(a.account_id, 0), coalesce(a.object_id, 0), a.at, coalesce(u.email, ''), "
	"a.action, a.object_type, coalesce(a.before_json, ''), coalesce(a.after_json, '') "
	"FROM audit a LEFT JOIN account u ON u.id = a.account_id "
	"WHERE (?1 = 0 OR a.account_id = ?1) AND (?2 = '' OR a.object_type = ?2) "
	"AND (?3 = 0 OR a.object_id = ?3) ORDER BY a.id DESC LIMIT ?4 OFFSET ?5";
static const char SQL_COUNT[] =
	"SELECT count(*) FROM audit a WHERE (?1 = 0 OR a.account_id = ?1) "
	"AND (?2 = '' OR a.object_type = ?2) AND (?3 = 0 OR a.object_id = ?3)";
static const char SQL_TYPES[] = "SELECT DISTINCT object_type FROM audit ORDER BY object_type";
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

static void bind_filter(db_stmt *s, const audit_filter *f)
{
	db_bind_int(s, 1, f->account_id);
	db_bind_text(s, 2, f->object_type ? f->object_type : "");
	db_bind_int(s, 3, f->object_id);
}

size_t audit_list(arena *a, const audit_filter *f, audit_entry **out, int *total)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_COUNT);
	bind_filter(s, f);
	*total = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	int per = f->per_page > 0 ? f->per_page : 50;
	int page = f->page > 0 ? f->page : 1;
	audit_entry *v = arena_alloc(a, (size_t)per * sizeof *v);
	size_t n = 0;
	s = db_prepare(d, SQL_LIST);
	bind_filter(s, f);
	db_bind_int(s, 4, per);
	db_bind_int(s, 5, (int64_t)(page - 1) * per);
	while (db_step(s) == DB_ROW && n < (size_t)per) {
		audit_entry *x = &v[n++];
		x->id = db_col_int(s, 0);
		x->account_id = db_col_int(s, 1);
		x->object_id = db_col_int(s, 2);
		x->at = arena_strdup(a, db_col_text(s, 3));
		x->email = arena_strdup(a, db_col_text(s, 4));
		x->action = arena_strdup(a, db_col_text(s, 5));
		x->object_type = arena_strdup(a, db_col_text(s, 6));
		x->before = arena_strdup(a, db_col_text(s, 7));
		x->after = arena_strdup(a, db_col_text(s, 8));
	}
	db_done(s);
	*out = v;
	return n;
}

size_t audit_object_types(arena *a, const char ***out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_TYPES);
	size_t n = 0, cap = 64;
	const char **v = arena_alloc(a, cap * sizeof *v);
	while (db_step(s) == DB_ROW && n < cap)
		v[n++] = arena_strdup(a, db_col_text(s, 0));
	db_done(s);
	*out = v;
	return n;
}

static size_t read_msgs(arena *a, db_stmt *s, int max, outbox_msg **out)
{
	outbox_msg *v = arena_alloc(a, (size_t)(max > 0 ? max : 1) * sizeof *v);
	size_t n = 0;
	db_bind_int(s, 1, max);
	while (db_step(s) == DB_ROW && n < (size_t)max) {
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
	return n;
}

size_t outbox_list(arena *a, int max, outbox_msg **out)
{
	return read_msgs(a, db_prepare(db_thread(), SQL_OUTBOX_LIST), max, out);
}

size_t outbox_pending(arena *a, int max, outbox_msg **out)
{
	return read_msgs(a, db_prepare(db_thread(), SQL_OUTBOX_PENDING), max, out);
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
