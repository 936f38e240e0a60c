/* b2b_ical.c - see b2b_ical.h. */
#include "b2b_ical.h"

#include "ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

cf_err b2b_ical_text(buf *out, const char *s)
{
	return ical_text(out, s);
}

/* shown - an accepted meeting, or one cancelled after it was accepted: a
 * calendar that imported it must learn that it is off (STATUS:CANCELLED, a
 * higher SEQUENCE), not just stop seeing it. */
static int shown(const b2b_meeting *m)
{
	return !strcmp(m->status, "accepted") || !strcmp(m->status, "cancelled");
}

/* event - the VEVENT of meeting m, 30 minutes from its slot. */
static cf_err event(buf *out, const b2b_meeting *m, const char *summary, const char *location,
		    const char *stamp)
{
	char start[16];
	if (!ical_local(m->slot, start))
		return CF_OK;
	cf_err e = buf_printf(out,
			      "BEGIN:VEVENT\r\nUID:b2b-meeting-%lld@coopfair\r\nDTSTAMP:%s\r\n"
			      "DTSTART;TZID=" ICAL_TZID ":%s\r\nDURATION:PT30M\r\n",
			      (long long)m->id, stamp, start);
	if (!e && !strcmp(m->status, "cancelled"))
		e = buf_puts(out, "STATUS:CANCELLED\r\nSEQUENCE:1\r\n");
	if (!e)
		e = ical_prop(out, "SUMMARY:", summary);
	char loc[256];
	snprintf(loc, sizeof loc, "%s %s", location, m->table);
	if (!e)
		e = ical_prop(out, "LOCATION:", loc);
	return e ? e : buf_puts(out, "END:VEVENT\r\n");
}

cf_err b2b_ical(const b2b_meeting *m, size_t n,
		const char *(*summary_of)(const b2b_meeting *, void *), void *ctx,
		const char *location, buf *out)
{
	char stamp[17];
	time_t now = time(NULL);
	ical_stamp(now, stamp);
	struct tm tm;
	gmtime_r(&now, &tm);
	int y0 = tm.tm_year + 1900, y1 = y0, first = 1;
	for (size_t i = 0; i < n; i++) {
		if (!shown(&m[i]))
			continue;
		int y = atoi(m[i].slot);
		if (first || y < y0)
			y0 = y;
		if (first || y > y1)
			y1 = y;
		first = 0;
	}
	cf_err e = ical_begin(out, "B2B", NULL, y0, y1);
	for (size_t i = 0; i < n && !e; i++)
		if (shown(&m[i]))
			e = event(out, &m[i], summary_of(&m[i], ctx), location, stamp);
	return e ? e : ical_end(out);
}
