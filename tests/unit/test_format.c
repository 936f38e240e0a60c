/*
 * test_format.c - numbers and dates in each language (pages/format.c) and
 * the length of an edition (edition_days).
 */
#include "unit.h"

#include "../../src/model/edition.h"
#include "../../src/pages/pages.h"
#include "../../src/util/clock.h"
#include "../../src/util/text.h"

#include <limits.h>

static request req;

static int setup(void **state)
{
	(void)state;
	memset(&req, 0, sizeof req);
	req.a = arena_new(1 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(req.a);
	return 0;
}

static request *in(lang l)
{
	req.lang = l;
	return &req;
}

static void fmt_int_groups_thousands_by_language(void **state)
{
	(void)state;
	assert_string_equal(fmt_int(in(LANG_AR), 1500), "1500");
	assert_string_equal(fmt_int(in(LANG_FR), 1500), "1\u202f500");
	assert_string_equal(fmt_int(in(LANG_EN), 1500), "1,500");
}

static void fmt_int_leaves_small_numbers_alone(void **state)
{
	(void)state;
	assert_string_equal(fmt_int(in(LANG_EN), 0), "0");
	assert_string_equal(fmt_int(in(LANG_FR), 999), "999");
	assert_string_equal(fmt_int(in(LANG_EN), 1000), "1,000");
}

static void fmt_int_groups_negative_numbers(void **state)
{
	(void)state;
	assert_string_equal(fmt_int(in(LANG_EN), -1234567), "-1,234,567");
	assert_string_equal(fmt_int(in(LANG_AR), -80), "-80");
}

static void fmt_int_handles_the_extreme_longs(void **state)
{
	(void)state;
	assert_string_equal(fmt_int(in(LANG_EN), LONG_MAX), "9,223,372,036,854,775,807");
	assert_string_equal(fmt_int(in(LANG_EN), LONG_MIN), "-9,223,372,036,854,775,808");
	assert_string_equal(fmt_int(in(LANG_FR), LONG_MIN),
			    "-9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f808");
}

static void fmt_date_writes_the_month_name_in_each_language(void **state)
{
	(void)state;
	assert_string_equal(fmt_date(in(LANG_AR), "2024-02-20"), "20 فبراير 2024");
	assert_string_equal(fmt_date(in(LANG_FR), "2024-02-20"), "20 février 2024");
	assert_string_equal(fmt_date(in(LANG_EN), "2024-02-20"), "20 February 2024");
}

static void fmt_date_uses_moroccan_month_names(void **state)
{
	(void)state;
	/* Morocco writes the French-derived names: ماي, يوليوز, غشت, شتنبر... */
	assert_string_equal(fmt_date(in(LANG_AR), "2024-05-01"), "1 ماي 2024");
	assert_string_equal(fmt_date(in(LANG_AR), "2024-08-15"), "15 غشت 2024");
	assert_string_equal(fmt_date(in(LANG_AR), "2024-12-31"), "31 دجنبر 2024");
}

static void fmt_date_returns_a_malformed_date_unchanged(void **state)
{
	(void)state;
	assert_string_equal(fmt_date(in(LANG_FR), "2024-13-01"), "2024-13-01");
	assert_string_equal(fmt_date(in(LANG_FR), "soon"), "soon");
	assert_string_equal(fmt_date(in(LANG_FR), NULL), "");
}

static void fmt_date_range_within_a_month(void **state)
{
	(void)state;
	assert_string_equal(fmt_date_range(in(LANG_AR), "2024-02-20", "2024-02-24"),
			    "من 20 إلى 24 فبراير 2024");
	assert_string_equal(fmt_date_range(in(LANG_FR), "2024-02-20", "2024-02-24"),
			    "20–24 février 2024");
	assert_string_equal(fmt_date_range(in(LANG_EN), "2024-02-20", "2024-02-24"),
			    "20–24 February 2024");
}

static void fmt_date_range_across_months(void **state)
{
	(void)state;
	assert_string_equal(fmt_date_range(in(LANG_FR), "2024-02-28", "2024-03-02"),
			    "28 février 2024 – 2 mars 2024");
	assert_string_equal(fmt_date_range(in(LANG_AR), "2024-02-28", "2024-03-02"),
			    "من 28 فبراير 2024 إلى 2 مارس 2024");
}

static void fmt_date_range_of_malformed_dates_is_empty(void **state)
{
	(void)state;
	assert_string_equal(fmt_date_range(in(LANG_FR), "x", "2024-03-02"), "");
}

static void fmt_weekday_of_the_opening_day(void **state)
{
	(void)state;
	/* 20 February 2024 was a Tuesday. */
	assert_string_equal(fmt_weekday(in(LANG_AR), "2024-02-20"), "الثلاثاء");
	assert_string_equal(fmt_weekday(in(LANG_FR), "2024-02-20"), "mardi");
	assert_string_equal(fmt_weekday(in(LANG_EN), "2024-02-20"), "Tuesday");
	assert_string_equal(fmt_weekday(in(LANG_EN), "bad"), "");
}

static int days(const char *from, const char *to)
{
	edition e = { 0 };
	e.starts_on = from;
	e.ends_on = to;
	return edition_days(&e);
}

/* text_ymd (util/text.h), the dates' fast path, reads what sscanf reads
 * and takes nothing but the YYYY-MM-DD form. */
static void text_ymd_reads_what_sscanf_reads(void **state)
{
	(void)state;
	const char *yes[] = { "2024-02-20", "0000-00-00", "9999-12-31", "2024-02-20T10:00:00Z",
			      "2024-02-20 and more" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		int y, m, d, sy, sm, sd;
		assert_true(text_ymd(yes[i], &y, &m, &d));
		assert_int_equal(sscanf(yes[i], "%d-%d-%d", &sy, &sm, &sd), 3);
		assert_int_equal(y, sy);
		assert_int_equal(m, sm);
		assert_int_equal(d, sd);
	}
	const char *no[] = { NULL,	   "",		"2024-2-20",  " 2024-02-20", "+024-02-20",
			     "2024/02/20", "2024-02-2", "٢٠٢٤-02-20", "2024-02-2x" };
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		int y, m, d;
		assert_false(text_ymd(no[i], &y, &m, &d));
	}
	/* and the pages still read the other forms through sscanf */
	assert_string_equal(fmt_date(in(LANG_EN), "2024-2-20"), "20 February 2024");
}

static void edition_days_counts_both_ends(void **state)
{
	(void)state;
	assert_int_equal(days("2024-02-20", "2024-02-24"), 5);
	assert_int_equal(days("2024-02-20", "2024-02-20"), 1);
}

static void edition_days_counts_a_leap_day(void **state)
{
	(void)state;
	assert_int_equal(days("2024-02-28", "2024-03-01"), 3);
	assert_int_equal(days("2023-02-28", "2023-03-01"), 2);
	assert_int_equal(days("2023-12-30", "2024-01-02"), 4);
}

static void edition_days_of_a_reversed_or_malformed_range_is_zero(void **state)
{
	(void)state;
	assert_int_equal(days("2024-02-24", "2024-02-20"), 0);
	assert_int_equal(days("2024-02-20", "next week"), 0);
	assert_int_equal(days("", ""), 0);
}

/* clock_iso: the text every table stores its times in (util/clock.h) */
static void clock_iso_writes_utc_times_that_sort_as_text(void **state)
{
	(void)state;
	char a[CLOCK_ISO_SIZE], b[CLOCK_ISO_SIZE];
	clock_iso(0, a);
	assert_string_equal(a, "1970-01-01T00:00:00Z");
	clock_iso(1708420200, a); /* the fair's first morning, 10:10 in Fès */
	assert_string_equal(a, "2024-02-20T09:10:00Z");
	clock_iso(1708420200 + 86400 * 4 - 1, b);
	assert_string_equal(b, "2024-02-24T09:09:59Z");
	assert_true(strcmp(a, b) < 0);
	clock_now_iso(b);
	assert_int_equal(strlen(b), CLOCK_ISO_SIZE - 1);
	assert_true(strcmp(b, "2026-01-01T00:00:00Z") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clock_iso_writes_utc_times_that_sort_as_text),
		cmocka_unit_test(fmt_int_groups_thousands_by_language),
		cmocka_unit_test(fmt_int_leaves_small_numbers_alone),
		cmocka_unit_test(fmt_int_groups_negative_numbers),
		cmocka_unit_test(fmt_int_handles_the_extreme_longs),
		cmocka_unit_test(fmt_date_writes_the_month_name_in_each_language),
		cmocka_unit_test(fmt_date_uses_moroccan_month_names),
		cmocka_unit_test(fmt_date_returns_a_malformed_date_unchanged),
		cmocka_unit_test(fmt_date_range_within_a_month),
		cmocka_unit_test(fmt_date_range_across_months),
		cmocka_unit_test(fmt_date_range_of_malformed_dates_is_empty),
		cmocka_unit_test(fmt_weekday_of_the_opening_day),
		cmocka_unit_test(text_ymd_reads_what_sscanf_reads),
		cmocka_unit_test(edition_days_counts_both_ends),
		cmocka_unit_test(edition_days_counts_a_leap_day),
		cmocka_unit_test(edition_days_of_a_reversed_or_malformed_range_is_zero),
	};
	return cmocka_run_group_tests_name("format", tests, setup, teardown);
}
