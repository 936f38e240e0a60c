/*
 * migrate.c - versioned schema migrations.
 *
 * Migrations are the SQL files db/migrations/NNN_name.sql, compiled into the
 * binary (build/embedded.c) so an installed coopfair can migrate without its
 * source tree. Migration NNN brings the schema to version NNN; each runs in
 * its own transaction with the version bump, so a failed migration leaves the
 * database at the previous version, untouched.
 *
 * Both engines run the same files (the PostgreSQL backend translates the
 * dialect, see db_pg_sql.c); where SQL must differ, NNN_x.pg.sql beside
 * NNN_x.sql is PostgreSQL's version of that migration, used instead of it.
 */
#include "db_impl.h"
#include "../util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* engine_variant - "NNN_x.pg.sql" names the "pg" engine's own version. */
static int engine_variant(const char *name)
{
	size_t n = strlen(name);
	return n > 7 && !strcmp(name + n - 7, ".pg.sql");
}

/* migration_number - NNN from "migrations/NNN_name.sql", or -1. */
static int migration_number(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (strncmp(name, "migrations/", 11))
		return -1;
	int n = 0, digits = 0;
	while (base[digits] >= '0' && base[digits] <= '9')
		n = n * 10 + (base[digits++] - '0');
	return digits == 3 && base[3] == '_' && !engine_variant(name) ? n : -1;
}

int db_schema_latest(void)
{
	int latest = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		int n = migration_number(embedded_files[i].name);
		if (n > latest)
			latest = n;
	}
	return latest;
}

/* find_migration - migration n, in the engine's own version if it has one. */
static const struct embedded_file *find_migration(db *d, int n)
{
	const struct embedded_file *f = NULL;
	for (size_t i = 0; i < embedded_count && !f; i++)
		if (migration_number(embedded_files[i].name) == n)
			f = &embedded_files[i];
	if (!f || strcmp(db_engine(d), "pg"))
		return f;
	char want[256];
	snprintf(want, sizeof want, "%.*s.pg.sql", (int)strlen(f->name) - 4, f->name);
	for (size_t i = 0; i < embedded_count; i++)
		if (!strcmp(embedded_files[i].name, want))
			return &embedded_files[i];
	return f;
}

cf_err db_migrate(db *d, int *applied)
{
	int v;
	cf_err e;
	*applied = 0;
	if ((e = db_schema_version(d, &v)))
		return e;
	int latest = db_schema_latest();
	if (v > latest)
		return CF_ERR_VERSION;
	/* Apply the migrations above v in order; numbers may have gaps (features
	 * reserve ranges), but never run one at or below the current version. */
	for (int n = v + 1; n <= latest; n++) {
		const struct embedded_file *f = find_migration(d, n);
		if (!f)
			continue;
		char *sql = malloc(f->len + 1);
		if (!sql)
			abort();
		memcpy(sql, f->data, f->len);
		sql[f->len] = 0;
		if ((e = db_begin(d))) {
			free(sql);
			return e;
		}
		e = db_exec(d, sql);
		free(sql);
		if (!e)
			e = db_set_schema_version(d, n);
		if (!e)
			e = db_commit(d);
		if (e) {
			db_rollback(d);
			fprintf(stderr,
				"coopfair: migration %s failed; the database stays at version %d\n",
				f->name, n - 1);
			return e;
		}
		(*applied)++;
	}
	return CF_OK;
}
