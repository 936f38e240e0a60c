/*
 * backup.h - backups and recovery of the fair's database: one backup now
 * (into a file, or into a folder with time-named files and a rotation),
 * backups on a schedule from the server (a background thread that never
 * holds a lock a request needs), the state a dashboard shows, and restoring
 * a backup in place of the current database (kept aside, never overwritten).
 *
 * Photos and logos live in the database (application_photo.data,
 * organisation_logo.data) and certificates are made from it on demand, so a
 * backup of the database holds them all: there are no files beside it.
 *
 * Never does: write to the live database, or delete a file it did not name
 * itself (rotation only touches coopfair-YYYYMMDDTHHMMSSZ*.db files).
 */
#ifndef CF_BACKUP_H
#define CF_BACKUP_H
#include <stddef.h>
#include <time.h>

#include "../db/backup_db.h"
#include "../util/arena.h"

/* How many backups a folder keeps: the newest `last`, the newest of each of
 * the latest `hourly` hours and of the latest `daily` days (UTC) that have
 * one. All zero: keep everything. The newest backup is always kept. */
typedef struct backup_keep {
	int last, hourly, daily;
} backup_keep;

typedef struct backup_result {
	char path[4096]; /* the file written */
	db_backup_info info;
	double seconds; /* copy and checks */
	int removed;	/* older backups the rotation removed */
} backup_result;

/* backup_run - back up the live database at db_path into dest: a folder
 * (an existing directory, or a path ending in '/') gets a file named
 * coopfair-YYYYMMDDTHHMMSSZ.db and the rotation keep (NULL: none); any
 * other dest is the file to write, which must not exist. Errors as
 * db_backup_copy; r->info.why says what went wrong. */
cf_err backup_run(const char *db_path, const char *dest, const backup_keep *keep,
		  backup_result *r) CF_MUST_USE;

/* backup_rotate - which of n backups made at times[] (any order) to keep
 * under k: keep[i] set to 1 or 0. Returns how many are kept. */
int backup_rotate(const time_t *times, int n, const backup_keep *k, int *keep);

/* backup_name_time - the time in a backup file name made by backup_run
 * ("coopfair-20240222T143000Z.db", maybe with a "-2" before ".db"), or -1
 * when name is not one. */
time_t backup_name_time(const char *name);

/* backup_parse_every - seconds from "15m", "1h", "30s", "1d" or "90"
 * (seconds); -1 when s is none of these or under 1 s. */
long backup_parse_every(const char *s);

/* backup_schedule_start - a detached thread backing up db_path into the
 * folder dir now and then every `every` seconds, with rotation keep,
 * logging each result on stderr and keeping the last one for
 * backup_status. dir need not exist yet (it is made when it can be; until
 * then each backup fails and says so). Call once. */
cf_err backup_schedule_start(const char *db_path, const char *dir, long every,
			     const backup_keep *keep) CF_MUST_USE;

typedef struct backup_state {
	int scheduled;	    /* serve was started with --backup-every */
	char dir[4096];	    /* where they go */
	long every;	    /* seconds */
	time_t last_ok;	    /* 0: none yet */
	time_t last_failed; /* 0: none since the last success */
	time_t started;	    /* when the schedule began */
	int overdue;	    /* no backup succeeded for two intervals (and 10 min) */
	char why[512];	    /* the last failure's reason */
} backup_state;

/* backup_status - the scheduled backups' state, copied into out. Returns 1
 * when the dashboard must warn: the last scheduled backup failed, or none
 * succeeded for two intervals and ten minutes (a backup that hangs on a
 * dead network share never fails: it is overdue). */
int backup_status(backup_state *out);
/* backup_overdue - whether s, at now, has had no success for too long. */
int backup_overdue(const backup_state *s, time_t now);

typedef struct backup_restored {
	db_backup_info info; /* the backup's check */
	char aside[4200];    /* where the previous database went ("" if none) */
	int migrated;	     /* migrations applied to the restored copy */
} backup_restored;

/* backup_restore - put the backup at file in place of the database at
 * db_path: check it (refused as db_backup_check, or CF_ERR_VERSION when
 * its schema is newer than latest_schema), refuse with CF_ERR_BUSY while a
 * server holds db_path (backup_hold), move the current database aside to
 * db_path.before-restore-TIME (never overwriting anything), install
 * the copy and apply the migrations it lacks (CF_ERR_VERSION, undone,
 * when it records one this binary does not have). On failure the current database is left (or put
 * back) where it was, and why says what happened. */
cf_err backup_restore(const char *file, const char *db_path, int latest_schema, backup_restored *r,
		      char why[512]) CF_MUST_USE;

/* backup_hold - the server's mark on db_path for as long as it runs, so
 * that restore refuses to pull the database from under it. */
cf_err backup_hold(const char *db_path) CF_MUST_USE;

/* backup_is_postgres - whether a --db value names a PostgreSQL database
 * (postgres:// or postgresql://), which these commands do not back up. */
int backup_is_postgres(const char *db_path);

/* backup_db_file - the SQLite file a --db value names: the value itself, or
 * PATH of "sqlite:PATH" (the PostgreSQL backend's spelling); NULL for a
 * PostgreSQL database. */
const char *backup_db_file(const char *db_path);

#endif
