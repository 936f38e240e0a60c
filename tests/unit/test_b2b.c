/* test_b2b.c - the B2B model's pure parts and its iCalendar writer
 * (b2b.h, b2b_ical.h): codes, escaping of hostile texts, line folding that
 * never splits a UTF-8 character, only accepted meetings in a calendar. */
#include "unit.h"

#include "../../src/export/b2b_ical.h"
#include "../../src/model/b2b.h"
#include "../../src/model/sales.h"

static void test_codes(void **state)
{
	(void)state;
	assert_true(b2b_kind_valid("buyer") && b2b_kind_valid("exporter"));
	assert_false(b2b_kind_valid("admin") || b2b_kind_valid("") || b2b_kind_valid(NULL));
	assert_true(b2b_outcome_valid("follow_up"));
	assert_false(b2b_outcome_valid("") || b2b_outcome_valid("order "));
	assert_true(sales_payment_valid("") && sales_payment_valid("mobile"));
	assert_false(sales_payment_valid("bitcoin") || sales_payment_valid(NULL));
}

static void test_ical_text_escapes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 1024);
	assert_int_equal(b2b_ical_text(&b, "a,b;c\\d\ne\r\x01"
					   "f"),
			 CF_OK);
	assert_string_equal(buf_cstr(&b), "a\\,b\\;c\\\\d\\nef");
	buf_free(&b);
}

static const char *summary(const b2b_meeting *m, void *ctx)
{
	(void)ctx;
	return m->coop_ar;
}

static void test_ical_folds_utf8_and_keeps_accepted(void **state)
{
	(void)state;
	b2b_meeting m[2] = { 0 };
	m[0].id = 7, m[0].slot = "2024-02-22T15:30", m[0].status = "accepted", m[0].table = "T1";
	m[0].coop_ar = "تعاونية الأمل للزرابي والنسيج التقليدي بمدينة فاس العتيقة، قرب باب بوجلود";
	m[1] = m[0];
	m[1].id = 8, m[1].status = "declined";
	buf b;
	buf_init(&b, 1 << 16);
	assert_int_equal(b2b_ical(m, 2, summary, NULL, "Hub", &b), CF_OK);
	const char *s = buf_cstr(&b);
	assert_non_null(strstr(s, "UID:b2b-meeting-7@coopfair\r\n"));
	assert_null(strstr(s, "b2b-meeting-8"));
	assert_non_null(strstr(s, "DTSTART;TZID=Africa/Casablanca:20240222T153000\r\n"));
	/* every physical line is at most 75 octets and starts on a character */
	const char *line = s;
	int folded = 0;
	while (*line) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		if (*line == ' ') {
			folded++;
			assert_true(((unsigned char)line[1] & 0xC0) != 0x80);
		}
		line = end + 2;
	}
	assert_true(folded >= 1);
	assert_non_null(strstr(s, "END:VCALENDAR\r\n"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_ical_text_escapes),
		cmocka_unit_test(test_ical_folds_utf8_and_keeps_accepted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
