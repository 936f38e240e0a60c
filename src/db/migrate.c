/*
 * migrate.c - schema migrations known by name.
 *
 * Migrations are the SQL files db/migrations/NNN_name.sql, compiled into the
 * binary (build/embedded.c) so an installed coopfair can migrate without its
 * source tree. The table schema_migration records every migration applied to
 * a database, by file name, with the SHA-256 of its text. db_migrate applies
 * every migration this binary has and the database lacks, in number order,
 * whatever the numbers already applied: features land in any order while
 * they are built at once, so a file numbered below one already applied is
 * not skipped. Each migration runs in its own transaction with its record.
 *
 * A database that records a migration this binary does not have (made by a
 * newer coopfair) or a migration whose text changed since it was applied is
 * refused (CF_ERR_VERSION) with a message naming the file: running on it
 * would mean running on a schema nobody wrote.
 *
 * Both engines run the same files (the PostgreSQL backend translates the
 * dialect, see db_pg_sql.c); where SQL must differ, NNN_x.pg.sql beside
 * NNN_x.sql is PostgreSQL's version of that migration, run (and checksummed)
 * instead of it, and recorded under the same name, NNN_x.sql.
 *
 * The bookkeeping SQL is portable (SQLite and PostgreSQL). Databases made
 * before the table existed (SQLite only: they carry PRAGMA user_version) are
 * adopted once by looking at their real schema (legacy_probe below).
 */
#include "db_impl.h"
#include "../util/embedded.h"
#include "../util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_MIGRATIONS 256
#define CHECKSUM_HEX (crypto_hash_sha256_BYTES * 2 + 1)

static const char sql_create_table[] = "CREATE TABLE IF NOT EXISTS schema_migration ("
				       "name TEXT PRIMARY KEY, checksum TEXT NOT NULL, "
				       "applied_at TEXT NOT NULL)";
static const char sql_applied[] = "SELECT name, checksum FROM schema_migration ORDER BY name";
static const char sql_record[] =
	"INSERT INTO schema_migration (name, checksum, applied_at) VALUES (?, ?, ?)";

/* engine_variant - "NNN_x.pg.sql" names the "pg" engine's own version. */
static int engine_variant(const char *name)
{
	size_t n = strlen(name);
	return n > 7 && !strcmp(name + n - 7, ".pg.sql");
}

/* migration_number - NNN from "migrations/NNN_name.sql", or -1. */
static int migration_number(const char *name)
{
	if (strncmp(name, "migrations/", 11))
		return -1;
	const char *base = name + 11;
	int n = 0, digits = 0;
	while (base[digits] >= '0' && base[digits] <= '9')
		n = n * 10 + (base[digits++] - '0');
	return digits == 3 && base[3] == '_' && !engine_variant(name) ? n : -1;
}

/* known - the embedded migrations in number order; returns how many. */
static size_t known(const struct embedded_file **out)
{
	size_t n = 0;
	for (size_t i = 0; i < embedded_count && n < MAX_MIGRATIONS; i++)
		if (migration_number(embedded_files[i].name) >= 0)
			out[n++] = &embedded_files[i];
	for (size_t i = 1; i < n; i++) /* insertion sort: a few dozen files */
		for (size_t j = i;
		     j > 0 && migration_number(out[j - 1]->name) > migration_number(out[j]->name);
		     j--) {
			const struct embedded_file *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* for_engine - the text of migration f that d's engine runs: its own
 * NNN_x.pg.sql for PostgreSQL when there is one, else f itself. */
static const struct embedded_file *for_engine(db *d, const struct embedded_file *f)
{
	if (strcmp(db_engine(d), "pg"))
		return f;
	char want[256];
	snprintf(want, sizeof want, "%.*s.pg.sql", (int)strlen(f->name) - 4, f->name);
	for (size_t i = 0; i < embedded_count; i++)
		if (!strcmp(embedded_files[i].name, want))
			return &embedded_files[i];
	return f;
}

/* base_name - "NNN_name.sql": the name recorded in schema_migration. */
static const char *base_name(const struct embedded_file *f)
{
	return f->name + 11;
}

void db_migration_checksum(const void *text, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, text, len);
	sodium_bin2hex(out, CHECKSUM_HEX, h, sizeof h);
}

int db_schema_latest(void)
{
	const struct embedded_file *m[MAX_MIGRATIONS];
	size_t n = known(m);
	return n ? migration_number(m[n - 1]->name) : 0;
}

/*
 * Databases made before schema_migration existed recorded only the highest
 * number applied (PRAGMA user_version), and skipped any file that landed
 * below it. For each migration of that time, a query that counts what it
 * made tells whether it really ran. SQLite only: a PostgreSQL database never
 * had a user_version.
 */
static const struct {
	const char *name;
	const char *probe; /* > 0 when the migration's work is there */
} legacy_probe[] = {
	{ "001_init.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'exhibitor'" },
	{ "002_reference.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'region' "
	  "AND EXISTS (SELECT 1 FROM region)" },
	{ "003_accounts.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'account'" },
	{ "004_audit_outbox.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'outbox'" },
	{ "010_accounts_backoffice.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'account_token'" },
	{ "011_outbox_claim.sql",
	  "SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'claimed_at'" },
	{ "020_registry.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'application'" },
	{ "030_prize.sql",
	  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'prize_log'" },
};

/* adopt_legacy - record the migrations a pre-bookkeeping database really
 * has; called inside the transaction that created schema_migration. */
static cf_err adopt_legacy(db *d, int version, const struct embedded_file **m, size_t n,
			   const char *now)
{
	for (size_t i = 0; i < n; i++) {
		if (migration_number(m[i]->name) > version)
			break;
		int there = 1; /* a file without a probe: trust user_version */
		for (size_t k = 0; k < sizeof legacy_probe / sizeof legacy_probe[0]; k++) {
			if (strcmp(legacy_probe[k].name, base_name(m[i])))
				continue;
			db_stmt *s = db_prepare(d, legacy_probe[k].probe);
			int rc = db_step(s);
			there = rc == DB_ROW && db_col_int(s, 0) > 0;
			db_done(s);
			if (rc == DB_ERR)
				return CF_ERR_DB;
		}
		if (!there)
			continue;
		char sum[CHECKSUM_HEX];
		db_migration_checksum(for_engine(d, m[i])->data, for_engine(d, m[i])->len, sum);
		db_stmt *s = db_prepare(d, sql_record);
		db_bind_text(s, 1, base_name(m[i]));
		db_bind_text(s, 2, sum);
		db_bind_text(s, 3, now);
		cf_err e = db_run(s);
		if (e)
			return e;
	}
	return CF_OK;
}

/* applied_set - which of m[] the database records (done[i] = 1), after
 * checking that every record names a known file with its checksum. */
static cf_err applied_set(db *d, const struct embedded_file **m, size_t n, char *done)
{
	memset(done, 0, n);
	cf_err e = CF_OK;
	db_stmt *s = db_prepare(d, sql_applied);
	int rc;
	while (!e && (rc = db_step(s)) == DB_ROW) {
		const char *name = db_col_text(s, 0);
		size_t i = 0;
		while (i < n && strcmp(base_name(m[i]), name))
			i++;
		if (i == n) {
			fprintf(stderr,
				"coopfair: the database has migration %s, which this coopfair does "
				"not know: it was made by a newer coopfair. Install that one; do "
				"not use this one on it.\n",
				name);
			e = CF_ERR_VERSION;
			break;
		}
		char sum[CHECKSUM_HEX];
		db_migration_checksum(for_engine(d, m[i])->data, for_engine(d, m[i])->len, sum);
		if (strcmp(sum, db_col_text(s, 1))) {
			fprintf(stderr,
				"coopfair: migration %s was changed after it was applied to this "
				"database (checksum %.12s... recorded, %.12s... in this coopfair). "
				"A migration must never change once released: restore its text, "
				"or add a new migration.\n",
				name, db_col_text(s, 1), sum);
			e = CF_ERR_VERSION;
			break;
		}
		done[i] = 1;
	}
	if (!e && rc == DB_ERR)
		e = CF_ERR_DB;
	db_done(s);
	return e;
}

/* bookkeeping - make sure schema_migration exists, adopting a legacy
 * database's migrations the first time. */
static cf_err bookkeeping(db *d, const struct embedded_file **m, size_t n, const char *now)
{
	int version;
	cf_err e = db_schema_version(d, &version);
	if (e)
		return e;
	if ((e = db_begin(d)))
		return e;
	if (!(e = db_exec(d, sql_create_table)) && version > 0) {
		/* a table with no rows at a version above 0: made before it */
		db_stmt *s = db_prepare(d, "SELECT count(*) FROM schema_migration");
		int rc = db_step(s);
		int64_t rows = rc == DB_ROW ? db_col_int(s, 0) : -1;
		db_done(s);
		e = rows < 0 ? CF_ERR_DB : rows == 0 ? adopt_legacy(d, version, m, n, now) : CF_OK;
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err db_migrate(db *d, int *applied)
{
	const struct embedded_file *m[MAX_MIGRATIONS];
	char done[MAX_MIGRATIONS], now[32];
	size_t n = known(m);
	*applied = 0;
	clock_now_iso(now);
	int version;
	cf_err e = db_schema_version(d, &version);
	if (e)
		return e;
	if ((e = bookkeeping(d, m, n, now)) || (e = applied_set(d, m, n, done)))
		return e;
	if (version > db_schema_latest()) {
		fprintf(stderr,
			"coopfair: the database has schema version %d, newer than this coopfair "
			"supports (%d). Install a newer coopfair; do not use this one on it.\n",
			version, db_schema_latest());
		return CF_ERR_VERSION;
	}
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		const struct embedded_file *t = for_engine(d, m[i]);
		char *sql = malloc(t->len + 1);
		if (!sql)
			abort();
		memcpy(sql, t->data, t->len);
		sql[t->len] = 0;
		char sum[CHECKSUM_HEX];
		db_migration_checksum(t->data, t->len, sum);
		if ((e = db_begin(d))) {
			free(sql);
			return e;
		}
		e = db_exec(d, sql);
		free(sql);
		if (!e) {
			db_stmt *s = db_prepare(d, sql_record);
			db_bind_text(s, 1, base_name(m[i]));
			db_bind_text(s, 2, sum);
			db_bind_text(s, 3, now);
			e = db_run(s);
		}
		/* user_version too, so that a coopfair from before the
		 * bookkeeping table still refuses a newer database */
		int number = migration_number(m[i]->name);
		if (!e && number > version && !(e = db_set_schema_version(d, number)))
			version = number;
		if (!e)
			e = db_commit(d);
		if (e) {
			db_rollback(d);
			fprintf(stderr,
				"coopfair: migration %s failed; nothing of it was applied (%d "
				"applied before it)\n",
				base_name(m[i]), *applied);
			return e;
		}
		(*applied)++;
	}
	return CF_OK;
}
