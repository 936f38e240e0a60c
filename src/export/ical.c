/* ical.c - the shared iCalendar writer (ical.h). */
#include "ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cf_err ical_fold(buf *out, const char *line)
{
	size_t len = strlen(line), col = 0;
	cf_err e = CF_OK;
	for (size_t i = 0; i < len && !e;) {
		/* the whole UTF-8 character, or none of it, on this line */
		size_t n = 1;
		unsigned char c = (unsigned char)line[i];
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (i + n > len)
			n = len - i;
		if (col + n > 75) {
			e = buf_append(out, "\r\n ", 3);
			col = 1; /* the leading space counts */
		}
		if (!e)
			e = buf_append(out, line + i, n);
		col += n;
		i += n;
	}
	return e ? e : buf_append(out, "\r\n", 2);
}

cf_err ical_text(buf *out, const char *s)
{
	cf_err e = CF_OK;
	for (; s && *s && !e; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			char esc[3] = { '\\', (char)c, 0 };
			e = buf_puts(out, esc);
		} else if (c == '\n') {
			e = buf_puts(out, "\\n");
		} else if (c >= 0x20 && c != 0x7f) {
			e = buf_putc(out, (char)c);
		}
	}
	return e;
}

cf_err ical_prop(buf *out, const char *name, const char *value)
{
	buf b;
	buf_init(&b, 64 << 10);
	cf_err e = buf_puts(&b, name);
	if (!e)
		e = ical_text(&b, value);
	if (!e)
		e = ical_fold(out, buf_cstr(&b));
	buf_free(&b);
	return e;
}

void ical_stamp(time_t now, char out[17])
{
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

int ical_local(const char *s, char out[16])
{
	int y, mo, d, h, mi;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
		return 0;
	snprintf(out, 16, "%04d%02d%02dT%02d%02d00", y, mo, d, h, mi);
	return 1;
}

static long offset_at(time_t t, int *dst)
{
	struct tm tm;
	localtime_r(&t, &tm);
	if (dst)
		*dst = tm.tm_isdst > 0;
	return tm.tm_gmtoff;
}

static void offset_text(long off, char out[6])
{
	long a = labs(off) / 60;
	snprintf(out, 6, "%c%02ld%02ld", off < 0 ? '-' : '+', a / 60 % 100, a % 60);
}

static cf_err observance(buf *out, time_t at, long from, long to, int dst, const char *abbrev)
{
	char start[16], f[6], t[6], line[64];
	time_t wall = at + from;
	struct tm tm;
	gmtime_r(&wall, &tm);
	strftime(start, sizeof start, "%Y%m%dT%H%M%S", &tm);
	offset_text(from, f);
	offset_text(to, t);
	cf_err e = buf_printf(out, "BEGIN:%s\r\nDTSTART:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\n",
			      dst ? "DAYLIGHT" : "STANDARD", start, f, t);
	snprintf(line, sizeof line, "TZNAME:%s", abbrev);
	if (!e)
		e = ical_fold(out, line);
	if (!e)
		e = buf_printf(out, "END:%s\r\n", dst ? "DAYLIGHT" : "STANDARD");
	return e;
}

/* vtimezone - the process's zone (ICAL_TZID) from January of year0 to the
 * end of year1: its offset at the start, then each change, found by
 * stepping 6 hours and bisecting to the second. */
static cf_err vtimezone(buf *out, int year0, int year1)
{
	struct tm tm = { .tm_year = year0 - 1900, .tm_mon = 0, .tm_mday = 1 };
	time_t t = timegm(&tm), end;
	tm = (struct tm){ .tm_year = year1 + 1 - 1900, .tm_mon = 0, .tm_mday = 1 };
	end = timegm(&tm);
	cf_err e = buf_puts(out, "BEGIN:VTIMEZONE\r\nTZID:" ICAL_TZID
				 "\r\nX-LIC-LOCATION:" ICAL_TZID "\r\n");
	int dst;
	long off = offset_at(t, &dst);
	char name[8];
	offset_text(off, name);
	name[3] = 0;
	if (!e)
		e = observance(out, t, off, off, dst, name);
	const time_t step = 6 * 3600;
	for (; !e && t < end; t += step) {
		long next = offset_at(t + step, NULL);
		if (next == off)
			continue;
		time_t lo = t, hi = t + step; /* offset(lo) == off, offset(hi) == next */
		while (hi - lo > 1) {
			time_t mid = lo + (hi - lo) / 2;
			if (offset_at(mid, NULL) == off)
				lo = mid;
			else
				hi = mid;
		}
		(void)offset_at(hi, &dst);
		offset_text(next, name);
		name[3] = 0;
		e = observance(out, hi, off, next, dst, name);
		off = next;
	}
	return e ? e : buf_puts(out, "END:VTIMEZONE\r\n");
}

cf_err ical_begin(buf *out, const char *product, const char *name, int year0, int year1)
{
	cf_err e = buf_printf(out,
			      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coopfair//%s//EN\r\n"
			      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
			      product);
	if (!e && name)
		e = ical_prop(out, "X-WR-CALNAME:", name);
	if (!e)
		e = buf_puts(out, "X-WR-TIMEZONE:" ICAL_TZID "\r\n");
	return e ? e : vtimezone(out, year0, year1);
}

cf_err ical_end(buf *out)
{
	cf_err e = buf_puts(out, "END:VCALENDAR\r\n");
	return e ? e : out->overflow ? CF_ERR_TOOBIG : CF_OK;
}
