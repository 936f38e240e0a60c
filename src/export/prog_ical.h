/*
 * prog_ical.h - the programme as iCalendar (RFC 5545): one session, a day,
 * or the whole programme, in one VCALENDAR with the Africa/Casablanca
 * VTIMEZONE, every time written in that zone's wall clock (TZID). Written
 * through the shared writer (ical.h: VTIMEZONE from the tz database,
 * folding, escaping). Export code: no HTTP, no HTML.
 */
#ifndef CF_PROG_ICAL_H
#define CF_PROG_ICAL_H
#include <time.h>

#include "../model/prog.h"
#include "../util/buf.h"

/* prog_ical - append the calendar of sessions v[0..n) to out, texts in l.
 * name: the calendar's name (X-WR-CALNAME); host: the domain of the UIDs
 * ("coopfair" when NULL); now: DTSTAMP. CF_ERR_TOOBIG past out's cap. */
cf_err prog_ical(buf *out, const prog_session *v, size_t n, lang l, const char *name,
		 const char *host, time_t now) CF_MUST_USE;

/* prog_ical_fold - ical_fold (ical.h), under the name the tests know. */
cf_err prog_ical_fold(buf *out, const char *line) CF_MUST_USE;

#endif
