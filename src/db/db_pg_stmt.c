/*
 * db_pg_stmt.c - the PostgreSQL backend's statements (db_pg.h): prepared
 * once per connection in the translated dialect, cached by the address of
 * their literal, bound as text (blobs as binary), run, and read back.
 */
#include "db_pg.h"
#include "db_pg_sql.h"
#include "../util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void stmt_clear(struct db_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
}

void pg_done(db_stmt *s)
{
	stmt_clear(s);
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = 0;
		s->fmts[i] = 0;
	}
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
		pg_set_err(d, "database connection lost");
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
		pg_set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (state && !strncmp(state, "42", 2)) {
			fprintf(stderr, "coopfair: SQL does not prepare: %s\n  %s\n", d->err,
				s->text);
			abort();
		}
		e = pg_connection_gone(d, r) ? CF_ERR_BUSY : CF_ERR_DB;
	} else {
		s->epoch = d->epoch;
	}
	PQclear(r);
	return e;
}

db_stmt *pg_prepare(db *d, const char *sql)
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

void pg_bind_int(db_stmt *s, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	bind_value(s, idx, xstrdup(buf), 0, 0);
}

void pg_bind_text(db_stmt *s, int idx, const char *v)
{
	bind_value(s, idx, v ? xstrdup(v) : NULL, 0, 0);
}

void pg_bind_blob(db_stmt *s, int idx, const void *p, size_t n)
{
	char *v = xmalloc(n ? n : 1);
	if (n)
		memcpy(v, p, n);
	bind_value(s, idx, v, (int)n, 1);
}

void pg_bind_null(db_stmt *s, int idx)
{
	bind_value(s, idx, NULL, 0, 0);
}

/* execute - run s with its bindings; 0, or -1 with d->err set. */
static int execute(struct db_stmt *s, cf_err *why)
{
	db *d = s->owner;
	stmt_clear(s);
	*why = CF_OK;
	if (s->writes)
		pg_end_snapshot(d, 1);
	if (s->epoch != d->epoch && (*why = server_prepare(d, s)))
		return -1;
	/* In a transaction, a statement that fails undoes itself alone, as on
	 * SQLite (PostgreSQL would fail the whole transaction): callers go on
	 * after a conflict, e.g. to say which field is taken. */
	int guard = d->depth > 0 && s->writes;
	if (guard && pg_simple(d, "SAVEPOINT cf_stmt")) {
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
		pg_set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (pg_connection_gone(d, r))
			*why = CF_ERR_BUSY;
		else if (state && !strncmp(state, "23", 2))
			*why = CF_ERR_CONFLICT;
		else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
				   !strcmp(state, "55P03")))
			*why = CF_ERR_BUSY;
		else
			*why = CF_ERR_DB;
		PQclear(r);
		pg_end_snapshot(d, 0);
		return -1;
	}
	s->res = r;
	s->nrows = PQntuples(r);
	s->row = -1;
	d->changes = atoi(PQcmdTuples(r));
	if (s->returning_id && s->nrows > 0)
		d->last_id = strtoll(PQgetvalue(r, s->nrows - 1, 0), NULL, 10);
	if (s->writes)
		pg_after_write(d);
	return 0;
}

int pg_step(db_stmt *s)
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

cf_err pg_run(db_stmt *s)
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

int64_t pg_col_int(db_stmt *s, int col)
{
	const char *v = value(s, col);
	if (!v)
		return 0;
	/* SQLite reads "12.7" as 12: so does strtoll */
	return strtoll(v, NULL, 10);
}

double pg_col_double(db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? strtod(v, NULL) : 0;
}

const char *pg_col_text(db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? v : "";
}

int pg_col_is_null(db_stmt *s, int col)
{
	return value(s, col) == NULL;
}

const void *pg_col_blob(db_stmt *s, int col, size_t *n)
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
