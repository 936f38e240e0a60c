/*
 * db.c - the engine-neutral half of db.h: picks the backend from the target
 * ("sqlite:PATH", a bare path, or "postgres://..."), keeps each thread's
 * connection, and forwards every call to the backend's table of operations
 * (db_impl.h). No SQL and no engine library here.
 */
#include "db_impl.h"
#include "../util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPS(d) (((struct db_base *)(d))->ops)
#define SOPS(s) OPS(((struct db_stmt_base *)(s))->owner)

static char *configured_path;
static _Thread_local db *thread_db;
/* Closes a thread's connection when the thread ends (server workers end
 * when the server stops); the main thread calls db_thread_close itself. */
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static int is_pg(const char *target)
{
	return !strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13);
}

const char *db_file_path(const char *target)
{
	if (is_pg(target))
		return NULL;
	return strncmp(target, "sqlite:", 7) ? target : target + 7;
}

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

cf_err db_open(const char *target, int create, db **out)
{
	if (is_pg(target))
		return db_pg_ops.open(target, create, out);
	return db_sqlite_ops.open(db_file_path(target), create == 1, out);
}

const char *db_engine(db *d)
{
	return OPS(d)->engine;
}

void db_close(db *d)
{
	if (!d)
		return;
	if (d == thread_db)
		thread_db = NULL; /* closing this thread's connection by hand */
	OPS(d)->close(d);
}

db *db_thread(void)
{
	if (!thread_db) {
		if (db_open(configured_path, DB_OPEN_LAZY, &thread_db)) {
			fprintf(stderr, "coopfair: cannot open database %s\n", configured_path);
			abort();
		}
		pthread_once(&thread_key_once, make_thread_key);
		pthread_setspecific(thread_key, thread_db);
	}
	return thread_db;
}

int db_thread_revive(void)
{
	db *d = db_thread();
	return OPS(d)->revive ? OPS(d)->revive(d) : 0;
}

int db_thread_lost(void)
{
	return thread_db && OPS(thread_db)->lost ? OPS(thread_db)->lost(thread_db) : 0;
}

void db_thread_close(void)
{
	if (thread_db)
		pthread_setspecific(thread_key, NULL);
	db_close(thread_db);
	thread_db = NULL;
}

int db_thread_abandoned(void)
{
	if (!thread_db || !OPS(thread_db)->abandoned(thread_db))
		return 0;
	fprintf(stderr, "coopfair: a request left a transaction open; rolled back\n");
	return 1;
}

db_stmt *db_prepare(db *d, const char *sql)
{
	return OPS(d)->prepare(d, sql);
}

void db_bind_int(db_stmt *s, int idx, int64_t v)
{
	SOPS(s)->bind_int(s, idx, v);
}

void db_bind_text(db_stmt *s, int idx, const char *v)
{
	SOPS(s)->bind_text(s, idx, v);
}

void db_bind_text_kept(db_stmt *s, int idx, const char *v)
{
	if (SOPS(s)->bind_text_kept)
		SOPS(s)->bind_text_kept(s, idx, v);
	else
		SOPS(s)->bind_text(s, idx, v);
}

void db_bind_blob(db_stmt *s, int idx, const void *p, size_t n)
{
	SOPS(s)->bind_blob(s, idx, p, n);
}

void db_bind_null(db_stmt *s, int idx)
{
	SOPS(s)->bind_null(s, idx);
}

int db_step(db_stmt *s)
{
	return SOPS(s)->step(s);
}

int64_t db_col_int(db_stmt *s, int col)
{
	return SOPS(s)->col_int(s, col);
}

double db_col_double(db_stmt *s, int col)
{
	return SOPS(s)->col_double(s, col);
}

const char *db_col_text(db_stmt *s, int col)
{
	return SOPS(s)->col_text(s, col);
}

int db_col_is_null(db_stmt *s, int col)
{
	return SOPS(s)->col_is_null(s, col);
}

const void *db_col_blob(db_stmt *s, int col, size_t *n)
{
	return SOPS(s)->col_blob(s, col, n);
}

void db_done(db_stmt *s)
{
	SOPS(s)->done(s);
}

cf_err db_run(db_stmt *s)
{
	return SOPS(s)->run(s);
}

cf_err db_begin(db *d)
{
	return OPS(d)->begin(d);
}

cf_err db_commit(db *d)
{
	return OPS(d)->commit(d);
}

void db_rollback(db *d)
{
	OPS(d)->rollback(d);
}

cf_err db_read_begin(db *d)
{
	return OPS(d)->read_begin ? OPS(d)->read_begin(d) : CF_OK;
}

cf_err db_end(db *d, cf_err e)
{
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

void db_read_end(db *d)
{
	if (OPS(d)->read_end)
		OPS(d)->read_end(d);
}

cf_err db_exec(db *d, const char *sql)
{
	return OPS(d)->exec(d, sql);
}

void db_bulk(db *d, int on)
{
	if (OPS(d)->bulk)
		OPS(d)->bulk(d, on);
}

int64_t db_last_id(db *d)
{
	return OPS(d)->last_id(d);
}

int db_changed_elsewhere(db *d)
{
	return OPS(d)->changed_elsewhere(d);
}

int db_changes(db *d)
{
	return OPS(d)->changes(d);
}

const char *db_last_err(db *d)
{
	return OPS(d)->last_err(d);
}

cf_err db_schema_version(db *d, int *version)
{
	return OPS(d)->schema_version(d, version);
}

cf_err db_set_schema_version(db *d, int version)
{
	return OPS(d)->set_schema_version(d, version);
}

cf_err db_print(db *d, const char *sql, int mode, FILE *out)
{
	return OPS(d)->print(d, sql, mode, out);
}

void db_print_value(FILE *out, int mode, const char *v, int is_null, int is_number)
{
	if (mode != DB_PRINT_JSON) {
		fputs(is_null ? "" : v, out);
		return;
	}
	if (is_null) {
		fputs("null", out);
		return;
	}
	if (is_number) {
		fputs(v, out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}
