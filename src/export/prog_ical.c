/* prog_ical.c - the programme as iCalendar (prog_ical.h). */
#include "prog_ical.h"

#include "ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (!ical_local(s->starts_at, start) || !ical_local(s->ends_at, end))
		return CF_OK; /* not a time: prog_session_save never stores one */
	cf_err e = buf_puts(out, "BEGIN:VEVENT\r\n");
	snprintf(line, sizeof line, "UID:session-%lld-%lld@%s", (long long)s->edition_id,
		 (long long)s->id, host);
	if (!e)
		e = ical_fold(out, line);
	if (!e)
		e = buf_printf(out,
			       "DTSTAMP:%s\r\nDTSTART;TZID=" ICAL_TZID
			       ":%s\r\nDTEND;TZID=" ICAL_TZID ":%s\r\n",
			       stamp, start, end);
	if (!e)
		e = ical_prop(out, "SUMMARY:", text3_get(&s->title, l));
	buf d;
	buf_init(&d, 32 << 10);
	(void)buf_puts(&d, text3_get(&s->about, l));
	speakers(&d, s, l);
	if (!e && d.len)
		e = d.overflow ? CF_ERR_TOOBIG : ical_prop(out, "DESCRIPTION:", buf_cstr(&d));
	buf_free(&d);
	if (!e && s->space_id)
		e = ical_prop(out, "LOCATION:", text3_get(&s->space, l));
	if (!e)
		e = ical_prop(out, "CATEGORIES:", prog_kind_code(s->kind));
	return e ? e : buf_puts(out, "END:VEVENT\r\n");
}

cf_err prog_ical(buf *out, const prog_session *v, size_t n, lang l, const char *name,
		 const char *host, time_t now)
{
	host = host && *host ? host : "coopfair";
	char stamp[17];
	ical_stamp(now, stamp);
	struct tm tm;
	gmtime_r(&now, &tm);
	int y0 = tm.tm_year + 1900, y1 = y0;
	for (size_t i = 0; i < n; i++) {
		int a = atoi(v[i].starts_at), b = atoi(v[i].ends_at);
		if (i == 0 || a < y0)
			y0 = a;
		if (i == 0 || b > y1)
			y1 = b;
	}
	cf_err e = ical_begin(out, "programme", name, y0, y1);
	for (size_t i = 0; !e && i < n; i++)
		e = event(out, &v[i], l, host, stamp);
	return e ? e : ical_end(out);
}

cf_err prog_ical_fold(buf *out, const char *line)
{
	return ical_fold(out, line);
}
