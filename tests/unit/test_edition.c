/* test_edition.c - the life of an edition: when its call for applications
 * is open, and how many days are left. */
#include "unit.h"
#include "../../src/model/edition.h"

#include <string.h>

static edition call(edition_state st, const char *opens, const char *closes)
{
	edition e;
	memset(&e, 0, sizeof e);
	e.state = st;
	e.call_opens_on = opens;
	e.call_closes_on = closes;
	return e;
}

static void the_call_is_open_only_in_its_state_and_between_its_days(void **state)
{
	(void)state;
	edition e = call(EDITION_CALL_OPEN, "2026-11-01", "2026-12-15");
	assert_false(edition_call_open(&e, "2026-10-31"));
	assert_true(edition_call_open(&e, "2026-11-01")); /* the first day, whole */
	assert_true(edition_call_open(&e, "2026-12-15")); /* the last day, whole */
	assert_false(edition_call_open(&e, "2026-12-16"));
	e.state = EDITION_SELECTION;
	assert_false(edition_call_open(&e, "2026-11-30"));
	e.state = EDITION_DRAFT;
	assert_false(edition_call_open(&e, "2026-11-30"));
	edition open = call(EDITION_CALL_OPEN, "", "");
	assert_true(edition_call_open(&open, "2026-11-30"));
	assert_false(edition_call_open(&open, "not a day"));
}

static void days_until_counts_whole_days(void **state)
{
	(void)state;
	assert_int_equal(edition_days_until("2026-11-30", "2026-12-01"), 1);
	assert_int_equal(edition_days_until("2026-11-30", "2027-02-20"), 82);
	assert_int_equal(edition_days_until("2026-11-30", "2024-02-20"), -1014);
	assert_int_equal(edition_days_until("2026-11-30", ""), 0);
}

static void states_have_codes_both_ways(void **state)
{
	(void)state;
	for (int i = 0; i < EDITION__MAX; i++)
		assert_int_equal(edition_state_parse(edition_state_code((edition_state)i)), i);
	assert_int_equal(edition_state_parse("published"), EDITION_PUBLISHED);
	assert_int_equal(edition_state_parse("nope"), -1);
	assert_int_equal(edition_state_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_call_is_open_only_in_its_state_and_between_its_days),
		cmocka_unit_test(days_until_counts_whole_days),
		cmocka_unit_test(states_have_codes_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
