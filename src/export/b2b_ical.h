/*
 * b2b_ical.h - B2B meetings as an iCalendar file (RFC 5545): one VEVENT
 * per accepted meeting, 30 minutes from its slot, in Moroccan time
 * (TZID=Africa/Casablanca, with its VTIMEZONE), written through the shared
 * writer (ical.h: folding, escaping). No HTML, no HTTP, no database.
 */
#ifndef CF_B2B_ICAL_H
#define CF_B2B_ICAL_H
#include <stddef.h>

#include "../model/b2b.h"
#include "../util/buf.h"

/* b2b_ical - summary_of(m) gives each event's title (e.g. whom with). */
cf_err b2b_ical(const b2b_meeting *m, size_t n,
		const char *(*summary_of)(const b2b_meeting *, void *), void *ctx,
		const char *location, buf *out) CF_MUST_USE;
/* b2b_ical_text - ical_text (ical.h), under the name the tests know. */
cf_err b2b_ical_text(buf *out, const char *s) CF_MUST_USE;

#endif
