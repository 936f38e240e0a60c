/*
 * db.h - the store. The only interface the model sees; the only module that
 * knows the database engine: SQLite (db_sqlite.c) or PostgreSQL (db_pg.c,
 * libpq), picked from the target given to db_open/db_configure (db.c).
 * Statements are written in SQLite's dialect with '?' placeholders; the
 * PostgreSQL backend translates them once per connection (db_pg_sql.c says
 * what it translates: the portable subset of docs/postgres.md).
 *
 * Every SQL statement is a string literal with bound values; never build SQL
 * with printf. Statements are prepared once per connection and cached by the
 * address of their literal, so keep each statement a literal at its use site
 * (or in a table of literals).
 *
 * Connections are per thread (db_thread), opened on first use with WAL,
 * foreign keys on and a busy timeout. A statement returned by db_prepare is
 * the caller's until db_done (or db_run): the cache never finalizes it while
 * held, however many other statements are prepared. After db_done the pointer
 * is dead: prepare the literal again (a cache hit) rather than keep it.
 * db_step and db_run log a database error with the statement's SQL.
 *
 * Interface changes (issue 17): migrations are known by name
 * (schema_migration, db_migration_checksum, db_set_schema_version);
 * COOPFAIR_STMT_CACHE=N caps the statement cache for tests; db_row for
 * one-row reads; db_read_begin/db_read_end (one snapshot per GET);
 * db_thread_abandoned also resets held statements.
 */
#ifndef CF_DB_H
#define CF_DB_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../util/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ERR = -1, DB_DONE = 0, DB_ROW = 1 };

/* db_configure - where db_thread's connections go. Call once at start-up.
 * A target is "sqlite:PATH", a bare PATH (SQLite), or a PostgreSQL URL
 * ("postgres://user@host:port/name?..." or "postgresql://..."). */
void db_configure(const char *target);
const char *db_path(void);
/* db_file_path - the SQLite file a target names; NULL for a server. */
const char *db_file_path(const char *target);
/* db_open - a new connection to target (an SQLite file is created when
 * create is set; a PostgreSQL database must exist, and create prepares an
 * empty one). CF_ERR_IO when it cannot be opened (or holds no coopfair
 * schema and create is not set), CF_ERR_DB when it is not a database. */
cf_err db_open(const char *target, int create, db **out) CF_MUST_USE;
void db_close(db *d);
/* db_engine - "sqlite" or "pg". */
const char *db_engine(db *d);
/* db_thread - this thread's connection to the configured database; aborts
 * with a message if it cannot be opened (start-up checked that it could). */
db *db_thread(void);
/* db_thread_abandoned - after a request: when this thread's connection was
 * left inside a transaction (a bug: an error path without db_rollback), roll
 * it all back, log it, and return 1, so the next request on the thread does
 * not run inside someone else's half change. 0 when all is well. Statements
 * left held (prepared, not db_done) are reset too, with a log line. */
int db_thread_abandoned(void);
/* db_thread_revive - before a request: a connection lost to a server that
 * restarted is opened again (cheap when all is well). 0 when usable. */
int db_thread_revive(void);
/* db_thread_lost - whether this thread's connection to the database server
 * broke during the request: the router answers 503 (the next request on the
 * thread reconnects). Always 0 for SQLite. */
int db_thread_lost(void);
/* db_thread_close - close this thread's connection now. A connection is
 * also closed when its thread ends; the main thread must call this. */
void db_thread_close(void);

db_stmt *db_prepare(db *d, const char *sql_literal);
void db_bind_int(db_stmt *s, int idx, int64_t v);
void db_bind_text(db_stmt *s, int idx, const char *v); /* NULL binds NULL */
/* db_bind_text_kept - db_bind_text of text the caller keeps unchanged until
 * the statement is done (db_run, db_done): SQLite does not copy it (a bulk
 * insert binds hundreds of thousands of values). */
void db_bind_text_kept(db_stmt *s, int idx, const char *v);
void db_bind_blob(db_stmt *s, int idx, const void *p, size_t n);
void db_bind_null(db_stmt *s, int idx);
/* db_step - DB_ROW, DB_DONE or DB_ERR (logged; see db_last_err). */
int db_step(db_stmt *s);
int64_t db_col_int(db_stmt *s, int col);
double db_col_double(db_stmt *s, int col);
/* db_col_text - valid until the next step or db_done; "" for NULL. */
const char *db_col_text(db_stmt *s, int col);
int db_col_is_null(db_stmt *s, int col);
const void *db_col_blob(db_stmt *s, int col, size_t *n);
/* db_done - reset the statement and clear its bindings. */
void db_done(db_stmt *s);
/* db_row - step a statement expected to give one row: CF_OK on a row,
 * CF_ERR_NOTFOUND when there is none, CF_ERR_DB on an error (logged). Does
 * not db_done. A reader must never turn an error into "not found". */
static inline cf_err db_row(db_stmt *s)
{
	int rc = db_step(s);
	return rc == DB_ROW ? CF_OK : rc == DB_DONE ? CF_ERR_NOTFOUND : CF_ERR_DB;
}
/* db_run - step a statement to its end and db_done it: CF_OK, CF_ERR_CONFLICT
 * for a constraint violation, CF_ERR_BUSY, or CF_ERR_DB. */
cf_err db_run(db_stmt *s) CF_MUST_USE;

/* Transactions: never write half a change. db_begin takes the write lock
 * at once (BEGIN IMMEDIATE) so a transaction cannot fail half way on a lock. */
cf_err db_begin(db *d) CF_MUST_USE;
cf_err db_commit(db *d) CF_MUST_USE;
void db_rollback(db *d);
/* db_end - the end of a transaction begun with db_begin: commit when e is
 * CF_OK, else (or when the commit fails) roll back; the first error. Use as
 *   e = db_end(d, e); */
cf_err db_end(db *d, cf_err e) CF_MUST_USE;
/* db_read_begin - read everything that follows from one snapshot (a
 * deferred transaction), until db_read_end: the router wraps each GET in
 * one, so a page never mixes data from before and after another
 * connection's commit, and takes the read lock once instead of once per
 * statement. A write inside it (db_begin, db_exec, or db_run of a writing
 * statement) ends the snapshot first and runs on the latest data. No-op
 * inside a transaction. */
cf_err db_read_begin(db *d) CF_MUST_USE;
void db_read_end(db *d);
/* db_exec - run literal SQL text with no parameters (migrations, pragmas). */
cf_err db_exec(db *d, const char *sql) CF_MUST_USE;
/* db_bulk - a large write transaction starts (on = 1) or has ended (0):
 * the engine may keep more in memory meanwhile. A hint: never fails. */
void db_bulk(db *d, int on);
int64_t db_last_id(db *d);
/* db_changed_elsewhere - whether another connection (thread or process)
 * committed to the database since this connection last asked. */
int db_changed_elsewhere(db *d);
int db_changes(db *d);
const char *db_last_err(db *d);

/* db_print - run SQL text (one or more statements, translated as any
 * statement is) and print each row to out: values separated by '|'
 * (DB_PRINT_LIST, as the sqlite3 shell), by tabs (DB_PRINT_TABS), or rows as
 * one JSON array of objects (DB_PRINT_JSON, as sqlite3 -json). For tests and
 * maintenance ('coopfair sql'), never for the model. */
enum { DB_PRINT_LIST, DB_PRINT_TABS, DB_PRINT_JSON };
cf_err db_print(db *d, const char *sql, int mode, FILE *out) CF_MUST_USE;

/* db_copy - copy every table of from into to, a database with no fair yet,
 * across engines, then compare each table's row count (printed to report).
 * Both at the same schema version. See db_copy.c. */
cf_err db_copy(db *from, db *to, FILE *report) CF_MUST_USE;

/* Migrations (migrate.c), known by name: the table schema_migration (name,
 * checksum, applied_at; portable SQL) records every file applied.
 * db_schema_latest - the highest migration number this binary has.
 * db_schema_version - the highest number recorded in a SQLite database's
 * PRAGMA user_version (kept for coopfairs older than the table); a backend
 * without user_version answers 0. */
int db_schema_latest(void);
cf_err db_schema_version(db *d, int *version) CF_MUST_USE;
/* db_migrate - apply every migration the database lacks, in number order,
 * each in its own transaction with its record; *applied says how many.
 * CF_ERR_VERSION (with a message on stderr naming the file) when the
 * database records a migration this binary does not have, or one whose
 * text changed since it was applied. */
cf_err db_migrate(db *d, int *applied) CF_MUST_USE;
/* db_set_schema_version - for migrate.c only, inside its transaction: record
 * the highest migration number where the backend keeps one (SQLite's
 * user_version); a backend without one does nothing and returns CF_OK. */
cf_err db_set_schema_version(db *d, int version) CF_MUST_USE;
/* db_migration_checksum - the hex SHA-256 recorded for a migration text. */
void db_migration_checksum(const void *text, size_t len, char out[65]);

#endif
