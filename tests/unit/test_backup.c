/*
 * test_backup.c - backups and restore (model/backup.h, db/backup_db.h):
 * a checked copy of a live database, the refusal of damaged, truncated or
 * newer backups, restore that keeps the current database aside, the
 * server's hold, the rotation and the schedule's interval syntax.
 *
 * Every test works in its own temporary folder on a demo database.
 */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/backup.h"
#include "../../src/model/demo.h"

#include <pthread.h>

static char dir[256];
static char live[512];

/* demo_db - the demo fair in dir/live.db, configured as db_thread's. */
static int setup(void **state)
{
	(void)state;
	unit_tmpdir(dir, sizeof dir);
	snprintf(live, sizeof live, "%s/live.db", dir);
	db *d = NULL;
	assert_int_equal(db_open(live, 1, &d), CF_OK);
	int applied;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	db_close(d);
	db_configure(live);
	assert_int_equal(demo_create(db_thread()), CF_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unit_rmtree(dir);
	return 0;
}

static int64_t live_count(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

static int64_t rows_of(const db_backup_info *in, const char *table)
{
	for (int i = 0; i < in->ntables; i++)
		if (!strcmp(in->tables[i].name, table))
			return in->tables[i].rows;
	return -1;
}

static void copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	assert_non_null(a);
	assert_non_null(b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, a)) > 0)
		assert_int_equal(fwrite(chunk, 1, n, b), n);
	fclose(a);
	fclose(b);
}

/* offset_of - where needle first occurs in the file, or -1. */
static long offset_of(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *all = malloc((size_t)n);
	assert_int_equal(fread(all, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	long at = -1;
	size_t k = strlen(needle);
	for (long i = 0; i + (long)k <= n && at < 0; i++)
		if (!memcmp(all + i, needle, k))
			at = i;
	free(all);
	return at;
}

static void flip_byte(const char *path, long at)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, at, SEEK_SET);
	int c = fgetc(f);
	fseek(f, at, SEEK_SET);
	fputc(c ^ 0x01, f);
	fclose(f);
}

static void a_backup_holds_every_row_and_checks(void **state)
{
	(void)state;
	backup_result r;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/one.db", dir);
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	assert_string_equal(r.path, dest);
	assert_true(r.info.has_manifest);
	assert_int_equal(r.info.schema_version, db_schema_latest());
	assert_true(r.info.ntables > 20);
	assert_int_equal(rows_of(&r.info, "cooperative"),
			 live_count("SELECT count(*) FROM cooperative"));
	assert_int_equal(rows_of(&r.info, "prize_log"),
			 live_count("SELECT count(*) FROM prize_log"));
	assert_true(rows_of(&r.info, "prize_log") > 0);
	assert_int_equal(rows_of(&r.info, "backup_manifest"), -1); /* not counted as data */
	db_backup_info again;
	assert_int_equal(db_backup_check(dest, &again), CF_OK);
	assert_string_equal(again.hash, r.info.hash);
}

static void a_backup_never_overwrites_a_file(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/taken.db", dir);
	FILE *f = fopen(dest, "w");
	fputs("mine", f);
	fclose(f);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_ERR_CONFLICT);
	assert_non_null(strstr(r.info.why, "already exists"));
	struct stat st;
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_size, 4);
}

static void a_truncated_backup_is_refused(void **state)
{
	(void)state;
	char dest[600], cut[600];
	snprintf(dest, sizeof dest, "%s/whole.db", dir);
	snprintf(cut, sizeof cut, "%s/cut.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	copy_file(dest, cut);
	assert_int_equal(truncate(cut, r.info.bytes / 2), 0);
	db_backup_info in;
	assert_int_equal(db_backup_check(cut, &in), CF_ERR_INVALID);
	assert_non_null(strstr(in.why, "cut short"));
	/* cut at a page boundary too: the header still knows the real size */
	assert_int_equal(truncate(cut, 4096 * 3), 0);
	assert_int_equal(db_backup_check(cut, &in), CF_ERR_INVALID);
}

static void a_byte_flipped_in_the_data_is_refused(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/flip.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	/* a cooperative's name: a change integrity_check alone cannot see */
	long at = offset_of(dest, "pioneers of excellence");
	assert_true(at > 0);
	flip_byte(dest, at + 3);
	db_backup_info in;
	assert_int_equal(db_backup_check(dest, &in), CF_ERR_INVALID);
	assert_non_null(strstr(in.why, "content differs"));
}

static void a_byte_flipped_in_the_header_is_refused(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/head.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	flip_byte(dest, 30); /* the page count */
	db_backup_info in;
	assert_int_equal(db_backup_check(dest, &in), CF_ERR_INVALID);
	assert_true(strlen(in.why) > 0);
}

static void a_file_that_is_not_a_database_is_refused(void **state)
{
	(void)state;
	char p[600];
	snprintf(p, sizeof p, "%s/notes.txt", dir);
	FILE *f = fopen(p, "w");
	for (int i = 0; i < 100; i++)
		fputs("hello hello hello\n", f);
	fclose(f);
	db_backup_info in;
	assert_int_equal(db_backup_check(p, &in), CF_ERR_INVALID);
	assert_non_null(strstr(in.why, "not an SQLite database"));
	snprintf(p, sizeof p, "%s/missing.db", dir);
	assert_int_equal(db_backup_check(p, &in), CF_ERR_NOTFOUND);
}

static void restore_keeps_the_current_database_aside(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/before.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	/* a change after the backup: it is in the database set aside only */
	assert_int_equal(db_exec(db_thread(), "DELETE FROM side_event"), CF_OK);
	int64_t coops = live_count("SELECT count(*) FROM cooperative");
	db_thread_close();
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(dest, live, db_schema_latest(), &rs, why), CF_OK);
	assert_non_null(strstr(rs.aside, "live.db.before-restore-"));
	assert_int_equal(rows_of(&rs.info, "side_event"), 1);
	assert_int_equal(live_count("SELECT count(*) FROM side_event"), 1);
	assert_int_equal(live_count("SELECT count(*) FROM cooperative"), coops);
	assert_int_equal(live_count("SELECT count(*) FROM sqlite_schema WHERE name = "
				    "'backup_manifest'"),
			 0);
	db *old = NULL;
	assert_int_equal(db_open(rs.aside, 0, &old), CF_OK);
	db_stmt *s = db_prepare(old, "SELECT count(*) FROM side_event");
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 0);
	db_done(s);
	db_close(old);
}

static void restore_refuses_a_damaged_file_and_changes_nothing(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/bad.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	flip_byte(dest, offset_of(dest, "pioneers of excellence") + 1);
	db_thread_close();
	struct stat before, after;
	assert_int_equal(stat(live, &before), 0);
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(dest, live, db_schema_latest(), &rs, why), CF_ERR_INVALID);
	assert_non_null(strstr(why, "damaged"));
	assert_int_equal(stat(live, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_string_equal(rs.aside, "");
}

static void restore_refuses_a_migration_this_coopfair_lacks_and_undoes_itself(void **state)
{
	(void)state;
	/* another coopfair's migration, known by name only */
	assert_int_equal(db_exec(db_thread(),
				 "INSERT INTO schema_migration (name, checksum, applied_at) VALUES "
				 "('043_elsewhere.sql', 'x', '2026-11-30T00:00:00Z')"),
			 CF_OK);
	char dest[600];
	snprintf(dest, sizeof dest, "%s/other.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	assert_int_equal(db_exec(db_thread(), "DELETE FROM schema_migration WHERE name = "
					      "'043_elsewhere.sql'"),
			 CF_OK);
	db_thread_close();
	struct stat before, after;
	assert_int_equal(stat(live, &before), 0);
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(dest, live, db_schema_latest(), &rs, why), CF_ERR_VERSION);
	assert_non_null(strstr(why, "records a migration this coopfair does not have"));
	assert_int_equal(stat(live, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino); /* the current one is back */
	assert_string_equal(rs.aside, "");
	assert_int_equal(live_count("SELECT count(*) FROM schema_migration WHERE name = "
				    "'043_elsewhere.sql'"),
			 0);
}

static void restore_refuses_the_database_itself(void **state)
{
	(void)state;
	db_thread_close();
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(live, live, db_schema_latest(), &rs, why), CF_ERR_INVALID);
	assert_non_null(strstr(why, "is the database itself"));
	struct stat st;
	assert_int_equal(stat(live, &st), 0);
}

static void restore_refuses_a_newer_schema(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/newer.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	backup_restored rs;
	char why[512];
	db_thread_close();
	assert_int_equal(backup_restore(dest, live, r.info.schema_version - 1, &rs, why),
			 CF_ERR_VERSION);
	assert_non_null(strstr(why, "newer than this coopfair supports"));
}

static void restore_refuses_while_a_server_holds_the_database(void **state)
{
	(void)state;
	char dest[600];
	snprintf(dest, sizeof dest, "%s/held.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	pid_t pid = fork();
	if (pid == 0) { /* the "server": holds the database for a second */
		if (backup_hold(live))
			_exit(1);
		sleep(2);
		_exit(0);
	}
	usleep(300000);
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(dest, live, db_schema_latest(), &rs, why), CF_ERR_BUSY);
	assert_non_null(strstr(why, "server is running"));
	int st;
	waitpid(pid, &st, 0);
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void restore_refuses_beside_a_stray_wal_file(void **state)
{
	(void)state;
	char dest[600], target[600], wal[700];
	snprintf(dest, sizeof dest, "%s/for-new.db", dir);
	backup_result r;
	assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
	snprintf(target, sizeof target, "%s/new.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", target);
	FILE *f = fopen(wal, "w");
	fputs("the last writes of a database that is gone", f);
	fclose(f);
	backup_restored rs;
	char why[512];
	assert_int_equal(backup_restore(dest, target, db_schema_latest(), &rs, why),
			 CF_ERR_CONFLICT);
	assert_non_null(strstr(why, "-wal is there without its database"));
	struct stat st;
	assert_int_equal(stat(target, &st), -1);
	unlink(wal);
	assert_int_equal(backup_restore(dest, target, db_schema_latest(), &rs, why), CF_OK);
	assert_string_equal(rs.aside, "");
}

static void *writer(void *stop)
{
	db_configure(live);
	int i = 0;
	while (!*(volatile int *)stop && i < 100000) {
		db_stmt *s =
			db_prepare(db_thread(), "INSERT INTO setting (key, value) VALUES (?, 'x')");
		char key[32];
		snprintf(key, sizeof key, "w%d", i++);
		db_bind_text(s, 1, key);
		if (db_run(s))
			break;
	}
	db_thread_close();
	return (void *)(intptr_t)i;
}

static void a_backup_taken_while_writes_go_on_checks(void **state)
{
	(void)state;
	int stop = 0;
	pthread_t t;
	db_thread_close();
	assert_int_equal(pthread_create(&t, NULL, writer, &stop), 0);
	usleep(50000);
	char dest[600];
	for (int k = 0; k < 3; k++) {
		snprintf(dest, sizeof dest, "%s/busy%d.db", dir, k);
		backup_result r;
		assert_int_equal(backup_run(live, dest, NULL, &r), CF_OK);
		assert_true(rows_of(&r.info, "setting") >= 1);
	}
	stop = 1;
	void *n;
	pthread_join(t, &n);
	assert_true((intptr_t)n > 0); /* writes really went on */
}

static void a_folder_gets_time_named_files_and_rotation(void **state)
{
	(void)state;
	char folder[600], old[700];
	snprintf(folder, sizeof folder, "%s/stick/", dir);
	backup_keep keep = { 2, 0, 0 };
	backup_result r;
	assert_int_equal(backup_run(live, folder, &keep, &r), CF_OK);
	assert_true(backup_name_time(strrchr(r.path, '/') + 1) > 0);
	/* three older backups of other days: the rotation keeps two in all */
	for (int i = 1; i <= 3; i++) {
		snprintf(old, sizeof old, "%scoopfair-2024022%dT100000Z.db", folder, i);
		copy_file(r.path, old);
	}
	snprintf(old, sizeof old, "%snot-a-backup.db", folder);
	copy_file(r.path, old);
	assert_int_equal(backup_run(live, folder, &keep, &r), CF_OK);
	assert_int_equal(r.removed, 3);
	struct stat st;
	assert_int_equal(stat(old, &st), 0); /* never touched */
}

static void rotation_keeps_hourly_and_daily_backups(void **state)
{
	(void)state;
	/* every 15 minutes for 10 days */
	enum { N = 10 * 24 * 4 };
	time_t t[N];
	int keep[N];
	time_t start = 1708416000; /* 2024-02-20T08:00:00Z */
	for (int i = 0; i < N; i++)
		t[i] = start + 900L * i;
	backup_keep k = { 0, 24, 7 };
	int kept = backup_rotate(t, N, &k, keep);
	/* 24 hourly (the newest of each of the last 24 hours) and 7 daily, of
	 * which the last two days' are hourly ones already */
	assert_int_equal(kept, 24 + 5);
	assert_int_equal(keep[N - 1], 1);
	assert_int_equal(keep[N - 2], 0);
	assert_int_equal(keep[0], 0);
	backup_keep none = { 0, 0, 0 };
	assert_int_equal(backup_rotate(t, N, &none, keep), N);
}

static void backup_names_and_intervals_parse(void **state)
{
	(void)state;
	assert_int_equal(backup_name_time("coopfair-20240222T143000Z.db"), 1708612200);
	assert_int_equal(backup_name_time("coopfair-20240222T143000Z-2.db"), 1708612200);
	assert_int_equal(backup_name_time("coopfair-20240222T143000Z.db.part"), -1);
	assert_int_equal(backup_name_time("fair.db"), -1);
	assert_int_equal(backup_name_time("coopfair-2024022XT143000Z.db"), -1);
	assert_int_equal(backup_parse_every("15m"), 900);
	assert_int_equal(backup_parse_every("1h"), 3600);
	assert_int_equal(backup_parse_every("30s"), 30);
	assert_int_equal(backup_parse_every("2d"), 172800);
	assert_int_equal(backup_parse_every("90"), 90);
	assert_int_equal(backup_parse_every("0m"), -1);
	assert_int_equal(backup_parse_every("15 m"), -1);
	assert_int_equal(backup_parse_every("-5m"), -1);
	assert_int_equal(backup_parse_every("m"), -1);
	assert_int_equal(backup_parse_every("99999999999d"), -1);
}

static void a_schedule_with_no_success_for_two_intervals_is_overdue(void **state)
{
	(void)state;
	backup_state s = { 0 };
	s.scheduled = 1;
	s.every = 900;
	s.started = 1000000;
	assert_false(backup_overdue(&s, 1000000 + 2 * 900 + 600));
	assert_true(backup_overdue(&s, 1000000 + 2 * 900 + 601));
	s.last_ok = 1003000;
	assert_false(backup_overdue(&s, 1003000 + 2400));
	assert_true(backup_overdue(&s, 1003000 + 2401));
	s.scheduled = 0;
	assert_false(backup_overdue(&s, 2000000000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_backup_holds_every_row_and_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_backup_never_overwrites_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(a_truncated_backup_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_byte_flipped_in_the_data_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_byte_flipped_in_the_header_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_file_that_is_not_a_database_is_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(restore_keeps_the_current_database_aside, setup,
						teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_a_damaged_file_and_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_a_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_the_database_itself, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			restore_refuses_a_migration_this_coopfair_lacks_and_undoes_itself, setup,
			teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_while_a_server_holds_the_database,
						setup, teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_beside_a_stray_wal_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_backup_taken_while_writes_go_on_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_folder_gets_time_named_files_and_rotation, setup,
						teardown),
		cmocka_unit_test(rotation_keeps_hourly_and_daily_backups),
		cmocka_unit_test(a_schedule_with_no_success_for_two_intervals_is_overdue),
		cmocka_unit_test(backup_names_and_intervals_parse),
	};
	return cmocka_run_group_tests_name("backup", tests, NULL, NULL);
}
