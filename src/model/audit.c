/* audit.c - see audit.h. */
#include "audit.h"
#include "../db/db.h"

static const char SQL_AUDIT[] =
	"INSERT INTO audit (account_id, action, object_type, object_id, before_json, after_json) "
	"VALUES (?, ?, ?, ?, ?, ?)";

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
