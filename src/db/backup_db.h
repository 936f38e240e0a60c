/*
 * backup_db.h - engine-level backups of the SQLite store (backup_sqlite.c):
 * a consistent copy of a live database, the checks a copy must pass before
 * anyone trusts it, and putting a checked copy in place.
 *
 * A backup file is a plain SQLite database (readable with sqlite3 alone)
 * holding one extra table, backup_manifest (key, value): when it was made,
 * the schema version, the row count of every table, and a BLAKE2b hash of
 * the whole content (schema and every row of every table, in key order).
 * db_backup_check recomputes all of it, so a truncated file or a byte
 * flipped anywhere that holds data is refused; a flipped byte in unused
 * space inside a page changes nothing readable and is not detected.
 *
 * Never does: copy the file of a database in use (the copy goes through
 * SQLite's online backup API, in one read transaction of its own
 * connection, so writers go on under WAL), or overwrite an existing file.
 */
#ifndef CF_BACKUP_DB_H
#define CF_BACKUP_DB_H
#include <stddef.h>
#include <stdint.h>

#include "../util/err.h"

#define DB_BACKUP_TABLES 256

typedef struct db_backup_table {
	char name[64];
	int64_t rows;
} db_backup_table;

typedef struct db_backup_info {
	int64_t bytes;	    /* size of the file */
	int schema_version; /* the database's schema version */
	int ntables;
	db_backup_table tables[DB_BACKUP_TABLES]; /* by name */
	int64_t rows;				  /* sum over the tables */
	char hash[65];				  /* hex BLAKE2b-256 of the content */
	char made_at[32];			  /* from the manifest, "" if none */
	int has_manifest;
	/* db_backup_copy's phases: the copy, the count and hash of the copy
	 * with its manifest, and the check of the file as written */
	double copy_seconds, stamp_seconds, check_seconds;
	char why[512]; /* when a call fails: what is wrong, in plain words */
} db_backup_info;

/* db_backup_copy - copy the live database at src into dest (which must not
 * exist; CF_ERR_CONFLICT when it does), make it a single file (no WAL), add
 * the manifest stamped made_at (ISO-8601 UTC), sync it, and fill info.
 * The copy is then checked from disk with db_backup_check. CF_ERR_IO when a
 * file cannot be written, CF_ERR_DB when SQLite fails; info->why says
 * which. dest is removed again on failure. */
cf_err db_backup_copy(const char *src, const char *dest, const char *made_at,
		      db_backup_info *info) CF_MUST_USE;

/* db_backup_check - check the backup file at path without changing it:
 * the SQLite header, the size against the header's page count, PRAGMA
 * integrity_check, and the manifest's row counts and content hash. Fills
 * info (schema_version, tables, made_at) and returns CF_OK, or
 * CF_ERR_NOTFOUND (no such file), CF_ERR_INVALID (damaged, not SQLite,
 * truncated, hash differs: info->why says how). A database without a
 * manifest (not made by coopfair backup) passes on integrity alone with
 * has_manifest 0. */
cf_err db_backup_check(const char *path, db_backup_info *info) CF_MUST_USE;

/* db_backup_install - copy the checked backup at from into to (which must
 * not exist), without its manifest, in WAL mode, synced: a database ready
 * for coopfair. CF_ERR_CONFLICT when to exists; why is filled on failure. */
cf_err db_backup_install(const char *from, const char *to, char why[512]) CF_MUST_USE;

/* db_backup_single_file - fold the database at path into its main file
 * (checkpoint the WAL, journal_mode DELETE) so it can be renamed as one
 * file. Call only when no other process uses it. */
cf_err db_backup_single_file(const char *path, char why[512]) CF_MUST_USE;

/* One value of a row, as db_backup_dump hands it over. */
typedef enum db_value_type { DBV_NULL, DBV_INT, DBV_REAL, DBV_TEXT, DBV_BLOB } db_value_type;
typedef struct db_value {
	db_value_type type;
	int64_t i;
	double r;
	const void *p; /* text (NUL-terminated) or blob bytes, valid during the call */
	size_t n;
} db_value;

/* db_row_fn - called for every row of every table; row counts from 0 in
 * each table, names are the table's column names. A non-zero return stops
 * the dump and is returned by db_backup_dump. */
typedef cf_err (*db_row_fn)(void *ctx, const char *table, int64_t row, int ncol,
			    const char *const *names, const db_value *vals);

/* db_backup_dump - every row of every table of the database at path (by
 * table name, each in key order; the manifest, SQLite's own tables and
 * full-text indexes (virtual tables and their shadow tables) left out), read in one read
 * transaction: a consistent snapshot of a live database. Empty tables get one call with row -1 and
 * no values, so their columns are still known. */
cf_err db_backup_dump(const char *path, db_row_fn fn, void *ctx, char why[512]) CF_MUST_USE;

/* One table of a partial dump: its name in the dump and the SELECT that
 * gives its rows, every '?' of which is bound to the same key (an
 * edition's id). */
typedef struct db_dump_query {
	const char *table;
	const char *sql;
} db_dump_query;

/* db_backup_dump_queries - db_backup_dump's calls for the rows of each
 * query in turn (key bound to every parameter), in one read transaction.
 * path may be a postgres:// URL (db_backup_dump_queries_pg).
 * A query that does not prepare is CF_ERR_DB with its table in why. */
cf_err db_backup_dump_queries(const char *path, const db_dump_query *q, size_t nq, int64_t key,
			      db_row_fn fn, void *ctx, char why[512]) CF_MUST_USE;
/* db_backup_dump_queries_pg - the same on the PostgreSQL database of url
 * (backup_pg.c): one REPEATABLE READ, READ ONLY transaction; the queries in
 * coopfair's portable SQL, translated as the db layer translates them;
 * integers (and booleans) as DBV_INT, floating and numeric as DBV_REAL,
 * bytea as DBV_BLOB, the rest as text. */
cf_err db_backup_dump_queries_pg(const char *url, const db_dump_query *q, size_t nq, int64_t key,
				 db_row_fn fn, void *ctx, char why[512]) CF_MUST_USE;

#endif
