/*
 * test_db_memo.c - the memo of db.h (src/db/db_memo.c): a value kept inside
 * a read snapshot is given back while the data are exactly as they were,
 * and never after any commit: another connection's, this connection's own,
 * or another process's. No memo outside a snapshot, inside a write
 * transaction, after a write inside a snapshot, nor on PostgreSQL (checked
 * when COOPFAIR_TEST_PG names a server). Values still in use are never
 * freed, however many are kept in one request.
 */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/util/arena.h"

#include <sys/wait.h>
#include <unistd.h>

static char dir[256];
static const char KEY[] = "the key: any static object's address";

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

static void set_v(db *d, int64_t v)
{
	db_stmt *s = db_prepare(d, "UPDATE cf_memo SET v = ? WHERE id = 1");
	db_bind_int(s, 1, v);
	assert_int_equal(db_run(s), CF_OK);
}

/* keep - inside a snapshot of d: keep an int under (KEY, arg); the memo
 * must be on there. */
static int *keep(db *d, arena *req, int64_t arg, int value)
{
	arena *ma = db_memo_arena(d, req);
	assert_ptr_not_equal(ma, req);
	int *p = arena_alloc(ma, sizeof *p);
	*p = value;
	db_memo_keep(d, KEY, arg, ma, req, p);
	return p;
}

/* kept - a fresh snapshot of d: what the memo gives for (KEY, 1). */
static int *kept(db *d)
{
	assert_int_equal(db_read_begin(d), CF_OK);
	int *p = db_memo_get(d, KEY, 1);
	db_read_end(d);
	return p;
}

static db *open_db(const char *path)
{
	db *d = NULL;
	assert_int_equal(db_open(path, 1, &d), CF_OK);
	return d;
}

static void sqlite_memo(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/memo.db", dir);
	db *a = open_db(path), *b = open_db(path);
	arena *req = arena_new(1 << 20);
	assert_int_equal(db_exec(a, "CREATE TABLE cf_memo (id INTEGER PRIMARY KEY, v INTEGER)"),
			 CF_OK);
	assert_int_equal(db_exec(a, "INSERT INTO cf_memo (id, v) VALUES (1, 1)"), CF_OK);

	/* outside a snapshot: no memo */
	assert_ptr_equal(db_memo_arena(a, req), req);
	assert_null(db_memo_get(a, KEY, 1));

	/* kept in one snapshot, given back in the next while nothing changed */
	assert_int_equal(db_read_begin(a), CF_OK);
	assert_null(db_memo_get(a, KEY, 1));
	int *one = keep(a, req, 1, 10);
	assert_ptr_equal(db_memo_get(a, KEY, 1), one);
	assert_null(db_memo_get(a, KEY, 2)); /* another instance */
	db_read_end(a);
	assert_ptr_equal(kept(a), one);
	assert_ptr_equal(kept(a), one);

	/* another connection's commit */
	set_v(b, 2);
	assert_null(kept(a));
	assert_int_equal(db_read_begin(a), CF_OK);
	one = keep(a, req, 1, 20);
	db_read_end(a);
	assert_ptr_equal(kept(a), one);

	/* this connection's own commit, outside a snapshot */
	set_v(a, 3);
	assert_null(kept(a));
	assert_int_equal(db_read_begin(a), CF_OK);
	one = keep(a, req, 1, 30);
	db_read_end(a);
	assert_ptr_equal(kept(a), one);

	/* another process's commit */
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		db *c = NULL;
		int ok = db_open(path, 0, &c) == CF_OK;
		if (ok) {
			db_stmt *s = db_prepare(c, "UPDATE cf_memo SET v = 4 WHERE id = 1");
			ok = db_run(s) == CF_OK;
			db_close(c);
		}
		_exit(ok ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_null(kept(a));

	/* a write inside a snapshot ends it: no memo after it */
	assert_int_equal(db_read_begin(a), CF_OK);
	one = keep(a, req, 1, 40);
	assert_ptr_equal(db_memo_get(a, KEY, 1), one);
	set_v(a, 5);
	assert_null(db_memo_get(a, KEY, 1));
	assert_ptr_equal(db_memo_arena(a, req), req);
	db_read_end(a);
	assert_null(kept(a));

	/* inside a write transaction (its own changes not yet committed): none */
	assert_int_equal(db_begin(a), CF_OK);
	assert_int_equal(db_read_begin(a), CF_OK);
	assert_null(db_memo_get(a, KEY, 1));
	assert_ptr_equal(db_memo_arena(a, req), req);
	db_read_end(a);
	db_rollback(a);

	/* many values in one snapshot: every one stays, none freed under it */
	assert_int_equal(db_read_begin(a), CF_OK);
	int *many[100];
	for (int i = 0; i < 100; i++)
		many[i] = keep(a, req, 1000 + i, i);
	for (int i = 0; i < 100; i++) {
		assert_ptr_equal(db_memo_get(a, KEY, 1000 + i), many[i]);
		assert_int_equal(*many[i], i);
	}
	db_read_end(a);
	long hits = 0, misses = 0;
	db_memo_stats(&hits, &misses);
	assert_true(hits > 0 && misses > 0);

	arena_free(req);
	db_close(b);
	db_close(a);
}

static void postgres_has_no_memo(void **state)
{
	(void)state;
	const char *pg = getenv("COOPFAIR_TEST_PG");
	if (!pg || !*pg)
		skip();
	db *a = open_db(pg);
	arena *req = arena_new(1 << 20);
	assert_int_equal(db_read_begin(a), CF_OK);
	assert_ptr_equal(db_memo_arena(a, req), req);
	assert_null(db_memo_get(a, KEY, 1));
	db_read_end(a);
	arena_free(req);
	db_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_memo),
		cmocka_unit_test(postgres_has_no_memo),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
