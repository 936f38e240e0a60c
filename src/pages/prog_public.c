/*
 * prog_public.c - the public programme and bookings.
 *
 *   GET  /programme              the current edition's programme by day
 *                                (?day=YYYY-MM-DD: that day), or by space
 *                                (?view=space); cacheable
 *   GET  /programme/now          now and next, for screens at the venue
 *                                (refreshes itself; ?at=YYYY-MM-DDTHH:MM)
 *   GET  /programme.ics          the programme as iCalendar (?day=: a day)
 *   GET  /programme/{id}         one session, its speakers, the booking form
 *   GET  /programme/{id}/calendar.ics   one session as iCalendar
 *   POST /programme/{id}/book    name, email, phone: a place, or the
 *                                waiting list; then the booking's page
 *   GET  /booking/TOKEN          a booking: its state, place on the list
 *   POST /booking/TOKEN          cancel it (the first waiting moves up)
 */
#include "../export/prog_ical.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "prog.h"

#include <string.h>
#include <time.h>

static int iso_day(const char *s)
{
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int any_sample(const prog_session *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].sample)
			return 1;
	return 0;
}

static void sample_note(request *r)
{
	html_printf(
		&r->out, "<p class=\"sample\" role=\"note\">%s</p>",
		tr(r->lang,
		   "Sample data: the announcement names the opening ceremony's officials and the coaching meeting; the other sessions, their times and speakers are examples."));
}

/* places - "12 places left", "Full: waiting list", or nothing. */
static void places(request *r, const prog_session *s)
{
	lang l = r->lang;
	if (!s->booking)
		return;
	int left = s->capacity - s->booked;
	if (left > 0)
		html_printf(&r->out, " <span class=\"places\">%s</span>",
			    arena_printf(r->a,
					 trn(l, "%d place left", "%d places left", (long)left),
					 left));
	else
		html_printf(&r->out, " <span class=\"places full\">%s</span>",
			    tr(l, "Full: waiting list"));
}

static void session_item(request *r, const prog_session *s, int with_day, int with_space)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<li class=\"session %s\"><span class=\"time\" dir=\"ltr\">",
		    prog_kind_code(s->kind));
	if (with_day)
		html_printf(o, "%s ", fmt_date(r, arena_strndup(r->a, s->starts_at, 10)));
	html_printf(
		o, "%s–%s</span> <span class=\"kind\">%s</span> <a href=\"%s\"><bdi>%s</bdi></a>",
		prog_hhmm(r, s->starts_at), prog_hhmm(r, s->ends_at), prog_kind_name(l, s->kind),
		site_href(r, "/programme/%lld", (long long)s->id), text3_get(&s->title, l));
	if (with_space && s->space_id)
		html_printf(o, " · <span class=\"space\">%s</span>", text3_get(&s->space, l));
	places(r, s);
	html_raw(o, "</li>");
}

/* GET /programme?day=YYYY-MM-DD&view=space */
void page_prog(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *day = req_query(r, "day");
	if (!iso_day(day))
		day = NULL;
	const char *view = req_query(r, "view");
	int by_space = view && !strcmp(view, "space");
	prog_session *v;
	size_t n = 0;
	if (req_fail(r, prog_sessions(r->a, ed.id, day, &v, &n)))
		return;
	named *sp;
	size_t nsp = 0;
	if (req_fail(r, edition_spaces(r->a, ed.id, &sp, &nsp)))
		return;
	page_begin(r, tr(l, "Programme"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p>%s · %s</p>", tr(l, "Programme"), text3_get(&ed.name, l),
		    fmt_date_range(r, ed.starts_on, ed.ends_on));
	if (any_sample(v, n))
		sample_note(r);
	html_printf(o, "<nav class=\"prog-views\" aria-label=\"%s\">", tr(l, "Programme"));
	if (by_space)
		html_printf(o,
			    "<a href=\"%s\">%s</a> · <a href=\"%s\" aria-current=\"page\">%s</a>",
			    site_href(r, "/programme"), tr(l, "By day"),
			    site_href(r, "/programme?view=space"), tr(l, "By space"));
	else
		html_printf(o,
			    "<a href=\"%s\" aria-current=\"page\">%s</a> · <a href=\"%s\">%s</a>",
			    site_href(r, "/programme"), tr(l, "By day"),
			    site_href(r, "/programme?view=space"), tr(l, "By space"));
	html_printf(o, " · <a href=\"%s\">%s</a> · <a href=\"%s\" download>%s</a></nav>",
		    site_href(r, "/programme/now"), tr(l, "Now and next"),
		    site_href(r, "/programme.ics?lang=%s", lang_code(l)),
		    tr(l, "Add the programme to a calendar (iCalendar)"));
	if (!n) {
		html_printf(o, "<p>%s</p>", tr(l, "No session is on the programme yet."));
		page_end(r);
		return;
	}
	if (by_space) {
		for (size_t k = 0; k <= nsp; k++) {
			int64_t id = k < nsp ? sp[k].id : 0;
			size_t shown = 0;
			for (size_t i = 0; i < n; i++) {
				if (v[i].space_id != id)
					continue;
				if (!shown++)
					html_printf(o, "<section><h2>%s</h2><ol class=\"prog\">",
						    k < nsp ? text3_get(&sp[k].name, l)
							    : tr(l, "Other places"));
				session_item(r, &v[i], 1, 0);
			}
			if (shown)
				html_raw(o, "</ol></section>");
		}
		page_end(r);
		return;
	}
	const char *cur = "";
	for (size_t i = 0; i < n; i++) {
		if (strncmp(cur, v[i].starts_at, 10)) {
			if (*cur)
				html_raw(o, "</ol></section>");
			cur = arena_strndup(r->a, v[i].starts_at, 10);
			html_printf(
				o,
				"<section><h2>%s %s</h2><p><a href=\"%s\" download>%s</a></p><ol class=\"prog\">",
				fmt_weekday(r, cur), fmt_date(r, cur),
				site_href(r, "/programme.ics?day=%s&amp;lang=%s", cur,
					  lang_code(l)),
				tr(l, "This day in a calendar (iCalendar)"));
		}
		session_item(r, &v[i], 0, 1);
	}
	html_raw(o, "</ol></section>");
	page_end(r);
}

/* GET /programme/now?at=YYYY-MM-DDTHH:MM */
void page_prog_now(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	char now[17];
	prog_now(now);
	const char *at = req_query(r, "at");
	if (prog_time_ok(at))
		memcpy(now, at, 17);
	prog_session *v;
	size_t n = 0;
	if (req_fail(r, prog_sessions(r->a, ed.id, NULL, &v, &n)))
		return;
	resp_header(r, "Refresh", "60");
	resp_header(r, "Cache-Control", "no-store");
	page_begin(r, tr(l, "Now and next"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p class=\"clock\" dir=\"ltr\">%s</p>", tr(l, "Now and next"),
		    arena_printf(r->a, "%s %s", fmt_date(r, arena_strndup(r->a, now, 10)),
				 prog_hhmm(r, now)));
	if (any_sample(v, n))
		sample_note(r);
	html_printf(o, "<section class=\"now\"><h2>%s</h2><ol class=\"prog\">",
		    tr(l, "Happening now"));
	size_t shown = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].starts_at, now) <= 0 && strcmp(v[i].ends_at, now) > 0) {
			session_item(r, &v[i], 0, 1);
			shown++;
		}
	if (!shown)
		html_printf(o, "<li>%s</li>", tr(l, "No session at this moment."));
	html_printf(o, "</ol></section><section class=\"next\"><h2>%s</h2><ol class=\"prog\">",
		    tr(l, "Coming next"));
	shown = 0;
	for (size_t i = 0; i < n && shown < 5; i++)
		if (strcmp(v[i].starts_at, now) > 0) {
			session_item(r, &v[i], strncmp(v[i].starts_at, now, 10) != 0, 1);
			shown++;
		}
	if (!shown)
		html_printf(o, "<li>%s</li>", tr(l, "No session later in the programme."));
	html_raw(o, "</ol></section>");
	page_end(r);
}

static void send_ics(request *r, const prog_session *v, size_t n, const char *name,
		     const char *filename)
{
	buf_reset(&r->out);
	const char *host = req_header(r, "Host");
	char h[128] = "coopfair";
	if (host) {
		size_t k = 0;
		for (; host[k] && host[k] != ':' && k < sizeof h - 1; k++)
			h[k] = (host[k] >= 'a' && host[k] <= 'z') ||
					       (host[k] >= '0' && host[k] <= '9') ||
					       host[k] == '.' || host[k] == '-'
				       ? host[k]
				       : '-';
		h[k] = 0;
	}
	if (req_fail(r, prog_ical(&r->out, v, n, r->lang, name, h, time(NULL))))
		return;
	r->content_type = "text/calendar; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"%s\"", filename));
}

/* GET /programme.ics?day=YYYY-MM-DD */
void page_prog_ics(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *day = req_query(r, "day");
	if (!iso_day(day))
		day = NULL;
	prog_session *v;
	size_t n = 0;
	if (req_fail(r, prog_sessions(r->a, ed.id, day, &v, &n)))
		return;
	send_ics(r, v, n, text3_get(&ed.name, r->lang),
		 day ? arena_printf(r->a, "programme-%s.ics", day) : "programme.ics");
}

/* session_public - the session of r->id when its edition is public. */
static cf_err session_public(request *r, prog_session *s, edition *ed)
{
	cf_err e = prog_session_get(r->a, r->id, s);
	if (!e)
		e = edition_by_id(r->a, s->edition_id, ed);
	if (!e && ed->state == EDITION_DRAFT)
		e = CF_ERR_NOTFOUND;
	return e;
}

/* GET /programme/{id}/calendar.ics */
void page_prog_session_ics(request *r)
{
	prog_session s;
	edition ed;
	if (req_fail(r, session_public(r, &s, &ed)))
		return;
	send_ics(r, &s, 1, text3_get(&ed.name, r->lang),
		 arena_printf(r->a, "session-%lld.ics", (long long)s.id));
}

static void session_page(request *r, const prog_session *s, const char *error)
{
	lang l = r->lang;
	buf *o = &r->out;
	page_begin(r, text3_get(&s->title, l), 0);
	if (s->sample)
		sample_note(r);
	html_printf(
		o,
		"<p><a href=\"%s\">%s</a></p><h1><bdi>%s</bdi></h1><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd dir=\"auto\">%s %s, <span dir=\"ltr\">%s–%s</span></dd>",
		site_href(r, "/programme"), tr(l, "Programme"), text3_get(&s->title, l),
		tr(l, "Type"), prog_kind_name(l, s->kind), tr(l, "When"),
		fmt_weekday(r, arena_strndup(r->a, s->starts_at, 10)),
		fmt_date(r, arena_strndup(r->a, s->starts_at, 10)), prog_hhmm(r, s->starts_at),
		prog_hhmm(r, s->ends_at));
	if (s->space_id)
		html_printf(o, "<dt>%s</dt><dd>%s</dd>", tr(l, "Space"), text3_get(&s->space, l));
	if (s->booking)
		html_printf(o, "<dt>%s</dt><dd>%s</dd>", tr(l, "Places"),
			    arena_printf(r->a, tr(l, "Capacity: %d, booked: %d"), s->capacity,
					 s->booked));
	html_raw(o, "</dl>");
	const char *about = text3_get(&s->about, l);
	if (*about)
		html_printf(o, "<p dir=\"auto\">%s</p>", about);
	prog_speakers_html(r, s);
	html_printf(o, "<p><a href=\"%s\" download>%s</a></p>",
		    site_href(r, "/programme/%lld/calendar.ics?lang=%s", (long long)s->id,
			      lang_code(l)),
		    tr(l, "Add to my calendar (iCalendar)"));
	if (s->booking) {
		html_printf(o, "<section id=\"book\"><h2>%s</h2>", tr(l, "Book a place"));
		if (error)
			html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
		html_printf(
			o, "<p>%s</p>",
			s->booked < s->capacity
				? tr(l,
				     "Places are free: your place is kept as soon as you send the form.")
				: tr(l,
				     "The session is full: you will be put on the waiting list and get a place if someone cancels."));
		const char *name = req_form(r, "name"), *email = req_form(r, "email"),
			   *phone = req_form(r, "phone");
		html_printf(
			o,
			"<form method=\"post\" action=\"%s\" class=\"stack\"><label>%s <input name=\"name\" required maxlength=\"200\" value=\"%s\" autocomplete=\"name\"></label><label>%s <input name=\"email\" type=\"email\" maxlength=\"200\" dir=\"ltr\" value=\"%s\" autocomplete=\"email\"></label><label>%s <input name=\"phone\" type=\"tel\" maxlength=\"40\" dir=\"ltr\" value=\"%s\" autocomplete=\"tel\"></label><p class=\"hint\">%s</p>",
			site_href(r, "/programme/%lld/book", (long long)s->id), tr(l, "Name"),
			name ? name : "", tr(l, "Email"), email ? email : "", tr(l, "Phone"),
			phone ? phone : "",
			tr(l,
			   "An email or a phone number, to reach you if the session changes. They are never shown."));
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\">%s</button></form></section>",
			    tr(l, "Book"));
	}
	page_end(r);
}

/* GET /programme/{id} */
void page_prog_session(request *r)
{
	prog_session s;
	edition ed;
	if (req_fail(r, session_public(r, &s, &ed)))
		return;
	session_page(r, &s, NULL);
}

/* POST /programme/{id}/book  name, email, phone */
void page_prog_book(request *r)
{
	lang l = r->lang;
	prog_session s;
	edition ed;
	if (req_fail(r, session_public(r, &s, &ed)))
		return;
	prog_booking b;
	cf_err e = prog_book(r->a, s.id, req_form(r, "name"), req_form(r, "email"),
			     req_form(r, "phone"), l, &b);
	if (e == CF_ERR_INVALID || e == CF_ERR_STATE) {
		r->status = e == CF_ERR_STATE ? 409 : 400;
		session_page(
			r, &s,
			e == CF_ERR_STATE
				? tr(l, "This session takes no bookings.")
				: tr(l, "Give your name, and a valid email or a phone number."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/booking/%s", b.token));
}

static int token_ok(const char *t)
{
	if (!t || strlen(t) != PROG_TOKEN_LEN)
		return 0;
	for (; *t; t++)
		if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
			return 0;
	return 1;
}

/* GET /booking/TOKEN */
void page_prog_booking(request *r)
{
	lang l = r->lang;
	prog_booking b;
	if (!token_ok(r->tail)) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, prog_booking_by_token(r->a, r->tail, &b)))
		return;
	prog_session s;
	if (req_fail(r, prog_session_get(r->a, b.session_id, &s)))
		return;
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "Referrer-Policy", "no-referrer");
	page_begin(r, tr(l, "Your booking"), 0);
	buf *o = &r->out;
	html_printf(
		o,
		"<h1>%s</h1><p><a href=\"%s\"><bdi>%s</bdi></a>, %s <span dir=\"ltr\">%s–%s</span></p>",
		tr(l, "Your booking"), site_href(r, "/programme/%lld", (long long)s.id),
		text3_get(&s.title, l), fmt_date(r, arena_strndup(r->a, s.starts_at, 10)),
		prog_hhmm(r, s.starts_at), prog_hhmm(r, s.ends_at));
	const char *state =
		b.status == PROG_BOOKED ? tr(l, "Your place is booked.")
		: b.status == PROG_WAITING
			? arena_printf(r->a, tr(l, "You are on the waiting list, number %d."),
				       b.position)
			: tr(l, "This booking is cancelled.");
	html_printf(o, "<p class=\"booking %s\" role=\"status\"><strong>%s</strong></p>",
		    prog_book_status_code(b.status), state);
	html_printf(
		o, "<p>%s</p><p><a href=\"%s\" download>%s</a></p>",
		tr(l,
		   "Keep the address of this page: it is the only way to see or cancel your booking."),
		site_href(r, "/programme/%lld/calendar.ics?lang=%s", (long long)s.id, lang_code(l)),
		tr(l, "Add to my calendar (iCalendar)"));
	if (b.status != PROG_CANCELLED) {
		html_printf(o, "<form method=\"post\" action=\"%s\">",
			    site_href(r, "/booking/%s", b.token));
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\" class=\"danger\">%s</button></form>",
			    tr(l, "Cancel my booking"));
	}
	page_end(r);
}

/* POST /booking/TOKEN */
void page_prog_cancel(request *r)
{
	if (!token_ok(r->tail)) {
		page_error(r, 404, NULL);
		return;
	}
	int64_t promoted = 0;
	cf_err e = prog_cancel(r->tail, &promoted);
	if (e && e != CF_ERR_STATE && req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/booking/%s", r->tail));
}
