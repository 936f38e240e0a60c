/* test_review_cache.c - the public page cache never keeps a page built from
 * data that changed while it was being built. Found in review: the
 * generation was read when the page was stored, not when the lookup missed,
 * so a page rendered before a concurrent change (another thread's POST,
 * which clears the cache when it has committed) was stored under the new
 * generation and served stale until the next change. */
#include "unit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../src/db/db.h"
#include "../../src/http/cache.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/cf-test-review-cache-%d.db", (int)getpid());
	unlink(path);
	db *d;
	int applied;
	if (db_open(path, 1, &d) || db_migrate(d, &applied))
		return -1;
	db_close(d);
	db_configure(path);
	cache_init(1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unlink(path);
	return 0;
}

/* visit - an anonymous GET of /exhibitors; 1 when the cache answered. The
 * page (when built) says body; between_lookup_and_store runs while it is
 * being built. */
static int visit(const char *body, void (*between_lookup_and_store)(void))
{
	request r;
	memset(&r, 0, sizeof r);
	r.a = arena_new(1u << 20);
	r.method = HTTP_GET;
	r.path = "/exhibitors";
	r.query_string = "";
	r.lang = LANG_FR;
	buf_init(&r.out, 1u << 20);
	int hit = cache_lookup(&r);
	if (!hit) {
		r.status = 200;
		r.content_type = "text/html; charset=utf-8";
		assert_int_equal(buf_puts(&r.out, body), CF_OK);
		if (between_lookup_and_store)
			between_lookup_and_store();
		cache_store(&r);
	} else {
		assert_int_equal(r.out.len, strlen(body));
		assert_memory_equal(r.out.data, body, r.out.len);
	}
	buf_free(&r.out);
	arena_free(r.a);
	return hit;
}

static void page_built_during_a_change_is_not_kept(void **st)
{
	(void)st;
	cache_clear();
	assert_false(visit("old list", cache_clear)); /* a POST committed meanwhile */
	assert_false(visit("new list", NULL));	      /* not the old list */
	assert_true(visit("new list", NULL));	      /* kept this time */
	cache_clear();
	assert_false(visit("newer list", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(page_built_during_a_change_is_not_kept, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
