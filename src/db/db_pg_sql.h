/*
 * db_pg_sql.h - the PostgreSQL backend's dialect hook (db_pg_sql.c): SQL in
 * coopfair's portable SQLite dialect to PostgreSQL's. Only db_pg.c uses it.
 */
#ifndef CF_DB_PG_SQL_H
#define CF_DB_PG_SQL_H

/* pg_sql_translate - sql for PostgreSQL (malloc'd; the caller frees it);
 * *nparams is the highest parameter number it uses. */
char *pg_sql_translate(const char *sql, int *nparams);

/* pg_bootstrap_sql - run once on an empty database before migration 001:
 * the generation row, SQLite's functions, NOCASE. Its table cf_generation
 * marks a database prepared for coopfair (migrations then record themselves
 * in schema_migration, as on SQLite). */
extern const char pg_bootstrap_sql[];

#endif
