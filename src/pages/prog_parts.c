/* prog_parts.c - pieces the programme's pages share (prog.h). */
#include "../html/html.h"
#include "prog.h"

#include <string.h>

const char *prog_kind_name(lang l, prog_kind k)
{
	switch (k) {
	case PROG_CEREMONY:
		return tr(l, "Ceremony");
	case PROG_TALK:
		return tr(l, "Talk");
	case PROG_PANEL:
		return tr(l, "Panel");
	case PROG_WORKSHOP:
		return tr(l, "Workshop");
	case PROG_MEETING:
		return tr(l, "Meeting");
	case PROG_PERFORMANCE:
		return tr(l, "Performance");
	default:
		return "";
	}
}

const char *prog_hhmm(request *r, const char *t)
{
	return t && strlen(t) >= 16 ? arena_strndup(r->a, t + 11, 5) : "";
}

const char *prog_conflict_text(request *r, const prog_conflict *c)
{
	lang l = r->lang;
	const char *other = text3_get(&c->other, l);
	switch (c->kind) {
	case PROG_CLASH_SPACE:
		return arena_printf(r->a, tr(l, "The space is already used at this time by “%s”."),
				    other);
	case PROG_CLASH_SPEAKER:
		return arena_printf(r->a, tr(l, "%s is speaking at the same time in “%s”."),
				    c->speaker, other);
	case PROG_CLASH_DATES:
		return arena_printf(r->a, tr(l, "The session is outside the fair's dates (%s)."),
				    fmt_date_range(r, c->from, c->until));
	case PROG_CLASH_HOURS:
		return arena_printf(r->a,
				    tr(l, "The session is outside the opening hours (%s–%s)."),
				    c->from, c->until);
	case PROG_CLASH_FREETIME:
		return arena_printf(
			r->a,
			tr(l,
			   "The session is longer than the space's free time: it is free from %s until %s, when “%s” starts."),
			c->from, c->until, other);
	default:
		return "";
	}
}

/* latin - whether s has no Arabic letter (a name written in Latin script). */
static int latin(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xD8 && *p <= 0xDB)
			return 0;
	return 1;
}

void prog_person_html(request *r, const char *s)
{
	const char *t = page_text(r, s);
	if (r->lang == LANG_AR && latin(t))
		html_printf(&r->out, "<bdi lang=\"fr\">%s</bdi>", t);
	else
		html_printf(&r->out, "<bdi>%s</bdi>", t);
}

void prog_speakers_html(request *r, const prog_session *s)
{
	if (!s->nspeakers)
		return;
	buf *o = &r->out;
	html_printf(o, "<ol class=\"speakers\" aria-label=\"%s\">",
		    s->kind == PROG_CEREMONY ? tr(r->lang, "Officials, in protocol order")
					     : tr(r->lang, "Speakers"));
	for (size_t i = 0; i < s->nspeakers; i++) {
		const prog_speaker *p = &s->speakers[i];
		html_raw(o, "<li><strong>");
		prog_person_html(r, p->name);
		html_raw(o, "</strong>");
		if (*p->title) {
			html_raw(o, ", ");
			prog_person_html(r, p->title);
		}
		if (*p->organisation) {
			html_raw(o, " (");
			prog_person_html(r, p->organisation);
			html_raw(o, ")");
		}
		html_raw(o, "</li>");
	}
	html_raw(o, "</ol>");
}
