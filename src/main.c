/*
 * main.c - the coopfair command: serve, init, migrate, version, help.
 *
 * Exit codes: 0 success; 1 the work failed (database, network, files);
 * 2 the command line was wrong (the message says what to type instead).
 * Settings come from flags, else environment (COOPFAIR_DB, COOPFAIR_ADDR,
 * COOPFAIR_PORT, COOPFAIR_THREADS, COOPFAIR_SHARE, COOPFAIR_SENDMAIL), else
 * defaults; COOPFAIR_CACHE=0 turns the page cache off (serve);
 * COOPFAIR_BASE_PATH=/fair mounts the site under /fair (serve, site_href).
 */
#include "cli/cli.h"
#include "db/db.h"
#include "http/cache.h"
#include "http/router.h"
#include "http/server.h"
#include "i18n/i18n.h"
#include "model/backup.h"
#include "model/prize.h"
#include "model/demo.h"
#include "model/news.h"
#include "model/setting.h"
#include "version.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CF_SHAREDIR
#define CF_SHAREDIR "/usr/local/share/coopfair"
#endif

static void usage(FILE *f)
{
	fprintf(f,
		"usage: coopfair [options] COMMAND\n"
		"\n"
		"Runs fairs of social and solidarity economy cooperatives.\n"
		"\n"
		"Commands:\n"
		"  serve            serve the fair over HTTP (applies pending migrations first)\n"
		"  init [--demo]    create the database (with --demo: add the demo fair,\n"
		"                   Fès-Meknès 2024, with sample exhibitors; with\n"
		"                   --second-edition: also its sample 2nd edition, July 2025)\n"
		"  migrate          bring the database schema up to date\n"
		"  copy --from A --to B\n"
		"                   copy the whole database A into B, a new one, across\n"
		"                   engines (sqlite:PATH, postgres://...); counts checked after\n"
		"  sql [json|tabs] SQL\n"
		"                   run SQL (SQLite's dialect, translated for PostgreSQL)\n"
		"                   and print the rows: for maintenance and tests\n"
		"  version          print the version and the schema version it supports\n"
		"  user add --email E --role R[,R...] [--name N]\n"
		"                   create an account (roles: admin, committee, jury, exhibitor,\n"
		"                   desk); the password is read from the terminal, or from\n"
		"                   standard input when it is not a terminal\n"
		"  user list        list the accounts\n"
		"  user passwd --email E    set a new password (ends the account's sessions)\n"
		"  user disable --email E   disable an account (ends its sessions)\n"
		"  outbox send [--sendmail CMD]\n"
		"                   deliver waiting mail through a sendmail-compatible command\n"
		"                   (e.g. '/usr/sbin/sendmail -t -i'); without one, organisers\n"
		"                   copy invitation links from /admin/outbox\n"
		"  outbox list      list the waiting mail\n"
		"  registry import FILE [--encoding E] [--update check|apply]\n"
		"                   import cooperatives from a CSV file (UTF-8, UTF-16,\n"
		"                   windows-1256, windows-1252) or an .xlsx workbook, all\n"
		"                   or nothing; known cooperatives are refused, unless\n"
		"                   --update: check lists what would change, apply does it\n"
		"  registry export FILE [COLUMNS]   export to FILE.csv or FILE.xlsx\n"
		"  registry generate N [SEED]       a test CSV of N cooperatives on stdout\n"
		"  registry search WORDS    search the registry\n"
		"  registry bench           search and selection timings\n"
		"  prize verify [--head H]\n"
		"                   check the prize log (every event that decides a result;\n"
		"                   with --head, that a printed head is in it); exit 1 and\n"
		"                   say where it breaks when it does not hold\n"
		"  prize assign CATEGORY    assign a prize category's entries to its jurors\n"
		"                   (category code), with progress\n"
		"  stands assign [--seed N] [--iters N]\n"
		"                   place the current edition's exhibitors on its stands\n"
		"  backup DEST [--keep-last N] [--keep-hourly N] [--keep-daily N]\n"
		"                   a checked copy of the live database into a file or a\n"
		"                   folder (time-named files, rotated)\n"
		"  restore FILE     check a backup and put it in place of the database\n"
		"                   (the current one is moved aside, never overwritten)\n"
		"  archive [--edition E] FILE.zip\n"
		"                   one edition (the current one, or slug/id E) as CSV and\n"
		"                   XLSX per table, photos, logos and certificates,\n"
		"                   readable without coopfair\n"
		"  COMMAND --help   the help of backup, restore, archive or serve\n"
		"  help             print this help\n"
		"\n"
		"Options (environment variable in brackets):\n"
		"  -d, --db TARGET      SQLite database file (PATH or sqlite:PATH), or a PostgreSQL\n"
		"                       URL (postgres://user@host/name) [COOPFAIR_DB]\n"
		"                       (default coopfair.db)\n"
		"  -a, --addr ADDR      address to listen on [COOPFAIR_ADDR] (default 127.0.0.1)\n"
		"  -p, --port PORT      port to listen on [COOPFAIR_PORT] (default 8080)\n"
		"  -t, --threads N      worker threads [COOPFAIR_THREADS] (default 4)\n"
		"  -s, --share DIR      folder whose po/ overrides the built-in translations\n"
		"                       [COOPFAIR_SHARE]\n"
		"      --demo           with init: add the demo fair\n"
		"      --second-edition with init: add the demo's sample 2nd edition (July 2025)\n"
		"      --sendmail CMD   mail sender for 'outbox send', and for serve, which then\n"
		"                       delivers waiting mail every 30 s [COOPFAIR_SENDMAIL]\n"
		"      --backup-every T with serve: back up every T (30s, 15m, 1h, 1d)\n"
		"                       [COOPFAIR_BACKUP_EVERY]\n"
		"      --backup-to DIR  with serve: the folder of those backups [COOPFAIR_BACKUP_TO]\n"
		"      --keep-last N, --keep-hourly N, --keep-daily N\n"
		"                       rotation of backups in a folder (backup, serve)\n"
		"      --encoding E     with registry import: read the file as E (windows-1256,\n"
		"                       windows-1252, utf-8, utf-16, xlsx) instead of detecting it\n"
		"      --update M       with registry import: add new cooperatives and update\n"
		"                       known ones; M = check (list the changes, write nothing)\n"
		"                       or apply (write them, all or nothing)\n"
		"  -h, --help           print this help\n"
		"  -V, --version        print the version\n"
		"\n"
		"Exit status: 0 success, 1 failure, 2 wrong command line.\n");
}

static int bad_usage(const char *fmt, ...) CF_PRINTF(1, 2);
static int bad_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "coopfair: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'coopfair --help'.\n");
	return 2;
}

/* parse_uint - a decimal in [lo, hi]; -1 when s is not one. */
static long parse_uint(const char *s, long lo, long hi)
{
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	return v;
}

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

/* default_share - where translation overrides are read from when neither
 * --share nor COOPFAIR_SHARE says: the current folder when it holds po/ar
 * (a checkout: edit a .po, restart, no rebuild), else the installed share
 * folder when it exists, else none (the built-in translations alone). */
static const char *default_share(void)
{
	struct stat st;
	if (stat("po/ar", &st) == 0 && S_ISDIR(st.st_mode))
		return ".";
	if (stat(CF_SHAREDIR "/po/ar", &st) == 0 && S_ISDIR(st.st_mode))
		return CF_SHAREDIR;
	return NULL;
}

/* open_db - open (creating when asked) and report problems in plain words. */
static int open_db(const struct opts *o, int create, db **d)
{
	struct stat st;
	const char *file = db_file_path(o->db);
	if (!file) {
		/* PostgreSQL: the database must exist; init prepares an empty one */
		if (!db_open(o->db, create, d))
			return 0;
		fprintf(stderr,
			"coopfair: cannot use the PostgreSQL database %s.\n"
			"Check that the server runs and the database exists (createdb), then run "
			"'coopfair --db %s init' once.\n",
			o->db, o->db);
		return 1;
	}
	if (!create && stat(file, &st) != 0) {
		fprintf(stderr,
			"coopfair: no database at %s\n"
			"Create one with 'coopfair --db %s init --demo', or give another path with --db.\n",
			o->db, o->db);
		return 1;
	}
	cf_err e = db_open(o->db, create, d);
	if (e == CF_ERR_IO) {
		fprintf(stderr,
			"coopfair: cannot open %s: check that the folder exists and is writable.\n",
			o->db);
		return 1;
	}
	if (e) {
		fprintf(stderr,
			"coopfair: %s is not a coopfair database (not SQLite, or damaged).\n",
			o->db);
		return 1;
	}
	return 0;
}

static int migrate(db *d, const char *path, int quiet)
{
	int applied;
	cf_err e = db_migrate(d, &applied);
	if (e == CF_ERR_VERSION) { /* migrate.c said which migration and why */
		fprintf(stderr, "coopfair: %s was left unchanged.\n", path);
		return 1;
	}
	if (e) {
		fprintf(stderr,
			"coopfair: migrating %s failed (%s); nothing was changed by the failed step.\n",
			path, cf_strerror(e));
		return 1;
	}
	if (!quiet || applied)
		printf("coopfair: %s is at schema version %d (%d migration%s applied)\n", path,
		       db_schema_latest(), applied, applied == 1 ? "" : "s");
	return 0;
}

static int cmd_version(void)
{
	printf("coopfair %s (schema %d)\n", CF_VERSION, db_schema_latest());
	return 0;
}

/* ready_db - open the database (creating it when create), bring its schema
 * up to date and close it again; quiet says nothing unless migrations were
 * applied. 0 when the database is ready, else 1 (the message is printed). */
static int ready_db(const struct opts *o, int create, int quiet)
{
	db *d;
	int rc = open_db(o, create, &d);
	if (rc)
		return rc;
	rc = migrate(d, o->db, quiet);
	db_close(d);
	return rc;
}

static int cmd_migrate(const struct opts *o)
{
	return ready_db(o, 0, 0);
}

static int cmd_init(const struct opts *o)
{
	int rc = ready_db(o, 1, 0);
	if (!rc && o->demo) {
		db_configure(o->db);
		cf_err e = demo_create(db_thread());
		if (e == CF_ERR_CONFLICT)
			printf("coopfair: the demo fair is already in %s\n", o->db);
		else if (e) {
			fprintf(stderr,
				"coopfair: adding the demo fair failed (%s); nothing was added.\n",
				cf_strerror(e));
			rc = 1;
		} else
			printf("coopfair: added the demo fair (Fès-Meknès 2024, %d sample exhibitors, "
			       "one sample account per role) to %s\n",
			       DEMO_EXHIBITORS, o->db);
		db_thread_close();
	}
	if (!rc && o->second_edition) {
		db_configure(o->db);
		cf_err e = demo_second_edition(db_thread());
		if (e == CF_ERR_CONFLICT)
			printf("coopfair: the demo's 2nd edition is already in %s\n", o->db);
		else if (e) {
			fprintf(stderr,
				"coopfair: adding the demo's 2nd edition failed (%s); it needs the "
				"demo fair (init --demo); nothing was added.\n",
				cf_strerror(e));
			rc = 1;
		} else
			printf("coopfair: added the demo's sample 2nd edition (Fès, July 2025, 100 "
			       "sample exhibitors on 50 stands) to %s\n",
			       o->db);
		db_thread_close();
	}
	return rc;
}

static int cmd_serve(const struct opts *o)
{
	if (ready_db(o, 0, 1))
		return 1;
	db_configure(o->db);
	unsigned char key[32];
	if (setting_key32("csrf_key", key)) {
		fprintf(stderr,
			"coopfair: the database has no valid csrf_key setting; run 'coopfair migrate'.\n");
		return 1;
	}
	router_init(key);
	if (!site_set_base(env_or("COOPFAIR_BASE_PATH", ""))) {
		fprintf(stderr,
			"coopfair: COOPFAIR_BASE_PATH must be a path like /fair (no trailing /)\n");
		return 1;
	}
	if (prize_log_seal()) /* issue 9: a prize key given seals the log's end */
		fprintf(stderr, "coopfair: cannot seal the prize log with the prize key\n");
	cache_init(strcmp(env_or("COOPFAIR_CACHE", "1"), "0") != 0);
	if (i18n_load_embedded()) {
		fprintf(stderr, "coopfair: cannot load the built-in translations\n");
		return 1;
	}
	char po[4096];
	snprintf(po, sizeof po, "%s/po", o->share ? o->share : "");
	if (o->share && i18n_load(po)) {
		fprintf(stderr,
			"coopfair: cannot load translations from %s (--share names the folder holding po/)\n",
			po);
		return 1;
	}
	if (o->sendmail && cli_outbox_thread(o->sendmail)) {
		fprintf(stderr, "coopfair: cannot start the mail sender\n");
		return 1;
	}
	if (backup_db_file(o->db) && backup_hold(backup_db_file(o->db)))
		fprintf(stderr,
			"coopfair: warning: cannot mark %s as served; restore will not "
			"see that this server runs\n",
			o->db);
	if (o->backup_every) {
		backup_keep k = { o->keep_last, o->keep_hourly, o->keep_daily };
		if (!backup_db_file(o->db)) {
			fprintf(stderr,
				"coopfair: --backup-every backs up SQLite databases only; "
				"schedule pg_dump for PostgreSQL (see coopfair backup --help)\n");
			return 1;
		}
		if (backup_schedule_start(backup_db_file(o->db), o->backup_to, o->backup_every,
					  &k)) {
			fprintf(stderr, "coopfair: cannot start the backups into %s\n",
				o->backup_to);
			return 1;
		}
		printf("coopfair: backing up %s into %s every %ld s\n", o->db, o->backup_to,
		       o->backup_every);
	}
	/* Behind a trusted proxy every connection comes from the proxy: the
	 * per-address limit is then the proxy's to apply (README). */
	int trust = strcmp(env_or("COOPFAIR_TRUST_PROXY", "0"), "0") != 0;
	long per_addr = parse_uint(env_or("COOPFAIR_PER_ADDR", trust ? "0" : "128"), 0, 100000);
	long request_s = parse_uint(env_or("COOPFAIR_REQUEST_TIME", "60"), 0, 86400);
	long bodies_mb = parse_uint(env_or("COOPFAIR_BODIES_MB", "64"), 1, 65536);
	long response_s = parse_uint(env_or("COOPFAIR_RESPONSE_TIME", "300"), 0, 86400);
	if (per_addr < 0 || request_s < 0 || bodies_mb < 0 || response_s < 0) {
		fprintf(stderr,
			"coopfair: COOPFAIR_PER_ADDR, COOPFAIR_REQUEST_TIME, "
			"COOPFAIR_RESPONSE_TIME and COOPFAIR_BODIES_MB take a whole number\n");
		return 1;
	}
	router_trust_proxy(trust);
	struct server_config c = { o->addr,
				   o->port,
				   o->threads,
				   16u << 20,
				   30,
				   (unsigned)per_addr,
				   (unsigned)request_s,
				   (size_t)bodies_mb << 20,
				   (unsigned)response_s };
	const char *why = "";
	printf("coopfair: serving %s on http://%s:%u/ (Ctrl-C to stop)\n", o->db, o->addr, o->port);
	fflush(stdout);
	cf_err e = server_run(&c, &why);
	/* A clean stop: no request runs any more; write the news views counted
	 * since the last batch (issue 15). */
	if (!e && news_views_stop())
		fprintf(stderr, "coopfair: news views of the last seconds could not be written\n");
	db_thread_close(); /* the connection setting_key32 opened on this thread */
	if (e) {
		fprintf(stderr, "coopfair: cannot listen on %s:%u: %s\n", o->addr, o->port, why);
		return 1;
	}
	return 0;
}

/* cmd_copy - coopfair copy --from A --to B: the whole database A into B (a
 * new one: created for SQLite, an empty PostgreSQL database), both brought
 * to the current schema first; counts compared after. */
static int cmd_copy(const struct opts *o)
{
	if (!o->from || !o->to)
		return bad_usage("copy needs --from and --to (%s)",
				 "sqlite:PATH or postgres://...");
	struct opts src = *o, dst = *o;
	src.db = o->from;
	dst.db = o->to;
	if (ready_db(&src, 0, 1) || ready_db(&dst, 1, 1))
		return 1;
	db *a, *b;
	if (open_db(&src, 0, &a))
		return 1;
	if (open_db(&dst, 0, &b)) {
		db_close(a);
		return 1;
	}
	cf_err e = db_copy(a, b, stdout);
	db_close(a);
	db_close(b);
	if (e) {
		fprintf(stderr, "coopfair: copy from %s to %s failed; the target is unchanged.\n",
			o->from, o->to);
		return 1;
	}
	printf("coopfair: copied %s to %s; every table has the same number of rows.\n", o->from,
	       o->to);
	return 0;
}

/* with_database - run a sub-command on the database at o->db: open it,
 * apply pending migrations (saying so only when some were applied), give
 * fn this thread's connection (db_thread()), and close it afterwards.
 * Returns fn's exit status, or 1 when the database cannot be used. */
static int with_database(const struct opts *o, int (*fn)(const struct opts *, int, char **),
			 int argc, char **argv)
{
	if (ready_db(o, 0, 1))
		return 1;
	db_configure(o->db);
	int rc = fn(o, argc, argv);
	db_thread_close();
	return rc;
}

int main(int argc, char **argv)
{
	/* Times are stored in UTC and shown in Moroccan time (fmt_datetime,
	 * localtime_r), and the call for applications' days are counted there
	 * (edition_today): set before any thread starts (issues 19 and 10). */
	setenv("TZ", "Africa/Casablanca", 1);
	tzset();
	if (sodium_init() < 0) {
		fprintf(stderr, "coopfair: libsodium failed to initialise\n");
		return 1;
	}
	struct opts o = { 0 };
	o.db = env_or("COOPFAIR_DB", "coopfair.db");
	o.addr = env_or("COOPFAIR_ADDR", "127.0.0.1");
	o.share = env_or("COOPFAIR_SHARE", NULL);
	o.sendmail = env_or("COOPFAIR_SENDMAIL", NULL);
	long port = parse_uint(env_or("COOPFAIR_PORT", "8080"), 1, 65535);
	long threads = parse_uint(env_or("COOPFAIR_THREADS", "4"), 1, 256);
	if (port < 0)
		return bad_usage("COOPFAIR_PORT must be a port number from 1 to 65535, not '%s'",
				 getenv("COOPFAIR_PORT"));
	if (threads < 0)
		return bad_usage("COOPFAIR_THREADS must be a number from 1 to 256, not '%s'",
				 getenv("COOPFAIR_THREADS"));

	o.backup_to = env_or("COOPFAIR_BACKUP_TO", NULL);
	const char *every = env_or("COOPFAIR_BACKUP_EVERY", NULL);
	enum {
		OPT_DEMO = 1000,
		OPT_EMAIL,
		OPT_ROLE,
		OPT_NAME,
		OPT_SENDMAIL,
		OPT_FROM,
		OPT_TO,
		OPT_HEAD,
		OPT_EVERY,
		OPT_BACKUP_TO,
		OPT_KEEP_LAST,
		OPT_KEEP_HOURLY,
		OPT_KEEP_DAILY,
		OPT_ENCODING,
		OPT_UPDATE,
		OPT_EDITION,
		OPT_SECOND
	};
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "addr", required_argument, NULL, 'a' },
		{ "port", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "share", required_argument, NULL, 's' },
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "second-edition", no_argument, NULL, OPT_SECOND },
		{ "email", required_argument, NULL, OPT_EMAIL },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "sendmail", required_argument, NULL, OPT_SENDMAIL },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "update", required_argument, NULL, OPT_UPDATE },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "head", required_argument, NULL, OPT_HEAD },
		{ "edition", required_argument, NULL, OPT_EDITION },
		{ "backup-every", required_argument, NULL, OPT_EVERY },
		{ "backup-to", required_argument, NULL, OPT_BACKUP_TO },
		{ "keep-last", required_argument, NULL, OPT_KEEP_LAST },
		{ "keep-hourly", required_argument, NULL, OPT_KEEP_HOURLY },
		{ "keep-daily", required_argument, NULL, OPT_KEEP_DAILY },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	int ch;
	/* GNU getopt permutes: options may come before or after the command. */
	while ((ch = getopt_long(argc, argv, ":d:a:p:t:s:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			o.db = optarg;
			break;
		case 'a':
			o.addr = optarg;
			break;
		case 'p':
			if ((port = parse_uint(optarg, 1, 65535)) < 0)
				return bad_usage(
					"--port takes a port number from 1 to 65535, not '%s'",
					optarg);
			break;
		case 't':
			if ((threads = parse_uint(optarg, 1, 256)) < 0)
				return bad_usage("--threads takes a number from 1 to 256, not '%s'",
						 optarg);
			break;
		case 's':
			o.share = optarg;
			break;
		case OPT_DEMO:
			o.demo = 1;
			break;
		case OPT_SECOND:
			o.second_edition = 1;
			break;
		case OPT_EMAIL:
			o.email = optarg;
			break;
		case OPT_ROLE:
			o.role = optarg;
			break;
		case OPT_NAME:
			o.name = optarg;
			break;
		case OPT_SENDMAIL:
			o.sendmail = optarg;
			break;
		case OPT_FROM:
			o.from = optarg;
			break;
		case OPT_TO:
			o.to = optarg;
			break;
		case OPT_HEAD:
			o.head = optarg;
			break;
		case OPT_EDITION:
			o.edition = optarg;
			break;
		case OPT_EVERY:
			every = optarg;
			break;
		case OPT_BACKUP_TO:
			o.backup_to = optarg;
			break;
		case OPT_KEEP_LAST:
		case OPT_KEEP_HOURLY:
		case OPT_KEEP_DAILY: {
			long n = parse_uint(optarg, 0, 100000);
			if (n < 0)
				return bad_usage("--keep-... takes a number of backups, not '%s'",
						 optarg);
			*(ch == OPT_KEEP_LAST	  ? &o.keep_last
			  : ch == OPT_KEEP_HOURLY ? &o.keep_hourly
						  : &o.keep_daily) = (int)n;
			break;
		}
		case OPT_ENCODING:
			o.encoding = optarg;
			break;
		case OPT_UPDATE:
			if (strcmp(optarg, "check") && strcmp(optarg, "apply"))
				return bad_usage("--update takes check or apply, not '%s'", optarg);
			o.update = optarg;
			break;
		case 'h':
			o.help = 1; /* the command's own help when it has one */
			break;
		case 'V':
			return cmd_version();
		case ':':
			return bad_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	o.port = (unsigned)port;
	o.threads = (unsigned)threads;
	if (!o.share)
		o.share = default_share();
	if (o.help) {
		const char *c = optind < argc ? argv[optind] : "";
		if (!strcmp(c, "backup") || !strcmp(c, "restore") || !strcmp(c, "archive") ||
		    !strcmp(c, "serve"))
			cli_backup_help(c);
		else
			usage(stdout);
		return 0;
	}
	if (every) {
		if ((o.backup_every = backup_parse_every(every)) < 0)
			return bad_usage(
				"--backup-every takes a time like 30s, 15m, 1h or 1d, not '%s'",
				every);
		if (!o.backup_to)
			return bad_usage(
				"%s: --backup-every needs --backup-to DIR, the folder of the "
				"backups",
				every);
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[optind];
	int rest = argc - optind - 1;
	char **args = argv + optind + 1;
	if (!strcmp(cmd, "user"))
		return with_database(&o, cli_user, rest, args);
	if (!strcmp(cmd, "outbox"))
		return with_database(&o, cli_outbox, rest, args);
	if (!strcmp(cmd, "registry"))
		return with_database(&o, cli_registry, rest, args);
	if (!strcmp(cmd, "prize"))
		return with_database(&o, cli_prize, rest, args);
	if (!strcmp(cmd, "stands"))
		return with_database(&o, cli_stand, rest, args);
	if (!strcmp(cmd, "sql"))
		return with_database(&o, cli_sql, rest, args);
	if (!strcmp(cmd, "routes"))
		return cli_routes();
	if (!strcmp(cmd, "backup"))
		return cli_backup(&o, rest, args);
	if (!strcmp(cmd, "restore"))
		return cli_restore(&o, rest, args);
	if (!strcmp(cmd, "archive"))
		return with_database(&o, cli_archive, rest, args);
	if (optind + 1 < argc)
		return bad_usage("unexpected argument '%s'", argv[optind + 1]);
	if (o.second_edition && strcmp(cmd, "init"))
		return bad_usage("--second-edition goes with 'init', not '%s'", cmd);
	if (o.demo && strcmp(cmd, "init"))
		return bad_usage("--demo goes with 'init', not '%s'", cmd);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(&o);
	if (!strcmp(cmd, "init"))
		return cmd_init(&o);
	if (!strcmp(cmd, "migrate"))
		return cmd_migrate(&o);
	if (!strcmp(cmd, "copy"))
		return cmd_copy(&o);
	if (!strcmp(cmd, "version"))
		return cmd_version();
	if (!strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	return bad_usage("unknown command '%s'", cmd);
}
