/*
 * test_read_snapshot.c - db_read_begin/db_read_end (db.h), the snapshot the
 * router wraps around each GET: inside it, another connection's commit is
 * not seen; after it, it is; a write inside it ends it first and runs on
 * the latest data (no "busy snapshot" failure); a failed read inside it
 * does not poison the reads after it. On SQLite always; on PostgreSQL too
 * when COOPFAIR_TEST_PG names a server (tests/pg.sh), skipped otherwise.
 */
#include "unit.h"

#include "../../src/db/db.h"

static char dir[256];

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

static int64_t read_v(db *d)
{
	db_stmt *s = db_prepare(d, "SELECT v FROM cf_snap WHERE id = 1");
	assert_int_equal(db_step(s), DB_ROW);
	int64_t v = db_col_int(s, 0);
	db_done(s);
	return v;
}

static void set_v(db *d, int64_t v)
{
	db_stmt *s = db_prepare(d, "UPDATE cf_snap SET v = ? WHERE id = 1");
	db_bind_int(s, 1, v);
	assert_int_equal(db_run(s), CF_OK);
}

static void snapshot_on(const char *target)
{
	db *a = NULL, *b = NULL;
	assert_int_equal(db_open(target, 1, &a), CF_OK);
	assert_int_equal(db_open(target, 1, &b), CF_OK);
	assert_int_equal(db_exec(a, "DROP TABLE IF EXISTS cf_snap"), CF_OK);
	assert_int_equal(db_exec(a, "CREATE TABLE cf_snap (id INTEGER PRIMARY KEY, v INTEGER)"),
			 CF_OK);
	assert_int_equal(db_exec(a, "INSERT INTO cf_snap (id, v) VALUES (1, 1)"), CF_OK);

	/* another connection's commit is not seen inside, and is after */
	assert_int_equal(db_read_begin(a), CF_OK);
	assert_int_equal(read_v(a), 1);
	set_v(b, 2);
	assert_int_equal(read_v(a), 1);
	db_read_end(a);
	assert_int_equal(read_v(a), 2);

	/* a write inside ends the snapshot and runs on the latest data */
	assert_int_equal(db_read_begin(a), CF_OK);
	assert_int_equal(read_v(a), 2);
	set_v(b, 3);
	db_stmt *s = db_prepare(a, "UPDATE cf_snap SET v = v + 10 WHERE id = 1");
	assert_int_equal(db_run(s), CF_OK);
	assert_int_equal(read_v(a), 13);
	db_read_end(a);
	assert_int_equal(read_v(b), 13);

	/* a failed read inside does not make the next reads fail */
	assert_int_equal(db_read_begin(a), CF_OK);
	s = db_prepare(a, "SELECT 1 / (v - v) FROM cf_snap WHERE id = 1");
	(void)db_step(s); /* an error on PostgreSQL, NULL on SQLite */
	db_done(s);
	assert_int_equal(read_v(a), 13);
	db_read_end(a);

	assert_int_equal(db_exec(a, "DROP TABLE cf_snap"), CF_OK);
	db_close(b);
	db_close(a);
}

static void sqlite_snapshot(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/snap.db", dir);
	snapshot_on(path);
}

static void postgres_snapshot(void **state)
{
	(void)state;
	const char *pg = getenv("COOPFAIR_TEST_PG");
	if (!pg || !*pg)
		skip();
	snapshot_on(pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_snapshot),
		cmocka_unit_test(postgres_snapshot),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
