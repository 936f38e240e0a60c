/*
 * db.h - the store. The only interface the model sees; the only module that
 * knows SQLite (db_sqlite.c). A PostgreSQL backend goes beside db_sqlite.c
 * behind this same interface: statements are written with '?' placeholders
 * (a backend may rewrite them to $1..$n), and nothing SQLite-specific leaks.
 *
 * Every SQL statement is a string literal with bound values; never build SQL
 * with printf. Statements are prepared once per connection and cached by the
 * address of their literal, so keep each statement a literal at its use site
 * (or in a table of literals).
 *
 * Connections are per thread (db_thread), opened on first use with WAL,
 * foreign keys on and a busy timeout. A statement returned by db_prepare must
 * be finished with db_done before the next db_prepare of the same literal.
 */
#ifndef CF_DB_H
#define CF_DB_H
#include <stddef.h>
#include <stdint.h>

#include "../util/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ERR = -1, DB_DONE = 0, DB_ROW = 1 };

/* db_configure - where db_thread's connections go. Call once at start-up. */
void db_configure(const char *path);
const char *db_path(void);
/* db_open - a new connection to path (created when create is set).
 * CF_ERR_IO when it cannot be opened, CF_ERR_DB when it is not a database. */
cf_err db_open(const char *path, int create, db **out) CF_MUST_USE;
void db_close(db *d);
/* db_thread - this thread's connection to the configured database; aborts
 * with a message if it cannot be opened (start-up checked that it could). */
db *db_thread(void);
/* db_thread_abandoned - after a request: when this thread's connection was
 * left inside a transaction (a bug: an error path without db_rollback), roll
 * it all back, log it, and return 1, so the next request on the thread does
 * not run inside someone else's half change. 0 when all is well. */
int db_thread_abandoned(void);
/* db_thread_close - close this thread's connection now. A connection is
 * also closed when its thread ends; the main thread must call this. */
void db_thread_close(void);

db_stmt *db_prepare(db *d, const char *sql_literal);
void db_bind_int(db_stmt *s, int idx, int64_t v);
void db_bind_text(db_stmt *s, int idx, const char *v); /* NULL binds NULL */
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
/* db_run - step a statement to its end and db_done it: CF_OK, CF_ERR_CONFLICT
 * for a constraint violation, CF_ERR_BUSY, or CF_ERR_DB. */
cf_err db_run(db_stmt *s) CF_MUST_USE;

/* Transactions: never write half a change. db_begin takes the write lock
 * at once (BEGIN IMMEDIATE) so a transaction cannot fail half way on a lock. */
cf_err db_begin(db *d) CF_MUST_USE;
cf_err db_commit(db *d) CF_MUST_USE;
void db_rollback(db *d);
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

/* Migrations (migrate.c): the schema version this binary knows, the
 * version of a database, and bringing a database up to date. */
int db_schema_latest(void);
cf_err db_schema_version(db *d, int *version) CF_MUST_USE;
/* db_migrate - apply pending migrations, each in its own transaction.
 * CF_ERR_VERSION when the database is newer than this binary. */
cf_err db_migrate(db *d, int *applied) CF_MUST_USE;

#endif
