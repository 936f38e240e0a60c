/*
 * backup.c - 'coopfair backup DEST', 'coopfair restore FILE' and their
 * --help (the archive of an edition is in backup_archive.c). The work is
 * in model/backup.c; this file reads the command line and says in plain
 * words what happened. Exit 0 success, 1 failure, 2 wrong command line.
 * A postgres:// database is not copied here: the commands print the exact
 * pg_dump / pg_restore lines to run instead, and exit 1.
 */
#include "../db/db.h"
#include "../export/backup_archive.h"
#include "../export/prize_pdf.h"
#include "../model/backup.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "../version.h"
#include "cli.h"
#include "../util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char backup_help[] =
	"usage: coopfair [--db PATH] backup DEST [--keep-last N] [--keep-hourly N]\n"
	"                [--keep-daily N]\n"
	"\n"
	"Writes a consistent copy of the database while the server keeps serving\n"
	"(SQLite's online backup API, never a copy of the file in use), then checks\n"
	"the copy: PRAGMA integrity_check, schema version, the row count of every\n"
	"table and a hash of the whole content, recorded inside the copy so that\n"
	"'coopfair restore' can prove it intact. Photos and logos are stored in the\n"
	"database, so they are in the backup.\n"
	"\n"
	"DEST is a file (it must not exist: a backup never overwrites) or a folder\n"
	"(existing, or ending in '/'): the copy is then named by the time,\n"
	"coopfair-YYYYMMDDTHHMMSSZ.db (UTC), and older copies in the folder are\n"
	"removed by the rotation below. Without a --keep option nothing is removed.\n"
	"\n"
	"  --keep-last N     keep the N newest backups\n"
	"  --keep-hourly N   keep the newest backup of each of the last N hours\n"
	"  --keep-daily N    keep the newest backup of each of the last N days\n"
	"\n"
	"The newest backup is always kept. Example, a USB stick every 15 minutes\n"
	"from cron, a day of hourly copies and a week of daily ones:\n"
	"  coopfair --db fair.db backup /media/usb/fair/ --keep-hourly 24 --keep-daily 7\n"
	"The server can do the same itself: coopfair serve --backup-every 15m\n"
	"--backup-to DIR (see coopfair serve --help).\n"
	"\n"
	"PostgreSQL (--db postgres://...): not copied by coopfair; the command\n"
	"prints the pg_dump line to run.\n";

static const char restore_help[] =
	"usage: coopfair [--db PATH] restore FILE\n"
	"\n"
	"Puts the backup FILE in place of the database PATH. FILE is checked first\n"
	"(SQLite header and size, PRAGMA integrity_check, the row counts and content\n"
	"hash recorded by 'coopfair backup'); a truncated or altered file, or one\n"
	"from a newer coopfair (newer schema), is refused and nothing changes.\n"
	"The current database, when there is one, is never overwritten: it is moved\n"
	"aside to PATH.before-restore-YYYYMMDDTHHMMSSZ. Stop the server first;\n"
	"restore refuses while one runs on PATH. Then start it again:\n"
	"  coopfair --db PATH serve\n"
	"which brings an older backup's schema up to date.\n"
	"\n"
	"PostgreSQL (--db postgres://...): not restored by coopfair; the command\n"
	"prints the pg_restore line to run.\n";

static const char archive_help[] =
	"usage: coopfair [--db PATH] archive [--edition E] FILE.zip\n"
	"\n"
	"Writes one edition's archive for the records, one zip file that opens\n"
	"without coopfair. E is the edition's short name (e.g. fes-meknes-2024) or\n"
	"number in the database (id); without it, the current public edition.\n"
	"Inside: the edition's rows of every table as CSV (csv/TABLE.csv, UTF-8) and\n"
	"as a sheet of tables.xlsx (its applications, exhibitors, stands, prize,\n"
	"badges and check-ins, with the cooperatives, organisations, accounts and\n"
	"places they name), every stored file (application photos, organisation\n"
	"logos) under files/TABLE/ and named in its table's cell, the prize\n"
	"certificates of the edition's published categories (certificates.pdf), and\n"
	"a README.txt. Other editions' rows are not in it, nor sign-in secrets\n"
	"(password hashes, sessions, tokens, keys), the outbox or the audit log.\n"
	"FILE.zip must not exist. The database (SQLite or PostgreSQL) is read in one\n"
	"consistent snapshot; the server may keep running. A cell a spreadsheet would\n"
	"run as a formula (= + - @ tab CR first) starts with an apostrophe in the CSV.\n"
	"For a copy of everything, use 'coopfair backup'.\n";

static const char serve_help[] =
	"usage: coopfair [options] serve [--backup-every T --backup-to DIR]\n"
	"                [--keep-last N] [--keep-hourly N] [--keep-daily N]\n"
	"\n"
	"Serves the fair over HTTP (see coopfair --help for --db, --addr, --port,\n"
	"--threads, --share, --sendmail), after applying pending migrations.\n"
	"\n"
	"  --backup-every T   back up the database every T (30s, 15m, 1h, 1d), the\n"
	"                     first one at start-up, in a background thread that never\n"
	"                     blocks requests [COOPFAIR_BACKUP_EVERY]\n"
	"  --backup-to DIR    the folder of those backups (made when missing); files\n"
	"                     as 'coopfair backup DIR' names them [COOPFAIR_BACKUP_TO]\n"
	"  --keep-...         their rotation, as for 'coopfair backup'\n"
	"\n"
	"Every backup is logged on standard error; a failed one is logged as\n"
	"'coopfair: BACKUP FAILED' and shown to the committee on /admin until the next\n"
	"one succeeds; so is a schedule with no success for two intervals and ten\n"
	"minutes (a backup hung on a dead network share). While it runs, 'coopfair\n"
	"restore' refuses to replace its database.\n";

void cli_backup_help(const char *cmd)
{
	fputs(!strcmp(cmd, "restore")	? restore_help
	      : !strcmp(cmd, "archive") ? archive_help
	      : !strcmp(cmd, "serve")	? serve_help
					: backup_help,
	      stdout);
}

/* masked - the URL with its password (between ':' and '@') replaced. */
static void masked(const char *url, char *out, size_t cap)
{
	const char *at = strchr(url, '@');
	const char *scheme = strstr(url, "://");
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (!at || !colon || colon > at) {
		snprintf(out, cap, "%s", url);
		return;
	}
	snprintf(out, cap, "%.*s:PASSWORD%s", (int)(colon - url), url, at);
}

/* postgres_says - what to run for a PostgreSQL database; exit status 1. */
static int postgres_says(const char *cmd, const char *url)
{
	char m[1024];
	masked(url, m, sizeof m);
	fprintf(stderr,
		"coopfair: %s is a PostgreSQL database; 'coopfair %s' copies SQLite databases "
		"only, and did nothing.\n"
		"Use PostgreSQL's own tools (a password in the URL is shown as PASSWORD):\n"
		"  back up:  pg_dump --format=custom --file=coopfair-$(date -u +%%Y%%m%%dT%%H%%M%%SZ).dump "
		"'%s'\n"
		"  check:    pg_restore --list FILE.dump >/dev/null && echo readable\n"
		"  restore:  stop coopfair, then\n"
		"            pg_restore --clean --if-exists --no-owner --single-transaction "
		"--dbname='%s' FILE.dump\n"
		"Photos and logos are in the database, so the dump holds them.\n",
		m, cmd, m, m);
	return 1;
}

static void human(long long bytes, char *out, size_t cap)
{
	if (bytes >= 10LL << 20)
		snprintf(out, cap, "%.0f MB", bytes / 1048576.0);
	else if (bytes >= 1 << 20)
		snprintf(out, cap, "%.1f MB", bytes / 1048576.0);
	else
		snprintf(out, cap, "%.0f kB", bytes / 1024.0);
}

static void print_tables(const db_backup_info *in)
{
	printf("  rows per table:\n");
	for (int i = 0; i < in->ntables; i++)
		printf("    %-28s %10lld\n", in->tables[i].name, (long long)in->tables[i].rows);
	printf("    %-28s %10lld (%d tables)\n", "total", (long long)in->rows, in->ntables);
}

int cli_backup(const struct opts *o, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "coopfair: usage: coopfair backup DEST (see coopfair backup "
				"--help)\n");
		return 2;
	}
	const char *file = backup_db_file(o->db);
	if (!file)
		return postgres_says("backup", o->db);
	FILE *f = fopen(file, "rb");
	if (!f) {
		fprintf(stderr,
			"coopfair: no database at %s: nothing to back up (give it with --db)\n",
			file);
		return 1;
	}
	fclose(f);
	backup_keep k = { o->keep_last, o->keep_hourly, o->keep_daily };
	backup_result *r = malloc(sizeof *r);
	if (!r)
		abort();
	cf_err e = backup_run(file, argv[0], &k, r);
	int rc = 0;
	if (e) {
		fprintf(stderr, "coopfair: the backup of %s FAILED (%s): %s\n", o->db,
			cf_strerror(e), r->info.why);
		rc = 1;
	} else {
		char size[32];
		human(r->info.bytes, size, sizeof size);
		printf("coopfair: backed up %s to %s\n"
		       "  %s (%lld bytes), schema version %d, integrity ok, content hash %.16s..., "
		       "made and checked in %.2f s (copy %.2f, count and hash %.2f, check %.2f)\n",
		       o->db, r->path, size, (long long)r->info.bytes, r->info.schema_version,
		       r->info.hash, r->seconds, r->info.copy_seconds, r->info.stamp_seconds,
		       r->info.check_seconds);
		print_tables(&r->info);
		printf("  photos and logos are inside it (tables application_photo, "
		       "organisation_logo)\n");
		if (r->removed)
			printf("  rotation removed %d older backup%s\n", r->removed,
			       r->removed == 1 ? "" : "s");
	}
	free(r);
	return rc;
}

int cli_restore(const struct opts *o, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "coopfair: usage: coopfair restore FILE (see coopfair restore "
				"--help)\n");
		return 2;
	}
	const char *file = backup_db_file(o->db);
	if (!file)
		return postgres_says("restore", o->db);
	backup_restored *r = malloc(sizeof *r);
	if (!r)
		abort();
	char why[512];
	cf_err e = backup_restore(argv[0], file, db_schema_latest(), r, why);
	int rc = 0;
	if (e) {
		fprintf(stderr, "coopfair: RESTORE REFUSED: %s.\n%s\n", why,
			e == CF_ERR_BUSY ? "Nothing was changed."
					 : "Nothing was changed: the current database is where it "
					   "was. Try an older backup.");
		rc = 1;
	} else {
		char size[32];
		human(r->info.bytes, size, sizeof size);
		printf("coopfair: restored %s into %s\n"
		       "  the backup checked: %s, schema version %d, integrity ok, %s%s\n",
		       argv[0], file, size, r->info.schema_version,
		       r->info.has_manifest ? "content hash matches, made at "
					    : "no coopfair manifest (integrity checked only)",
		       r->info.has_manifest ? r->info.made_at : "");
		print_tables(&r->info);
		if (r->migrated)
			printf("  brought up to date: %d migration%s applied\n", r->migrated,
			       r->migrated == 1 ? "" : "s");
		if (*r->aside)
			printf("  the previous database was kept aside as %s\n", r->aside);
		printf("Next: coopfair --db %s prize verify; then coopfair --db %s serve\n", o->db,
		       o->db);
	}
	free(r);
	return rc;
}

/* db_shown - the database as the archive names it: a PostgreSQL URL
 * without its user and password (the README travels with the archive). */
static const char *db_shown(arena *a, const char *target)
{
	const char *scheme = strstr(target, "://");
	if (!backup_is_postgres(target) || !scheme)
		return target;
	const char *host = scheme + 3, *at = strchr(host, '@'), *slash = strchr(host, '/');
	if (!at || (slash && slash < at))
		return target;
	return arena_printf(a, "%.*s%s", (int)(host - target), target, at + 1);
}

/* archive_edition - the edition named by which (a slug or an id; drafts
 * too), or the current one when which is NULL. */
static cf_err archive_edition(arena *a, const char *which, edition *out)
{
	if (!which)
		return edition_current(a, out);
	edition *all;
	size_t n;
	cf_err e = edition_all(a, &all, &n);
	if (e)
		return e;
	char *end;
	long long id = strtoll(which, &end, 10);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i].slug, which) || (*which && !*end && all[i].id == id)) {
			*out = all[i];
			return CF_OK;
		}
	return CF_ERR_NOTFOUND;
}

int cli_archive(const struct opts *o, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "coopfair: usage: coopfair archive FILE.zip (see coopfair archive "
				"--help)\n");
		return 2;
	}
	/* SQLite: the file; PostgreSQL: the URL, read in one snapshot too */
	const char *file = backup_is_postgres(o->db) ? o->db : backup_db_file(o->db);
	if (!file) {
		fprintf(stderr, "coopfair: no database to archive (give it with --db)\n");
		return 1;
	}
	arena *a = arena_new(256u << 20);
	const char *shown = db_shown(a, o->db);
	edition ed;
	if (archive_edition(a, o->edition, &ed)) {
		if (o->edition)
			fprintf(stderr, "coopfair: no edition '%s' (give its short name or id)\n",
				o->edition);
		else
			fprintf(stderr,
				"coopfair: no current edition to archive; give --edition\n");
		arena_free(a);
		return 1;
	}
	buf pdf;
	buf_init(&pdf, 256u << 20);
	size_t ncert = 0;
	{
		prize_award *w;
		if (prize_public_awards(a, ed.id, 1, &w, &ncert)) {
			fprintf(stderr,
				"coopfair: the prize results could not be read; the archive "
				"goes without certificates\n");
			ncert = 0;
		}
		/* place, dates and who signs; logos are in the archive's files/ */
		prize_pdf_edition pe;
		memset(&pe, 0, sizeof pe);
		pe.city_ar = ed.city.v[LANG_AR], pe.city_fr = ed.city.v[LANG_FR];
		pe.from = ed.starts_on, pe.to = ed.ends_on;
		pe.chair_ar = ed.chair.v[LANG_AR], pe.chair_fr = ed.chair.v[LANG_FR];
		if (ncert && prize_pdf(w, ncert, &pe, "", &pdf)) {
			fprintf(stderr,
				"coopfair: the certificates could not be drawn; the archive "
				"goes without them\n");
			ncert = 0;
		}
	}
	time_t now = time(NULL);
	char at[21];
	clock_iso(now, at);
	int v = 0;
	if (db_schema_version(db_thread(), &v))
		v = -1;
	char *extra =
		arena_printf(a,
			     "Edition %s (%s / %s, %s to %s).\r\nDatabase %s, schema version %d, "
			     "archived at %s by coopfair %s.",
			     ed.slug, ed.name.v[LANG_FR], ed.name.v[LANG_AR], ed.starts_on,
			     ed.ends_on, shown, v, at, CF_VERSION);
	backup_archive_info info;
	cf_err e = backup_archive_write(file, ed.id, argv[0], ncert ? pdf.data : NULL,
					ncert ? pdf.len : 0, extra, &info);
	int rc = 0;
	if (e) {
		fprintf(stderr, "coopfair: the archive FAILED (%s): %s\n", cf_strerror(e),
			info.why);
		rc = 1;
	} else {
		struct stat st;
		long long size = stat(argv[0], &st) == 0 ? (long long)st.st_size : 0;
		char h[32];
		human(size, h, sizeof h);
		printf("coopfair: archived edition %s of %s into %s (%s): %d tables as CSV and "
		       "XLSX, %lld rows, %lld stored files (photos, logos), %zu certificate%s\n",
		       ed.slug, shown, argv[0], h, info.tables, info.rows, info.files, ncert,
		       ncert == 1 ? "" : "s");
	}
	buf_free(&pdf);
	arena_free(a);
	return rc;
}
