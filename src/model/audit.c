/* audit.c - see audit.h. */
#include "audit.h"
#include "../db/db.h"

static const char SQL_AUDIT[] =
	"INSERT INTO audit (account_id, action, object_type, object_id, before_json, after_json) "
	"VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_OUTBOX[] = "INSERT INTO outbox (to_email, subject, body) VALUES (?, ?, ?)";
static const char SQL_OUTBOX_SECRET[] =
	"INSERT INTO outbox (to_email, subject, body, holds_secret) VALUES (?, ?, ?, 1)";

cf_err audit_record(int64_t actor, const char *action, const char *object_type, int64_t object_id,
		    const char *before_json, const char *after_json)
{
	db_stmt *s = db_prepare(db_thread(), SQL_AUDIT);
	if (actor)
		db_bind_int(s, 1, actor);
	else
		db_bind_null(s, 1);
	db_bind_text(s, 2, action);
	db_bind_text(s, 3, object_type);
	if (object_id)
		db_bind_int(s, 4, object_id);
	else
		db_bind_null(s, 4);
	db_bind_text(s, 5, before_json);
	db_bind_text(s, 6, after_json);
	return db_run(s);
}

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
