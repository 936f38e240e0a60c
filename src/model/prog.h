/*
 * prog.h - the programme of an edition (issue 15): sessions in its spaces,
 * their speakers (with the officials' protocol order for ceremonies), the
 * conflicts found while the committee edits, and bookings with a waiting
 * list.
 *
 * Times are Moroccan wall-clock times "YYYY-MM-DDTHH:MM" (Africa/Casablanca,
 * the process's TZ: main.c); the iCalendar export (export/prog_ical.c) writes
 * them with that TZID and a VTIMEZONE drawn from the system's tz database.
 * Capacity holds under simultaneous bookings because a booking takes its
 * place with one conditional UPDATE of the session's row (booked < capacity)
 * inside the booking's transaction: the engine serialises writers of that
 * row, so two bookings can never both take the last place.
 * Model code: no HTML, no HTTP; everything returned lives in the arena given.
 */
#ifndef CF_PROG_H
#define CF_PROG_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"
#include "text.h"

typedef enum prog_kind {
	PROG_CEREMONY,
	PROG_TALK,
	PROG_PANEL,
	PROG_WORKSHOP,
	PROG_MEETING,
	PROG_PERFORMANCE,
	PROG_KIND__MAX
} prog_kind;

/* prog_kind_code - "ceremony", "talk", ...; prog_kind_parse - the inverse,
 * -1 when unknown. */
const char *prog_kind_code(prog_kind k);
int prog_kind_parse(const char *code);

#define PROG_SPEAKERS_MAX 12

typedef struct prog_speaker {
	const char *name, *title, *organisation;
	int protocol; /* order of precedence at a ceremony, 1 first; 0 none */
} prog_speaker;

typedef struct prog_session {
	int64_t id, edition_id, space_id; /* space_id 0: no space */
	prog_kind kind;
	text3 title, about;
	text3 space;			 /* the space's name ("" when none) */
	const char *starts_at, *ends_at; /* "YYYY-MM-DDTHH:MM", Moroccan time */
	int capacity;			 /* 0: no limit given */
	int booking;			 /* places must be booked */
	int booked, waiting;		 /* places taken; on the waiting list */
	int sample;
	prog_speaker *speakers; /* protocol order first, then as entered */
	size_t nspeakers;
} prog_session;

/* prog_time_ok - s is "YYYY-MM-DDTHH:MM" with a real date and time. */
int prog_time_ok(const char *s);
/* prog_now - the present Moroccan wall-clock time as "YYYY-MM-DDTHH:MM". */
void prog_now(char out[17]);

/* prog_sessions - the sessions of an edition by start time then space,
 * with speakers; day ("YYYY-MM-DD") restricts to that day (NULL: all). */
cf_err prog_sessions(arena *a, int64_t edition_id, const char *day, prog_session **out,
		     size_t *count) CF_MUST_USE;
/* prog_session_get - one session with its speakers; CF_ERR_NOTFOUND. */
cf_err prog_session_get(arena *a, int64_t id, prog_session *out) CF_MUST_USE;

/* prog_session_save - create (s->id 0: *id gets the new id) or replace a
 * session and its speakers, audited as actor. CF_ERR_INVALID when a time is
 * malformed, ends before it starts, the kind is unknown, the capacity is
 * negative, booking is asked without a capacity, or the space is not the
 * edition's. Conflicts do not refuse the save: prog_conflicts names them.
 * A capacity raised gives the new places to the waiting list, in order, in
 * the same transaction; a capacity lowered takes no place back. */
cf_err prog_session_save(int64_t actor, const prog_session *s, int64_t *id) CF_MUST_USE;
cf_err prog_session_delete(int64_t actor, int64_t id) CF_MUST_USE;

/* ---- conflicts ---- */
typedef enum prog_conflict_kind {
	PROG_CLASH_SPACE,    /* the space holds another session at once */
	PROG_CLASH_SPEAKER,  /* a speaker is in another session at once */
	PROG_CLASH_DATES,    /* outside the fair's dates */
	PROG_CLASH_HOURS,    /* outside the fair's opening hours */
	PROG_CLASH_FREETIME, /* longer than the space's free time around its start */
	PROG_CLASH__MAX
} prog_conflict_kind;

typedef struct prog_conflict {
	prog_conflict_kind kind;
	int64_t other_id;	  /* the other session (SPACE, SPEAKER, FREETIME), else 0 */
	text3 other;		  /* its title */
	const char *speaker;	  /* SPEAKER: the name */
	const char *from, *until; /* DATES: the fair's days; HOURS: the opening
				     hours; FREETIME: the free window */
} prog_conflict;

/* prog_conflicts - what is wrong with s (saved or not: s->id is left out of
 * the comparison) in its edition. */
cf_err prog_conflicts(arena *a, const prog_session *s, prog_conflict **out,
		      size_t *count) CF_MUST_USE;

/* ---- the edition's settings ---- */
typedef struct prog_settings {
	char opens[6], closes[6]; /* "HH:MM" */
	int moderate;		  /* comments on news wait for moderation */
} prog_settings;
cf_err prog_settings_get(int64_t edition_id, prog_settings *out) CF_MUST_USE;
cf_err prog_settings_set(int64_t actor, int64_t edition_id, const prog_settings *s) CF_MUST_USE;

/* ---- bookings (prog_book.c) ---- */
typedef enum prog_book_status {
	PROG_BOOKED,
	PROG_WAITING,
	PROG_CANCELLED,
	PROG_BOOK__MAX
} prog_book_status;
const char *prog_book_status_code(prog_book_status s);

#define PROG_TOKEN_LEN 32

typedef struct prog_booking {
	int64_t id, session_id;
	const char *name, *email, *phone, *created_at, *token;
	prog_book_status status;
	int attended;
	int position; /* WAITING: its place on the list, 1 first */
} prog_booking;

/* prog_book - ask for a place: a place when one is free (PROG_BOOKED), else
 * a place on the waiting list (PROG_WAITING). out->token is the booking's
 * secret (its page and its cancellation); l the language it is made in
 * (the mail of prog_mail_promoted is written in it). CF_ERR_INVALID for an empty name
 * or a malformed email; CF_ERR_STATE when the session takes no bookings;
 * CF_ERR_NOTFOUND; CF_ERR_BUSY when the database stayed locked. */
cf_err prog_book(arena *a, int64_t session_id, const char *name, const char *email,
		 const char *phone, lang l, prog_booking *out) CF_MUST_USE;
/* prog_booking_by_token - a booking by its secret; CF_ERR_NOTFOUND. */
cf_err prog_booking_by_token(arena *a, const char *token, prog_booking *out) CF_MUST_USE;
/* prog_cancel - cancel a booking (by its secret); when it held a place, the
 * first on the waiting list takes it, in the same transaction. *promoted
 * gets that booking's id (0: none). CF_ERR_STATE when already cancelled. */
cf_err prog_cancel(const char *token, int64_t *promoted) CF_MUST_USE;
/* prog_mail_promoted - inside the transaction that gave booking_id a place
 * from the waiting list (a cancellation, a capacity raised): queue its mail,
 * in the language it was booked in (l of prog_book), with the session, its
 * day and hours and the booking's address. Nothing for a booking without
 * an email. */
cf_err prog_mail_promoted(int64_t booking_id) CF_MUST_USE;
/* prog_bookings - the participants of a session: booked first, then the
 * waiting list, then cancelled, each in order of asking. */
cf_err prog_bookings(arena *a, int64_t session_id, prog_booking **out, size_t *count) CF_MUST_USE;
/* prog_attended - mark a booking of session_id as present (or not). */
cf_err prog_attended(int64_t actor, int64_t session_id, int64_t booking_id,
		     int present) CF_MUST_USE;

/* ---- attendance for reports (issue 16's impact report reads this) ---- */
typedef struct prog_session_count {
	int64_t session_id;
	const char *kind; /* prog_kind_code */
	text3 title;
	const char *starts_at;
	int capacity;
	int booked, waiting, cancelled, attended;
} prog_session_count;

/* prog_counts - per session of the edition (by start time): its capacity
 * and its bookings booked, waiting, cancelled, and marked attended. */
cf_err prog_counts(arena *a, int64_t edition_id, prog_session_count **out,
		   size_t *count) CF_MUST_USE;

#endif
