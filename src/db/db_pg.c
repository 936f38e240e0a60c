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
 */
#include "db_impl.h"
#include "db_pg_sql.h"
#include "../util/xalloc.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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
	int depth; /* nesting of db_begin: inner levels are savepoints */
	int wrote; /* the open transaction wrote something */
	int lost;  /* the connection broke; operations fail until revived */
	unsigned epoch;
	int64_t last_id, generation;
	int changes;
	int64_t last_try; /* ms, monotonic: the last reconnection tried */
	char err[512];
};

static void no_notices(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void set_err(db *d, const char *msg)
{
	snprintf(d->err, sizeof d->err, "%s", msg ? msg : "");
	size_t n = strlen(d->err);
	while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
		d->err[--n] = 0;
}

/* connection_gone - after a failure: whether the connection is unusable
 * (closed, or the server shutting down); marks it lost. */
static int connection_gone(db *d, const PGresult *r)
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

/* simple - run SQL text with no parameters; CF_OK when every part ran. */
static cf_err simple(db *d, const char *sql)
{
	if (d->lost) {
		set_err(d, "database connection lost");
		return CF_ERR_BUSY;
	}
	PGresult *r = PQexec(d->c, sql);
	ExecStatusType st = PQresultStatus(r);
	cf_err e = CF_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
		set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		e = connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
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
	if (!ready && create == 1 && simple(d, pg_bootstrap_sql) == CF_OK)
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

static void stmt_clear(struct db_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
}

static void pg_done(db_stmt *s)
{
	stmt_clear(s);
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = 0;
		s->fmts[i] = 0;
	}
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

/* insert_has_id - for "INSERT INTO t ...": whether t has an id column. */
static int insert_has_id(db *d, const char *text)
{
	char table[128];
	if (sscanf(text,
		   " %*[Ii]%*[Nn]%*[Ss]%*[Ee]%*[Rr]%*[Tt] %*[Ii]%*[Nn]%*[Tt]%*[Oo] %127[a-z_0-9]",
		   table) != 1)
		return 0;
	const char *vals[1] = { table };
	PGresult *r = PQexecParams(d->c,
				   "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) "
				   "AND attname = 'id' AND NOT attisdropped",
				   1, NULL, vals, NULL, NULL, 0);
	int has = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
	PQclear(r);
	return has;
}

static int starts_with_word(const char *s, const char *w)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '(')
		s++;
	size_t n = strlen(w);
	return !strncasecmp(s, w, n) && !(s[n] >= 'a' && s[n] <= 'z') &&
	       !(s[n] >= 'A' && s[n] <= 'Z');
}

/* server_prepare - prepare s on the current connection; CF_OK, or why not.
 * SQL the server refuses as such (syntax, unknown names: class 42) is a bug
 * in coopfair, as a literal that does not prepare on SQLite: abort. */
static cf_err server_prepare(db *d, struct db_stmt *s)
{
	if (d->lost) {
		set_err(d, "database connection lost");
		return CF_ERR_BUSY;
	}
	if (!s->id_checked) {
		s->id_checked = 1;
		if (starts_with_word(s->text, "INSERT") && !strstr(s->text, "RETURNING") &&
		    insert_has_id(d, s->text)) {
			size_t n = strlen(s->text);
			s->text = xrealloc(s->text, n + 16);
			memcpy(s->text + n, " RETURNING id", 14);
			s->returning_id = 1;
		}
	}
	/* A parameter PostgreSQL cannot type (unused, or first met in
	 * "? IS NULL") is declared: text, else bigint, else double, the
	 * first that the statement accepts. The others the server infers. */
	/* a failed try must not fail the transaction it happens in */
	int guard = PQtransactionStatus(d->c) == PQTRANS_INTRANS;
	if (guard) {
		PGresult *g = PQexec(d->c, "SAVEPOINT cf_prepare");
		PQclear(g);
	}
	static const Oid kinds[] = { 25, 20, 701 };
	Oid types[64] = { 0 };
	int kind[64] = { 0 };
	int ntypes = s->nparams < 64 ? s->nparams : 0, last = -1;
	PGresult *r = PQprepare(d->c, s->name, s->text, s->nparams, NULL);
	for (int tries = 0; tries < 3 * ntypes && PQresultStatus(r) != PGRES_COMMAND_OK; tries++) {
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		const char *at = strstr(PQresultErrorMessage(r), "parameter $");
		int n = at ? atoi(at + 11) : 0;
		if (state && (!strcmp(state, "42P08") || !strcmp(state, "42P18")) && n >= 1 &&
		    n <= ntypes && !types[n - 1]) {
			last = n - 1;
		} else if (state && (!strcmp(state, "42883") || !strcmp(state, "42804")) &&
			   last >= 0 && kind[last] + 1 < 3) {
			kind[last]++; /* the type tried for the last one did not fit */
		} else {
			break;
		}
		types[last] = kinds[kind[last]];
		PQclear(r);
		if (guard) {
			PGresult *g = PQexec(d->c, "ROLLBACK TO SAVEPOINT cf_prepare");
			PQclear(g);
		}
		r = PQprepare(d->c, s->name, s->text, s->nparams, types);
	}
	if (guard) {
		PGresult *g = PQexec(
			d->c,
			PQresultStatus(r) == PGRES_COMMAND_OK
				? "RELEASE SAVEPOINT cf_prepare"
				: "ROLLBACK TO SAVEPOINT cf_prepare; RELEASE SAVEPOINT cf_prepare");
		PQclear(g);
	}
	cf_err e = CF_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (state && !strncmp(state, "42", 2)) {
			fprintf(stderr, "coopfair: SQL does not prepare: %s\n  %s\n", d->err,
				s->text);
			abort();
		}
		e = connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
	} else {
		s->epoch = d->epoch;
	}
	PQclear(r);
	return e;
}

static db_stmt *pg_prepare(db *d, const char *sql)
{
	for (int i = 0; i < d->ncache; i++)
		if (d->cache[i]->sql == sql)
			return d->cache[i];
	struct db_stmt *s = xcalloc(1, sizeof *s);
	s->owner = d;
	s->sql = sql;
	s->row = -1;
	s->text = pg_sql_translate(sql, &s->nparams);
	s->writes = !starts_with_word(s->text, "SELECT") && !starts_with_word(s->text, "VALUES");
	int np = s->nparams ? s->nparams : 1;
	s->vals = xcalloc((size_t)np, sizeof *s->vals);
	s->lens = xcalloc((size_t)np, sizeof *s->lens);
	s->fmts = xcalloc((size_t)np, sizeof *s->fmts);
	snprintf(s->name, sizeof s->name, "s%d", ++d->nnamed);
	if (server_prepare(d, s) != CF_OK)
		s->epoch = 0; /* prepared on first use, once the server is back */
	if (d->ncache == STMT_CACHE) {
		/* Cache full: the oldest entry goes (never reached with our literals). */
		struct db_stmt *old = d->cache[0];
		pg_done(old);
		free(old->text);
		free(old->vals);
		free(old->lens);
		free(old->fmts);
		free(old);
		memmove(d->cache, d->cache + 1, sizeof d->cache[0] * (STMT_CACHE - 1));
		d->ncache--;
	}
	d->cache[d->ncache++] = s;
	return s;
}

static void bind_value(db_stmt *s, int idx, char *v, int len, int fmt)
{
	if (idx < 1 || idx > s->nparams) {
		free(v);
		return;
	}
	free(s->vals[idx - 1]);
	s->vals[idx - 1] = v;
	s->lens[idx - 1] = len;
	s->fmts[idx - 1] = fmt;
}

static void pg_bind_int(db_stmt *s, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	bind_value(s, idx, xstrdup(buf), 0, 0);
}

static void pg_bind_text(db_stmt *s, int idx, const char *v)
{
	bind_value(s, idx, v ? xstrdup(v) : NULL, 0, 0);
}

static void pg_bind_blob(db_stmt *s, int idx, const void *p, size_t n)
{
	char *v = xmalloc(n ? n : 1);
	if (n)
		memcpy(v, p, n);
	bind_value(s, idx, v, (int)n, 1);
}

static void pg_bind_null(db_stmt *s, int idx)
{
	bind_value(s, idx, NULL, 0, 0);
}

/* after_write - a write committed outside a transaction bumps the
 * generation itself; inside one, the commit does. */
static void after_write(db *d)
{
	if (d->depth)
		d->wrote = 1;
	else if (simple(d, "UPDATE cf_generation SET n = n + 1"))
		fprintf(stderr, "coopfair: database: generation not bumped: %s\n", d->err);
}

/* execute - run s with its bindings; 0, or -1 with d->err set. */
static int execute(struct db_stmt *s, cf_err *why)
{
	db *d = s->owner;
	stmt_clear(s);
	*why = CF_OK;
	if (s->epoch != d->epoch && (*why = server_prepare(d, s)))
		return -1;
	/* In a transaction, a statement that fails undoes itself alone, as on
	 * SQLite (PostgreSQL would fail the whole transaction): callers go on
	 * after a conflict, e.g. to say which field is taken. */
	int guard = d->depth > 0 && s->writes;
	if (guard && simple(d, "SAVEPOINT cf_stmt")) {
		*why = d->lost ? CF_ERR_BUSY : CF_ERR_DB;
		return -1;
	}
	PGresult *r = PQexecPrepared(d->c, s->name, s->nparams, (const char *const *)s->vals,
				     s->lens, s->fmts, 0);
	ExecStatusType st = PQresultStatus(r);
	if (guard && !d->lost && PQstatus(d->c) == CONNECTION_OK) {
		PGresult *g = PQexec(
			d->c, st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK
				      ? "RELEASE SAVEPOINT cf_stmt"
				      : "ROLLBACK TO SAVEPOINT cf_stmt; RELEASE SAVEPOINT cf_stmt");
		PQclear(g);
	}
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (connection_gone(d, r))
			*why = CF_ERR_BUSY;
		else if (state && !strncmp(state, "23", 2))
			*why = CF_ERR_CONFLICT;
		else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
				   !strcmp(state, "55P03")))
			*why = CF_ERR_BUSY;
		else
			*why = CF_ERR_DB;
		PQclear(r);
		return -1;
	}
	s->res = r;
	s->nrows = PQntuples(r);
	s->row = -1;
	d->changes = atoi(PQcmdTuples(r));
	if (s->returning_id && s->nrows > 0)
		d->last_id = strtoll(PQgetvalue(r, s->nrows - 1, 0), NULL, 10);
	if (s->writes)
		after_write(d);
	return 0;
}

static int pg_step(db_stmt *s)
{
	if (!s->res) {
		cf_err why;
		if (execute(s, &why)) {
			if (why != CF_ERR_CONFLICT)
				fprintf(stderr, "coopfair: database error: %s\n  in: %s\n",
					s->owner->err, s->text);
			return DB_ERR;
		}
		if (s->returning_id)
			return DB_DONE;
	}
	PQfreemem(s->blob);
	s->blob = NULL;
	if (s->returning_id)
		return DB_DONE;
	return ++s->row < s->nrows ? DB_ROW : DB_DONE;
}

static cf_err pg_run(db_stmt *s)
{
	cf_err e = CF_OK;
	if (!s->res && execute(s, &e) && e != CF_ERR_CONFLICT)
		fprintf(stderr, "coopfair: database error: %s\n  in: %s\n", s->owner->err, s->text);
	pg_done(s);
	return e;
}

static const char *value(db_stmt *s, int col)
{
	if (!s->res || s->row < 0 || s->row >= s->nrows || col < 0 || col >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, col))
		return NULL;
	const char *v = PQgetvalue(s->res, s->row, col);
	if (PQftype(s->res, col) == BOOLOID)
		return v[0] == 't' ? "1" : "0";
	return v;
}

static int64_t pg_col_int(db_stmt *s, int col)
{
	const char *v = value(s, col);
	if (!v)
		return 0;
	/* SQLite reads "12.7" as 12: so does strtoll */
	return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? strtod(v, NULL) : 0;
}

static const char *pg_col_text(db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? v : "";
}

static int pg_col_is_null(db_stmt *s, int col)
{
	return value(s, col) == NULL;
}

static const void *pg_col_blob(db_stmt *s, int col, size_t *n)
{
	const char *v = value(s, col);
	*n = 0;
	if (!v)
		return NULL;
	if (PQftype(s->res, col) != BYTEAOID) {
		*n = strlen(v);
		return v;
	}
	PQfreemem(s->blob);
	s->blob = PQunescapeBytea((const unsigned char *)v, n);
	return s->blob;
}

static cf_err pg_begin(db *d)
{
	cf_err e = simple(d, d->depth ? "SAVEPOINT cf" : "BEGIN; " TX_LOCK);
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
		cf_err e = simple(d, "RELEASE SAVEPOINT cf");
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
		set_err(d, PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r)
						      : "the transaction had failed: rolled back");
		e = connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
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
		(void)simple(d, "ROLLBACK TO SAVEPOINT cf; RELEASE SAVEPOINT cf");
		d->depth--;
	} else if (d->depth == 1) {
		(void)simple(d, "ROLLBACK");
		d->depth = 0;
		d->wrote = 0;
	}
}

static int pg_abandoned(db *d)
{
	if (d->lost)
		return 0; /* the request failed with 503; nothing is open any more */
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
	cf_err e = simple(d, text);
	free(text);
	if (!e)
		after_write(d);
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
	if (d->last_try && now - d->last_try < 200)
		return -1; /* at most five tries a second per thread */
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
	fprintf(stderr, "coopfair: database connection restored\n");
	d->lost = 0;
	d->depth = 0;
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
		after_write(d);
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
