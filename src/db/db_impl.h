/*
 * db_impl.h - what db.c needs from a backend, and nothing the model sees.
 * Each backend's struct db starts with a struct db_base and each struct
 * db_stmt with a struct db_stmt_base, so db.c can find the backend's table
 * of operations from either. Only src/db/ includes this file.
 */
#ifndef CF_DB_IMPL_H
#define CF_DB_IMPL_H
#include "db.h"

#include <stdio.h>

/* open's create for db_thread: no file is created, and a server that is
 * down gives a connection marked lost (503s until it is back), not a failure */
#define DB_OPEN_LAZY 2

struct db_ops {
	const char *engine; /* "sqlite" or "pg": picks NNN_x.pg.sql variants */
	cf_err (*open)(const char *target, int create, db **out);
	void (*close)(db *d);
	db_stmt *(*prepare)(db *d, const char *sql);
	void (*bind_int)(db_stmt *s, int idx, int64_t v);
	void (*bind_text)(db_stmt *s, int idx, const char *v);
	void (*bind_text_kept)(db_stmt *s, int idx, const char *v); /* NULL: bind_text */
	void (*bind_blob)(db_stmt *s, int idx, const void *p, size_t n);
	void (*bind_null)(db_stmt *s, int idx);
	int (*step)(db_stmt *s);
	int64_t (*col_int)(db_stmt *s, int col);
	double (*col_double)(db_stmt *s, int col);
	const char *(*col_text)(db_stmt *s, int col);
	int (*col_is_null)(db_stmt *s, int col);
	const void *(*col_blob)(db_stmt *s, int col, size_t *n);
	void (*done)(db_stmt *s);
	cf_err (*run)(db_stmt *s);
	cf_err (*begin)(db *d);
	cf_err (*commit)(db *d);
	void (*rollback)(db *d);
	/* abandoned - roll back a transaction left open; 1 when there was one
	 * (and reset statements left held, and end a read snapshot) */
	int (*abandoned)(db *d);
	/* read_begin/read_end - db_read_begin's snapshot; NULL: not supported,
	 * every statement reads on its own (db.c then does nothing) */
	cf_err (*read_begin)(db *d);
	void (*read_end)(db *d);
	cf_err (*exec)(db *d, const char *sql);
	/* bulk - a hint that a large write starts (1) or ended (0); may be NULL */
	void (*bulk)(db *d, int on);
	int64_t (*last_id)(db *d);
	int (*changed_elsewhere)(db *d);
	int (*changes)(db *d);
	const char *(*last_err)(db *d);
	cf_err (*schema_version)(db *d, int *version);
	cf_err (*set_schema_version)(db *d, int version);
	/* print - run sql (one or more statements) and print every row */
	cf_err (*print)(db *d, const char *sql, int mode, FILE *out);
	/* revive - before a request: reconnect a lost connection; 0 when usable */
	int (*revive)(db *d);
	/* lost - whether the connection to the server was lost since revive */
	int (*lost)(db *d);
};

struct db_base {
	const struct db_ops *ops;
};
struct db_stmt_base {
	db *owner;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* db_print_value - one value as print's mode wants it (DB_PRINT_JSON: a
 * JSON number when is_number, a string, or null). */
void db_print_value(FILE *out, int mode, const char *v, int is_null, int is_number);

#endif
