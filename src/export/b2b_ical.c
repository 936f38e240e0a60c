/* b2b_ical.c - see b2b_ical.h. */
#include "b2b_ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

cf_err b2b_ical_text(buf *out, const char *s)
{
	cf_err e = CF_OK;
	for (; *s && !e; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			char c[3] = { '\\', *s, 0 };
			e = buf_puts(out, c);
		} else if (*s == '\n') {
			e = buf_puts(out, "\\n");
		} else if (*s == '\r' || (unsigned char)*s < 0x20) {
			continue;
		} else {
			e = buf_append(out, s, 1);
		}
	}
	return e;
}

/* line - one content line, folded: CRLF + space before 75 octets, never
 * inside a UTF-8 sequence. */
static cf_err line(buf *out, const char *s)
{
	size_t n = strlen(s), col = 0;
	cf_err e = CF_OK;
	for (size_t i = 0; i < n && !e;) {
		size_t len = 1;
		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len++;
		if (col + len > 74) {
			e = buf_puts(out, "\r\n ");
			col = 1;
		}
		if (!e)
			e = buf_append(out, s + i, len);
		col += len, i += len;
	}
	return e ? e : buf_puts(out, "\r\n");
}

cf_err b2b_ical(const b2b_meeting *m, size_t n,
		const char *(*summary_of)(const b2b_meeting *, void *), void *ctx,
		const char *location, buf *out)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	cf_err e = buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coopfair//B2B//EN\r\n"
				 "CALSCALE:GREGORIAN\r\n");
	for (size_t i = 0; i < n && !e; i++) {
		if (strcmp(m[i].status, "accepted"))
			continue;
		int y, mo, d, h, mi;
		if (sscanf(m[i].slot, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
			continue;
		char l1[128];
		buf t;
		buf_init(&t, 4096);
		snprintf(l1, sizeof l1,
			 "BEGIN:VEVENT\r\nUID:b2b-meeting-%lld@coopfair\r\nDTSTAMP:%s\r\n",
			 (long long)m[i].id, stamp);
		e = buf_puts(out, l1);
		snprintf(
			l1, sizeof l1,
			"DTSTART;TZID=Africa/Casablanca:%04d%02d%02dT%02d%02d00\r\nDURATION:PT30M\r\n",
			y, mo, d, h, mi);
		if (!e)
			e = buf_puts(out, l1);
		if (!e)
			e = buf_puts(&t, "SUMMARY:");
		if (!e)
			e = b2b_ical_text(&t, summary_of(&m[i], ctx));
		if (!e)
			e = line(out, buf_cstr(&t));
		buf_reset(&t);
		if (!e)
			e = buf_puts(&t, "LOCATION:");
		if (!e) {
			char loc[256];
			snprintf(loc, sizeof loc, "%s %s", location, m[i].table);
			e = b2b_ical_text(&t, loc);
		}
		if (!e)
			e = line(out, buf_cstr(&t));
		buf_free(&t);
		if (!e)
			e = buf_puts(out, "END:VEVENT\r\n");
	}
	if (!e)
		e = buf_puts(out, "END:VCALENDAR\r\n");
	return e;
}
