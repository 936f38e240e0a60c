/* audit_log.c - see audit_log.h. */
#include "audit_log.h"
#include "../db/db.h"
#include "rows.h"
#include "audit.h"

#include <string.h>

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
static void bind_filter(db_stmt *s, const audit_filter *f)
{
	db_bind_int(s, 1, f->account_id);
	db_bind_text(s, 2, f->object_type ? f->object_type : "");
	db_bind_int(s, 3, f->object_id);
}

cf_err audit_list(arena *a, const audit_filter *f, audit_entry **out, int *total, size_t *count)
{
	int rc = DB_DONE;
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_COUNT);
	bind_filter(s, f);
	*total = (rc = db_step(s)) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	*count = 0;
	if (rc == DB_ERR)
		return CF_ERR_DB;
	int per = f->per_page > 0 ? f->per_page : 50;
	int page = f->page > 0 ? f->page : 1;
	audit_entry *v = arena_alloc(a, (size_t)per * sizeof *v);
	size_t n = 0;
	s = db_prepare(d, SQL_LIST);
	bind_filter(s, f);
	db_bind_int(s, 4, per);
	db_bind_int(s, 5, (int64_t)(page - 1) * per);
	while ((rc = db_step(s)) == DB_ROW && n < (size_t)per) {
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
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err audit_object_types(arena *a, const char ***out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_TYPES);
	size_t n = 0, cap = 64;
	const char **v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n++] = arena_strdup(a, db_col_text(s, 0));
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}
