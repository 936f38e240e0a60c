/* prog_conflict.c - what is wrong with a session in its edition (prog.h).
 *
 * Two sessions overlap when each starts before the other ends (times are
 * "YYYY-MM-DDTHH:MM" text in one time zone: text order is time order). In a
 * space, an overlap with a session that starts at or before this one is the
 * space used twice at once; with one that starts later, this session is
 * longer than the free time the space has from its start (FREETIME, which
 * names the window). */
#include "../db/db.h"
#include "edition.h"
#include "prog.h"

#include <string.h>

static const char SQL_IN_SPACE[] =
	"SELECT id, title_ar, title_fr, title_en, starts_at, ends_at FROM prog_session "
	"WHERE space_id = ? AND id <> ? AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id";
static const char SQL_PREV_END[] =
	"SELECT COALESCE(MAX(ends_at), '') FROM prog_session WHERE space_id = ? AND id <> ? "
	"AND ends_at <= ? AND substr(ends_at, 1, 10) = ?";
static const char SQL_SPEAKER_BUSY[] =
	"SELECT DISTINCT s.id, s.title_ar, s.title_fr, s.title_en FROM prog_session s "
	"JOIN prog_speaker p ON p.session_id = s.id WHERE s.edition_id = ? AND s.id <> ? "
	"AND s.starts_at < ? AND s.ends_at > ? AND lower(p.name) = lower(?) ORDER BY s.id";

typedef struct sink {
	arena *a;
	prog_conflict *v;
	size_t n, cap;
} sink;

static prog_conflict *add(sink *k, prog_conflict_kind kind)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 8;
		prog_conflict *w = arena_alloc(k->a, cap * sizeof *w);
		if (k->n)
			memcpy(w, k->v, k->n * sizeof *w);
		k->v = w;
		k->cap = cap;
	}
	prog_conflict *c = &k->v[k->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

static void title_of(arena *a, db_stmt *q, int col, text3 *t)
{
	for (int l = 0; l < LANG__MAX; l++)
		t->v[l] = arena_strdup(a, db_col_text(q, col + l));
}

static cf_err space_clashes(db *d, const prog_session *s, sink *k, const char *opens)
{
	db_stmt *q = db_prepare(d, SQL_IN_SPACE);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, s->space_id);
	db_bind_int(q, 2, s->id);
	db_bind_text(q, 3, s->ends_at);
	db_bind_text(q, 4, s->starts_at);
	int rc;
	const char *next_start = NULL;
	int64_t next_id = 0;
	text3 next_title = { { 0 } };
	while ((rc = db_step(q)) == DB_ROW) {
		const char *starts = db_col_text(q, 4);
		if (strcmp(starts, s->starts_at) > 0) {
			if (!next_start) {
				next_start = arena_strdup(k->a, starts);
				next_id = db_col_int(q, 0);
				title_of(k->a, q, 1, &next_title);
			}
			continue;
		}
		prog_conflict *c = add(k, PROG_CLASH_SPACE);
		c->other_id = db_col_int(q, 0);
		title_of(k->a, q, 1, &c->other);
	}
	db_done(q);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	if (!next_start)
		return CF_OK;
	/* the free window: from the end of the session before (or opening
	 * time) to the start of the next one */
	q = db_prepare(d, SQL_PREV_END);
	if (!q)
		return CF_ERR_DB;
	char day[11];
	memcpy(day, s->starts_at, 10);
	day[10] = 0;
	db_bind_int(q, 1, s->space_id);
	db_bind_int(q, 2, s->id);
	db_bind_text(q, 3, s->starts_at);
	db_bind_text(q, 4, day);
	cf_err e = db_row(q);
	const char *prev = e ? "" : arena_strdup(k->a, db_col_text(q, 0));
	db_done(q);
	if (e)
		return e;
	prog_conflict *c = add(k, PROG_CLASH_FREETIME);
	c->other_id = next_id;
	c->other = next_title;
	c->from = *prev ? prev + 11 : opens;
	c->until = next_start + 11;
	return CF_OK;
}

static cf_err speaker_clashes(db *d, const prog_session *s, sink *k)
{
	for (size_t i = 0; i < s->nspeakers; i++) {
		const char *name = s->speakers[i].name;
		if (!name || !*name)
			continue;
		db_stmt *q = db_prepare(d, SQL_SPEAKER_BUSY);
		if (!q)
			return CF_ERR_DB;
		db_bind_int(q, 1, s->edition_id);
		db_bind_int(q, 2, s->id);
		db_bind_text(q, 3, s->ends_at);
		db_bind_text(q, 4, s->starts_at);
		db_bind_text(q, 5, name);
		int rc;
		while ((rc = db_step(q)) == DB_ROW) {
			prog_conflict *c = add(k, PROG_CLASH_SPEAKER);
			c->other_id = db_col_int(q, 0);
			title_of(k->a, q, 1, &c->other);
			c->speaker = arena_strdup(k->a, name);
		}
		db_done(q);
		if (rc == DB_ERR)
			return CF_ERR_DB;
	}
	return CF_OK;
}

cf_err prog_conflicts(arena *a, const prog_session *s, prog_conflict **out, size_t *count)
{
	sink k = { .a = a };
	*out = NULL;
	*count = 0;
	if (!prog_time_ok(s->starts_at) || !prog_time_ok(s->ends_at))
		return CF_OK;
	edition ed;
	cf_err e = edition_by_id(a, s->edition_id, &ed);
	if (e)
		return e;
	prog_settings set;
	if ((e = prog_settings_get(s->edition_id, &set)))
		return e;
	if (strncmp(s->starts_at, ed.starts_on, 10) < 0 ||
	    strncmp(s->ends_at, ed.ends_on, 10) > 0) {
		prog_conflict *c = add(&k, PROG_CLASH_DATES);
		c->from = ed.starts_on;
		c->until = ed.ends_on;
	}
	if (strncmp(s->starts_at, s->ends_at, 10) || strcmp(s->starts_at + 11, set.opens) < 0 ||
	    strcmp(s->ends_at + 11, set.closes) > 0) {
		prog_conflict *c = add(&k, PROG_CLASH_HOURS);
		c->from = arena_strdup(a, set.opens);
		c->until = arena_strdup(a, set.closes);
	}
	db *d = db_thread();
	if (s->space_id && (e = space_clashes(d, s, &k, arena_strdup(a, set.opens))))
		return e;
	if ((e = speaker_clashes(d, s, &k)))
		return e;
	*out = k.v;
	*count = k.n;
	return CF_OK;
}
