/*
 * test_db.c - the store (db.h): opening, migrations, schema versions,
 * constraints, and the demo fair (demo.h) written through it.
 *
 * Every test works on its own database file in a temporary folder.
 */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/demo.h"
#include "../../src/util/buf.h"
#include "../../src/util/embedded.h"

#include <pthread.h>

static char dir[256];
static int serial;

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(dir, sizeof dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmtree(dir);
	return 0;
}

/* fresh_path - a new database file name in the test folder. */
static const char *fresh_path(char *out, size_t cap)
{
	snprintf(out, cap, "%s/t%d.db", dir, ++serial);
	return out;
}

/* migrated - a new database with every migration applied. */
/* migrated - a fresh, migrated database as this thread's connection
 * (demo_create and the model work on db_thread()); db_close it after. */
static db *migrated(void)
{
	char path[512];
	db *d = NULL;
	assert_int_equal(db_open(fresh_path(path, sizeof path), 1, &d), CF_OK);
	db_close(d);
	db_configure(path);
	d = db_thread();
	int applied;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	return d;
}

static int64_t count(db *d, const char *sql_literal)
{
	db_stmt *s = db_prepare(d, sql_literal);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

static void open_without_create_of_a_missing_file_is_an_io_error(void **state)
{
	(void)state;
	char path[512];
	db *d = (db *)1;
	assert_int_equal(db_open(fresh_path(path, sizeof path), 0, &d), CF_ERR_IO);
	assert_null(d);
}

static void open_of_a_file_that_is_not_a_database_fails(void **state)
{
	(void)state;
	char path[512];
	fresh_path(path, sizeof path);
	unit_write_file(path, "this is not an SQLite database, it is a text file that is long "
			      "enough to have a header page, really it is, more text here.\n");
	db *d = (db *)1;
	assert_int_equal(db_open(path, 0, &d), CF_ERR_DB);
	assert_null(d);
}

static void open_turns_on_wal_and_foreign_keys(void **state)
{
	(void)state;
	db *d = migrated();
	db_stmt *s = db_prepare(d, "PRAGMA journal_mode");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "wal");
	db_done(s);
	assert_int_equal(count(d, "PRAGMA foreign_keys"), 1);
	db_close(d);
}

static void fresh_database_is_at_version_zero(void **state)
{
	(void)state;
	char path[512];
	db *d;
	assert_int_equal(db_open(fresh_path(path, sizeof path), 1, &d), CF_OK);
	int v = -1;
	assert_int_equal(db_schema_version(d, &v), CF_OK);
	assert_int_equal(v, 0);
	db_close(d);
}

static void migrate_brings_a_fresh_database_to_the_latest_version(void **state)
{
	(void)state;
	char path[512];
	db *d;
	assert_int_equal(db_open(fresh_path(path, sizeof path), 1, &d), CF_OK);
	int applied = -1, v = -1;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	assert_true(db_schema_latest() >= 2);
	assert_true(applied >= 2); /* every migration file of this build */
	assert_int_equal(db_schema_version(d, &v), CF_OK);
	assert_int_equal(v, db_schema_latest());
	db_close(d);
}

static void migrate_twice_applies_nothing_the_second_time(void **state)
{
	(void)state;
	db *d = migrated();
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	assert_int_equal(applied, 0);
	db_close(d);
}

static void migrations_load_the_reference_geography(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(count(d, "SELECT count(*) FROM region"), 12);
	/* Fès-Meknès: 2 prefectures and 7 provinces */
	assert_int_equal(
		count(d, "SELECT count(*) FROM province p JOIN region r ON r.id = p.region_id "
			 "WHERE r.code = 'FM'"),
		9);
	assert_int_equal(count(d, "SELECT count(*) FROM setting WHERE key = 'csrf_key' "
				  "AND length(value) = 64"),
			 1);
	db_close(d);
}

static void newer_than_supported_database_is_refused_with_version_error(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(db_exec(d, "PRAGMA user_version = 999"), CF_OK);
	int applied = -1, v = 0;
	assert_int_equal(db_migrate(d, &applied), CF_ERR_VERSION);
	assert_int_equal(applied, 0);
	assert_int_equal(db_schema_version(d, &v), CF_OK);
	assert_int_equal(v, 999);
	db_close(d);
}

/* apply_only - a database at an old schema: run just the named migration
 * files (by hand, as an older coopfair did), recording them in
 * schema_migration when recorded is set, else only in user_version. */
static db *apply_only(const char *const *names, int recorded, int user_version)
{
	char path[512];
	db *d = NULL;
	assert_int_equal(db_open(fresh_path(path, sizeof path), 1, &d), CF_OK);
	if (recorded)
		assert_int_equal(db_exec(d, "CREATE TABLE schema_migration (name TEXT PRIMARY KEY, "
					    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)"),
				 CF_OK);
	for (int i = 0; names[i]; i++) {
		char full[128];
		snprintf(full, sizeof full, "migrations/%s", names[i]);
		const struct embedded_file *f = embedded_find(full);
		assert_non_null(f);
		char *sql = malloc(f->len + 1);
		memcpy(sql, f->data, f->len);
		sql[f->len] = 0;
		assert_int_equal(db_exec(d, sql), CF_OK);
		free(sql);
		if (recorded) {
			char sum[65];
			db_migration_checksum(f->data, f->len, sum);
			db_stmt *s =
				db_prepare(d, "INSERT INTO schema_migration (name, checksum, "
					      "applied_at) VALUES (?, ?, '2024-01-01T00:00:00Z')");
			db_bind_text(s, 1, names[i]);
			db_bind_text(s, 2, sum);
			assert_int_equal(db_run(s), CF_OK);
		}
	}
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", user_version);
	assert_int_equal(db_exec(d, pragma), CF_OK);
	return d;
}

/* has_full_schema - the objects of the migrations the gap left out. */
static void assert_full_schema(db *d)
{
	assert_int_equal(count(d, "SELECT count(*) FROM sqlite_schema WHERE name = 'application'"),
			 1);
	assert_int_equal(count(d, "SELECT count(*) FROM pragma_table_info('outbox') "
				  "WHERE name = 'claimed_at'"),
			 1);
	assert_int_equal(
		count(d, "SELECT count(*) FROM sqlite_schema WHERE name = 'account_token'"), 1);
	assert_int_equal(count(d, "SELECT count(*) FROM sqlite_schema WHERE name = 'prize_log'"),
			 1);
	int v = -1;
	assert_int_equal(db_schema_version(d, &v), CF_OK);
	assert_int_equal(v, db_schema_latest());
}

static const char *const with_gap[] = { "001_init.sql",	    "002_reference.sql",
					"003_accounts.sql", "004_audit_outbox.sql",
					"030_prize.sql",    NULL };

static void migrate_applies_every_migration_missing_below_the_highest_applied(void **state)
{
	(void)state;
	db *d = apply_only(with_gap, 1, 30);
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	/* 010, 011 and 020 (and whatever came after 030) */
	assert_true(applied >= 3);
	assert_full_schema(d);
	assert_int_equal(count(d, "SELECT count(*) FROM schema_migration WHERE name IN "
				  "('010_accounts_backoffice.sql', '011_outbox_claim.sql', "
				  "'020_registry.sql')"),
			 3);
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	assert_int_equal(applied, 0);
	db_close(d);
}

static void a_database_from_before_the_bookkeeping_is_adopted_from_its_real_schema(void **state)
{
	(void)state;
	/* the bug of issue 17: user_version 30 said "all applied" while 010,
	 * 011 and 020 had never run */
	db *d = apply_only(with_gap, 0, 30);
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	assert_true(applied >= 3);
	assert_full_schema(d);
	/* what was there is recorded, not run twice */
	assert_int_equal(count(d, "SELECT count(*) FROM schema_migration WHERE name = "
				  "'030_prize.sql'"),
			 1);
	db_close(d);
}

static void a_migration_this_binary_does_not_know_is_refused(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(db_exec(d, "INSERT INTO schema_migration VALUES "
				    "('999_from_the_future.sql', 'x', '2030-01-01T00:00:00Z')"),
			 CF_OK);
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied), CF_ERR_VERSION);
	assert_int_equal(applied, 0);
	db_close(d);
}

static void a_migration_whose_text_changed_is_refused(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(db_exec(d, "UPDATE schema_migration SET checksum = 'tampered' "
				    "WHERE name = '002_reference.sql'"),
			 CF_OK);
	/* and a missing one, which must not be applied on a refused database */
	assert_int_equal(
		db_exec(d, "DELETE FROM schema_migration WHERE name = '011_outbox_claim.sql'"),
		CF_OK);
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied), CF_ERR_VERSION);
	assert_int_equal(applied, 0);
	db_close(d);
}

static void run_reports_a_uniqueness_violation_as_conflict(void **state)
{
	(void)state;
	db *d = migrated();
	db_stmt *s = db_prepare(
		d,
		"INSERT INTO region (code, name_ar, name_fr, name_en) VALUES (?, 'x', 'x', 'x')");
	db_bind_text(s, 1, "FM");
	assert_int_equal(db_run(s), CF_ERR_CONFLICT);
	db_close(d);
}

static void run_reports_a_foreign_key_violation_as_conflict(void **state)
{
	(void)state;
	db *d = migrated();
	db_stmt *s = db_prepare(d, "INSERT INTO province (region_id, code, kind, name_ar, name_fr) "
				   "VALUES (?, 'nowhere', 'province', 'x', 'x')");
	db_bind_int(s, 1, 4242);
	assert_int_equal(db_run(s), CF_ERR_CONFLICT);
	db_close(d);
}

static void bound_text_is_stored_verbatim(void **state)
{
	(void)state;
	db *d = migrated();
	const char *hostile = "'); DROP TABLE region; --<script>\"'&\xE2\x80\xAE";
	db_stmt *s = db_prepare(
		d, "INSERT INTO region (code, name_ar, name_fr, name_en) VALUES ('XX', ?, ?, '')");
	db_bind_text(s, 1, hostile);
	db_bind_null(s, 2);
	/* name_fr is NOT NULL: the bound NULL is refused, nothing is inserted */
	assert_int_equal(db_run(s), CF_ERR_CONFLICT);
	s = db_prepare(
		d,
		"INSERT INTO region (code, name_ar, name_fr, name_en) VALUES ('XY', ?, 'f', '')");
	db_bind_text(s, 1, hostile);
	assert_int_equal(db_run(s), CF_OK);
	s = db_prepare(d, "SELECT name_ar FROM region WHERE code = 'XY'");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), hostile);
	db_done(s);
	assert_int_equal(count(d, "SELECT count(*) FROM region"), 13);
	db_close(d);
}

static void rollback_undoes_a_transaction(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(db_begin(d), CF_OK);
	assert_int_equal(db_exec(d, "DELETE FROM province"), CF_OK);
	db_rollback(d);
	assert_true(count(d, "SELECT count(*) FROM province") > 9);
	db_close(d);
}

static void a_transaction_left_open_is_rolled_back_after_the_request(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(db_thread_abandoned(), 0);
	assert_int_equal(db_begin(d), CF_OK);
	assert_int_equal(db_exec(d, "DELETE FROM province"), CF_OK);
	assert_int_equal(db_thread_abandoned(), 1);
	assert_int_equal(db_thread_abandoned(), 0);
	assert_true(count(d, "SELECT count(*) FROM province") > 9);
	/* the connection is usable again: a new transaction starts at the top */
	assert_int_equal(db_begin(d), CF_OK);
	assert_int_equal(db_commit(d), CF_OK);
	db_close(d);
}

static void demo_create_adds_the_announced_fair(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	assert_int_equal(
		count(d, "SELECT count(*) FROM edition WHERE slug = 'fes-meknes-2024' "
			 "AND number = 1 AND starts_on = '2024-02-20' AND ends_on = '2024-02-24' "
			 "AND area_m2 = 1500 AND city_ar = 'فاس'"),
		1);
	assert_int_equal(count(d, "SELECT count(*) FROM exhibitor"),
			 80); /* the announcement: 80 exhibitors */
	assert_int_equal(count(d, "SELECT count(*) FROM stand"), 40); /* 40 stands */
	assert_int_equal(count(d, "SELECT count(*) FROM space"), 4);
	assert_int_equal(
		count(d, "SELECT count(*) FROM edition_organisation WHERE role = 'partner'"), 6);
	assert_int_equal(
		count(d, "SELECT count(*) FROM edition_organisation WHERE role = 'organiser'"), 1);
	assert_int_equal(count(d, "SELECT count(*) FROM category"), 3);
	db_close(d);
}

static void demo_puts_two_exhibitors_on_every_stand(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM (SELECT stand_id FROM exhibitor "
				  "GROUP BY stand_id HAVING count(*) = 2)"),
			 40); /* 40 stands */
	assert_int_equal(count(d, "SELECT count(*) FROM exhibitor WHERE stand_id IS NULL"), 0);
	db_close(d);
}

static void demo_has_five_exhibitors_from_outside_the_region(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	assert_int_equal(
		count(d,
		      "SELECT count(*) FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
		      "JOIN province p ON p.id = c.province_id JOIN edition e ON e.id = x.edition_id "
		      "WHERE p.region_id <> e.region_id"),
		5); /* 5 from outside the region */
	db_close(d);
}

static void demo_splits_exhibitors_40_25_15_by_category(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	db_stmt *s = db_prepare(
		d,
		"SELECT k.code, count(*) FROM exhibitor x JOIN category k ON k.id = x.category_id "
		"GROUP BY k.code ORDER BY count(*) DESC");
	const char *codes[] = { "handicrafts", "terroir", "pastries" };
	const int n[] = { 40, 25, 15 };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(db_step(s), DB_ROW);
		assert_string_equal(db_col_text(s, 0), codes[i]);
		assert_int_equal(db_col_int(s, 1), n[i]);
	}
	assert_int_equal(db_step(s), DB_DONE);
	db_done(s);
	db_close(d);
}

static void demo_marks_every_exhibitor_as_sample_data(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM exhibitor WHERE is_sample = 1"),
			 80); /* the announcement: 80 exhibitors */
	/* every cooperative is sample data: the exhibitors' and the applicants'
	 * that were not selected (demo_registry.c) */
	assert_int_equal(count(d, "SELECT count(*) FROM cooperative WHERE is_sample = 0"), 0);
	assert_int_equal(
		count(d,
		      "SELECT count(*) FROM cooperative c JOIN exhibitor x ON x.cooperative_id = c.id "
		      "WHERE c.is_sample = 1"),
		80); /* the announcement: 80 exhibitors */
	/* Both women-led and men-led cooperatives are there. */
	assert_true(count(d, "SELECT count(*) FROM cooperative WHERE women_led = 1") > 0);
	assert_true(count(d, "SELECT count(*) FROM cooperative WHERE women_led = 0") > 0);
	db_close(d);
}

static void demo_spreads_exhibitors_over_the_region(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	/* All nine prefectures and provinces of Fès-Meknès have exhibitors. */
	assert_int_equal(
		count(d,
		      "SELECT count(DISTINCT p.id) FROM cooperative c JOIN province p ON p.id = c.province_id "
		      "JOIN region r ON r.id = p.region_id WHERE r.code = 'FM'"),
		9);
	db_close(d);
}

static void demo_create_twice_is_a_conflict_and_adds_nothing(void **state)
{
	(void)state;
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	int coops = count(d, "SELECT count(*) FROM cooperative");
	assert_int_equal(demo_create(d), CF_ERR_CONFLICT);
	assert_int_equal(count(d, "SELECT count(*) FROM edition"), 1);
	assert_int_equal(count(d, "SELECT count(*) FROM exhibitor"),
			 80); /* the announcement: 80 exhibitors */
	assert_int_equal(count(d, "SELECT count(*) FROM cooperative"), coops);
	db_close(d);
}

/* dump_exhibitors - every exhibitor row, with its cooperative, as text. */
static void dump_exhibitors(db *d, buf *out)
{
	db_stmt *s = db_prepare(
		d,
		"SELECT x.id, c.name_ar, c.name_fr, c.legal_form, c.reg_number, c.reg_date, p.code, "
		"c.sector, c.products_ar, c.products_fr, c.members_women, c.members_men, c.members_young, "
		"c.women_led, c.contact_name, c.phone, c.email, k.code, s.code "
		"FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
		"JOIN province p ON p.id = c.province_id JOIN category k ON k.id = x.category_id "
		"LEFT JOIN stand s ON s.id = x.stand_id ORDER BY x.id");
	while (db_step(s) == DB_ROW) {
		for (int i = 0; i < 19; i++)
			assert_int_equal(buf_printf(out, "%s|", db_col_text(s, i)), CF_OK);
		assert_int_equal(buf_putc(out, '\n'), CF_OK);
	}
	db_done(s);
}

static void demo_is_the_same_in_two_fresh_databases(void **state)
{
	(void)state;
	buf one, two;
	buf_init(&one, 1u << 20);
	buf_init(&two, 1u << 20);
	db *d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	dump_exhibitors(d, &one);
	db_close(d);
	d = migrated();
	assert_int_equal(demo_create(d), CF_OK);
	dump_exhibitors(d, &two);
	db_close(d);
	assert_true(one.len > 80 * 50);
	assert_string_equal(buf_cstr(&one), buf_cstr(&two));
	buf_free(&one);
	buf_free(&two);
}

static void *write_from_a_thread(void *arg)
{
	(void)arg;
	db *d = db_thread();
	if (db_exec(d, "CREATE TABLE IF NOT EXISTS t (x); INSERT INTO t VALUES (1)"))
		return (void *)1;
	return NULL;
}

static void thread_connection_is_closed_when_its_thread_ends(void **state)
{
	(void)state;
	char path[512], wal[600];
	fresh_path(path, sizeof path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	db *d;
	assert_int_equal(db_open(path, 1, &d), CF_OK);
	db_close(d);
	db_configure(path);
	pthread_t t;
	void *ret = (void *)2;
	assert_int_equal(pthread_create(&t, NULL, write_from_a_thread, NULL), 0);
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_null(ret);
	/* SQLite removes the -wal file when the last connection closes: the
	 * thread's connection must not outlive its thread (server workers). */
	assert_int_not_equal(access(wal, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_without_create_of_a_missing_file_is_an_io_error),
		cmocka_unit_test(open_of_a_file_that_is_not_a_database_fails),
		cmocka_unit_test(open_turns_on_wal_and_foreign_keys),
		cmocka_unit_test(fresh_database_is_at_version_zero),
		cmocka_unit_test(migrate_brings_a_fresh_database_to_the_latest_version),
		cmocka_unit_test(migrate_twice_applies_nothing_the_second_time),
		cmocka_unit_test(migrations_load_the_reference_geography),
		cmocka_unit_test(newer_than_supported_database_is_refused_with_version_error),
		cmocka_unit_test(migrate_applies_every_migration_missing_below_the_highest_applied),
		cmocka_unit_test(
			a_database_from_before_the_bookkeeping_is_adopted_from_its_real_schema),
		cmocka_unit_test(a_migration_this_binary_does_not_know_is_refused),
		cmocka_unit_test(a_migration_whose_text_changed_is_refused),
		cmocka_unit_test(run_reports_a_uniqueness_violation_as_conflict),
		cmocka_unit_test(run_reports_a_foreign_key_violation_as_conflict),
		cmocka_unit_test(bound_text_is_stored_verbatim),
		cmocka_unit_test(rollback_undoes_a_transaction),
		cmocka_unit_test(a_transaction_left_open_is_rolled_back_after_the_request),
		cmocka_unit_test(demo_create_adds_the_announced_fair),
		cmocka_unit_test(demo_puts_two_exhibitors_on_every_stand),
		cmocka_unit_test(demo_has_five_exhibitors_from_outside_the_region),
		cmocka_unit_test(demo_splits_exhibitors_40_25_15_by_category),
		cmocka_unit_test(demo_marks_every_exhibitor_as_sample_data),
		cmocka_unit_test(demo_spreads_exhibitors_over_the_region),
		cmocka_unit_test(demo_create_twice_is_a_conflict_and_adds_nothing),
		cmocka_unit_test(demo_is_the_same_in_two_fresh_databases),
		cmocka_unit_test(thread_connection_is_closed_when_its_thread_ends),
	};
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
