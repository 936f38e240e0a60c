/*
 * db_pg.h - what the two halves of the PostgreSQL backend share; only
 * db_pg.c (connection, transactions, the read snapshot, the table of
 * operations) and db_pg_stmt.c (statements: prepare, bind, run, read
 * columns) include it, and backup_pg.c for the type ids. See db_pg.c for how the backend works.
 */
#ifndef CF_DB_PG_H
#define CF_DB_PG_H
#include "db_impl.h"

#include <libpq-fe.h>

#define STMT_CACHE 256
#define BOOLOID 16
#define BYTEAOID 17
/* the advisory lock every transaction takes ("cf" in ASCII) */
#define TX_LOCK "SELECT pg_advisory_xact_lock(25446)"

struct db_stmt {
	db *owner; /* first: struct db_stmt_base */
	const char *sql;
	char *text; /* translated */
	char name[16];
	int nparams;
	int returning_id; /* a hidden RETURNING id was added */
	int id_checked;	  /* whether returning_id was decided */
	int writes;
	unsigned epoch; /* of the connection it was prepared on; 0: not yet */
	char **vals;
	int *lens, *fmts;
	PGresult *res;
	int row, nrows;
	unsigned char *blob; /* the last bytea column read, decoded */
};

struct db {
	struct db_base base; /* first: the table of operations */
	PGconn *c;
	struct db_stmt *cache[STMT_CACHE];
	int ncache, nnamed;
	int depth;   /* nesting of db_begin: inner levels are savepoints */
	int reading; /* inside db_read_begin's snapshot (REPEATABLE READ) */
	int wrote;   /* the open transaction wrote something */
	int lost;    /* the connection broke; operations fail until revived */
	unsigned epoch;
	int64_t last_id, generation;
	int changes;
	int64_t last_try; /* ms, monotonic: the last reconnection tried */
	char err[512];
};

/* db_pg.c */
/* pg_simple - run SQL text with no parameters; CF_OK when every part ran. */
cf_err pg_simple(db *d, const char *sql);
void pg_set_err(db *d, const char *msg);
/* pg_connection_gone - after a failure: whether the connection is unusable
 * (closed, or the server shutting down); marks it lost. */
int pg_connection_gone(db *d, const PGresult *r);
/* pg_after_write - a write committed outside a transaction bumps the
 * generation itself; inside one, the commit does. */
void pg_after_write(db *d);
/* pg_end_snapshot - leave db_read_begin's snapshot (ok: commit, else roll
 * back) before a write or after a failed read. */
void pg_end_snapshot(db *d, int ok);

/* db_pg_stmt.c: the statement operations of db_impl.h */
db_stmt *pg_prepare(db *d, const char *sql);
void pg_bind_int(db_stmt *s, int idx, int64_t v);
void pg_bind_text(db_stmt *s, int idx, const char *v);
void pg_bind_blob(db_stmt *s, int idx, const void *p, size_t n);
void pg_bind_null(db_stmt *s, int idx);
int pg_step(db_stmt *s);
cf_err pg_run(db_stmt *s);
int64_t pg_col_int(db_stmt *s, int col);
double pg_col_double(db_stmt *s, int col);
const char *pg_col_text(db_stmt *s, int col);
int pg_col_is_null(db_stmt *s, int col);
const void *pg_col_blob(db_stmt *s, int col, size_t *n);
void pg_done(db_stmt *s);

#endif
