/* backup_pg.c - db_backup_dump_queries on PostgreSQL (backup_db.h): the
 * rows of each query, read with libpq in one read-only snapshot, handed over
 * as the SQLite reader hands them (backup_dump.c), so the archive of an
 * edition is written the same way from either engine. */
#include "backup_db.h"
#include "db_pg.h"
#include "db_pg_sql.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* value - column c of row as a db_value; *bytes gets a decoded bytea,
 * which the caller frees (PQfreemem). */
static void value(PGresult *r, int row, int c, db_value *v, unsigned char **bytes)
{
	memset(v, 0, sizeof *v);
	*bytes = NULL;
	if (PQgetisnull(r, row, c))
		return;
	const char *s = PQgetvalue(r, row, c);
	switch (PQftype(r, c)) {
	case BOOLOID:
		v->type = DBV_INT;
		v->i = s[0] == 't';
		break;
	case 20: /* int8 */
	case 21: /* int2 */
	case 23: /* int4 */
		v->type = DBV_INT;
		v->i = strtoll(s, NULL, 10);
		break;
	case 700:  /* float4 */
	case 701:  /* float8 */
	case 1700: /* numeric */
		v->type = DBV_REAL;
		v->r = strtod(s, NULL);
		break;
	case BYTEAOID: {
		size_t n = 0;
		*bytes = PQunescapeBytea((const unsigned char *)s, &n);
		if (!*bytes)
			abort();
		v->type = DBV_BLOB;
		v->p = *bytes;
		v->n = n;
		break;
	}
	default:
		v->type = DBV_TEXT;
		v->p = s;
		v->n = (size_t)PQgetlength(r, row, c);
	}
}

/* dump - the rows of result r as table's (an empty result: one call with
 * row -1, so its columns are known). */
static cf_err dump(PGresult *r, const char *table, db_row_fn fn, void *ctx)
{
	int ncol = PQnfields(r), nrows = PQntuples(r);
	const char **names = calloc((size_t)ncol + 1, sizeof *names);
	db_value *vals = calloc((size_t)ncol + 1, sizeof *vals);
	unsigned char **bytes = calloc((size_t)ncol + 1, sizeof *bytes);
	if (!names || !vals || !bytes)
		abort();
	for (int c = 0; c < ncol; c++)
		names[c] = PQfname(r, c);
	cf_err e = CF_OK;
	for (int row = 0; !e && row < nrows; row++) {
		for (int c = 0; c < ncol; c++)
			value(r, row, c, &vals[c], &bytes[c]);
		e = fn(ctx, table, row, ncol, names, vals);
		for (int c = 0; c < ncol; c++)
			PQfreemem(bytes[c]);
	}
	if (!e && nrows == 0)
		e = fn(ctx, table, -1, ncol, names, NULL);
	free(names);
	free(vals);
	free(bytes);
	return e;
}

cf_err db_backup_dump_queries_pg(const char *url, const db_dump_query *q, size_t nq, int64_t key,
				 db_row_fn fn, void *ctx, char why[512])
{
	why[0] = 0;
	const char *keys[] = { "connect_timeout", "application_name", "dbname", NULL };
	const char *vals[] = { "5", "coopfair-archive", url, NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		snprintf(why, 512, "cannot connect: %s", c ? PQerrorMessage(c) : "out of memory");
		PQfinish(c);
		return CF_ERR_IO;
	}
	PGresult *r = PQexec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	cf_err e = PQresultStatus(r) == PGRES_COMMAND_OK ? CF_OK : CF_ERR_DB;
	PQclear(r);
	char k[32];
	snprintf(k, sizeof k, "%" PRId64, key);
	for (size_t i = 0; !e && i < nq; i++) {
		int n = 0;
		char *sql = pg_sql_translate(q[i].sql, &n);
		const char **params = calloc((size_t)n + 1, sizeof *params);
		if (!params)
			abort();
		for (int p = 0; p < n; p++)
			params[p] = k;
		r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
		free(params);
		free(sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			snprintf(why, 512, "table %s: %s", q[i].table, PQresultErrorMessage(r));
			e = CF_ERR_DB;
		} else if ((e = dump(r, q[i].table, fn, ctx))) {
			snprintf(why, 512, "dumping table %s failed (%s)", q[i].table,
				 cf_strerror(e));
		}
		PQclear(r);
	}
	PQclear(PQexec(c, "ROLLBACK"));
	PQfinish(c);
	return e;
}
