/* prog_session.c - sessions, speakers, settings and counts (prog.h). */
#include "../db/db.h"
#include "audit.h"
#include "prog.h"
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const KIND_CODE[PROG_KIND__MAX] = {
	[PROG_CEREMONY] = "ceremony", [PROG_TALK] = "talk",
	[PROG_PANEL] = "panel",	      [PROG_WORKSHOP] = "workshop",
	[PROG_MEETING] = "meeting",   [PROG_PERFORMANCE] = "performance",
};

const char *prog_kind_code(prog_kind k)
{
	return k < PROG_KIND__MAX ? KIND_CODE[k] : "talk";
}

int prog_kind_parse(const char *code)
{
	for (int k = 0; code && k < PROG_KIND__MAX; k++)
		if (!strcmp(code, KIND_CODE[k]))
			return k;
	return -1;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int prog_time_ok(const char *s)
{
	if (!s || strlen(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':')
		return 0;
	if (!digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2) || !digits(s + 11, 2) ||
	    !digits(s + 14, 2))
		return 0;
	int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8), h = atoi(s + 11), mi = atoi(s + 14);
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59)
		return 0;
	if (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)))
		return 0;
	return 1;
}

void prog_now(char out[17])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

/* ---- reading ---- */

#define SESSION_COLS                                                                                \
	"s.id, s.edition_id, COALESCE(s.space_id, 0), s.kind, s.title_ar, s.title_fr, s.title_en, " \
	"s.about_ar, s.about_fr, s.about_en, COALESCE(p.name_ar, ''), COALESCE(p.name_fr, ''), "    \
	"COALESCE(p.name_en, ''), s.starts_at, s.ends_at, s.capacity, s.booking, s.booked, "        \
	"s.is_sample, (SELECT COUNT(*) FROM prog_booking b WHERE b.session_id = s.id AND "          \
	"b.status = 'waiting') "

static const char SQL_SESSIONS[] =
	"SELECT " SESSION_COLS "FROM prog_session s LEFT JOIN space p ON p.id = s.space_id "
	"WHERE s.edition_id = ? AND (? = '' OR substr(s.starts_at, 1, 10) = ?) "
	"ORDER BY s.starts_at, COALESCE(p.position, 0), s.id";
static const char SQL_SESSION[] =
	"SELECT " SESSION_COLS "FROM prog_session s LEFT JOIN space p ON p.id = s.space_id "
	"WHERE s.id = ?";
static const char SQL_SPEAKERS[] =
	"SELECT name, title, organisation, protocol FROM prog_speaker WHERE session_id = ? "
	"ORDER BY CASE WHEN protocol > 0 THEN 0 ELSE 1 END, protocol, id";

static const char *dup(arena *a, db_stmt *s, int c)
{
	return arena_strdup(a, db_col_text(s, c));
}

/* read_row - a rows_reader (rows.h) of prog_session, without speakers. */
static void read_row(arena *a, db_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	prog_session *o = elem;
	memset(o, 0, sizeof *o);
	o->id = db_col_int(s, 0);
	o->edition_id = db_col_int(s, 1);
	o->space_id = db_col_int(s, 2);
	int k = prog_kind_parse(db_col_text(s, 3));
	o->kind = k < 0 ? PROG_TALK : (prog_kind)k;
	for (int l = 0; l < LANG__MAX; l++) {
		o->title.v[l] = dup(a, s, 4 + l);
		o->about.v[l] = dup(a, s, 7 + l);
		o->space.v[l] = dup(a, s, 10 + l);
	}
	o->starts_at = dup(a, s, 13);
	o->ends_at = dup(a, s, 14);
	o->capacity = (int)db_col_int(s, 15);
	o->booking = (int)db_col_int(s, 16);
	o->booked = (int)db_col_int(s, 17);
	o->sample = (int)db_col_int(s, 18);
	o->waiting = (int)db_col_int(s, 19);
}

static cf_err read_speakers(arena *a, db *d, prog_session *o)
{
	db_stmt *s = db_prepare(d, SQL_SPEAKERS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, o->id);
	o->speakers = arena_alloc(a, PROG_SPEAKERS_MAX * sizeof *o->speakers);
	o->nspeakers = 0;
	int rc;
	while ((rc = db_step(s)) == DB_ROW && o->nspeakers < PROG_SPEAKERS_MAX) {
		prog_speaker *p = &o->speakers[o->nspeakers++];
		p->name = dup(a, s, 0);
		p->title = dup(a, s, 1);
		p->organisation = dup(a, s, 2);
		p->protocol = (int)db_col_int(s, 3);
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err prog_sessions(arena *a, int64_t edition_id, const char *day, prog_session **out,
		     size_t *count)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_SESSIONS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, day ? day : "");
	db_bind_text(s, 3, day ? day : "");
	void *got;
	size_t n = 0;
	cf_err e = rows_all(a, s, sizeof **out, read_row, NULL, &got, &n);
	prog_session *v = got;
	for (size_t i = 0; !e && i < n; i++)
		e = read_speakers(a, d, &v[i]);
	if (e)
		return e;
	*out = v;
	*count = n;
	return CF_OK;
}

cf_err prog_session_get(arena *a, int64_t id, prog_session *out)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_SESSION);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e)
		read_row(a, s, out, NULL);
	db_done(s);
	return e ? e : read_speakers(a, d, out);
}

/* ---- writing ---- */

static const char SQL_SPACE_OF[] = "SELECT edition_id FROM space WHERE id = ?";
static const char SQL_INSERT[] =
	"INSERT INTO prog_session (edition_id, space_id, kind, title_ar, title_fr, title_en, "
	"about_ar, about_fr, about_en, starts_at, ends_at, capacity, booking) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_UPDATE[] =
	"UPDATE prog_session SET space_id = ?, kind = ?, title_ar = ?, title_fr = ?, title_en = ?, "
	"about_ar = ?, about_fr = ?, about_en = ?, starts_at = ?, ends_at = ?, capacity = ?, "
	"booking = ? WHERE id = ? AND edition_id = ?";
static const char SQL_SPEAKERS_DEL[] = "DELETE FROM prog_speaker WHERE session_id = ?";
static const char SQL_SPEAKER_ADD[] = "INSERT INTO prog_speaker (session_id, name, title, "
				      "organisation, protocol) VALUES (?, ?, ?, ?, ?)";
static const char SQL_DELETE[] = "DELETE FROM prog_session WHERE id = ?";
static const char SQL_TAKE[] =
	"UPDATE prog_session SET booked = booked + 1 WHERE id = ? AND booked < capacity";
static const char SQL_FIRST_WAITING[] = "SELECT id FROM prog_booking WHERE session_id = ? AND "
					"status = 'waiting' ORDER BY id LIMIT 1";
static const char SQL_GIVE_BACK[] = "UPDATE prog_session SET booked = booked - 1 WHERE id = ?";
static const char SQL_PROMOTE[] = "UPDATE prog_booking SET status = 'booked' WHERE id = ?";

static const char *nz(const char *s)
{
	return s ? s : "";
}

static cf_err check(db *d, const prog_session *s)
{
	if (!prog_time_ok(s->starts_at) || !prog_time_ok(s->ends_at) ||
	    strcmp(s->starts_at, s->ends_at) >= 0 || s->kind >= PROG_KIND__MAX || s->capacity < 0 ||
	    (s->booking && s->capacity <= 0))
		return CF_ERR_INVALID;
	int titled = 0;
	for (int l = 0; l < LANG__MAX; l++)
		titled |= s->title.v[l] && *s->title.v[l];
	if (!titled)
		return CF_ERR_INVALID;
	if (!s->space_id)
		return CF_OK;
	db_stmt *q = db_prepare(d, SQL_SPACE_OF);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, s->space_id);
	cf_err e = db_row(q);
	if (!e && db_col_int(q, 0) != s->edition_id)
		e = CF_ERR_INVALID;
	db_done(q);
	return e == CF_ERR_NOTFOUND ? CF_ERR_INVALID : e;
}

static void bind_space(db_stmt *q, int i, int64_t space_id)
{
	if (space_id)
		db_bind_int(q, i, space_id);
	else
		db_bind_null(q, i);
}

static cf_err write_session(db *d, const prog_session *s, int64_t *id)
{
	db_stmt *q;
	int i = 1;
	if (!s->id) {
		q = db_prepare(d, SQL_INSERT);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, i++, s->edition_id);
	} else {
		q = db_prepare(d, SQL_UPDATE);
		if (!q)
			return CF_ERR_DB;
	}
	bind_space(q, i++, s->space_id);
	db_bind_text(q, i++, prog_kind_code(s->kind));
	for (int l = 0; l < LANG__MAX; l++)
		db_bind_text(q, i++, nz(s->title.v[l]));
	for (int l = 0; l < LANG__MAX; l++)
		db_bind_text(q, i++, nz(s->about.v[l]));
	db_bind_text(q, i++, s->starts_at);
	db_bind_text(q, i++, s->ends_at);
	db_bind_int(q, i++, s->capacity);
	db_bind_int(q, i++, s->booking);
	if (s->id) {
		db_bind_int(q, i++, s->id);
		db_bind_int(q, i++, s->edition_id);
	}
	cf_err e = db_run(q);
	if (e)
		return e;
	if (!s->id)
		*id = db_last_id(d);
	else if (db_changes(d) != 1)
		return CF_ERR_NOTFOUND;
	else
		*id = s->id;
	q = db_prepare(d, SQL_SPEAKERS_DEL);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, *id);
	if ((e = db_run(q)))
		return e;
	for (size_t k = 0; k < s->nspeakers; k++) {
		const prog_speaker *p = &s->speakers[k];
		if (!p->name || !*p->name)
			continue;
		q = db_prepare(d, SQL_SPEAKER_ADD);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, 1, *id);
		db_bind_text(q, 2, p->name);
		db_bind_text(q, 3, nz(p->title));
		db_bind_text(q, 4, nz(p->organisation));
		db_bind_int(q, 5, p->protocol);
		if ((e = db_run(q)))
			return e;
	}
	return CF_OK;
}

/* promote - inside the transaction: while the session has a free place and
 * someone waits, the first waiting takes it (a capacity was raised). */
static cf_err promote(db *d, int64_t id)
{
	for (;;) {
		db_stmt *q = db_prepare(d, SQL_TAKE);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, 1, id);
		cf_err e = db_run(q);
		if (e || db_changes(d) != 1)
			return e;
		q = db_prepare(d, SQL_FIRST_WAITING);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, 1, id);
		e = db_row(q);
		int64_t next = e ? 0 : db_col_int(q, 0);
		db_done(q);
		q = db_prepare(d, e == CF_ERR_NOTFOUND ? SQL_GIVE_BACK : SQL_PROMOTE);
		if (!q)
			return CF_ERR_DB;
		if (e == CF_ERR_NOTFOUND) {
			db_bind_int(q, 1, id);
			return db_run(q); /* nobody waits: the place stays free */
		}
		if (e) {
			db_done(q);
			return e;
		}
		db_bind_int(q, 1, next);
		if ((e = db_run(q)) || (e = prog_mail_promoted(next)))
			return e;
	}
}

cf_err prog_session_save(int64_t actor, const prog_session *s, int64_t *id)
{
	db *d = db_thread();
	cf_err e = check(d, s);
	if (e)
		return e;
	if ((e = db_begin(d)))
		return e;
	int64_t got = 0;
	e = write_session(d, s, &got);
	if (!e && s->id)
		e = promote(d, got);
	if (!e)
		e = audit_record(actor, s->id ? "prog.session.update" : "prog.session.create",
				 "prog_session", got, NULL, NULL);
	if ((e = db_end(d, e)))
		return e;
	*id = got;
	return CF_OK;
}

cf_err prog_session_delete(int64_t actor, int64_t id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, SQL_DELETE);
	if (!q)
		e = CF_ERR_DB;
	else {
		db_bind_int(q, 1, id);
		e = db_run(q);
	}
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor, "prog.session.delete", "prog_session", id, NULL, NULL);
	e = db_end(d, e);
	return e;
}

/* ---- settings ---- */

static const char SQL_SETTINGS[] =
	"SELECT opens, closes, moderate FROM prog_setting WHERE edition_id = ?";
static const char SQL_SETTINGS_SET[] =
	"INSERT INTO prog_setting (edition_id, opens, closes, moderate) VALUES (?, ?, ?, ?) "
	"ON CONFLICT (edition_id) DO UPDATE SET opens = excluded.opens, closes = excluded.closes, "
	"moderate = excluded.moderate";

cf_err prog_settings_get(int64_t edition_id, prog_settings *out)
{
	snprintf(out->opens, sizeof out->opens, "09:00");
	snprintf(out->closes, sizeof out->closes, "20:00");
	out->moderate = 1;
	db_stmt *q = db_prepare(db_thread(), SQL_SETTINGS);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, edition_id);
	cf_err e = db_row(q);
	if (!e) {
		snprintf(out->opens, sizeof out->opens, "%.5s", db_col_text(q, 0));
		snprintf(out->closes, sizeof out->closes, "%.5s", db_col_text(q, 1));
		out->moderate = (int)db_col_int(q, 2);
	}
	db_done(q);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}

static int hhmm_ok(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && digits(s, 2) && digits(s + 3, 2) && atoi(s) < 24 &&
	       atoi(s + 3) < 60;
}

cf_err prog_settings_set(int64_t actor, int64_t edition_id, const prog_settings *s)
{
	if (!hhmm_ok(s->opens) || !hhmm_ok(s->closes) || strcmp(s->opens, s->closes) >= 0)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, SQL_SETTINGS_SET);
	if (!q)
		e = CF_ERR_DB;
	else {
		db_bind_int(q, 1, edition_id);
		db_bind_text(q, 2, s->opens);
		db_bind_text(q, 3, s->closes);
		db_bind_int(q, 4, s->moderate ? 1 : 0);
		e = db_run(q);
	}
	if (!e)
		e = audit_record(actor, "prog.settings", "edition", edition_id, NULL, NULL);
	e = db_end(d, e);
	return e;
}

/* ---- counts ---- */

static const char SQL_COUNTS[] =
	"SELECT s.id, s.kind, s.title_ar, s.title_fr, s.title_en, s.starts_at, s.capacity, "
	"(SELECT COUNT(*) FROM prog_booking b WHERE b.session_id = s.id AND b.status = 'booked'), "
	"(SELECT COUNT(*) FROM prog_booking b WHERE b.session_id = s.id AND b.status = 'waiting'), "
	"(SELECT COUNT(*) FROM prog_booking b WHERE b.session_id = s.id AND b.status = 'cancelled'), "
	"(SELECT COUNT(*) FROM prog_booking b WHERE b.session_id = s.id AND b.attended = 1) "
	"FROM prog_session s WHERE s.edition_id = ? ORDER BY s.starts_at, s.id";

/* read_count - a rows_reader (rows.h) of prog_session_count. */
static void read_count(arena *a, db_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	prog_session_count *c = elem;
	c->session_id = db_col_int(s, 0);
	c->kind = dup(a, s, 1);
	for (int l = 0; l < LANG__MAX; l++)
		c->title.v[l] = dup(a, s, 2 + l);
	c->starts_at = dup(a, s, 5);
	c->capacity = (int)db_col_int(s, 6);
	c->booked = (int)db_col_int(s, 7);
	c->waiting = (int)db_col_int(s, 8);
	c->cancelled = (int)db_col_int(s, 9);
	c->attended = (int)db_col_int(s, 10);
}

cf_err prog_counts(arena *a, int64_t edition_id, prog_session_count **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_COUNTS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	void *v;
	cf_err e = rows_all(a, s, sizeof **out, read_count, NULL, &v, count);
	if (!e)
		*out = v;
	return e;
}
