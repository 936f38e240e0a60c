/*
 * badge_batch.c - see badge.h: badge sheets drawn by a thread of their own,
 * with their progress and their PDF in the database (table badge_batch), so
 * that a restart forgets nothing and any server of a deployment shows them.
 *
 * The drawing thread writes its progress every few badges along with a
 * heartbeat (beat_at). A batch still "drawing" whose owner (another process,
 * or this server before a restart) has not written for BATCH_STALE_SECONDS
 * was cut short: badge_batch_get, showing it, takes it over (an UPDATE that
 * only one server wins) and draws it again from the start.
 */
#include "../export/badge_pdf.h"
#include "badge.h"
#include "edition.h"
#include "text.h"

#include "../db/db.h"
#include "../util/clock.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_THREADS_MAX 8   /* drawing at once in one process */
#define BATCH_BADGES_MAX 5000 /* badges in one batch */
#define BATCH_KEEP 16	      /* batches kept per edition */
#define BATCH_STALE_SECONDS 5 /* no heartbeat for this long: cut short */
#define BATCH_PDF_CAP ((size_t)96 << 20)

static const char SQL_START[] =
	"INSERT INTO badge_batch (edition_id, role, total, owner, beat_at, started_at) "
	"VALUES (?, ?, ?, ?, ?, ?)";
/* the badges to draw, as the thread will count them (it corrects this) */
static const char SQL_COUNT[] = "SELECT count(*) FROM badge WHERE edition_id = ? "
				"AND (? = '' OR role = ?) AND revoked = 0";
static const char SQL_OLD[] = "SELECT id FROM badge_batch WHERE edition_id = ? "
			      "ORDER BY id DESC LIMIT 1 OFFSET ?";
static const char SQL_DROP[] =
	"DELETE FROM badge_batch WHERE edition_id = ? AND id <= ? AND state <> 'drawing'";
static const char SQL_PROGRESS[] =
	"UPDATE badge_batch SET done = ?, total = ?, beat_at = ? WHERE id = ? AND owner = ?";
static const char SQL_READY[] = "UPDATE badge_batch SET state = 'ready', pdf = ?, done = total, "
				"beat_at = ? WHERE id = ? AND owner = ?";
static const char SQL_FAILED[] =
	"UPDATE badge_batch SET state = 'failed', beat_at = ? WHERE id = ? AND owner = ?";
static const char SQL_GET[] = "SELECT id, edition_id, role, state, done, total, owner, beat_at "
			      "FROM badge_batch WHERE id = ?";
static const char SQL_TAKE[] = "UPDATE badge_batch SET owner = ?, beat_at = ?, done = 0 "
			       "WHERE id = ? AND state = 'drawing' AND owner = ? AND beat_at = ?";
static const char SQL_PDF[] =
	"SELECT pdf FROM badge_batch WHERE id = ? AND state = 'ready' AND pdf IS NOT NULL";

static atomic_int drawing; /* threads drawing in this process */
static char me[33];	   /* this process's owner id */
static pthread_once_t me_once = PTHREAD_ONCE_INIT;

static void make_me(void)
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(me, sizeof me, raw, sizeof raw);
}

struct job {
	int64_t id, edition_id;
	char role[16];
	size_t last;
};

/* progress - every tenth badge (and the last), in its own short
 * transaction: readers on other connections see it at once */
static void progress(size_t done, size_t total, void *arg)
{
	struct job *j = arg;
	if (done != total && done && done - j->last < 10)
		return;
	j->last = done;
	char now[32];
	clock_iso(time(NULL), now);
	db_stmt *s = db_prepare(db_thread(), SQL_PROGRESS);
	db_bind_int(s, 1, (int64_t)done);
	db_bind_int(s, 2, (int64_t)total);
	db_bind_text(s, 3, now);
	db_bind_int(s, 4, j->id);
	db_bind_text(s, 5, me);
	if (db_run(s))
		fprintf(stderr, "coopfair: badge batch %lld: progress not recorded\n",
			(long long)j->id);
}

/* draw - the thread: read the badges, draw them, keep the PDF. */
static void *draw(void *arg)
{
	struct job *j = arg;
	arena *a = arena_new((size_t)64 << 20);
	buf out;
	buf_init(&out, BATCH_PDF_CAP);
	edition ed;
	badge *all = NULL;
	size_t n = 0, k = 0;
	cf_err e = edition_by_id(a, j->edition_id, &ed);
	if (!e)
		e = badge_list(a, j->edition_id, j->role[0] ? j->role : NULL, BATCH_BADGES_MAX,
			       &all, &n);
	if (!e) {
		/* oldest first, revoked badges left out */
		badge *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
		for (size_t i = n; i-- > 0;)
			if (!all[i].revoked)
				v[k++] = all[i];
		const char *edname = arena_printf(a, "%s · %s", text3_get(&ed.name, LANG_AR),
						  text3_get(&ed.name, LANG_FR));
		progress(0, k, j);
		e = badge_pdf(v, k, edname, 1, progress, j, &out);
	}
	char now[32];
	clock_iso(time(NULL), now);
	db *d = db_thread();
	db_stmt *s;
	if (!e) {
		s = db_prepare(d, SQL_READY);
		db_bind_blob(s, 1, out.data, out.len);
		db_bind_text(s, 2, now);
		db_bind_int(s, 3, j->id);
		db_bind_text(s, 4, me);
		e = db_run(s);
	}
	if (e) {
		fprintf(stderr, "coopfair: badge batch %lld failed (%d)\n", (long long)j->id,
			(int)e);
		s = db_prepare(d, SQL_FAILED);
		db_bind_text(s, 1, now);
		db_bind_int(s, 2, j->id);
		db_bind_text(s, 3, me);
		if (db_run(s))
			fprintf(stderr, "coopfair: badge batch %lld: state not recorded\n",
				(long long)j->id);
	}
	buf_free(&out);
	arena_free(a);
	free(j);
	db_thread_close();
	atomic_fetch_sub(&drawing, 1);
	return NULL;
}

/* launch - a drawing thread for batch id; CF_ERR_BUSY when this process
 * draws BATCH_THREADS_MAX already. */
static cf_err launch(int64_t id, int64_t edition_id, const char *role)
{
	if (atomic_fetch_add(&drawing, 1) >= BATCH_THREADS_MAX) {
		atomic_fetch_sub(&drawing, 1);
		return CF_ERR_BUSY;
	}
	struct job *j = calloc(1, sizeof *j);
	pthread_t t;
	if (!j) {
		atomic_fetch_sub(&drawing, 1);
		return CF_ERR_NOMEM;
	}
	j->id = id;
	j->edition_id = edition_id;
	snprintf(j->role, sizeof j->role, "%s", role ? role : "");
	if (pthread_create(&t, NULL, draw, j)) {
		free(j);
		atomic_fetch_sub(&drawing, 1);
		return CF_ERR_BUSY;
	}
	pthread_detach(t);
	return CF_OK;
}

cf_err badge_batch_start(int64_t edition_id, const char *role, int64_t *id)
{
	if (role && *role && !badge_role_valid(role))
		return CF_ERR_INVALID;
	pthread_once(&me_once, make_me);
	if (atomic_load(&drawing) >= BATCH_THREADS_MAX)
		return CF_ERR_BUSY;
	db *d = db_thread();
	char now[32];
	clock_iso(time(NULL), now);
	/* the oldest batches of the edition go (and their PDFs) */
	db_stmt *s = db_prepare(d, SQL_OLD);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, BATCH_KEEP - 1);
	int rc = db_step(s);
	int64_t old = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	if (old) {
		s = db_prepare(d, SQL_DROP);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, old);
		cf_err e = db_run(s);
		if (e)
			return e;
	}
	s = db_prepare(d, SQL_COUNT);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, role ? role : "");
	db_bind_text(s, 3, role ? role : "");
	rc = db_step(s);
	int64_t total = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	s = db_prepare(d, SQL_START);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, role ? role : "");
	db_bind_int(s, 3, total < BATCH_BADGES_MAX ? total : BATCH_BADGES_MAX);
	db_bind_text(s, 4, me);
	db_bind_text(s, 5, now);
	db_bind_text(s, 6, now);
	cf_err e = db_run(s);
	if (e)
		return e;
	*id = db_last_id(d);
	e = launch(*id, edition_id, role);
	if (e) { /* recorded as failed, not left "drawing" */
		s = db_prepare(d, SQL_FAILED);
		db_bind_text(s, 1, now);
		db_bind_int(s, 2, *id);
		db_bind_text(s, 3, me);
		if (db_run(s))
			fprintf(stderr, "coopfair: badge batch %lld: state not recorded\n",
				(long long)*id);
	}
	return e;
}

cf_err badge_batch_get(arena *a, int64_t id, badge_batch *out)
{
	memset(out, 0, sizeof *out);
	pthread_once(&me_once, make_me);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_GET);
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	const char *owner = "", *beat = "";
	if (rc == DB_ROW) {
		out->id = db_col_int(s, 0);
		out->edition_id = db_col_int(s, 1);
		out->role = arena_strdup(a, db_col_text(s, 2));
		out->state = arena_strdup(a, db_col_text(s, 3));
		out->done = (long)db_col_int(s, 4);
		out->total = (long)db_col_int(s, 5);
		owner = arena_strdup(a, db_col_text(s, 6));
		beat = arena_strdup(a, db_col_text(s, 7));
	}
	db_done(s);
	if (rc != DB_ROW)
		return rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
	if (strcmp(out->state, "drawing") || !strcmp(owner, me))
		return CF_OK;
	char stale[32], now[32];
	time_t t = time(NULL);
	clock_iso(t - BATCH_STALE_SECONDS, stale);
	if (strcmp(beat, stale) >= 0) /* ISO times compare as text */
		return CF_OK;
	/* cut short: take it over, unless another server just did */
	if (atomic_load(&drawing) >= BATCH_THREADS_MAX)
		return CF_OK; /* later */
	clock_iso(t, now);
	s = db_prepare(d, SQL_TAKE);
	db_bind_text(s, 1, me);
	db_bind_text(s, 2, now);
	db_bind_int(s, 3, id);
	db_bind_text(s, 4, owner);
	db_bind_text(s, 5, beat);
	cf_err e = db_run(s);
	if (e || db_changes(d) != 1)
		return e;
	out->done = 0;
	out->resumed = 1;
	if (launch(id, out->edition_id, out->role)) {
		/* no thread: let the next view (or server) try again */
		s = db_prepare(d, SQL_PROGRESS);
		db_bind_int(s, 1, 0);
		db_bind_int(s, 2, out->total);
		db_bind_text(s, 3, beat);
		db_bind_int(s, 4, id);
		db_bind_text(s, 5, me);
		if (db_run(s))
			fprintf(stderr, "coopfair: badge batch %lld: state not recorded\n",
				(long long)id);
	}
	return CF_OK;
}

cf_err badge_batch_pdf(arena *a, int64_t id, const void **pdf, size_t *len)
{
	*pdf = NULL;
	*len = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_PDF);
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		size_t n = 0;
		const void *p = db_col_blob(s, 0, &n);
		void *copy = arena_alloc(a, n ? n : 1);
		if (n)
			memcpy(copy, p, n);
		*pdf = copy;
		*len = n;
	}
	db_done(s);
	return rc == DB_ROW ? CF_OK : rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
}
