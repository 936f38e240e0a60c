/* db_sqlite.c - the SQLite backend of db.h (through db_impl.h's table). */
#include "db_impl.h"
#include "../util/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 256

struct db_stmt {
	db *owner; /* first: struct db_stmt_base */
	sqlite3_stmt *st;
};

struct cached {
	const char *sql;
	struct db_stmt s;
};

struct db {
	struct db_base base; /* first: the table of operations */
	sqlite3 *h;
	struct cached cache[STMT_CACHE];
	int ncache;
	int depth;	      /* nesting of db_begin: inner levels are savepoints */
	int64_t data_version; /* last PRAGMA data_version seen, 0 before any */
};

static cf_err sq_open(const char *path, int create, db **out)
{
	*out = NULL;
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return CF_ERR_IO;
	}
	sqlite3_busy_timeout(h, 5000);
	/* Reading the schema proves the file is a database at all. */
	if (sqlite3_exec(h,
			 "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			 "PRAGMA synchronous=NORMAL; SELECT count(*) FROM sqlite_schema;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return CF_ERR_DB;
	}
	db *d = xcalloc(1, sizeof *d);
	d->base.ops = &db_sqlite_ops;
	d->h = h;
	*out = d;
	return CF_OK;
}

static void sq_close(db *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->ncache; i++)
		sqlite3_finalize(d->cache[i].s.st);
	sqlite3_close(d->h);
	free(d);
}

static db_stmt *sq_prepare(db *d, const char *sql)
{
	for (int i = 0; i < d->ncache; i++)
		if (d->cache[i].sql == sql)
			return &d->cache[i].s;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		/* A literal that does not prepare is a bug in coopfair, not in the input. */
		fprintf(stderr, "coopfair: SQL does not prepare: %s\n  %s\n", sqlite3_errmsg(d->h),
			sql);
		abort();
	}
	if (d->ncache == STMT_CACHE) {
		/* Cache full: evict the oldest entry (never reached with our literals). */
		sqlite3_finalize(d->cache[0].s.st);
		memmove(d->cache, d->cache + 1, sizeof d->cache[0] * (STMT_CACHE - 1));
		d->ncache--;
	}
	struct cached *c = &d->cache[d->ncache++];
	c->sql = sql;
	c->s.st = st;
	c->s.owner = d;
	return &c->s;
}

static void sq_bind_int(db_stmt *s, int idx, int64_t v)
{
	sqlite3_bind_int64(s->st, idx, v);
}

static void sq_bind_text(db_stmt *s, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, idx);
}

static void sq_bind_blob(db_stmt *s, int idx, const void *p, size_t n)
{
	sqlite3_bind_blob64(s->st, idx, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(db_stmt *s, int idx)
{
	sqlite3_bind_null(s->st, idx);
}

static int sq_step(db_stmt *s)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return DB_ERR;
}

static int64_t sq_col_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

static double sq_col_double(db_stmt *s, int col)
{
	return sqlite3_column_double(s->st, col);
}

static const char *sq_col_text(db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

static int sq_col_is_null(db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

static const void *sq_col_blob(db_stmt *s, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(s->st, col);
	*n = (size_t)sqlite3_column_bytes(s->st, col);
	return p;
}

static void sq_done(db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

static cf_err sq_run(db_stmt *s)
{
	int rc;
	while ((rc = sqlite3_step(s->st)) == SQLITE_ROW)
		;
	cf_err e = CF_OK;
	if (rc != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(s->owner->h);
		if ((ext & 0xff) == SQLITE_CONSTRAINT)
			e = CF_ERR_CONFLICT;
		else if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED)
			e = CF_ERR_BUSY;
		else
			e = CF_ERR_DB;
		if (e != CF_ERR_CONFLICT)
			fprintf(stderr, "coopfair: database: %s\n", sqlite3_errmsg(s->owner->h));
	}
	sq_done(s);
	return e;
}

static cf_err exec_rc(db *d, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "coopfair: database: %s\n", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return (rc & 0xff) == SQLITE_BUSY ? CF_ERR_BUSY : CF_ERR_DB;
	}
	return CF_OK;
}

/* Transactions nest: the outer db_begin is BEGIN IMMEDIATE, inner ones are
 * savepoints, so model functions that keep their own changes whole can be
 * composed inside a bigger change (e.g. the demo's accounts). */
static cf_err sq_begin(db *d)
{
	cf_err e = exec_rc(d, d->depth ? "SAVEPOINT cf" : "BEGIN IMMEDIATE");
	if (!e)
		d->depth++;
	return e;
}

static cf_err sq_commit(db *d)
{
	if (d->depth == 0)
		return CF_ERR_DB;
	cf_err e = exec_rc(d, d->depth > 1 ? "RELEASE cf" : "COMMIT");
	if (!e)
		d->depth--;
	return e;
}

static void sq_rollback(db *d)
{
	if (d->depth > 1) {
		sqlite3_exec(d->h, "ROLLBACK TO cf; RELEASE cf", NULL, NULL, NULL);
		d->depth--;
	} else if (d->depth == 1) {
		if (!sqlite3_get_autocommit(d->h))
			sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
		d->depth = 0;
	}
}

static int sq_abandoned(db *d)
{
	if (d->depth == 0 && sqlite3_get_autocommit(d->h))
		return 0;
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	d->depth = 0;
	return 1;
}

static cf_err sq_exec(db *d, const char *sql)
{
	return exec_rc(d, sql);
}

static int64_t sq_last_id(db *d)
{
	return sqlite3_last_insert_rowid(d->h);
}

static int sq_changed_elsewhere(db *d)
{
	static const char sql[] = "PRAGMA data_version";
	db_stmt *s = sq_prepare(d, sql);
	int64_t v = sq_step(s) == DB_ROW ? sq_col_int(s, 0) : -1;
	sq_done(s);
	int changed = v != d->data_version;
	d->data_version = v;
	return changed;
}

static int sq_changes(db *d)
{
	return sqlite3_changes(d->h);
}

static const char *sq_last_err(db *d)
{
	return sqlite3_errmsg(d->h);
}

/* Schema version lives in PRAGMA user_version; see migrate.c. */
static cf_err sq_schema_version(db *d, int *version)
{
	sqlite3_stmt *st;
	*version = 0;
	if (sqlite3_prepare_v2(d->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return CF_ERR_DB;
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return CF_OK;
}

static cf_err sq_set_schema_version(db *d, int version)
{
	char sql[64];
	/* PRAGMA takes no bound parameters; version is an int we produced. */
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	return exec_rc(d, sql);
}

static cf_err sq_print(db *d, const char *sql, int mode, FILE *out)
{
	const char *tail = sql;
	int rows = 0;
	if (mode == DB_PRINT_JSON)
		fputc('[', out);
	while (tail && *tail) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(d->h, tail, -1, &st, &tail) != SQLITE_OK) {
			fprintf(stderr, "coopfair: %s\n", sqlite3_errmsg(d->h));
			return CF_ERR_DB;
		}
		if (!st)
			break; /* only spaces or comments were left */
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int n = sqlite3_column_count(st);
			if (mode == DB_PRINT_JSON)
				fputs(rows ? ",\n{" : "{", out);
			for (int i = 0; i < n; i++) {
				int t = sqlite3_column_type(st, i);
				const char *v = (const char *)sqlite3_column_text(st, i);
				if (mode == DB_PRINT_JSON) {
					db_print_value(out, mode, sqlite3_column_name(st, i), 0, 0);
					fputc(':', out);
				} else if (i) {
					fputc(mode == DB_PRINT_TABS ? '\t' : '|', out);
				}
				db_print_value(out, mode, v ? v : "", t == SQLITE_NULL,
					       t == SQLITE_INTEGER || t == SQLITE_FLOAT);
				if (mode == DB_PRINT_JSON && i + 1 < n)
					fputc(',', out);
			}
			fputs(mode == DB_PRINT_JSON ? "}" : "\n", out);
			rows++;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "coopfair: %s\n", sqlite3_errmsg(d->h));
			return CF_ERR_DB;
		}
	}
	if (mode == DB_PRINT_JSON)
		fputs(rows ? "]\n" : "\n", out);
	return CF_OK;
}

const struct db_ops db_sqlite_ops = {
	.engine = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.prepare = sq_prepare,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_is_null = sq_col_is_null,
	.col_blob = sq_col_blob,
	.done = sq_done,
	.run = sq_run,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.abandoned = sq_abandoned,
	.exec = sq_exec,
	.last_id = sq_last_id,
	.changed_elsewhere = sq_changed_elsewhere,
	.changes = sq_changes,
	.last_err = sq_last_err,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.print = sq_print,
};
