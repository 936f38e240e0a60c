/* db_sqlite.c - the SQLite backend of db.h. */
#include "db.h"
#include "../util/xalloc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 256

struct db_stmt {
	sqlite3_stmt *st;
	db *owner;
};

struct cached {
	const char *sql;
	struct db_stmt s;
};

struct db {
	sqlite3 *h;
	struct cached cache[STMT_CACHE];
	int ncache;
	int depth;	      /* nesting of db_begin: inner levels are savepoints */
	int64_t data_version; /* last PRAGMA data_version seen, 0 before any */
};

static char *configured_path;
static _Thread_local db *thread_db;
/* Closes a thread's connection when the thread ends (server workers end
 * when the server stops); the main thread calls db_thread_close itself. */
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static void close_at_thread_exit(void *d)
{
	db_close(d);
}

static void make_thread_key(void)
{
	if (pthread_key_create(&thread_key, close_at_thread_exit))
		abort();
}

void db_configure(const char *path)
{
	free(configured_path);
	configured_path = xstrdup(path);
}

const char *db_path(void)
{
	return configured_path;
}

cf_err db_open(const char *path, int create, db **out)
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
	d->h = h;
	*out = d;
	return CF_OK;
}

void db_close(db *d)
{
	if (!d)
		return;
	if (d == thread_db)
		thread_db = NULL; /* closing this thread's connection by hand */
	for (int i = 0; i < d->ncache; i++)
		sqlite3_finalize(d->cache[i].s.st);
	sqlite3_close(d->h);
	free(d);
}

db *db_thread(void)
{
	if (!thread_db) {
		if (db_open(configured_path, 0, &thread_db)) {
			fprintf(stderr, "coopfair: cannot open database %s\n", configured_path);
			abort();
		}
		pthread_once(&thread_key_once, make_thread_key);
		pthread_setspecific(thread_key, thread_db);
	}
	return thread_db;
}

void db_thread_close(void)
{
	if (thread_db)
		pthread_setspecific(thread_key, NULL);
	db_close(thread_db);
	thread_db = NULL;
}

db_stmt *db_prepare(db *d, const char *sql)
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

void db_bind_int(db_stmt *s, int idx, int64_t v)
{
	sqlite3_bind_int64(s->st, idx, v);
}

void db_bind_text(db_stmt *s, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, idx);
}

void db_bind_blob(db_stmt *s, int idx, const void *p, size_t n)
{
	sqlite3_bind_blob64(s->st, idx, p, n, SQLITE_TRANSIENT);
}

void db_bind_null(db_stmt *s, int idx)
{
	sqlite3_bind_null(s->st, idx);
}

int db_step(db_stmt *s)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return DB_ERR;
}

int64_t db_col_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

double db_col_double(db_stmt *s, int col)
{
	return sqlite3_column_double(s->st, col);
}

const char *db_col_text(db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

int db_col_is_null(db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

const void *db_col_blob(db_stmt *s, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(s->st, col);
	*n = (size_t)sqlite3_column_bytes(s->st, col);
	return p;
}

void db_done(db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

cf_err db_run(db_stmt *s)
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
	db_done(s);
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
cf_err db_begin(db *d)
{
	cf_err e = exec_rc(d, d->depth ? "SAVEPOINT cf" : "BEGIN IMMEDIATE");
	if (!e)
		d->depth++;
	return e;
}

cf_err db_commit(db *d)
{
	if (d->depth == 0)
		return CF_ERR_DB;
	cf_err e = exec_rc(d, d->depth > 1 ? "RELEASE cf" : "COMMIT");
	if (!e)
		d->depth--;
	return e;
}

void db_rollback(db *d)
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

int db_thread_abandoned(void)
{
	if (!thread_db || (thread_db->depth == 0 && sqlite3_get_autocommit(thread_db->h)))
		return 0;
	fprintf(stderr, "coopfair: a request left a transaction open; rolled back\n");
	sqlite3_exec(thread_db->h, "ROLLBACK", NULL, NULL, NULL);
	thread_db->depth = 0;
	return 1;
}

void db_bulk(db *d, int on)
{
	/* SQLite: a 64 MiB page cache while a bulk write lasts, so the
	 * transaction's pages are not spilled and read back (the default 2 MiB
	 * cost an import of 65,000 rows ~190,000 write calls); back to the
	 * default after. */
	sqlite3_exec(d->h, on ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-2000", NULL, NULL,
		     NULL);
}

cf_err db_exec(db *d, const char *sql)
{
	return exec_rc(d, sql);
}

int64_t db_last_id(db *d)
{
	return sqlite3_last_insert_rowid(d->h);
}

int db_changed_elsewhere(db *d)
{
	static const char sql[] = "PRAGMA data_version";
	db_stmt *s = db_prepare(d, sql);
	int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	int changed = v != d->data_version;
	d->data_version = v;
	return changed;
}

int db_changes(db *d)
{
	return sqlite3_changes(d->h);
}

const char *db_last_err(db *d)
{
	return sqlite3_errmsg(d->h);
}

/* Schema version lives in PRAGMA user_version; see migrate.c. */
cf_err db_schema_version(db *d, int *version)
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

/* db_set_schema_version - only for migrate.c, inside its transaction. */
cf_err db_set_schema_version(db *d, int version);
cf_err db_set_schema_version(db *d, int version)
{
	char sql[64];
	/* PRAGMA takes no bound parameters; version is an int we produced. */
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	return exec_rc(d, sql);
}
