/*
 * test_stmt_cache.c - the statement cache of db_sqlite.c: a statement a
 * caller holds (between db_prepare and db_done) is never finalized to make
 * room, however many other literals are prepared meanwhile; statements that
 * are done may be evicted and are prepared again when next asked for.
 *
 * tests/run.sh also runs the database and model tests with
 * COOPFAIR_STMT_CACHE=4; this program sets a cap of 3 itself.
 */
#include "unit.h"

#include "../../src/db/db.h"

#define MANY 1100 /* more than the default cap (1024) too */

static char dir[256];
static char sql[MANY][48]; /* distinct literals: the cache keys on addresses */

static int setup(void **state)
{
	(void)state;
	setenv("COOPFAIR_STMT_CACHE", "3", 1);
	unit_tmpdir(dir, sizeof dir);
	for (int i = 0; i < MANY; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmtree(dir);
	return 0;
}

static db *open_fresh(void)
{
	static int serial;
	char path[512];
	snprintf(path, sizeof path, "%s/c%d.db", dir, ++serial);
	db *d = NULL;
	assert_int_equal(db_open(path, 1, &d), CF_OK);
	return d;
}

static int64_t value_of(db *d, int i)
{
	db_stmt *s = db_prepare(d, sql[i]);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t v = db_col_int(s, 0);
	db_done(s);
	return v;
}

static void a_held_statement_survives_many_other_prepares(void **state)
{
	(void)state;
	db *d = open_fresh();
	db_stmt *held = db_prepare(d, "SELECT ? + 1");
	db_bind_int(held, 1, 41);
	for (int i = 0; i < MANY; i++)
		assert_int_equal(value_of(d, i), i);
	assert_int_equal(db_step(held), DB_ROW);
	assert_int_equal(db_col_int(held, 0), 42);
	db_done(held);
	db_close(d);
}

static void more_statements_held_than_the_cap_all_stay_right(void **state)
{
	(void)state;
	db *d = open_fresh();
	enum { HELD = 10 };
	db_stmt *s[HELD];
	for (int i = 0; i < HELD; i++)
		s[i] = db_prepare(d, sql[i]);
	for (int i = 0; i < 50; i++) /* churn through others meanwhile */
		assert_int_equal(value_of(d, 100 + i), 100 + i);
	for (int i = HELD - 1; i >= 0; i--) {
		assert_int_equal(db_step(s[i]), DB_ROW);
		assert_int_equal(db_col_int(s[i], 0), i);
		db_done(s[i]);
	}
	db_close(d);
}

static void an_evicted_statement_is_prepared_again(void **state)
{
	(void)state;
	db *d = open_fresh();
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 20; i++)
			assert_int_equal(value_of(d, i), i);
	db_close(d);
}

static void a_statement_reading_a_table_stays_bound_to_its_rows(void **state)
{
	(void)state;
	db *d = open_fresh();
	assert_int_equal(
		db_exec(d, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)"),
		CF_OK);
	db_stmt *rows = db_prepare(d, "SELECT x FROM t ORDER BY x");
	int64_t sum = 0, n = 0;
	while (db_step(rows) == DB_ROW) {
		sum += db_col_int(rows, 0);
		n++;
		for (int i = 0; i < 5; i++) /* a query per row, as pages do */
			assert_int_equal(value_of(d, 200 + i + (int)n * 5), 200 + i + n * 5);
	}
	db_done(rows);
	assert_int_equal(n, 3);
	assert_int_equal(sum, 6);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_held_statement_survives_many_other_prepares),
		cmocka_unit_test(more_statements_held_than_the_cap_all_stay_right),
		cmocka_unit_test(an_evicted_statement_is_prepared_again),
		cmocka_unit_test(a_statement_reading_a_table_stays_bound_to_its_rows),
	};
	return cmocka_run_group_tests_name("stmt_cache", tests, setup, teardown);
}
