/*
 * test_params.c - typed readers for request values (pages/params.c): a
 * number in range or "not one", never a silent 0 or a half-parsed value.
 */
#include "unit.h"

#include "../../src/pages/pages.h"

static void whole_numbers_in_range_are_read(void **state)
{
	(void)state;
	long long v = -1;
	assert_true(page_int("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_true(page_int("-3", -10, 10, &v));
	assert_int_equal(v, -3);
	assert_true(page_int("0", 0, 0, &v));
	assert_int_equal(v, 0);
}

static void arabic_indic_digits_count_as_digits(void **state)
{
	(void)state;
	long long v = -1;
	assert_true(page_int("\xD9\xA1\xD9\xA2", 0, 100, &v)); /* ١٢ */
	assert_int_equal(v, 12);
	assert_true(page_int("\xDB\xB7", 0, 100, &v)); /* ۷ */
	assert_int_equal(v, 7);
	assert_true(page_int("1\xD9\xA0", 0, 100, &v)); /* 1٠ */
	assert_int_equal(v, 10);
}

static void anything_else_is_not_a_number_and_leaves_out_alone(void **state)
{
	(void)state;
	const char *bad[] = { NULL,	  "",
			      "-",	  "12abc",
			      "abc",	  " 1",
			      "1 ",	  "+1",
			      "1.5",	  "0x10",
			      "\xD9\xAA", /* U+066A, not a digit */
			      "\xD9",	  "1234567890123456789",
			      "--1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long long v = 77;
		assert_false(page_int(bad[i], -1000000, 1000000000000000000LL, &v));
		assert_int_equal(v, 77);
	}
}

static void numbers_out_of_range_are_refused(void **state)
{
	(void)state;
	long long v = 77;
	assert_false(page_int("101", 0, 100, &v));
	assert_false(page_int("-1", 0, 100, &v));
	assert_false(page_int("999999999999999999", 0, 1000, &v));
	assert_int_equal(v, 77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_numbers_in_range_are_read),
		cmocka_unit_test(arabic_indic_digits_count_as_digits),
		cmocka_unit_test(anything_else_is_not_a_number_and_leaves_out_alone),
		cmocka_unit_test(numbers_out_of_range_are_refused),
	};
	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
