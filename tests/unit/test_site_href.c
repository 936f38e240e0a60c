/*
 * test_site_href.c - site_href (request.h) gives what printf gives, with
 * the site's base in front: its fast path for links (%s, %d, %lld, %%)
 * and its fallback (other directives, long results) alike.
 */
#include "unit.h"

#include "../../src/http/request.h"

#include <stdio.h>

static request r;

static int setup(void **state)
{
	(void)state;
	r.a = arena_new(1 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(r.a);
	site_set_base(NULL);
	return 0;
}

static void links_read_as_printf_writes_them(void **state)
{
	(void)state;
	char want[2048];
	char long_arg[900];
	memset(long_arg, 'x', sizeof long_arg - 1);
	long_arg[sizeof long_arg - 1] = 0;
	const char *bases[] = { NULL, "/fair" };
	int checked = 0;
	for (int b = 0; b < 2; b++) {
		assert_true(site_set_base(bases[b]));
		const char *pre = bases[b] ? bases[b] : "";
#define SAME(...)                                                      \
	do {                                                           \
		char path[1600];                                       \
		snprintf(path, sizeof path, __VA_ARGS__);              \
		snprintf(want, sizeof want, "%s%s", pre, path);        \
		assert_string_equal(site_href(&r, __VA_ARGS__), want); \
		checked++;                                             \
	} while (0)
		SAME("/exhibitors");
		SAME("/exhibitors/%d", 17);
		SAME("/exhibitors/%d", -5);
		SAME("/exhibitors/%d", 0);
		SAME("/exhibitors/%d", 2147483647);
		SAME("/exhibitors/%d", (int)(-2147483647 - 1));
		SAME("/catalog/photos/%lld", 9223372036854775807LL);
		SAME("/catalog/photos/%lld", (-9223372036854775807LL - 1));
		SAME("/a/%lld/b/%lld", 1LL, 22LL);
		SAME("/catalogue.pdf?edition=%s&x=%d", "fes-2024", 3);
		SAME("%s", "/signin?next=%2Fadmin");
		SAME("/100%%/%s", "ok");
		SAME("/long/%s", long_arg);		  /* past the fast path's buffer */
		SAME("/hex/%x/%5d/%03lld", 255u, 7, 9LL); /* other directives */
#undef SAME
	}
	assert_int_equal(checked, 28);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_read_as_printf_writes_them),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
