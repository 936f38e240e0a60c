/* db_sqlite.c - the SQLite backend of db.h. */
#include "db.h"
#include "../util/xalloc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The statement cache: each connection keeps the statements it prepared,
 * keyed by the address of their SQL literal (a hash index over a dense
 * array). A statement is "in use" from db_prepare until db_done (or
 * db_run); only statements not in use are ever finalized to make room, so
 * a pointer a caller holds always stays the statement it asked for. When
 * every cached statement is in use the cache grows past its cap instead.
 * The cap (default 1024, far above coopfair's literals) can be made tiny
 * with COOPFAIR_STMT_CACHE=N, which the tests use to exercise eviction.
 */
#define STMT_CACHE_DEFAULT 1024

struct db_stmt {
	sqlite3_stmt *st;
	db *owner;
	const char *sql;
	int in_use;
	uint64_t last_use;
};

struct db {
	sqlite3 *h;
	struct db_stmt **stmts; /* dense, nstmts of them */
	int nstmts, stmts_cap;
	int *index;	      /* open addressing: slot -> position in stmts, or -1 */
	int index_size;	      /* a power of two, > 2 * stmts_cap */
	uint64_t tick;	      /* for least recently used */
	int depth;	      /* nesting of db_begin: inner levels are savepoints */
	int64_t data_version; /* last PRAGMA data_version seen, 0 before any */
};

static int cache_cap = 0; /* 0: not read from the environment yet */

static int stmt_cache_cap(void)
{
	if (!cache_cap) {
		const char *v = getenv("COOPFAIR_STMT_CACHE");
		long n = v ? strtol(v, NULL, 10) : 0;
		cache_cap = n >= 1 && n <= 1000000 ? (int)n : STMT_CACHE_DEFAULT;
	}
	return cache_cap;
}

static size_t slot_of(const char *sql, int size)
{
	uintptr_t p = (uintptr_t)sql;
	p ^= p >> 17;
	p *= 0x9E3779B97F4A7C15ull;
	return (size_t)(p >> 20) & (size_t)(size - 1);
}

/* reindex - rebuild the hash index over stmts (after a growth or an
 * eviction: both rare). */
static void reindex(db *d)
{
	int size = 16;
	while (size < 2 * d->stmts_cap + 2)
		size *= 2;
	if (size != d->index_size) {
		free(d->index);
		d->index = xcalloc((size_t)size, sizeof *d->index);
		d->index_size = size;
	}
	for (int i = 0; i < size; i++)
		d->index[i] = -1;
	for (int i = 0; i < d->nstmts; i++) {
		size_t k = slot_of(d->stmts[i]->sql, size);
		while (d->index[k] >= 0)
			k = (k + 1) & (size_t)(size - 1);
		d->index[k] = i;
	}
}

static struct db_stmt *cache_find(db *d, const char *sql)
{
	if (!d->index)
		return NULL;
	size_t k = slot_of(sql, d->index_size);
	while (d->index[k] >= 0) {
		if (d->stmts[d->index[k]]->sql == sql)
			return d->stmts[d->index[k]];
		k = (k + 1) & (size_t)(d->index_size - 1);
	}
	return NULL;
}

/* make_room - before adding a statement: at the cap, finalize the least
 * recently used statement that is not in use; none idle: grow. */
static void make_room(db *d)
{
	int cap = stmt_cache_cap();
	if (d->nstmts >= cap) {
		int victim = -1;
		for (int i = 0; i < d->nstmts; i++)
			if (!d->stmts[i]->in_use &&
			    (victim < 0 || d->stmts[i]->last_use < d->stmts[victim]->last_use))
				victim = i;
		if (victim >= 0) {
			sqlite3_finalize(d->stmts[victim]->st);
			free(d->stmts[victim]);
			d->stmts[victim] = d->stmts[--d->nstmts];
			reindex(d);
		}
	}
	if (d->nstmts == d->stmts_cap) {
		d->stmts_cap = d->stmts_cap ? d->stmts_cap * 2 : 64;
		d->stmts = xrealloc(d->stmts, (size_t)d->stmts_cap * sizeof *d->stmts);
		reindex(d);
	}
}

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
	for (int i = 0; i < d->nstmts; i++) {
		sqlite3_finalize(d->stmts[i]->st);
		free(d->stmts[i]);
	}
	free(d->stmts);
	free(d->index);
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
	struct db_stmt *c = cache_find(d, sql);
	if (c) {
		c->in_use = 1;
		c->last_use = ++d->tick;
		return c;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		/* A literal that does not prepare is a bug in coopfair, not in the input. */
		fprintf(stderr, "coopfair: SQL does not prepare: %s\n  %s\n", sqlite3_errmsg(d->h),
			sql);
		abort();
	}
	make_room(d);
	c = xcalloc(1, sizeof *c);
	c->st = st;
	c->owner = d;
	c->sql = sql;
	c->in_use = 1;
	c->last_use = ++d->tick;
	d->stmts[d->nstmts++] = c;
	size_t k = slot_of(sql, d->index_size);
	while (d->index[k] >= 0)
		k = (k + 1) & (size_t)(d->index_size - 1);
	d->index[k] = d->nstmts - 1;
	return c;
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
	/* loud: the message and the statement, so a failed read is found */
	fprintf(stderr, "coopfair: database error: %s\n  in: %s\n", sqlite3_errmsg(s->owner->h),
		sqlite3_sql(s->st));
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
	s->in_use = 0;
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
			fprintf(stderr, "coopfair: database error: %s\n  in: %s\n",
				sqlite3_errmsg(s->owner->h), sqlite3_sql(s->st));
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

/* db_set_schema_version - see db.h (for migrate.c only). */
cf_err db_set_schema_version(db *d, int version)
{
	char sql[64];
	/* PRAGMA takes no bound parameters; version is an int we produced. */
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version);
	return exec_rc(d, sql);
}
