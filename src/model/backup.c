/* backup.c - backups, their rotation, the schedule and restore (backup.h). */
#include "backup.h"
#include "../db/db.h"
#include "../util/clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NAME_PREFIX "coopfair-"
#define MAX_FILES 4096

int backup_is_postgres(const char *db_path)
{
	return db_path &&
	       (!strncmp(db_path, "postgres://", 11) || !strncmp(db_path, "postgresql://", 13));
}

const char *backup_db_file(const char *db_path)
{
	return db_file_path(db_path);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

time_t backup_name_time(const char *name)
{
	size_t p = strlen(NAME_PREFIX);
	if (strncmp(name, NAME_PREFIX, p))
		return -1;
	const char *s = name + p;
	/* YYYYMMDDTHHMMSSZ then ".db" or "-N.db" */
	for (int i = 0; i < 15; i++)
		if (i == 8 ? s[i] != 'T' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[15] != 'Z')
		return -1;
	const char *rest = s + 16;
	if (*rest == '-') {
		rest++;
		if (*rest < '1' || *rest > '9')
			return -1;
		while (*rest >= '0' && *rest <= '9')
			rest++;
	}
	if (strcmp(rest, ".db"))
		return -1;
	struct tm tm = { 0 };
	int v[6], w[6] = { 4, 2, 2, 2, 2, 2 }, off[6] = { 0, 4, 6, 9, 11, 13 };
	for (int i = 0; i < 6; i++) {
		v[i] = 0;
		for (int j = 0; j < w[i]; j++)
			v[i] = v[i] * 10 + (s[off[i] + j] - '0');
	}
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	return timegm(&tm);
}

/* One backup for the rotation: its time and its index in the caller's arrays. */
struct dated {
	time_t t;
	int i;
};

static int newest_first(const void *a, const void *b)
{
	time_t x = ((const struct dated *)a)->t, y = ((const struct dated *)b)->t;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* keep_buckets - mark the newest backup of each of the latest `count`
 * buckets (width seconds) among by[] (newest first). */
static void keep_buckets(const struct dated *by, int n, long width, int count, int *keep)
{
	long last = 0;
	int have = 0, taken = 0;
	for (int i = 0; i < n && taken < count; i++) {
		long b = (long)(by[i].t / width);
		if (have && b == last)
			continue;
		keep[by[i].i] = 1;
		last = b;
		have = 1;
		taken++;
	}
}

int backup_rotate(const time_t *times, int n, const backup_keep *k, int *keep)
{
	int all = !k || (k->last <= 0 && k->hourly <= 0 && k->daily <= 0);
	for (int i = 0; i < n; i++)
		keep[i] = all;
	if (all || n == 0)
		return n;
	struct dated *by = malloc(sizeof *by * (size_t)n);
	if (!by)
		abort();
	for (int i = 0; i < n; i++)
		by[i] = (struct dated){ times[i], i };
	qsort(by, (size_t)n, sizeof *by, newest_first);
	for (int i = 0; i < n && i < k->last; i++)
		keep[by[i].i] = 1;
	keep[by[0].i] = 1;
	if (k->hourly > 0)
		keep_buckets(by, n, 3600, k->hourly, keep);
	if (k->daily > 0)
		keep_buckets(by, n, 86400, k->daily, keep);
	free(by);
	int kept = 0;
	for (int i = 0; i < n; i++)
		kept += keep[i];
	return kept;
}

/* rotate - remove the backups in dir that keep does not keep. */
static int rotate(const char *dir, const backup_keep *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char(*names)[256] = malloc(sizeof *names * MAX_FILES);
	time_t *times = malloc(sizeof *times * MAX_FILES);
	int *kept = malloc(sizeof *kept * MAX_FILES);
	if (!names || !times || !kept)
		abort();
	int n = 0, removed = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < MAX_FILES) {
		time_t t = backup_name_time(e->d_name);
		if (t < 0 || strlen(e->d_name) >= sizeof names[0])
			continue;
		snprintf(names[n], sizeof names[0], "%s", e->d_name);
		times[n++] = t;
	}
	closedir(d);
	backup_rotate(times, n, keep, kept);
	for (int i = 0; i < n; i++) {
		if (kept[i])
			continue;
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) == 0)
			removed++;
	}
	free(names);
	free(times);
	free(kept);
	return removed;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

cf_err backup_run(const char *db_path, const char *dest, const backup_keep *keep, backup_result *r)
{
	memset(r, 0, sizeof *r);
	size_t dl = strlen(dest);
	int folder = is_dir(dest) || (dl && dest[dl - 1] == '/');
	time_t now = time(NULL);
	char made_at[21];
	clock_iso(now, made_at);
	if (folder) {
		if (!is_dir(dest) && mkdir(dest, 0700) && errno != EEXIST) {
			snprintf(r->info.why, sizeof r->info.why, "cannot create the folder %s",
				 dest);
			return CF_ERR_IO;
		}
		struct tm tm;
		gmtime_r(&now, &tm);
		char stamp[32];
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
		const char *sep = dest[dl - 1] == '/' ? "" : "/";
		struct stat st;
		snprintf(r->path, sizeof r->path, "%s%s" NAME_PREFIX "%s.db", dest, sep, stamp);
		for (int i = 2; i < 100 && stat(r->path, &st) == 0; i++)
			snprintf(r->path, sizeof r->path, "%s%s" NAME_PREFIX "%s-%d.db", dest, sep,
				 stamp, i);
	} else
		snprintf(r->path, sizeof r->path, "%s", dest);
	double t0 = now_seconds();
	cf_err e = db_backup_copy(db_path, r->path, made_at, &r->info);
	r->seconds = now_seconds() - t0;
	if (!e && folder && keep)
		r->removed = rotate(dest, keep);
	return e;
}

long backup_parse_every(const char *s)
{
	if (!s || *s < '0' || *s > '9')
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	long unit = !*end		? 1
		    : !strcmp(end, "s") ? 1
		    : !strcmp(end, "m") ? 60
		    : !strcmp(end, "h") ? 3600
		    : !strcmp(end, "d") ? 86400
					: -1;
	if (errno || unit < 0 || v < 1 || v > 366L * 86400 / unit)
		return -1;
	return v * unit;
}

/* The schedule: one thread, its settings, and the last result, under lock.
 * The lock is only ever held to copy a few fields, never during a backup. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static backup_state state;
static char sched_db[4096];
static backup_keep sched_keep;

int backup_overdue(const backup_state *s, time_t now)
{
	time_t since = s->last_ok ? s->last_ok : s->started;
	return s->scheduled && now - since > 2 * s->every + 600;
}

int backup_status(backup_state *out)
{
	pthread_mutex_lock(&state_lock);
	*out = state;
	pthread_mutex_unlock(&state_lock);
	out->overdue = backup_overdue(out, time(NULL));
	return out->scheduled && (out->last_failed != 0 || out->overdue);
}

static void *schedule_loop(void *unused)
{
	(void)unused;
	/* Below the request threads: on Linux a nice value is per thread, so
	 * the copy and its checks take the CPU requests leave over. */
	if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10))
		fprintf(stderr, "coopfair: backups run at normal priority\n");
	for (;;) {
		backup_result *r = malloc(sizeof *r);
		if (!r)
			abort();
		cf_err e = backup_run(sched_db, state.dir, &sched_keep, r);
		time_t now = time(NULL);
		pthread_mutex_lock(&state_lock);
		if (e) {
			state.last_failed = now;
			snprintf(state.why, sizeof state.why, "%s", r->info.why);
		} else {
			state.last_ok = now;
			state.last_failed = 0;
			state.why[0] = 0;
		}
		long every = state.every;
		pthread_mutex_unlock(&state_lock);
		if (e)
			fprintf(stderr, "coopfair: BACKUP FAILED (%s): %s\n", cf_strerror(e),
				r->info.why);
		else
			fprintf(stderr,
				"coopfair: backup %s: %lld bytes, %lld rows, checked, in %.2f s "
				"(copy %.2f, count and hash %.2f, check %.2f)%s\n",
				r->path, (long long)r->info.bytes, (long long)r->info.rows,
				r->seconds, r->info.copy_seconds, r->info.stamp_seconds,
				r->info.check_seconds,
				r->removed ? " (older ones rotated out)" : "");
		free(r);
		/* Sleep in slices so a clock change cannot stall the schedule. */
		double until = now_seconds() + (double)every;
		while (now_seconds() < until) {
			double left = until - now_seconds();
			struct timespec ts = { left > 1 ? 1 : 0, 0 };
			if (left <= 1)
				ts.tv_nsec = (long)(left * 1e9);
			nanosleep(&ts, NULL);
		}
	}
	return NULL;
}

cf_err backup_schedule_start(const char *db_path, const char *dir, long every,
			     const backup_keep *keep)
{
	/* A missing folder (the stick not plugged in yet) does not stop the
	 * fair: each backup tries again, and a failure shows on /admin. The
	 * trailing '/' keeps dir a folder for backup_run even then. */
	size_t n = strlen(dir);
	if (!n || n + 2 > sizeof state.dir)
		return CF_ERR_INVALID;
	snprintf(sched_db, sizeof sched_db, "%s", db_path);
	sched_keep = keep ? *keep : (backup_keep){ 0 };
	pthread_mutex_lock(&state_lock);
	state.scheduled = 1;
	state.every = every;
	state.started = time(NULL);
	snprintf(state.dir, sizeof state.dir, "%s%s", dir, dir[n - 1] == '/' ? "" : "/");
	pthread_mutex_unlock(&state_lock);
	pthread_t t;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	int bad = pthread_create(&t, &at, schedule_loop, NULL);
	pthread_attr_destroy(&at);
	return bad ? CF_ERR_IO : CF_OK;
}

cf_err backup_hold(const char *db_path)
{
	/* flock is separate from the fcntl locks SQLite takes on the same file.
	 * The descriptor stays open (and the lock held) until the process ends. */
	int fd = open(db_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return CF_ERR_IO;
	if (flock(fd, LOCK_SH | LOCK_NB)) {
		close(fd);
		return CF_ERR_BUSY;
	}
	return CF_OK;
}

/* served - whether a server holds db_path (backup_hold). */
static int served(const char *db_path)
{
	int fd = open(db_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd); /* releases our lock too */
	return busy;
}

/* backup_drop - remove a database just installed, with its side files. */
static void backup_drop(const char *path)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		char p[4200];
		snprintf(p, sizeof p, "%s%s", path, side[i]);
		unlink(p);
	}
}

cf_err backup_restore(const char *file, const char *db_path, int latest_schema, backup_restored *r,
		      char why[512])
{
	memset(r, 0, sizeof *r);
	why[0] = 0;
	cf_err e = db_backup_check(file, &r->info);
	if (e) {
		snprintf(why, 512, "%s", r->info.why);
		return e;
	}
	if (r->info.schema_version > latest_schema) {
		snprintf(why, 512,
			 "%s has schema version %d, newer than this coopfair supports (%d): "
			 "install the coopfair that made it, or a newer one",
			 file, r->info.schema_version, latest_schema);
		return CF_ERR_VERSION;
	}
	struct stat st, fst;
	int current = stat(db_path, &st) == 0;
	if (current && stat(file, &fst) == 0 && st.st_dev == fst.st_dev &&
	    st.st_ino == fst.st_ino) {
		snprintf(why, 512, "%.200s is the database itself, not a backup of it", file);
		return CF_ERR_INVALID;
	}
	if (current && served(db_path)) {
		snprintf(why, 512,
			 "a coopfair server is running on %s: stop it first (Ctrl-C, or "
			 "systemctl stop coopfair), then restore",
			 db_path);
		return CF_ERR_BUSY;
	}
	if (current) {
		if ((e = db_backup_single_file(db_path, why)))
			return e;
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
		snprintf(r->aside, sizeof r->aside, "%s.before-restore-%s", db_path, stamp);
		for (int i = 2; i < 100 && stat(r->aside, &st) == 0; i++)
			snprintf(r->aside, sizeof r->aside, "%s.before-restore-%s-%d", db_path,
				 stamp, i);
		/* link + unlink: unlike rename, link never replaces an existing file. */
		if (link(db_path, r->aside) || unlink(db_path)) {
			snprintf(why, 512, "cannot move %.200s aside to %.240s: %s", db_path,
				 r->aside, strerror(errno));
			unlink(r->aside);
			r->aside[0] = 0;
			return CF_ERR_IO;
		}
	}
	char wal[4200];
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	if (stat(wal, &st) == 0) {
		/* SQLite would replay it into the restored database */
		snprintf(why, 512,
			 "%.200s-wal is there without its database: move it away (it may hold the "
			 "last writes of a database that is gone), then restore",
			 db_path);
		if (current && link(r->aside, db_path) == 0)
			unlink(r->aside);
		r->aside[0] = 0;
		return CF_ERR_CONFLICT;
	}
	if ((e = db_backup_install(file, db_path, why))) {
		if (current && link(r->aside, db_path) == 0)
			unlink(r->aside);
		r->aside[0] = 0;
		return e;
	}
	/* Bring it up to date now: migrations are known by name, so a backup
	 * that records one this coopfair lacks is refused here, not at the
	 * next start of the server; and an older one is ready to serve. */
	db *d = NULL;
	if (!(e = db_open(db_path, 0, &d)))
		e = db_migrate(d, &r->migrated);
	db_close(d);
	if (e) {
		snprintf(
			why, 512,
			e == CF_ERR_VERSION
				? "%.200s records a migration this coopfair does not have (a newer "
				  "or another coopfair made it): install that coopfair"
				: "%.200s could not be brought up to date",
			file);
		backup_drop(db_path);
		if (current && link(r->aside, db_path) == 0)
			unlink(r->aside);
		r->aside[0] = 0;
		return e;
	}
	return CF_OK;
}
