/* prog_ical.c - the programme as iCalendar (prog_ical.h). */
#include "prog_ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TZID "Africa/Casablanca"

cf_err prog_ical_fold(buf *out, const char *line)
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

/* text - a TEXT value escaped (RFC 5545 3.3.11) into b. */
static void text(buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			(void)buf_putc(b, '\\');
			(void)buf_putc(b, (char)c);
		} else if (c == '\n') {
			(void)buf_puts(b, "\\n");
		} else if (c >= 0x20 && c != 0x7f) {
			(void)buf_putc(b, (char)c);
		}
	}
}

/* line - one property "NAME:" + escaped value, folded, into out. */
static cf_err prop(buf *out, const char *name, const char *value)
{
	buf b;
	buf_init(&b, 64 << 10);
	(void)buf_puts(&b, name);
	text(&b, value);
	cf_err e = b.overflow ? CF_ERR_TOOBIG : prog_ical_fold(out, buf_cstr(&b));
	buf_free(&b);
	return e;
}

/* local - "YYYY-MM-DDTHH:MM" as "YYYYMMDDTHHMM00". */
static void local(const char *s, char out[16])
{
	snprintf(out, 16, "%.4s%.2s%.2sT%.2s%.2s00", s, s + 5, s + 8, s + 11, s + 14);
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
		e = prog_ical_fold(out, line);
	if (!e)
		e = buf_printf(out, "END:%s\r\n", dst ? "DAYLIGHT" : "STANDARD");
	return e;
}

/* vtimezone - Africa/Casablanca from January of year0 to the end of year1,
 * from the process's zone (main() sets TZ=Africa/Casablanca). */
static cf_err vtimezone(buf *out, int year0, int year1)
{
	struct tm tm = { .tm_year = year0 - 1900, .tm_mon = 0, .tm_mday = 1 };
	time_t t = timegm(&tm), end;
	tm = (struct tm){ .tm_year = year1 + 1 - 1900, .tm_mon = 0, .tm_mday = 1 };
	end = timegm(&tm);
	cf_err e = buf_puts(out, "BEGIN:VTIMEZONE\r\nTZID:" TZID "\r\nX-LIC-LOCATION:" TZID "\r\n");
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

/* speakers - one line per speaker, each text in l's half when it is
 * written "<Arabic> — <French>" (text_pick). */
static void speakers(buf *b, const prog_session *s, lang l)
{
	char n[512], t[512], o[512];
	for (size_t i = 0; i < s->nspeakers; i++) {
		const prog_speaker *p = &s->speakers[i];
		(void)buf_printf(b, "\n- %s", text_pick(p->name, l, n, sizeof n));
		if (*p->title)
			(void)buf_printf(b, ", %s", text_pick(p->title, l, t, sizeof t));
		if (*p->organisation)
			(void)buf_printf(b, " (%s)", text_pick(p->organisation, l, o, sizeof o));
	}
}

static cf_err event(buf *out, const prog_session *s, lang l, const char *host, const char *stamp)
{
	char start[16], end[16], line[160];
	local(s->starts_at, start);
	local(s->ends_at, end);
	cf_err e = buf_puts(out, "BEGIN:VEVENT\r\n");
	snprintf(line, sizeof line, "UID:session-%lld-%lld@%s", (long long)s->edition_id,
		 (long long)s->id, host);
	if (!e)
		e = prog_ical_fold(out, line);
	if (!e)
		e = buf_printf(
			out, "DTSTAMP:%s\r\nDTSTART;TZID=" TZID ":%s\r\nDTEND;TZID=" TZID ":%s\r\n",
			stamp, start, end);
	if (!e)
		e = prop(out, "SUMMARY:", text3_get(&s->title, l));
	buf d;
	buf_init(&d, 32 << 10);
	(void)buf_puts(&d, text3_get(&s->about, l));
	speakers(&d, s, l);
	if (!e && d.len)
		e = prop(out, "DESCRIPTION:", buf_cstr(&d));
	buf_free(&d);
	if (!e && s->space_id)
		e = prop(out, "LOCATION:", text3_get(&s->space, l));
	if (!e)
		e = prop(out, "CATEGORIES:", prog_kind_code(s->kind));
	return e ? e : buf_puts(out, "END:VEVENT\r\n");
}

cf_err prog_ical(buf *out, const prog_session *v, size_t n, lang l, const char *name,
		 const char *host, time_t now)
{
	host = host && *host ? host : "coopfair";
	char stamp[17];
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	int y0 = tm.tm_year + 1900, y1 = y0;
	for (size_t i = 0; i < n; i++) {
		int a = atoi(v[i].starts_at), b = atoi(v[i].ends_at);
		if (i == 0 || a < y0)
			y0 = a;
		if (i == 0 || b > y1)
			y1 = b;
	}
	cf_err e = buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
				 "PRODID:-//coopfair//programme//EN\r\n"
				 "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
	if (!e && name)
		e = prop(out, "X-WR-CALNAME:", name);
	if (!e)
		e = buf_puts(out, "X-WR-TIMEZONE:" TZID "\r\n");
	if (!e)
		e = vtimezone(out, y0, y1);
	for (size_t i = 0; !e && i < n; i++)
		e = event(out, &v[i], l, host, stamp);
	if (!e)
		e = buf_puts(out, "END:VCALENDAR\r\n");
	return e ? e : out->overflow ? CF_ERR_TOOBIG : CF_OK;
}
