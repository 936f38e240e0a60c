/*
 * db_pg.c - the PostgreSQL backend of db.h (libpq), through db_impl.h.
 *
 * One connection per thread (db.c keeps it), statements translated from
 * coopfair's SQLite dialect (db_pg_sql.c), prepared once per connection
 * and cached by the address of their literal, like the SQLite backend.
 * Values are sent as text (blobs as binary) and read back as text.
 *
 * What SQLite gives and PostgreSQL does not, and how it is kept:
 * - BEGIN IMMEDIATE serialises writers: db_begin takes one advisory lock
 *   for the transaction, so transactions run one at a time across every
 *   server of a deployment, as they do on SQLite.
 * - last_insert_rowid: an INSERT into a table with an id column gets a
 *   hidden RETURNING id; db_step hides the row and keeps the id.
 * - data_version (page caches): every committed write bumps the row of
 *   cf_generation; db_changed_elsewhere compares it with the last one seen.
 * - A server restart: a connection that broke is marked lost; the request
 *   in flight fails (the router answers 503) and db_thread_revive opens it
 *   again before the next request; statements are prepared again lazily.
 * - A read snapshot per GET (db_read_begin): a REPEATABLE READ transaction,
 *   left before a write (which then runs on the latest data, as on SQLite)
 *   and after a failed read (PostgreSQL refuses the rest of an aborted
 *   transaction).
 *
 * This file: the connection, transactions, the snapshot and the table of
 * operations; the statements are in db_pg_stmt.c (shared: db_pg.h).
 */
#include "db_pg.h"
#include "db_pg_sql.h"
#include "../util/xalloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void no_notices(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

void pg_set_err(db *d, const char *msg)
{
	snprintf(d->err, sizeof d->err, "%s", msg ? msg : "");
	size_t n = strlen(d->err);
	while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
		d->err[--n] = 0;
}

/* pg_connection_gone - after a failure: whether the connection is unusable
 * (closed, or the server shutting down); marks it lost. */
int pg_connection_gone(db *d, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (PQstatus(d->c) == CONNECTION_BAD || (state && !strncmp(state, "08", 2)) ||
	    (state && !strncmp(state, "57P", 3))) {
		if (!d->lost)
			fprintf(stderr, "coopfair: database connection lost: %s\n", d->err);
		d->lost = 1;
		d->depth = 0;
		d->wrote = 0;
	}
	return d->lost;
}

/* pg_simple - run SQL text with no parameters; CF_OK when every part ran. */
cf_err pg_simple(db *d, const char *sql)
{
	if (d->lost) {
		pg_set_err(d, "database connection lost");
		return CF_ERR_BUSY;
	}
	PGresult *r = PQexec(d->c, sql);
	ExecStatusType st = PQresultStatus(r);
	cf_err e = CF_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
		pg_set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		e = pg_connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
		if (e == CF_ERR_DB)
			fprintf(stderr, "coopfair: database: %s\n", d->err);
	}
	PQclear(r);
	return e;
}

static PGconn *connect_to(const char *target)
{
	/* The URL comes last so that its own settings win. Statements are
	 * planned once, when prepared, as SQLite does: re-planning each run
	 * (PostgreSQL's custom plans) cost more than the run itself on the
	 * fair's pages (2-6 ms against 0.3 ms for the exhibitors list). */
	const char *keys[] = { "connect_timeout", "application_name", "options", "dbname", NULL };
	const char *vals[] = { "5", "coopfair", "-c plan_cache_mode=force_generic_plan", target,
			       NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (c && PQstatus(c) == CONNECTION_OK) {
		PQsetNoticeProcessor(c, no_notices, NULL);
		PGresult *r = PQexec(c, "SET client_min_messages = warning");
		PQclear(r);
	}
	return c;
}

static cf_err pg_open(const char *target, int create, db **out)
{
	*out = NULL;
	PGconn *c = connect_to(target);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		if (create == DB_OPEN_LAZY) {
			/* a server thread: serve 503s until the database is back */
			db *d = xcalloc(1, sizeof *d);
			d->base.ops = &db_pg_ops;
			d->c = c;
			d->lost = 1;
			d->epoch = 1;
			*out = d;
			return CF_OK;
		}
		fprintf(stderr, "coopfair: %s", c ? PQerrorMessage(c) : "out of memory\n");
		PQfinish(c);
		return CF_ERR_IO;
	}
	db *d = xcalloc(1, sizeof *d);
	d->base.ops = &db_pg_ops;
	d->c = c;
	d->epoch = 1;
	PGresult *r = PQexec(c, "SELECT to_regclass('cf_generation') IS NOT NULL");
	int ready = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
		    !strcmp(PQgetvalue(r, 0, 0), "t");
	PQclear(r);
	if (!ready && create == 1 && pg_simple(d, pg_bootstrap_sql) == CF_OK)
		ready = 1;
	if (!ready) {
		if (create != 1)
			fprintf(stderr,
				"coopfair: the PostgreSQL database holds no coopfair schema\n");
		PQfinish(c);
		free(d);
		return CF_ERR_IO;
	}
	*out = d;
	return CF_OK;
}

static void pg_close(db *d)
{
	for (int i = 0; i < d->ncache; i++) {
		struct db_stmt *s = d->cache[i];
		pg_done(s);
		free(s->text);
		free(s->vals);
		free(s->lens);
		free(s->fmts);
		free(s);
	}
	PQfinish(d->c);
	free(d);
}

/* pg_after_write - a write committed outside a transaction bumps the
 * generation itself; inside one, the commit does. */
void pg_after_write(db *d)
{
	if (d->depth)
		d->wrote = 1;
	else if (pg_simple(d, "UPDATE cf_generation SET n = n + 1"))
		fprintf(stderr, "coopfair: database: generation not bumped: %s\n", d->err);
}

/* pg_end_snapshot - leave db_read_begin's snapshot: before a write (which
 * then runs on the latest data and commits on its own, as on SQLite), or
 * after a failed read (PostgreSQL would refuse every later statement of the
 * aborted transaction; the rest of the page reads statement by statement). */
void pg_end_snapshot(db *d, int ok)
{
	if (d->reading && d->depth == 0) {
		d->reading = 0;
		if (!d->lost)
			(void)pg_simple(d, ok ? "COMMIT" : "ROLLBACK");
	}
}

static cf_err pg_read_begin(db *d)
{
	if (d->reading || d->depth)
		return CF_OK;
	cf_err e = pg_simple(d, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	if (!e)
		d->reading = 1;
	return e;
}

static void pg_read_end(db *d)
{
	pg_end_snapshot(d, 1);
}

static cf_err pg_begin(db *d)
{
	pg_end_snapshot(d, 1);
	cf_err e = pg_simple(d, d->depth ? "SAVEPOINT cf" : "BEGIN; " TX_LOCK);
	if (!e) {
		if (!d->depth)
			d->wrote = 0;
		d->depth++;
	} else if (!d->depth && !d->lost) {
		PGresult *r = PQexec(d->c, "ROLLBACK");
		PQclear(r);
	}
	return e;
}

static cf_err pg_commit(db *d)
{
	if (d->depth == 0)
		return CF_ERR_DB;
	if (d->depth > 1) {
		cf_err e = pg_simple(d, "RELEASE SAVEPOINT cf");
		if (!e)
			d->depth--;
		return e;
	}
	if (d->lost)
		return CF_ERR_BUSY;
	PGresult *r =
		PQexec(d->c, d->wrote ? "UPDATE cf_generation SET n = n + 1; COMMIT" : "COMMIT");
	/* A transaction that failed ends in ROLLBACK, with a status of OK. */
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(r), "COMMIT");
	cf_err e = CF_OK;
	if (!ok) {
		pg_set_err(d, PQresultErrorMessage(r)[0]
				      ? PQresultErrorMessage(r)
				      : "the transaction had failed: rolled back");
		e = pg_connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
		if (PQtransactionStatus(d->c) != PQTRANS_IDLE) {
			PGresult *rb = PQexec(d->c, "ROLLBACK");
			PQclear(rb);
		}
	}
	PQclear(r);
	d->depth = 0;
	d->wrote = 0;
	return e;
}

static void pg_rollback(db *d)
{
	if (d->lost) {
		d->depth = 0;
		return;
	}
	if (d->depth > 1) {
		(void)pg_simple(d, "ROLLBACK TO SAVEPOINT cf; RELEASE SAVEPOINT cf");
		d->depth--;
	} else if (d->depth == 1) {
		(void)pg_simple(d, "ROLLBACK");
		d->depth = 0;
		d->wrote = 0;
	}
}

static int pg_abandoned(db *d)
{
	if (d->lost)
		return 0; /* the request failed with 503; nothing is open any more */
	pg_end_snapshot(d, 0);
	if (d->depth == 0 && PQtransactionStatus(d->c) == PQTRANS_IDLE)
		return 0;
	PGresult *r = PQexec(d->c, "ROLLBACK");
	PQclear(r);
	d->depth = 0;
	d->wrote = 0;
	return 1;
}

static cf_err pg_exec(db *d, const char *sql)
{
	int n;
	char *text = pg_sql_translate(sql, &n);
	pg_end_snapshot(d, 1);
	cf_err e = pg_simple(d, text);
	free(text);
	if (!e)
		pg_after_write(d);
	return e;
}

static int64_t pg_last_id(db *d)
{
	return d->last_id;
}

static int pg_changed_elsewhere(db *d)
{
	static const char sql[] = "SELECT n FROM cf_generation";
	db_stmt *s = pg_prepare(d, sql);
	int64_t v = pg_step(s) == DB_ROW ? pg_col_int(s, 0) : -1;
	pg_done(s);
	int changed = v != d->generation || v < 0;
	d->generation = v;
	return changed;
}

static int pg_changes(db *d)
{
	return d->changes;
}

static const char *pg_last_err(db *d)
{
	return d->err;
}

/* PostgreSQL keeps no PRAGMA user_version: migrations are known by name
 * only (schema_migration, migrate.c); see db.h. */
static cf_err pg_schema_version(db *d, int *version)
{
	(void)d;
	*version = 0;
	return CF_OK;
}

static cf_err pg_set_schema_version(db *d, int version)
{
	(void)d;
	(void)version;
	return CF_OK;
}

/* When a thread last reconnected (monotonic ms): the server is back, so a
 * thread whose own last try failed a moment ago tries again at once rather
 * than answering 503 for the rest of its 200 ms. */
static _Atomic int64_t g_restored;

static int pg_revive(db *d)
{
	if (!d->lost && PQstatus(d->c) == CONNECTION_OK) {
		/* a server that restarted closed the socket: notice it now */
		if (PQconsumeInput(d->c) && PQstatus(d->c) == CONNECTION_OK)
			return 0;
	}
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (d->last_try && now - d->last_try < 200 && atomic_load(&g_restored) <= d->last_try)
		return -1; /* at most five tries a second per thread while it is down */
	d->last_try = now;
	if (d->c)
		PQreset(d->c);
	if (!d->c || PQstatus(d->c) != CONNECTION_OK) {
		d->lost = 1;
		return -1;
	}
	PQsetNoticeProcessor(d->c, no_notices, NULL);
	PGresult *r = PQexec(d->c, "SET client_min_messages = warning");
	PQclear(r);
	atomic_store(&g_restored, now);
	fprintf(stderr, "coopfair: database connection restored\n");
	d->lost = 0;
	d->depth = 0;
	d->reading = 0;
	d->wrote = 0;
	d->epoch++; /* every statement is prepared again on first use */
	return 0;
}

static int number_type(Oid t)
{
	return t == 20 || t == 21 || t == 23 || t == 700 || t == 701 || t == 1700 || t == BOOLOID;
}

static cf_err pg_print(db *d, const char *sql, int mode, FILE *out)
{
	int n;
	char *text = pg_sql_translate(sql, &n);
	int sent = PQsendQuery(d->c, text);
	free(text);
	if (!sent) {
		fprintf(stderr, "coopfair: %s", PQerrorMessage(d->c));
		return CF_ERR_DB;
	}
	cf_err e = CF_OK;
	int rows = 0, wrote = 0;
	PGresult *r;
	while ((r = PQgetResult(d->c))) {
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_COMMAND_OK)
			wrote = 1;
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY) {
			fprintf(stderr, "coopfair: %s", PQresultErrorMessage(r));
			e = CF_ERR_DB;
		}
		for (int row = 0; st == PGRES_TUPLES_OK && row < PQntuples(r); row++, rows++) {
			int cols = PQnfields(r);
			if (mode == DB_PRINT_JSON)
				fputs(rows ? ",\n{" : "[{", out);
			for (int i = 0; i < cols; i++) {
				const char *v = PQgetvalue(r, row, i);
				if (PQftype(r, i) == BOOLOID)
					v = v[0] == 't' ? "1" : "0";
				if (mode == DB_PRINT_JSON) {
					db_print_value(out, mode, PQfname(r, i), 0, 0);
					fputc(':', out);
				} else if (i) {
					fputc(mode == DB_PRINT_TABS ? '\t' : '|', out);
				}
				db_print_value(out, mode, v, PQgetisnull(r, row, i),
					       number_type(PQftype(r, i)));
				if (mode == DB_PRINT_JSON && i + 1 < cols)
					fputc(',', out);
			}
			fputs(mode == DB_PRINT_JSON ? "}" : "\n", out);
		}
		PQclear(r);
	}
	if (mode == DB_PRINT_JSON && rows)
		fputs("]\n", out); /* no rows: nothing, as sqlite3 -json */
	if (!e && wrote)
		pg_after_write(d);
	return e;
}

static int pg_lost(db *d)
{
	return d->lost;
}

const struct db_ops db_pg_ops = {
	.engine = "pg",
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.col_blob = pg_col_blob,
	.done = pg_done,
	.run = pg_run,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.abandoned = pg_abandoned,
	.read_begin = pg_read_begin,
	.read_end = pg_read_end,
	.exec = pg_exec,
	.last_id = pg_last_id,
	.changed_elsewhere = pg_changed_elsewhere,
	.changes = pg_changes,
	.last_err = pg_last_err,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.print = pg_print,
	.revive = pg_revive,
	.lost = pg_lost,
};
