/* backup_dump.c - every row of every table of a live database, for the
 * archive (db_backup_dump in backup_db.h). */
#include "backup_db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dump_rows - the rows of s (prepared, bound) as table's; finalizes s. */
static cf_err dump_rows(sqlite3_stmt *s, const char *table, db_row_fn fn, void *ctx)
{
	int rc = SQLITE_DONE;
	int ncol = sqlite3_column_count(s);
	const char **names = calloc((size_t)ncol + 1, sizeof *names);
	db_value *vals = calloc((size_t)ncol + 1, sizeof *vals);
	if (!names || !vals)
		abort();
	for (int c = 0; c < ncol; c++)
		names[c] = sqlite3_column_name(s, c);
	int64_t row = 0;
	cf_err e = CF_OK;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int c = 0; c < ncol; c++) {
			db_value *v = &vals[c];
			memset(v, 0, sizeof *v);
			switch (sqlite3_column_type(s, c)) {
			case SQLITE_INTEGER:
				v->type = DBV_INT;
				v->i = sqlite3_column_int64(s, c);
				break;
			case SQLITE_FLOAT:
				v->type = DBV_REAL;
				v->r = sqlite3_column_double(s, c);
				break;
			case SQLITE_TEXT:
				v->type = DBV_TEXT;
				v->p = sqlite3_column_text(s, c);
				v->n = (size_t)sqlite3_column_bytes(s, c);
				break;
			case SQLITE_BLOB:
				v->type = DBV_BLOB;
				v->p = sqlite3_column_blob(s, c);
				v->n = (size_t)sqlite3_column_bytes(s, c);
				break;
			default:
				v->type = DBV_NULL;
			}
		}
		e = fn(ctx, table, row++, ncol, names, vals);
	}
	if (!e && rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = CF_ERR_DB;
	if (!e && row == 0)
		e = fn(ctx, table, -1, ncol, names, NULL);
	free(names);
	free(vals);
	sqlite3_finalize(s);
	return e;
}

static cf_err dump_table(sqlite3 *h, const char *table, db_row_fn fn, void *ctx)
{
	sqlite3_stmt *s = NULL;
	/* The table name comes from sqlite_schema, quoted with %w. */
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
	int rc = sqlite3_prepare_v2(h, sql, -1, &s, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return CF_ERR_DB;
	return dump_rows(s, table, fn, ctx);
}

/* derived - whether table is a virtual table (full-text search) or one of
 * its shadow tables: an index of other tables' data, not data itself. */
static int derived(sqlite3 *h, const char *table)
{
	sqlite3_stmt *s;
	int r = 0;
	if (sqlite3_prepare_v2(h,
			       "SELECT 1 FROM pragma_table_list WHERE name = ? "
			       "AND type IN ('virtual', 'shadow')",
			       -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	r = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return r;
}

cf_err db_backup_dump(const char *path, db_row_fn fn, void *ctx, char why[512])
{
	sqlite3 *h = NULL;
	why[0] = 0;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(why, 512, "cannot open %s", path);
		sqlite3_close(h);
		return CF_ERR_IO;
	}
	sqlite3_busy_timeout(h, 5000);
	cf_err e = CF_ERR_DB;
	sqlite3_stmt *s = NULL;
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h,
			       "SELECT name FROM sqlite_schema WHERE type = 'table' "
			       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
			       "AND name <> 'backup_manifest' ORDER BY name",
			       -1, &s, NULL) == SQLITE_OK) {
		e = CF_OK;
		int rc;
		while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			char table[256];
			snprintf(table, sizeof table, "%s",
				 (const char *)sqlite3_column_text(s, 0));
			if (!derived(h, table) && (e = dump_table(h, table, fn, ctx)))
				snprintf(why, 512, "dumping table %s failed (%s)", table,
					 cf_strerror(e));
		}
		if (!e && rc != SQLITE_DONE)
			e = CF_ERR_DB;
	}
	sqlite3_finalize(s);
	if (e && !*why)
		snprintf(why, 512, "reading %s failed: %s", path, sqlite3_errmsg(h));
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	return e;
}

cf_err db_backup_dump_queries(const char *path, const db_dump_query *q, size_t nq, int64_t key,
			      db_row_fn fn, void *ctx, char why[512])
{
	if (!strncmp(path, "postgres://", 11) || !strncmp(path, "postgresql://", 13))
		return db_backup_dump_queries_pg(path, q, nq, key, fn, ctx, why);
	sqlite3 *h = NULL;
	why[0] = 0;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(why, 512, "cannot open %s", path);
		sqlite3_close(h);
		return CF_ERR_IO;
	}
	sqlite3_busy_timeout(h, 5000);
	cf_err e = sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? CF_OK : CF_ERR_DB;
	for (size_t i = 0; !e && i < nq; i++) {
		sqlite3_stmt *s = NULL;
		if (sqlite3_prepare_v2(h, q[i].sql, -1, &s, NULL) != SQLITE_OK) {
			snprintf(why, 512, "table %s: %s", q[i].table, sqlite3_errmsg(h));
			e = CF_ERR_DB;
			break;
		}
		for (int p = 1; p <= sqlite3_bind_parameter_count(s); p++)
			sqlite3_bind_int64(s, p, key);
		if ((e = dump_rows(s, q[i].table, fn, ctx)))
			snprintf(why, 512, "dumping table %s failed (%s)", q[i].table,
				 cf_strerror(e));
	}
	if (e && !*why)
		snprintf(why, 512, "reading %s failed: %s", path, sqlite3_errmsg(h));
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	return e;
}
