/* db_sqlite.c - the SQLite backend of db.h (through db_impl.h's table). */
#include "db_impl.h"
#include "../util/xalloc.h"

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
	db *owner; /* first: struct db_stmt_base */
	sqlite3_stmt *st;
	const char *sql;
	int in_use;
	uint64_t last_use;
};

struct db {
	struct db_base base; /* first: the table of operations */
	sqlite3 *h;
	struct db_stmt **stmts; /* dense, nstmts of them */
	int nstmts, stmts_cap;
	int *index;	      /* open addressing: slot -> position in stmts, or -1 */
	int index_size;	      /* a power of two, > 2 * stmts_cap */
	uint64_t tick;	      /* for least recently used */
	int depth;	      /* nesting of db_begin: inner levels are savepoints */
	int64_t data_version; /* last PRAGMA data_version seen, 0 before any */
	int reading;	      /* inside db_read_begin's snapshot */
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
	for (int i = 0; i < d->nstmts; i++) {
		sqlite3_finalize(d->stmts[i]->st);
		free(d->stmts[i]);
	}
	free(d->stmts);
	free(d->index);
	sqlite3_close(d->h);
	free(d);
}

static db_stmt *sq_prepare(db *d, const char *sql)
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

static void sq_bind_text_kept(db_stmt *s, int idx, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, idx, v, -1, SQLITE_STATIC);
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
	/* loud: the message and the statement, so a failed read is found */
	fprintf(stderr, "coopfair: database error: %s\n  in: %s\n", sqlite3_errmsg(s->owner->h),
		sqlite3_sql(s->st));
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
	s->in_use = 0;
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

/* end_snapshot - a write is coming: leave the read snapshot first, so the
 * write takes the lock on the latest data (a deferred read transaction
 * upgraded to a write fails at once with SQLITE_BUSY_SNAPSHOT when
 * another connection wrote meanwhile). */
static void end_snapshot(db *d)
{
	if (d->reading && d->depth == 0) {
		sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
		d->reading = 0;
	}
}

static cf_err sq_read_begin(db *d)
{
	if (d->reading || d->depth)
		return CF_OK;
	cf_err e = exec_rc(d, "BEGIN");
	if (!e)
		d->reading = 1;
	return e;
}

static void sq_read_end(db *d)
{
	end_snapshot(d);
}

static cf_err sq_run(db_stmt *s)
{
	int rc;
	if (s->owner->reading && !sqlite3_stmt_readonly(s->st))
		end_snapshot(s->owner);
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
	sq_done(s);
	return e;
}

/* Transactions nest: the outer db_begin is BEGIN IMMEDIATE, inner ones are
 * savepoints, so model functions that keep their own changes whole can be
 * composed inside a bigger change (e.g. the demo's accounts). */
static cf_err sq_begin(db *d)
{
	end_snapshot(d);
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
	/* statements a request left mid-way (an error path without db_done, or
	 * a request stopped at its memory cap) would resume where they were */
	int held = 0;
	for (int i = 0; i < d->nstmts; i++)
		if (d->stmts[i]->in_use) {
			sq_done(d->stmts[i]);
			held++;
		}
	if (held)
		fprintf(stderr, "coopfair: a request left %d statement%s unfinished; reset\n", held,
			held == 1 ? "" : "s");
	end_snapshot(d);
	if (d->depth == 0 && sqlite3_get_autocommit(d->h))
		return 0;
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	d->depth = 0;
	return 1;
}

static void sq_bulk(db *d, int on)
{
	/* SQLite: a 64 MiB page cache while a bulk write lasts, so the
	 * transaction's pages are not spilled and read back (the default 2 MiB
	 * cost an import of 65,000 rows ~190,000 write calls); back to the
	 * default after. */
	sqlite3_exec(d->h, on ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-2000", NULL, NULL,
		     NULL);
}

static cf_err sq_exec(db *d, const char *sql)
{
	end_snapshot(d); /* migrations, pragmas: never inside a read snapshot */
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

/* db_set_schema_version - see db.h (for migrate.c only). */
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
				fputs(rows ? ",\n{" : "[{", out);
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
	if (mode == DB_PRINT_JSON && rows)
		fputs("]\n", out); /* no rows: nothing, as sqlite3 -json */
	return CF_OK;
}

const struct db_ops db_sqlite_ops = {
	.engine = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.prepare = sq_prepare,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_text_kept = sq_bind_text_kept,
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
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.exec = sq_exec,
	.bulk = sq_bulk,
	.last_id = sq_last_id,
	.changed_elsewhere = sq_changed_elsewhere,
	.changes = sq_changes,
	.last_err = sq_last_err,
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.print = sq_print,
};
