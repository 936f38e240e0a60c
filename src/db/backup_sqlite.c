/* backup_sqlite.c - the SQLite side of backups (see backup_db.h). */
#include "backup_db.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

CF_PRINTF(2, 3) static void say_why(char why[512], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, 512, fmt, ap);
	va_end(ap);
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* sync_file - fsync path and its folder, so a backup on a USB stick is
 * really there when we say it is. */
static cf_err sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return CF_ERR_IO;
	int bad = fsync(fd);
	close(fd);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	else
		snprintf(dir, sizeof dir, ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd); /* some file systems (vfat) refuse: the data is synced */
		close(fd);
	}
	return bad ? CF_ERR_IO : CF_OK;
}

static void remove_db_files(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof side, "%s-journal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* immutable_uri - a read-only URI for path ('?', '#' and '%' escaped), to
 * be freed with sqlite3_free. */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *esc = malloc(3 * n + 1), *p = esc;
	if (!esc)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (path[i] == '?' || path[i] == '#' || path[i] == '%') {
			snprintf(p, 4, "%%%02X", (unsigned char)path[i]);
			p += 3;
		} else
			*p++ = path[i];
	}
	*p = 0;
	char *uri = sqlite3_mprintf("file:%s?immutable=1", esc);
	free(esc);
	return uri;
}

static void hash_int(crypto_generichash_state *st, int64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(st, b, 8);
}

static void hash_bytes(crypto_generichash_state *st, const void *p, int n)
{
	hash_int(st, n);
	if (n > 0)
		crypto_generichash_update(st, p, (unsigned long long)n);
}

/* content - hash the schema and every row of every table but the manifest,
 * counting the rows per table into info. Rows come in each table's key
 * order, so the same content always gives the same hash. */
static cf_err content(sqlite3 *h, db_backup_info *info)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	sqlite3_stmt *s = NULL;
	info->ntables = 0;
	info->rows = 0;
	if (sqlite3_prepare_v2(h,
			       "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_schema "
			       "WHERE tbl_name <> 'backup_manifest' ORDER BY type, name",
			       -1, &s, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int c = 0; c < 4; c++)
			hash_bytes(&st, sqlite3_column_text(s, c), sqlite3_column_bytes(s, c));
		if (strcmp((const char *)sqlite3_column_text(s, 0), "table") ||
		    !strncmp((const char *)sqlite3_column_text(s, 1), "sqlite_", 7))
			continue;
		if (info->ntables == DB_BACKUP_TABLES)
			goto fail;
		snprintf(info->tables[info->ntables++].name, sizeof info->tables[0].name, "%s",
			 (const char *)sqlite3_column_text(s, 1));
	}
	if (sqlite3_finalize(s) != SQLITE_OK) {
		s = NULL;
		goto fail;
	}
	s = NULL;
	for (int t = 0; t < info->ntables; t++) {
		db_backup_table *tb = &info->tables[t];
		/* A table name cannot be bound: it comes from sqlite_schema and is
		 * quoted with %w, the one place SQL text is built here. */
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", tb->name);
		int rc = sqlite3_prepare_v2(h, sql, -1, &s, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			goto fail;
		hash_bytes(&st, tb->name, (int)strlen(tb->name));
		tb->rows = 0;
		int ncol = sqlite3_column_count(s);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			tb->rows++;
			for (int c = 0; c < ncol; c++) {
				int type = sqlite3_column_type(s, c);
				hash_int(&st, type);
				if (type == SQLITE_INTEGER)
					hash_int(&st, sqlite3_column_int64(s, c));
				else if (type == SQLITE_FLOAT) {
					double d = sqlite3_column_double(s, c);
					hash_bytes(&st, &d, sizeof d);
				} else if (type == SQLITE_BLOB)
					hash_bytes(&st, sqlite3_column_blob(s, c),
						   sqlite3_column_bytes(s, c));
				else if (type == SQLITE_TEXT)
					hash_bytes(&st, sqlite3_column_text(s, c),
						   sqlite3_column_bytes(s, c));
			}
		}
		sqlite3_finalize(s);
		s = NULL;
		if (rc != SQLITE_DONE)
			goto fail;
		hash_int(&st, tb->rows);
		info->rows += tb->rows;
	}
	unsigned char out[32];
	crypto_generichash_final(&st, out, sizeof out);
	sodium_bin2hex(info->hash, sizeof info->hash, out, sizeof out);
	return CF_OK;
fail:
	sqlite3_finalize(s);
	say_why(info->why, "reading the tables failed: %s", sqlite3_errmsg(h));
	return CF_ERR_INVALID;
}

static int user_version(sqlite3 *h)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* stamp - write the manifest into the fresh copy, in one transaction. */
static cf_err stamp(sqlite3 *h, const char *made_at, db_backup_info *info)
{
	static const char put_sql[] = "INSERT INTO backup_manifest (key, value) VALUES (?, ?)";
	if (sqlite3_exec(h,
			 "BEGIN; CREATE TABLE backup_manifest (key TEXT PRIMARY KEY, value TEXT "
			 "NOT NULL);",
			 NULL, NULL, NULL) != SQLITE_OK)
		return CF_ERR_DB;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, put_sql, -1, &s, NULL) != SQLITE_OK)
		return CF_ERR_DB;
	char num[32];
	int bad = 0;
	for (int i = -3; i < info->ntables && !bad; i++) {
		char key[96];
		const char *val = num;
		if (i == -3) {
			snprintf(key, sizeof key, "made_at");
			val = made_at;
		} else if (i == -2) {
			snprintf(key, sizeof key, "schema_version");
			snprintf(num, sizeof num, "%d", info->schema_version);
		} else if (i == -1) {
			snprintf(key, sizeof key, "content_hash");
			val = info->hash;
		} else {
			snprintf(key, sizeof key, "rows.%s", info->tables[i].name);
			snprintf(num, sizeof num, "%lld", (long long)info->tables[i].rows);
		}
		sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, val, -1, SQLITE_TRANSIENT);
		bad = sqlite3_step(s) != SQLITE_DONE;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (bad || sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return CF_ERR_DB;
	snprintf(info->made_at, sizeof info->made_at, "%s", made_at);
	info->has_manifest = 1;
	return CF_OK;
}

/* copy_db - the online backup API from the open src to a new file dest, in
 * one read transaction on src: the snapshot stays fixed however many
 * writers commit meanwhile (WAL), so the copy never restarts. */
static cf_err copy_db(sqlite3 *src, const char *dest, char why[512])
{
	sqlite3 *d = NULL;
	cf_err e = CF_ERR_IO;
	if (sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		say_why(why, "cannot create %s: %s", dest, d ? sqlite3_errmsg(d) : "no memory");
		goto out;
	}
	if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		say_why(why, "cannot read the database: %s", sqlite3_errmsg(src));
		e = CF_ERR_DB;
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(d, "main", src, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b)
		sqlite3_backup_finish(b);
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_DONE) {
		say_why(why, "copying into %s failed: %s (%s)", dest, sqlite3_errstr(rc),
			sqlite3_errmsg(d));
		goto out;
	}
	/* One self-contained file, written through to the disk. */
	if (sqlite3_exec(d, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;", NULL, NULL,
			 NULL) != SQLITE_OK) {
		say_why(why, "cannot finish %s: %s", dest, sqlite3_errmsg(d));
		goto out;
	}
	e = CF_OK;
out:
	if (sqlite3_close(d) != SQLITE_OK && !e) {
		say_why(why, "cannot close %s", dest);
		e = CF_ERR_IO;
	}
	return e;
}

cf_err db_backup_copy(const char *src, const char *dest, const char *made_at, db_backup_info *info)
{
	memset(info, 0, sizeof *info);
	if (file_exists(dest)) {
		say_why(info->why, "%s already exists; a backup never overwrites a file", dest);
		return CF_ERR_CONFLICT;
	}
	/* Written as DEST.part and named DEST only once checked: a file with
	 * the final name is always a whole, checked backup. */
	char part[4200];
	snprintf(part, sizeof part, "%s.part", dest);
	remove_db_files(part); /* left over from a crash: never a backup */
	sqlite3 *s = NULL, *d = NULL;
	cf_err e;
	if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		say_why(info->why, "cannot open %s", src);
		sqlite3_close(s);
		return CF_ERR_IO;
	}
	sqlite3_busy_timeout(s, 5000);
	double t0 = mono();
	e = copy_db(s, part, info->why);
	double t1 = mono();
	sqlite3_close(s);
	if (e)
		goto fail;
	e = CF_ERR_DB;
	if (sqlite3_open_v2(part, &d, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(d, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK) {
		say_why(info->why, "cannot reopen the copy %s", dest);
		goto fail;
	}
	info->schema_version = user_version(d);
	if ((e = content(d, info)))
		goto fail;
	if ((e = stamp(d, made_at, info))) {
		say_why(info->why, "cannot write the manifest into %s: %s", dest,
			sqlite3_errmsg(d));
		goto fail;
	}
	sqlite3_close(d);
	d = NULL;
	if (sync_file(part)) {
		say_why(info->why, "cannot sync %s to its disk", dest);
		e = CF_ERR_IO;
		goto fail;
	}
	db_backup_info again;
	double t2 = mono();
	if ((e = db_backup_check(part, &again))) {
		say_why(info->why, "the copy does not check: %s", again.why);
		goto fail;
	}
	/* link, unlike rename, never replaces a file that appeared meanwhile */
	if (link(part, dest)) {
		say_why(info->why, "cannot name the backup %s: %s", dest, strerror(errno));
		e = errno == EEXIST ? CF_ERR_CONFLICT : CF_ERR_IO;
		goto fail;
	}
	remove_db_files(part);
	sync_file(dest);
	*info = again;
	info->copy_seconds = t1 - t0;
	info->stamp_seconds = t2 - t1;
	info->check_seconds = mono() - t2;
	return CF_OK;
fail:
	sqlite3_close(d);
	remove_db_files(part);
	return e;
}

/* header_check - the SQLite magic, and the file's size against the page
 * size and page count its header records (a truncated copy is short). */
static cf_err header_check(const char *path, db_backup_info *info)
{
	unsigned char h[100];
	FILE *f = fopen(path, "rb");
	if (!f) {
		say_why(info->why, "cannot read %s", path);
		return errno == ENOENT ? CF_ERR_NOTFOUND : CF_ERR_IO;
	}
	size_t n = fread(h, 1, sizeof h, f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	info->bytes = size;
	if (n < sizeof h || memcmp(h, "SQLite format 3", 16)) {
		say_why(info->why, "%s is not a coopfair backup (not an SQLite database)", path);
		return CF_ERR_INVALID;
	}
	long page = (long)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	long pages = (long)h[28] << 24 | (long)h[29] << 16 | (long)h[30] << 8 | h[31];
	if (page < 512 || pages <= 0 || (long)(size / page) != pages || size % page) {
		say_why(info->why,
			"%s is damaged: %ld bytes where its header announces %ld pages of %ld "
			"bytes (%ld bytes); the file was cut short or changed",
			path, size, pages, page, pages * page);
		return CF_ERR_INVALID;
	}
	return CF_OK;
}

/* manifest_value - the manifest's value for key, or NULL. */
static const char *manifest_value(sqlite3 *h, const char *key, char *out, size_t cap)
{
	sqlite3_stmt *s;
	const char *r = NULL;
	if (sqlite3_prepare_v2(h, "SELECT value FROM backup_manifest WHERE key = ?", -1, &s,
			       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(s, 0));
		r = out;
	}
	sqlite3_finalize(s);
	return r;
}

static cf_err check_open(sqlite3 *h, const char *path, db_backup_info *info)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check(5)", -1, &s, NULL) != SQLITE_OK) {
		say_why(info->why, "%s is damaged: %s", path, sqlite3_errmsg(h));
		return CF_ERR_INVALID;
	}
	int rc = sqlite3_step(s);
	const char *first = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (!first || strcmp(first, "ok")) {
		say_why(info->why, "%s is damaged: the integrity check says \"%s\"", path,
			first ? first : sqlite3_errmsg(h));
		sqlite3_finalize(s);
		return CF_ERR_INVALID;
	}
	sqlite3_finalize(s);
	info->schema_version = user_version(h);
	cf_err e = content(h, info);
	if (e) {
		char was[512];
		snprintf(was, sizeof was, "%s", info->why);
		say_why(info->why, "%s is damaged: %s", path, was);
		return e;
	}
	char v[128];
	info->has_manifest = manifest_value(h, "content_hash", v, sizeof v) != NULL;
	if (!info->has_manifest)
		return CF_OK;
	if (strcmp(v, info->hash)) {
		say_why(info->why,
			"%s is damaged: its content differs from what was backed up (the hash "
			"recorded in the backup does not match the data)",
			path);
		return CF_ERR_INVALID;
	}
	manifest_value(h, "made_at", info->made_at, sizeof info->made_at);
	if (!manifest_value(h, "schema_version", v, sizeof v) || atoi(v) != info->schema_version) {
		say_why(info->why, "%s is damaged: its schema version differs from its manifest",
			path);
		return CF_ERR_INVALID;
	}
	for (int t = 0; t < info->ntables; t++) {
		char key[96];
		snprintf(key, sizeof key, "rows.%s", info->tables[t].name);
		if (!manifest_value(h, key, v, sizeof v) ||
		    strtoll(v, NULL, 10) != info->tables[t].rows) {
			say_why(info->why,
				"%s is damaged: table %s has %lld rows, its manifest says %s", path,
				info->tables[t].name, (long long)info->tables[t].rows,
				manifest_value(h, key, v, sizeof v) ? v : "none");
			return CF_ERR_INVALID;
		}
	}
	return CF_OK;
}

cf_err db_backup_check(const char *path, db_backup_info *info)
{
	memset(info, 0, sizeof *info);
	cf_err e = header_check(path, info);
	if (e)
		return e;
	/* Read-only and immutable: checking never writes to the file, nor
	 * creates a journal beside it (the backup may sit on a read-only stick). */
	char *uri = immutable_uri(path);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	sqlite3_free(uri);
	if (rc != SQLITE_OK) {
		say_why(info->why, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : "no memory");
		sqlite3_close(h);
		return CF_ERR_INVALID;
	}
	e = check_open(h, path, info);
	sqlite3_close(h);
	return e;
}

cf_err db_backup_install(const char *from, const char *to, char why[512])
{
	if (file_exists(to)) {
		say_why(why, "%s already exists; it is never overwritten", to);
		return CF_ERR_CONFLICT;
	}
	char *uri = immutable_uri(from);
	sqlite3 *s = NULL;
	int rc = sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	sqlite3_free(uri);
	cf_err e = CF_ERR_IO;
	if (rc != SQLITE_OK) {
		say_why(why, "cannot open %s", from);
		sqlite3_close(s);
		return e;
	}
	e = copy_db(s, to, why);
	sqlite3_close(s);
	sqlite3 *d = NULL;
	if (!e) {
		e = CF_ERR_DB;
		if (sqlite3_open_v2(to, &d, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
		    sqlite3_exec(d,
				 "DROP TABLE IF EXISTS backup_manifest; PRAGMA journal_mode=WAL;",
				 NULL, NULL, NULL) == SQLITE_OK)
			e = CF_OK;
		else
			say_why(why, "cannot prepare %s: %s", to, d ? sqlite3_errmsg(d) : "");
		sqlite3_close(d);
	}
	if (!e && sync_file(to)) {
		say_why(why, "cannot sync %s to its disk", to);
		e = CF_ERR_IO;
	}
	if (e)
		remove_db_files(to);
	return e;
}

cf_err db_backup_single_file(const char *path, char why[512])
{
	sqlite3 *h = NULL;
	cf_err e = CF_OK;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", NULL,
			 NULL, NULL) != SQLITE_OK) {
		say_why(why, "cannot fold %s into one file: %s", path,
			h ? sqlite3_errmsg(h) : "no memory");
		e = CF_ERR_DB;
	}
	sqlite3_close(h);
	return e;
}
