/*
 * test_router.c - route patterns (route_match), the route table's shape,
 * and CSRF tokens.
 */
#include "unit.h"

#include "../../src/http/router.h"

#include <sodium.h>

/* match - route_match with fresh outputs; *id = -7 and *tail = "unset"
 * when the pattern did not set them. */
static int match(const char *pattern, const char *path, int64_t *id, const char **tail)
{
	*id = -7;
	*tail = "unset";
	return route_match(pattern, path, id, tail);
}

static void root_pattern_matches_only_the_root(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/", "/", &id, &tail));
	assert_false(match("/", "", &id, &tail));
	assert_false(match("/", "//", &id, &tail));
	assert_false(match("/", "/x", &id, &tail));
	assert_false(match("/", "/index.html", &id, &tail));
}

static void literal_pattern_needs_the_exact_path(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/exhibitors", "/exhibitors", &id, &tail));
	assert_false(match("/exhibitors", "/exhibitors/", &id, &tail));
	assert_false(match("/exhibitors", "/exhibitorsx", &id, &tail));
	assert_false(match("/exhibitors", "/exhibitor", &id, &tail));
	assert_false(match("/exhibitors", "/EXHIBITORS", &id, &tail));
}

static void id_segment_takes_a_positive_integer(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/exhibitors/{id}", "/exhibitors/42", &id, &tail));
	assert_int_equal(id, 42);
	assert_true(match("/exhibitors/{id}", "/exhibitors/1", &id, &tail));
	assert_int_equal(id, 1);
	assert_true(match("/exhibitors/{id}", "/exhibitors/123456789012", &id, &tail));
	assert_int_equal(id, 123456789012LL);
}

static void id_segment_refuses_zero(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/exhibitors/{id}", "/exhibitors/0", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/000", &id, &tail));
}

static void id_segment_refuses_negative_and_signed_numbers(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/exhibitors/{id}", "/exhibitors/-1", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/+1", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/ 1", &id, &tail));
}

static void id_segment_refuses_overflow(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/exhibitors/{id}", "/exhibitors/99999999999999999999", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/18446744073709551617", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/9223372036854775808", &id, &tail));
}

static void id_segment_refuses_non_digits(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/exhibitors/{id}", "/exhibitors/abc", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/4a", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/4.0", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/0x10", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors", &id, &tail));
}

static void id_segment_refuses_a_trailing_slash(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/exhibitors/{id}", "/exhibitors/42/", &id, &tail));
	assert_false(match("/exhibitors/{id}", "/exhibitors/42/x", &id, &tail));
}

static void id_segment_in_the_middle_of_a_pattern(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/e/{id}/edit", "/e/7/edit", &id, &tail));
	assert_int_equal(id, 7);
	assert_false(match("/e/{id}/edit", "/e/7/editx", &id, &tail));
	assert_false(match("/e/{id}/edit", "/e/7", &id, &tail));
}

static void star_takes_the_rest_of_the_path(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/static/*", "/static/style.css", &id, &tail));
	assert_string_equal(tail, "style.css");
	assert_true(match("/static/*", "/static/a/b/../c", &id, &tail));
	assert_string_equal(tail, "a/b/../c");
}

static void star_matches_an_empty_rest(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_true(match("/static/*", "/static/", &id, &tail));
	assert_string_equal(tail, "");
}

static void star_needs_the_literal_prefix(void **state)
{
	(void)state;
	int64_t id;
	const char *tail;
	assert_false(match("/static/*", "/static", &id, &tail));
	assert_false(match("/static/*", "/staticx/a", &id, &tail));
	assert_false(match("/static/*", "/", &id, &tail));
	assert_false(match("/static/*", "", &id, &tail));
}

static void route_table_patterns_are_absolute_and_unique(void **state)
{
	(void)state;
	assert_true(routes_count > 0);
	for (size_t i = 0; i < routes_count; i++) {
		assert_non_null(routes[i].pattern);
		assert_int_equal(routes[i].pattern[0], '/');
		assert_non_null(routes[i].fn);
		for (size_t k = i + 1; k < routes_count; k++)
			if (routes[i].method == routes[k].method &&
			    !strcmp(routes[i].pattern, routes[k].pattern))
				fail_msg("route %s listed twice", routes[i].pattern);
	}
}

static void state_changing_routes_are_never_get(void **state)
{
	(void)state;
	for (size_t i = 0; i < routes_count; i++)
		if (routes[i].changes_state && routes[i].method == HTTP_GET)
			fail_msg("GET %s changes state", routes[i].pattern);
}

static void csrf_token_is_64_hex_digits_and_stable(void **state)
{
	(void)state;
	unsigned char key[32];
	memset(key, 0x42, sizeof key);
	router_init(key);
	char t1[65], t2[65];
	router_csrf_token("0123456789abcdef0123456789abcdef", t1);
	router_csrf_token("0123456789abcdef0123456789abcdef", t2);
	assert_int_equal(strlen(t1), 64);
	assert_int_equal(strspn(t1, "0123456789abcdef"), 64);
	assert_string_equal(t1, t2);
}

static void csrf_token_differs_by_visitor_and_by_key(void **state)
{
	(void)state;
	unsigned char key[32];
	memset(key, 0x42, sizeof key);
	router_init(key);
	char a[65], b[65], c[65];
	router_csrf_token("visitor-a", a);
	router_csrf_token("visitor-b", b);
	key[0] ^= 1;
	router_init(key);
	router_csrf_token("visitor-a", c);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(root_pattern_matches_only_the_root),
		cmocka_unit_test(literal_pattern_needs_the_exact_path),
		cmocka_unit_test(id_segment_takes_a_positive_integer),
		cmocka_unit_test(id_segment_refuses_zero),
		cmocka_unit_test(id_segment_refuses_negative_and_signed_numbers),
		cmocka_unit_test(id_segment_refuses_overflow),
		cmocka_unit_test(id_segment_refuses_non_digits),
		cmocka_unit_test(id_segment_refuses_a_trailing_slash),
		cmocka_unit_test(id_segment_in_the_middle_of_a_pattern),
		cmocka_unit_test(star_takes_the_rest_of_the_path),
		cmocka_unit_test(star_matches_an_empty_rest),
		cmocka_unit_test(star_needs_the_literal_prefix),
		cmocka_unit_test(route_table_patterns_are_absolute_and_unique),
		cmocka_unit_test(state_changing_routes_are_never_get),
		cmocka_unit_test(csrf_token_is_64_hex_digits_and_stable),
		cmocka_unit_test(csrf_token_differs_by_visitor_and_by_key),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
