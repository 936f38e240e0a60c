/*
 * ical.h - the iCalendar (RFC 5545) writer every calendar of coopfair goes
 * through (the programme, prog_ical.c; the B2B meetings, b2b_ical.c): the
 * VCALENDAR's head with the Africa/Casablanca VTIMEZONE, content lines
 * folded at 75 octets never inside a UTF-8 character, CRLF line ends, TEXT
 * values escaped. Times are written as the fair's wall clock with
 * TZID=Africa/Casablanca; the VTIMEZONE is drawn from the system's tz
 * database (main() sets TZ to that zone) for the years the events cover,
 * one observance per offset change (Morocco leaves +01 for +00 during
 * Ramadan, on dates that change every year), so a calendar app needs no
 * zone of its own. Export code: no HTTP, no HTML, no database.
 */
#ifndef CF_ICAL_H
#define CF_ICAL_H
#include <time.h>

#include "../util/buf.h"

#define ICAL_TZID "Africa/Casablanca"

/* ical_begin - BEGIN:VCALENDAR, VERSION, PRODID (-//coopfair//product//EN),
 * CALSCALE, METHOD:PUBLISH, X-WR-CALNAME when name is not NULL, then the
 * VTIMEZONE covering January of year0 to the end of year1. */
cf_err ical_begin(buf *out, const char *product, const char *name, int year0,
		  int year1) CF_MUST_USE;
/* ical_end - END:VCALENDAR; CF_ERR_TOOBIG when out overflowed anywhere. */
cf_err ical_end(buf *out) CF_MUST_USE;
/* ical_fold - append one content line (without its CRLF), folded at 75
 * octets (CRLF + space; the space counts on the next line), then CRLF. */
cf_err ical_fold(buf *out, const char *line) CF_MUST_USE;
/* ical_text - s escaped as a TEXT value (RFC 5545 3.3.11: backslash,
 * semicolon, comma, newline as \n; other control characters dropped). */
cf_err ical_text(buf *out, const char *s) CF_MUST_USE;
/* ical_prop - the content line name + ical_text(value), folded; name
 * ends in ':' or carries its parameters ("LOCATION:"). */
cf_err ical_prop(buf *out, const char *name, const char *value) CF_MUST_USE;
/* ical_stamp - now as a UTC DATE-TIME "YYYYMMDDTHHMMSSZ" (DTSTAMP). */
void ical_stamp(time_t now, char out[17]);
/* ical_local - the wall clock "YYYY-MM-DDTHH:MM" as "YYYYMMDDTHHMM00", for
 * DTSTART;TZID=ICAL_TZID:...; 0 when s is not such a time. */
int ical_local(const char *s, char out[16]);

#endif
