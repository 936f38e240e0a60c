/* prog_mail.c - the mail to someone who moved up from a waiting list
 * (prog.h): in the language they booked in, naming the session, its day,
 * hours and space, with the address of their booking page.
 *
 * Queued in the outbox inside the transaction that gave the place, so a
 * place and its mail are never one without the other. A booking made with
 * a phone number only gets no mail: its page says where it stands. */
#include "../db/db.h"
#include "edition.h"
#include "outbox.h"
#include "prog.h"

#include <stdio.h>
#include <string.h>

static const char SQL_BOOKING[] =
	"SELECT b.email, b.lang, b.token, b.name, b.session_id, e.name_ar, e.name_fr, e.name_en "
	"FROM prog_booking b JOIN prog_session s ON s.id = b.session_id "
	"JOIN edition e ON e.id = s.edition_id WHERE b.id = ?";

/* day - "YYYY-MM-DDTHH:MM" as "DD/MM/YYYY", the way Moroccan documents
 * write a date in the three languages. */
static const char *day(arena *a, const char *at)
{
	int y, m, d;
	if (!at || sscanf(at, "%d-%d-%d", &y, &m, &d) != 3)
		return at ? at : "";
	return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}

static const char *hhmm(const char *at)
{
	return at && strlen(at) >= 16 ? at + 11 : "";
}

/* compose - the subject and text of the mail to name, in l. */
static void compose(arena *a, lang l, const char *name, const prog_session *s, const char *fair,
		    const char *link, const char **subject, const char **body)
{
	const char *title = text3_get(&s->title, l);
	*subject = arena_printf(a, tr(l, "A place is yours: %s"), title);
	const char *where = text3_get(&s->space, l);
	*body = arena_printf(
		a, "%s\n\n%s\n\n%s\n%s\n%s%s\n%s\n\n%s\n\n%s",
		arena_printf(a, tr(l, "Hello %s,"), name),
		tr(l,
		   "A place was freed in a session you were on the waiting list for: it is now yours."),
		title,
		arena_printf(a, tr(l, "When: %s, from %s to %s (Moroccan time)"),
			     day(a, s->starts_at), hhmm(s->starts_at), hhmm(s->ends_at)),
		*where ? arena_printf(a, tr(l, "Where: %s"), where) : "", *where ? "\n" : "",
		arena_printf(a, tr(l, "Fair: %s"), fair),
		link ? arena_printf(a, tr(l, "Your booking, to see or cancel it: %s"), link)
		     : tr(l, "The page you were given when you booked shows your booking and lets "
			     "you cancel it."),
		tr(l,
		   "If you cannot come, please cancel: the next person waiting gets the place."));
}

cf_err prog_mail_promoted(int64_t booking_id)
{
	db *d = db_thread();
	db_stmt *q = db_prepare(d, SQL_BOOKING);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, booking_id);
	cf_err e = db_row(q);
	if (e) {
		db_done(q);
		return e;
	}
	arena *a = arena_new(64 * 1024);
	const char *email = arena_strdup(a, db_col_text(q, 0));
	int code = lang_parse(db_col_text(q, 1));
	lang l = code < 0 ? LANG_AR : (lang)code;
	const char *token = arena_strdup(a, db_col_text(q, 2));
	const char *name = arena_strdup(a, db_col_text(q, 3));
	int64_t session_id = db_col_int(q, 4);
	text3 fair;
	for (int i = 0; i < LANG__MAX; i++)
		fair.v[i] = arena_strdup(a, db_col_text(q, 5 + i));
	db_done(q);
	if (!*email) {
		arena_free(a);
		return CF_OK; /* booked with a phone: nobody to write to */
	}
	prog_session s;
	e = prog_session_get(a, session_id, &s);
	if (!e) {
		const char *subject, *body;
		compose(a, l, name, &s, text3_get(&fair, l),
			edition_site_link(a, arena_printf(a, "/booking/%s", token)), &subject,
			&body);
		e = outbox_enqueue(email, subject, body, NULL);
	}
	arena_free(a);
	return e;
}
