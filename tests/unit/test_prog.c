/* test_prog.c - the programme's iCalendar output against a validator of
 * RFC 5545's required properties and line folding, the time checks, and
 * the view counter's robot rule (issue 15). */
#include "unit.h"
#include "../../src/export/prog_ical.h"
#include "../../src/model/news.h"
#include "../../src/model/prog.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- a small RFC 5545 validator ---- */

/* utf8_ok - s[0..n) is whole UTF-8 characters. */
static int utf8_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = s[i] < 0x80	  ? 1
			   : s[i] >= 0xf0 ? 4
			   : s[i] >= 0xe0 ? 3
			   : s[i] >= 0xc0 ? 2
					  : 0;
		if (!k || i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

#define LINES_MAX 512

/* unfold - check the physical lines (CRLF, at most 75 octets, whole UTF-8
 * characters, continuation lines start with a space) and join them into
 * logical lines. Returns their count, or -1 with why set. */
static int unfold_lines(const char *text, char **lines, int *count, const char **why)
{
	int n = 0;
	*count = 0;
	const char *p = text;
	if (!*p) {
		*why = "empty";
		return -1;
	}
	while (*p) {
		const char *end = strstr(p, "\r\n");
		if (!end) {
			*why = "a line does not end in CRLF";
			return -1;
		}
		size_t len = (size_t)(end - p);
		if (memchr(p, '\n', len) || memchr(p, '\r', len)) {
			*why = "a bare LF or CR";
			return -1;
		}
		if (len > 75) {
			*why = "a line longer than 75 octets";
			return -1;
		}
		if (!utf8_ok((const unsigned char *)p, len)) {
			*why = "a line splits a UTF-8 character";
			return -1;
		}
		if (*p == ' ' || *p == '\t') {
			if (!n) {
				*why = "a continuation first";
				return -1;
			}
			size_t had = strlen(lines[n - 1]);
			lines[n - 1] = realloc(lines[n - 1], had + len);
			memcpy(lines[n - 1] + had, p + 1, len - 1);
			lines[n - 1][had + len - 1] = 0;
		} else {
			if (n == LINES_MAX) {
				*why = "too many lines";
				return -1;
			}
			lines[n] = malloc(len + 1);
			memcpy(lines[n], p, len);
			lines[n][len] = 0;
			*count = ++n;
		}
		p = end + 2;
	}
	return n;
}

/* unfold - unfold_lines, and on a problem free what it read: the count of
 * logical lines, or -1 with why set. */
static int unfold(const char *text, char **lines, const char **why)
{
	int count = 0, n = unfold_lines(text, lines, &count, why);
	if (n < 0)
		for (int i = 0; i < count; i++)
			free(lines[i]);
	return n;
}

static int has_prop(char **lines, int from, int to, const char *name)
{
	size_t k = strlen(name);
	for (int i = from; i < to; i++)
		if (!strncmp(lines[i], name, k) && (lines[i][k] == ':' || lines[i][k] == ';'))
			return 1;
	return 0;
}

/* ical_check - NULL when text is a valid calendar for coopfair's use:
 * balanced components, VERSION:2.0 and PRODID; per VEVENT: UID, DTSTAMP
 * (UTC), DTSTART, and a DTEND after it; per VTIMEZONE: TZID and at least
 * one STANDARD or DAYLIGHT with DTSTART, TZOFFSETFROM, TZOFFSETTO; every
 * TZID used is defined. */
static const char *ical_check(const char *text)
{
	char *lines[LINES_MAX];
	const char *why = NULL;
	int n = unfold(text, lines, &why);
	if (n < 0)
		return why;
	const char *stack[8];
	int depth = 0, start[8], events = 0;
	char tzid[64] = "";
	for (int i = 0; i < n && !why; i++) {
		char *l = lines[i];
		if (!strchr(l, ':'))
			why = "a line without a colon";
		else if (!strncmp(l, "BEGIN:", 6)) {
			if (depth == 8)
				why = "nested too deep";
			else {
				stack[depth] = l + 6;
				start[depth++] = i;
			}
		} else if (!strncmp(l, "END:", 4)) {
			if (!depth || strcmp(stack[depth - 1], l + 4))
				why = "END without its BEGIN";
			else {
				const char *c = stack[--depth];
				int s = start[depth];
				if (!strcmp(c, "VCALENDAR") && (!has_prop(lines, s, i, "VERSION") ||
								!has_prop(lines, s, i, "PRODID")))
					why = "VCALENDAR without VERSION or PRODID";
				if (!strcmp(c, "VEVENT")) {
					events++;
					if (!has_prop(lines, s, i, "UID") ||
					    !has_prop(lines, s, i, "DTSTAMP") ||
					    !has_prop(lines, s, i, "DTSTART"))
						why = "VEVENT without UID, DTSTAMP or DTSTART";
					const char *st = NULL, *en = NULL;
					for (int k = s; k < i; k++) {
						if (!strncmp(lines[k], "DTSTART", 7))
							st = strrchr(lines[k], ':') + 1;
						if (!strncmp(lines[k], "DTEND", 5))
							en = strrchr(lines[k], ':') + 1;
						if (!strncmp(lines[k], "DTSTAMP:", 8) &&
						    lines[k][strlen(lines[k]) - 1] != 'Z')
							why = "DTSTAMP not in UTC";
					}
					if (st && en && strcmp(st, en) >= 0)
						why = "DTEND not after DTSTART";
				}
				if ((!strcmp(c, "STANDARD") || !strcmp(c, "DAYLIGHT")) &&
				    (!has_prop(lines, s, i, "DTSTART") ||
				     !has_prop(lines, s, i, "TZOFFSETFROM") ||
				     !has_prop(lines, s, i, "TZOFFSETTO")))
					why = "an observance without DTSTART or offsets";
				if (!strcmp(c, "VTIMEZONE")) {
					int observances = 0;
					for (int k = s; k < i; k++) {
						if (!strncmp(lines[k], "TZID:", 5))
							snprintf(tzid, sizeof tzid, "%s",
								 lines[k] + 5);
						observances +=
							!strcmp(lines[k], "BEGIN:STANDARD") ||
							!strcmp(lines[k], "BEGIN:DAYLIGHT");
					}
					if (!*tzid || !observances)
						why = "VTIMEZONE without TZID or observance";
				}
			}
		} else if (strstr(l, ";TZID=")) {
			const char *t = strstr(l, ";TZID=") + 6;
			if (strncmp(t, tzid, strlen(tzid)) || !*tzid || t[strlen(tzid)] != ':')
				why = "a TZID used before or without its VTIMEZONE";
		}
	}
	if (!why && depth)
		why = "a component not ended";
	if (!why && (n < 2 || strcmp(lines[0], "BEGIN:VCALENDAR")))
		why = "not a VCALENDAR";
	if (!why && !events)
		why = "no event";
	for (int i = 0; i < n; i++)
		free(lines[i]);
	return why;
}

/* ---- the tests ---- */

static prog_session session(int64_t id, const char *title, const char *start, const char *end)
{
	prog_session s;
	memset(&s, 0, sizeof s);
	s.id = id;
	s.edition_id = 1;
	s.space_id = 2;
	s.kind = PROG_CEREMONY;
	s.title.v[LANG_AR] = title;
	s.title.v[LANG_FR] = title;
	s.title.v[LANG_EN] = title;
	s.about.v[LANG_FR] = "Ligne 1\nLigne 2; avec, des \\ signes";
	s.space.v[LANG_FR] = "Agora";
	s.starts_at = start;
	s.ends_at = end;
	return s;
}

static void the_calendar_passes_the_validator(void **state)
{
	(void)state;
	static prog_speaker sp[] = {
		{ "وزيرة التضامن والإدماج الاجتماعي والأسرة — La ministre de la Solidarité", "", "",
		  1 },
	};
	prog_session v[2] = {
		session(1,
			"حفل افتتاح الدورة الأولى لمعرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني لجهة فاس مكناس",
			"2024-02-20T10:00", "2024-02-20T11:30"),
		session(2,
			"Atelier : vendre en ligne, prix et photos des produits, une longue ligne",
			"2024-03-20T15:00", "2024-03-20T17:00"),
	};
	v[0].speakers = sp;
	v[0].nspeakers = 1;
	buf b;
	buf_init(&b, 1 << 20);
	for (int l = 0; l < LANG__MAX; l++) {
		buf_reset(&b);
		assert_int_equal(prog_ical(&b, v, 2, (lang)l, "Salon, \"2024\"; Fès",
					   "fair.example", 1700000000),
				 CF_OK);
		const char *why = ical_check(buf_cstr(&b));
		if (why)
			fail_msg("invalid calendar (%s):\n%s", why, buf_cstr(&b));
	}
	/* values escaped as RFC 5545 3.3.11 says */
	assert_non_null(strstr(buf_cstr(&b), "X-WR-CALNAME:Salon\\, \"2024\"\\; Fès\r\n"));
	assert_non_null(strstr(buf_cstr(&b), "UID:session-1-1@fair.example\r\n"));
	assert_non_null(strstr(buf_cstr(&b), "DTSTAMP:20231114T221320Z\r\n"));
	assert_non_null(strstr(buf_cstr(&b), "DTSTART;TZID=Africa/Casablanca:20240220T100000\r\n"));
	buf_free(&b);
}

static void the_validator_refuses_what_is_wrong(void **state)
{
	(void)state;
	const char *ok = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
			 "DTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\n"
			 "END:VCALENDAR\r\n";
	assert_null(ical_check(ok));
	assert_non_null(ical_check("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n"));
	assert_non_null(ical_check("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
				   "DTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\n"
				   "END:VEVENT\r\nEND:VCALENDAR\r\n")); /* no PRODID */
	assert_non_null(ical_check("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
				   "DTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\n"
				   "END:VEVENT\r\nEND:VCALENDAR\r\n")); /* no UID */
	char longline[400];
	snprintf(longline, sizeof longline,
		 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:%080d\r\nBEGIN:VEVENT\r\nUID:1\r\n"
		 "DTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\n"
		 "END:VCALENDAR\r\n",
		 0);
	assert_non_null(ical_check(longline));
	assert_non_null(ical_check("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
				   "UID:1\r\nDTSTAMP:20240101T000000Z\r\n"
				   "DTSTART;TZID=Africa/Casablanca:20240101T100000\r\n"
				   "END:VEVENT\r\nEND:VCALENDAR\r\n")); /* TZID undefined */
}

static void folding_keeps_utf8_characters_whole(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 1 << 16);
	char line[600] = "SUMMARY:";
	for (int i = 0; i < 60; i++)
		strcat(line, "تع"); /* 2-byte characters, from an odd offset */
	strcat(line, "x");
	assert_int_equal(prog_ical_fold(&b, line), CF_OK);
	char *lines[LINES_MAX];
	const char *why = NULL;
	int n = unfold(buf_cstr(&b), lines, &why);
	assert_null(why);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], line);
	free(lines[0]);
	/* exactly 75 octets: not folded */
	buf_reset(&b);
	char seventyfive[76];
	memset(seventyfive, 'a', 75);
	seventyfive[75] = 0;
	assert_int_equal(prog_ical_fold(&b, seventyfive), CF_OK);
	assert_int_equal(b.len, 77);
	buf_reset(&b);
	char seventysix[77];
	memset(seventysix, 'a', 76);
	seventysix[76] = 0;
	assert_int_equal(prog_ical_fold(&b, seventysix), CF_OK);
	assert_int_equal(b.len, 76 + 3 + 2);
	assert_memory_equal(b.data + 75, "\r\n a\r\n", 6);
	buf_free(&b);
}

static void the_time_zone_follows_ramadan_2024(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 1 << 16);
	prog_session s = session(3, "x", "2024-02-20T10:00", "2024-02-20T11:00");
	assert_int_equal(prog_ical(&b, &s, 1, LANG_FR, NULL, NULL, 1700000000), CF_OK);
	const char *t = buf_cstr(&b);
	/* Morocco left +01 for +00 on Sunday 10 March 2024 at 03:00 and came
	 * back on Sunday 14 April at 02:00 (tzdata) */
	assert_non_null(
		strstr(t, "DTSTART:20240310T030000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n"));
	assert_non_null(
		strstr(t, "DTSTART:20240414T020000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n"));
	buf_free(&b);
}

static void times_are_checked(void **state)
{
	(void)state;
	assert_true(prog_time_ok("2024-02-20T10:00"));
	assert_true(prog_time_ok("2024-02-29T23:59"));
	assert_false(prog_time_ok("2023-02-29T10:00"));
	assert_false(prog_time_ok("2024-02-20 10:00"));
	assert_false(prog_time_ok("2024-02-20T24:00"));
	assert_false(prog_time_ok("2024-13-01T10:00"));
	assert_false(prog_time_ok("2024-02-20T10:00Z"));
	assert_false(prog_time_ok(NULL));
}

static void robots_are_not_counted(void **state)
{
	(void)state;
	assert_true(news_is_robot(""));
	assert_true(news_is_robot(NULL));
	assert_true(news_is_robot("Mozilla/5.0 (compatible; Googlebot/2.1)"));
	assert_true(news_is_robot("curl/7.88.1"));
	assert_false(
		news_is_robot("Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile Safari/537.36"));
}

int main(void)
{
	setenv("TZ", "Africa/Casablanca", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_calendar_passes_the_validator),
		cmocka_unit_test(the_validator_refuses_what_is_wrong),
		cmocka_unit_test(folding_keeps_utf8_characters_whole),
		cmocka_unit_test(the_time_zone_follows_ramadan_2024),
		cmocka_unit_test(times_are_checked),
		cmocka_unit_test(robots_are_not_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
