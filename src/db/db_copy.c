/*
 * db_copy.c - copy a whole coopfair database to another, across engines
 * (coopfair copy --from sqlite:A --to postgres://..., and back).
 *
 * Both databases are at the same schema version (the caller migrated them).
 * The target must hold no fair yet (no edition, account or cooperative):
 * its rows (the reference data its migrations wrote) are replaced by the
 * source's, table by table in the order the tables were created (so a row
 * comes after the rows it refers to), all in one transaction. The search
 * index is not copied: every cooperative is marked for re-indexing, which
 * the registry does before its next search. Then each table's rows are
 * counted on both sides; any difference is an error.
 *
 * The only SQL built at run time in coopfair: the table and column names
 * come from the target's own catalogue, never from input. Their texts live
 * until db_copy returns (statements are cached by the address of their
 * text, so none is freed while the connections may still prepare one); the
 * caller closes both connections afterwards.
 */
#include "db_impl.h"
#include "../util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TABLES 128
#define MAX_COLS 64

/* Tables in creation order, without the search index (rebuilt, not copied:
 * SQLite's FTS5 table and its shadow tables, PostgreSQL's cooperative_fts),
 * the PostgreSQL backend's own bookkeeping (cf_*), nor schema_migration
 * (each side keeps its own records: the texts, so the checksums, of a
 * migration differ where PostgreSQL has its own NNN_x.pg.sql). */
static const char SQL_TABLES_SQLITE[] =
	"SELECT name FROM sqlite_schema t WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
	"AND name NOT LIKE '%fts%' AND name <> 'schema_migration' ORDER BY rowid";
static const char SQL_TABLES_PG[] =
	"SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE 'cf%' "
	"AND c.relname NOT LIKE '%fts%' AND c.relname <> 'schema_migration' ORDER BY c.oid";
static const char SQL_COLS_SQLITE[] =
	"SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid";
static const char SQL_COLS_PG[] =
	"SELECT column_name, upper(data_type) FROM information_schema.columns "
	"WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' "
	"ORDER BY ordinal_position";
static const char SQL_FAIR_ROWS[] =
	"SELECT (SELECT count(*) FROM edition) + "
	"(SELECT count(*) FROM account) + (SELECT count(*) FROM cooperative)";
static const char SQL_REINDEX[] = "UPDATE cooperative SET indexed = 0";

/* the texts sql_for made, freed when db_copy ends */
static char **texts;
static size_t ntexts;

struct table {
	char *name;
	int ncols;
	char *cols[MAX_COLS];
	int blob[MAX_COLS];
};

static int is_pg(db *d)
{
	return !strcmp(db_engine(d), "pg");
}

static cf_err read_tables(db *d, struct table *t, int *n)
{
	db_stmt *s = db_prepare(d, is_pg(d) ? SQL_TABLES_PG : SQL_TABLES_SQLITE);
	int rc;
	*n = 0;
	while ((rc = db_step(s)) == DB_ROW && *n < MAX_TABLES)
		t[(*n)++].name = xstrdup(db_col_text(s, 0));
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	for (int i = 0; i < *n; i++) {
		s = db_prepare(d, is_pg(d) ? SQL_COLS_PG : SQL_COLS_SQLITE);
		db_bind_text(s, 1, t[i].name);
		while ((rc = db_step(s)) == DB_ROW && t[i].ncols < MAX_COLS) {
			const char *type = db_col_text(s, 1);
			t[i].blob[t[i].ncols] = !strcmp(type, "BLOB") || !strcmp(type, "BYTEA");
			t[i].cols[t[i].ncols++] = xstrdup(db_col_text(s, 0));
		}
		db_done(s);
		if (rc == DB_ERR)
			return CF_ERR_DB;
	}
	return CF_OK;
}

/* sql_for - "SELECT a, b FROM t", "INSERT INTO t (a, b) VALUES (?, ?)",
 * "DELETE FROM t" or "SELECT count(*) FROM t" (kept until db_copy ends). */
static const char *sql_for(const struct table *t, char kind)
{
	size_t cap = 64 + 2 * strlen(t->name);
	for (int c = 0; c < t->ncols; c++)
		cap += strlen(t->cols[c]) + 8;
	char *q = xmalloc(cap);
	texts = xrealloc(texts, (ntexts + 1) * sizeof *texts);
	texts[ntexts++] = q;
	size_t n = 0;
	if (kind == 'd')
		n = (size_t)snprintf(q, cap, "DELETE FROM \"%s\"", t->name);
	else if (kind == 'n')
		n = (size_t)snprintf(q, cap, "SELECT count(*) FROM \"%s\"", t->name);
	else {
		n = (size_t)snprintf(q, cap, kind == 's' ? "SELECT " : "INSERT INTO \"%s\" (",
				     t->name);
		for (int c = 0; c < t->ncols; c++)
			n += (size_t)snprintf(q + n, cap - n, "%s\"%s\"", c ? ", " : "",
					      t->cols[c]);
		if (kind == 's') {
			n += (size_t)snprintf(q + n, cap - n, " FROM \"%s\"", t->name);
		} else {
			n += (size_t)snprintf(q + n, cap - n, ") VALUES (");
			for (int c = 0; c < t->ncols; c++)
				n += (size_t)snprintf(q + n, cap - n, "%s?", c ? ", " : "");
			n += (size_t)snprintf(q + n, cap - n, ")");
		}
	}
	return q;
}

static int64_t count_rows(db *d, const struct table *t)
{
	db_stmt *s = db_prepare(d, sql_for(t, 'n'));
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

static cf_err copy_table(db *from, db *to, const struct table *t)
{
	db_stmt *r = db_prepare(from, sql_for(t, 's'));
	db_stmt *w = db_prepare(to, sql_for(t, 'i'));
	cf_err e = CF_OK;
	int rc;
	while (!e && (rc = db_step(r)) == DB_ROW) {
		for (int c = 0; c < t->ncols; c++) {
			if (db_col_is_null(r, c)) {
				db_bind_null(w, c + 1);
			} else if (t->blob[c]) {
				size_t len;
				const void *p = db_col_blob(r, c, &len);
				db_bind_blob(w, c + 1, p, len);
			} else {
				db_bind_text(w, c + 1, db_col_text(r, c));
			}
		}
		e = db_run(w);
	}
	if (!e && rc == DB_ERR)
		e = CF_ERR_DB;
	if (e)
		fprintf(stderr, "coopfair: copying %s failed: %s\n", t->name,
			rc == DB_ERR ? db_last_err(from) : db_last_err(to));
	db_done(r);
	return e;
}

cf_err db_copy(db *from, db *to, FILE *report)
{
	struct table *t = xcalloc(MAX_TABLES, sizeof *t);
	int n = 0, mismatches = 0;
	cf_err e = read_tables(to, t, &n);
	db_stmt *s = db_prepare(to, SQL_FAIR_ROWS);
	int64_t fair = !e && db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	if (!e && fair != 0) {
		fprintf(stderr, "coopfair: the target already holds a fair (editions, accounts or "
				"cooperatives): copy only into a new database\n");
		e = CF_ERR_CONFLICT;
	}
	if (!e)
		e = db_begin(to);
	if (e)
		goto out;
	for (int i = n - 1; i >= 0 && !e; i--)
		e = db_run(db_prepare(to, sql_for(&t[i], 'd')));
	for (int i = 0; i < n && !e; i++)
		e = copy_table(from, to, &t[i]);
	if (!e)
		e = db_run(db_prepare(to, SQL_REINDEX));
	if (!e)
		e = db_commit(to);
	if (e) {
		db_rollback(to);
		goto out;
	}
	fprintf(report, "%-28s %10s %10s\n", "table", "source", "target");
	for (int i = 0; i < n; i++) {
		int64_t a = count_rows(from, &t[i]), b = count_rows(to, &t[i]);
		fprintf(report, "%-28s %10lld %10lld%s\n", t[i].name, (long long)a, (long long)b,
			a == b && a >= 0 ? "" : "  <- differs");
		mismatches += a != b || a < 0;
	}
	if (mismatches) {
		fprintf(stderr, "coopfair: %d table%s differ after the copy\n", mismatches,
			mismatches == 1 ? "" : "s");
		e = CF_ERR_DB;
	}
out:
	for (size_t i = 0; i < ntexts; i++)
		free(texts[i]);
	free(texts);
	texts = NULL;
	ntexts = 0;
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < t[i].ncols; c++)
			free(t[i].cols[c]);
		free(t[i].name);
	}
	free(t);
	return e;
}
