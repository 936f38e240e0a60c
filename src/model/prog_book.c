/* prog_book.c - bookings and the waiting list (prog.h).
 *
 * A place is taken by SQL_TAKE, one conditional UPDATE of the session's row
 * (booked < capacity), in the booking's transaction: whoever gets the row
 * changed has the place, whoever does not goes on the waiting list. On
 * SQLite the transaction holds the write lock (BEGIN IMMEDIATE); on
 * PostgreSQL the row lock makes a second UPDATE re-read the row after the
 * first commits, so the count can never pass the capacity on either. */
#include "../db/db.h"
#include "audit.h"
#include "prog.h"
#include "rows.h"
#include "../util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const STATUS_CODE[PROG_BOOK__MAX] = {
	[PROG_BOOKED] = "booked",
	[PROG_WAITING] = "waiting",
	[PROG_CANCELLED] = "cancelled",
};

const char *prog_book_status_code(prog_book_status s)
{
	return s < PROG_BOOK__MAX ? STATUS_CODE[s] : "cancelled";
}

static prog_book_status status_parse(const char *s)
{
	for (int i = 0; i < PROG_BOOK__MAX; i++)
		if (!strcmp(s, STATUS_CODE[i]))
			return (prog_book_status)i;
	return PROG_CANCELLED;
}

static const char SQL_OPEN[] = "SELECT booking FROM prog_session WHERE id = ?";
static const char SQL_TAKE[] =
	"UPDATE prog_session SET booked = booked + 1 WHERE id = ? AND booked < capacity";
static const char SQL_ADD[] =
	"INSERT INTO prog_booking (session_id, name, email, phone, status, token, created_at, lang) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_BY_TOKEN[] =
	"SELECT b.id, b.session_id, b.name, b.email, b.phone, b.status, b.token, b.attended, "
	"b.created_at, (SELECT COUNT(*) FROM prog_booking w WHERE w.session_id = b.session_id "
	"AND w.status = 'waiting' AND w.id <= b.id) FROM prog_booking b WHERE b.token = ?";
static const char SQL_SET_STATUS[] = "UPDATE prog_booking SET status = ? WHERE id = ?";
static const char SQL_FIRST_WAITING[] = "SELECT id FROM prog_booking WHERE session_id = ? AND "
					"status = 'waiting' ORDER BY id LIMIT 1";
static const char SQL_GIVE_BACK[] =
	"UPDATE prog_session SET booked = booked - 1 WHERE id = ? AND booked > 0";
static const char SQL_LIST[] =
	"SELECT id, session_id, name, email, phone, status, token, attended, created_at, 0 "
	"FROM prog_booking WHERE session_id = ? ORDER BY CASE status WHEN 'booked' THEN 0 "
	"WHEN 'waiting' THEN 1 ELSE 2 END, id";
static const char SQL_ATTENDED[] =
	"UPDATE prog_booking SET attended = ? WHERE id = ? AND session_id = ?";

static int email_ok(const char *e)
{
	if (!*e)
		return 1; /* a phone is enough */
	const char *at = strchr(e, '@');
	return at && at > e && strchr(at + 1, '.') && !strchr(at + 1, '@') && strlen(e) <= 200 &&
	       !strpbrk(e, " \t\r\n<>\"");
}

/* read_booking - a rows_reader (rows.h) of prog_booking. */
static void read_booking(arena *a, db_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	prog_booking *o = elem;
	o->id = db_col_int(s, 0);
	o->session_id = db_col_int(s, 1);
	o->name = arena_strdup(a, db_col_text(s, 2));
	o->email = arena_strdup(a, db_col_text(s, 3));
	o->phone = arena_strdup(a, db_col_text(s, 4));
	o->status = status_parse(db_col_text(s, 5));
	o->token = arena_strdup(a, db_col_text(s, 6));
	o->attended = (int)db_col_int(s, 7);
	o->created_at = arena_strdup(a, db_col_text(s, 8));
	o->position = o->status == PROG_WAITING ? (int)db_col_int(s, 9) : 0;
}

static cf_err take(db *d, int64_t session_id, const char *name, const char *email,
		   const char *phone, lang l, const char *token, prog_book_status *st)
{
	db_stmt *q = db_prepare(d, SQL_OPEN);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, session_id);
	cf_err e = db_row(q);
	int open = e ? 0 : (int)db_col_int(q, 0);
	db_done(q);
	if (e)
		return e;
	if (!open)
		return CF_ERR_STATE;
	q = db_prepare(d, SQL_TAKE);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, session_id);
	if ((e = db_run(q)))
		return e;
	*st = db_changes(d) == 1 ? PROG_BOOKED : PROG_WAITING;
	char now[21];
	clock_now_iso(now);
	q = db_prepare(d, SQL_ADD);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, session_id);
	db_bind_text(q, 2, name);
	db_bind_text(q, 3, email);
	db_bind_text(q, 4, phone);
	db_bind_text(q, 5, prog_book_status_code(*st));
	db_bind_text(q, 6, token);
	db_bind_text(q, 7, now);
	db_bind_text(q, 8, lang_code(l));
	return db_run(q);
}

cf_err prog_book(arena *a, int64_t session_id, const char *name, const char *email,
		 const char *phone, lang l, prog_booking *out)
{
	name = name ? name : "";
	email = email ? email : "";
	phone = phone ? phone : "";
	if (!*name || strlen(name) > 200 || strlen(phone) > 40 || !email_ok(email) ||
	    (!*email && !*phone))
		return CF_ERR_INVALID;
	unsigned char raw[PROG_TOKEN_LEN / 2];
	char token[PROG_TOKEN_LEN + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	prog_book_status st = PROG_WAITING;
	e = take(d, session_id, name, email, phone, l, token, &st);
	if ((e = db_end(d, e)))
		return e;
	return prog_booking_by_token(a, token, out);
}

cf_err prog_booking_by_token(arena *a, const char *token, prog_booking *out)
{
	if (!token || strlen(token) != PROG_TOKEN_LEN)
		return CF_ERR_NOTFOUND;
	db_stmt *q = db_prepare(db_thread(), SQL_BY_TOKEN);
	if (!q)
		return CF_ERR_DB;
	db_bind_text(q, 1, token);
	cf_err e = db_row(q);
	if (!e)
		read_booking(a, q, out, NULL);
	db_done(q);
	return e;
}

static cf_err set_status(db *d, int64_t id, prog_book_status st)
{
	db_stmt *q = db_prepare(d, SQL_SET_STATUS);
	if (!q)
		return CF_ERR_DB;
	db_bind_text(q, 1, prog_book_status_code(st));
	db_bind_int(q, 2, id);
	return db_run(q);
}

/* cancel - inside the transaction: b leaves; its place goes to the first
 * waiting, or back to the session. */
static cf_err cancel(db *d, const prog_booking *b, int64_t *promoted)
{
	cf_err e = set_status(d, b->id, PROG_CANCELLED);
	if (e || b->status != PROG_BOOKED)
		return e;
	db_stmt *q = db_prepare(d, SQL_FIRST_WAITING);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, b->session_id);
	e = db_row(q);
	int64_t next = e ? 0 : db_col_int(q, 0);
	db_done(q);
	if (e == CF_ERR_NOTFOUND) {
		q = db_prepare(d, SQL_GIVE_BACK);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, 1, b->session_id);
		return db_run(q);
	}
	if (e)
		return e;
	*promoted = next;
	e = set_status(d, next, PROG_BOOKED);
	return e ? e : prog_mail_promoted(next);
}

cf_err prog_cancel(const char *token, int64_t *promoted)
{
	*promoted = 0;
	arena *a = arena_new(4096);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e) {
		arena_free(a);
		return e;
	}
	prog_booking b;
	e = prog_booking_by_token(a, token, &b); /* read inside the write lock */
	if (!e && b.status == PROG_CANCELLED)
		e = CF_ERR_STATE;
	if (!e)
		e = cancel(d, &b, promoted);
	e = db_end(d, e);
	arena_free(a);
	return e;
}

cf_err prog_bookings(arena *a, int64_t session_id, prog_booking **out, size_t *count)
{
	db_stmt *q = db_prepare(db_thread(), SQL_LIST);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, session_id);
	void *got;
	size_t n = 0;
	cf_err e = rows_all(a, q, sizeof **out, read_booking, NULL, &got, &n);
	if (e)
		return e;
	prog_booking *v = got;
	int waiting = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].status == PROG_WAITING)
			v[i].position = ++waiting;
	*out = v;
	*count = n;
	return CF_OK;
}

cf_err prog_attended(int64_t actor, int64_t session_id, int64_t booking_id, int present)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, SQL_ATTENDED);
	if (!q)
		e = CF_ERR_DB;
	else {
		db_bind_int(q, 1, present ? 1 : 0);
		db_bind_int(q, 2, booking_id);
		db_bind_int(q, 3, session_id);
		e = db_run(q);
	}
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor, "prog.attended", "prog_booking", booking_id, NULL, NULL);
	e = db_end(d, e);
	return e;
}
