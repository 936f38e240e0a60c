/*
 * gate.c - check-ins with group commit, gates, rules, taps (gate.h); the
 * counts for the dashboard and the impact report are gate_counts.c.
 *
 * The writer: gate_checkin puts its job on a queue and waits. One thread
 * (started on first use) takes every job queued, runs them in one
 * transaction on its own connection (synchronous=FULL on SQLite), commits,
 * and wakes each job of the batch with its answer. A request is answered
 * only after the commit that holds its scan returned: nothing acknowledged
 * is lost to a crash or a power cut, and a busy gate pays one fsync per
 * batch instead of one per scan. A failed batch is rolled back whole and
 * every job of it gets the error (the scanner retries with its idempotency
 * key).
 */
#include "gate.h"
#include "rows.h"

#include "../db/db.h"
#include "badge.h"
#include "../util/clock.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const CODES[GATE__MAX] = { "ok",	 "unknown", "revoked", "inside",
					      "outside", "day",	    "hours" };

const char *gate_result_code(gate_result g)
{
	return g < GATE__MAX ? CODES[g] : "unknown";
}

static gate_result parse_code(const char *s)
{
	for (int i = 0; i < GATE__MAX; i++)
		if (!strcmp(s, CODES[i]))
			return (gate_result)i;
	return GATE_UNKNOWN;
}

void gate_local_day(time_t t, char day[11], int *hour)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
	*hour = tm.tm_hour;
}

/* local_hhmm - a UTC time as the Moroccan time of day, "HH:MM". */
static void local_hhmm(time_t t, char out[6])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 6, "%H:%M", &tm);
}

int gate_in_hours(const char *now, const char *opens, const char *closes)
{
	if (opens && *opens && strcmp(now, opens) < 0)
		return 0;
	if (closes && *closes && strcmp(now, closes) >= 0)
		return 0;
	return 1;
}

/* ---- the writer ---- */

typedef struct job {
	int64_t gate_id, edition_id;
	int in;
	char token[BADGE_TOKEN_LEN + 1];
	char idem[65];
	gate_answer *ans;
	cf_err *err;
	void (*done)(void *arg); /* called once the batch is over */
	void *arg;
	struct job *next;
} job;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER;
static job *head, *tail;
static pthread_once_t started = PTHREAD_ONCE_INIT;
static int start_failed;

static const char SQL_IDEM[] =
	"SELECT c.result, COALESCE(c.badge_id, 0), COALESCE(b.role, ''), COALESCE(b.name_ar, ''), "
	"COALESCE(b.name_latin, ''), COALESCE(b.organisation, '') "
	"FROM checkin c LEFT JOIN badge b ON b.id = c.badge_id WHERE c.idem = ?";
static const char SQL_BADGE[] =
	"SELECT id, edition_id, role, name_ar, name_latin, organisation, revoked, inside "
	"FROM badge WHERE token = ?";
/* every rule of the role; the day's rule (at most one) with its hours */
static const char SQL_RULE[] =
	"SELECT day, opens, closes FROM gate_rule WHERE edition_id = ? AND role = ? "
	"ORDER BY day = ? DESC LIMIT 1";
static const char SQL_INSIDE[] = "UPDATE badge SET inside = ? WHERE id = ?";
static const char SQL_CHECKIN[] =
	"INSERT INTO checkin (edition_id, gate_id, badge_id, direction, result, at, day, hour, idem) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

/* apply - one scan inside the writer's transaction. */
static cf_err apply(db *d, job *j, time_t now)
{
	gate_answer *a = j->ans;
	memset(a, 0, sizeof *a);
	db_stmt *s;
	int rc;
	if (j->idem[0]) {
		s = db_prepare(d, SQL_IDEM);
		db_bind_text(s, 1, j->idem);
		rc = db_step(s);
		if (rc == DB_ROW) {
			a->result = parse_code(db_col_text(s, 0));
			a->badge_id = db_col_int(s, 1);
			copy(a->role, sizeof a->role, db_col_text(s, 2));
			copy(a->name_ar, sizeof a->name_ar, db_col_text(s, 3));
			copy(a->name_latin, sizeof a->name_latin, db_col_text(s, 4));
			copy(a->organisation, sizeof a->organisation, db_col_text(s, 5));
			a->replay = 1;
		}
		db_done(s);
		if (rc == DB_ROW)
			return CF_OK;
		if (rc != DB_DONE)
			return CF_ERR_DB;
	}
	int64_t ed = j->edition_id;
	char day[11], at[21];
	int hour;
	gate_local_day(now, day, &hour);
	clock_iso(now, at);

	int64_t badge_ed = 0;
	int revoked = 0, inside = 0;
	a->result = GATE_UNKNOWN;
	s = db_prepare(d, SQL_BADGE);
	db_bind_text(s, 1, j->token);
	rc = db_step(s);
	if (rc == DB_ROW) {
		a->badge_id = db_col_int(s, 0);
		badge_ed = db_col_int(s, 1);
		copy(a->role, sizeof a->role, db_col_text(s, 2));
		copy(a->name_ar, sizeof a->name_ar, db_col_text(s, 3));
		copy(a->name_latin, sizeof a->name_latin, db_col_text(s, 4));
		copy(a->organisation, sizeof a->organisation, db_col_text(s, 5));
		revoked = (int)db_col_int(s, 6);
		inside = (int)db_col_int(s, 7);
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	if (rc == DB_ROW && badge_ed != ed)
		memset(a, 0, sizeof *a), a->result = GATE_UNKNOWN;
	else if (rc == DB_ROW) {
		if (revoked)
			a->result = GATE_REVOKED;
		else if (j->in && inside)
			a->result = GATE_INSIDE;
		else if (!j->in && !inside)
			a->result = GATE_OUTSIDE;
		else
			a->result = GATE_OK;
		if (a->result == GATE_OK && j->in) {
			/* no rule: every day; else only the rule's day, in its hours */
			s = db_prepare(d, SQL_RULE);
			db_bind_int(s, 1, ed);
			db_bind_text(s, 2, a->role);
			db_bind_text(s, 3, day);
			rc = db_step(s);
			if (rc == DB_ROW) {
				char hhmm[6];
				local_hhmm(now, hhmm);
				if (strcmp(db_col_text(s, 0), day))
					a->result = GATE_DAY;
				else if (!gate_in_hours(hhmm, db_col_text(s, 1), db_col_text(s, 2)))
					a->result = GATE_HOURS;
			}
			db_done(s);
			if (rc == DB_ERR)
				return CF_ERR_DB;
		}
		if (a->result == GATE_OK) {
			s = db_prepare(d, SQL_INSIDE);
			db_bind_int(s, 1, j->in);
			db_bind_int(s, 2, a->badge_id);
			cf_err e = db_run(s);
			if (e)
				return e;
		}
	}
	s = db_prepare(d, SQL_CHECKIN);
	db_bind_int(s, 1, ed);
	db_bind_int(s, 2, j->gate_id);
	if (a->badge_id)
		db_bind_int(s, 3, a->badge_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, j->in ? "in" : "out");
	db_bind_text(s, 5, CODES[a->result]);
	db_bind_text(s, 6, at);
	db_bind_text(s, 7, day);
	db_bind_int(s, 8, hour);
	if (j->idem[0])
		db_bind_text(s, 9, j->idem);
	else
		db_bind_null(s, 9);
	return db_run(s);
}

/* ---- checkpoints (SQLite) ----
 *
 * Committed pages go to the WAL; a checkpoint copies them into the database
 * file and fsyncs it, which under a steady stream of scans took from a few
 * to tens of milliseconds. Inside a commit (SQLite's autocheckpoint) or
 * between the writer's batches, every scan queued meanwhile waited for it.
 * So the writer's connection never checkpoints on its own: a checkpointer
 * thread, on a connection of its own, copies the WAL (PASSIVE: it never
 * blocks a commit) whenever the writer has committed CKPT_SCANS scans since
 * the last pass. The WAL starts again from its beginning (and stops
 * growing) when a commit starts while the whole WAL is in the database
 * file: at any pause of the gates. Under a load that never pauses the
 * checkpointer never quite catches up; once its pass finds more than
 * CKPT_WAL_FRAMES frames in the WAL, the writer itself copies what the pass
 * left (a few batches' pages) between two batches, and the WAL restarts. */
#define CKPT_SCANS 500
#define CKPT_WAL_FRAMES 16384 /* 64 MiB of 4 KiB pages */

static pthread_mutex_t ck_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ck_cv = PTHREAD_COND_INITIALIZER;
static int ck_asked, ck_running;
static long ck_frames; /* the WAL's frames at the end of the last pass */

/* checkpoint - a PASSIVE checkpoint on d; the WAL's frames (-1: failed). */
static long checkpoint(db *d)
{
	db_stmt *s = db_prepare(d, "PRAGMA wal_checkpoint(PASSIVE)");
	if (!s)
		return -1;
	long frames = db_step(s) == DB_ROW ? (long)db_col_int(s, 1) : -1;
	db_done(s);
	return frames;
}

static void *checkpointer(void *arg)
{
	(void)arg;
	db *d = db_thread();
	if (db_exec(d, "PRAGMA wal_autocheckpoint=0"))
		fprintf(stderr, "gate: cannot set the checkpointer's pragmas\n");
	for (;;) {
		pthread_mutex_lock(&ck_mu);
		while (!ck_asked)
			pthread_cond_wait(&ck_cv, &ck_mu);
		ck_asked = 0;
		ck_running = 1;
		pthread_mutex_unlock(&ck_mu);
		long frames = checkpoint(d);
		pthread_mutex_lock(&ck_mu);
		ck_running = 0;
		ck_frames = frames;
		pthread_mutex_unlock(&ck_mu);
	}
	return NULL;
}

/* ask_checkpoint - a pass of the checkpointer, or (WAL too long) one of
 * the writer's own on d. */
static void ask_checkpoint(db *d)
{
	pthread_mutex_lock(&ck_mu);
	int catch_up = !ck_running && ck_frames > CKPT_WAL_FRAMES;
	if (catch_up)
		ck_frames = 0;
	else {
		ck_asked = 1;
		pthread_cond_signal(&ck_cv);
	}
	pthread_mutex_unlock(&ck_mu);
	if (catch_up && checkpoint(d) < 0)
		db_thread_abandoned();
}

/* A savepoint per job would let one bad job fail alone; a job fails only on
 * a database error, which fails the batch anyway. */
static void *writer(void *arg)
{
	(void)arg;
	db *d = db_thread();
	/* SQLite: the WAL is fsynced at every commit, and never checkpointed
	 * inside one (above) */
	int sqlite = !strcmp(db_engine(d), "sqlite");
	if (sqlite &&
	    (db_exec(d, "PRAGMA synchronous=FULL") || db_exec(d, "PRAGMA wal_autocheckpoint=0")))
		fprintf(stderr, "gate: cannot set the writer's pragmas\n");
	pthread_t ck;
	if (sqlite && pthread_create(&ck, NULL, checkpointer, NULL) == 0)
		pthread_detach(ck);
	else
		sqlite = 0; /* no checkpointer: SQLite's own checkpoints, in commits */
	if (!sqlite && !strcmp(db_engine(d), "sqlite") &&
	    db_exec(d, "PRAGMA wal_autocheckpoint=1000"))
		fprintf(stderr, "gate: cannot set the writer's pragmas\n");
	int scans = 0;
	for (;;) {
		pthread_mutex_lock(&mu);
		while (!head)
			pthread_cond_wait(&queued, &mu);
		job *batch = head;
		head = tail = NULL;
		pthread_mutex_unlock(&mu);

		time_t now = time(NULL);
		/* a database that restarted: reconnect (the request threads do
		 * so in the router; this thread serves no request) */
		cf_err e = db_thread_revive() ? CF_ERR_BUSY : db_begin(d);
		for (job *j = batch; !e && j; j = j->next) {
			scans++; /* counted now: a job is gone once it is done */
			e = apply(d, j, now);
		}
		if (!e)
			e = db_commit(d);
		if (e) {
			db_rollback(d);
			db_thread_abandoned();
		}
		/* tell each job of the batch, and only those */
		for (job *j = batch, *next; j; j = next) {
			next = j->next; /* j is gone once done() returns */
			*j->err = e;
			j->done(j->arg);
		}
		if (sqlite && scans >= CKPT_SCANS) {
			scans = 0;
			ask_checkpoint(d);
		}
	}
	return NULL;
}

static void start(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, writer, NULL)) {
		start_failed = 1;
		return;
	}
	pthread_detach(t);
}

static int idem_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* queue - fill j and queue it for the writer. */
static cf_err queue(job *j, const gate_info *g, const char *token, int in, const char *idem,
		    gate_answer *out, cf_err *err, void (*done)(void *arg), void *arg)
{
	if (idem && *idem && !idem_ok(idem))
		return CF_ERR_INVALID;
	pthread_once(&started, start);
	if (start_failed)
		return CF_ERR_BUSY;
	memset(j, 0, sizeof *j);
	j->gate_id = g->id;
	j->edition_id = g->edition_id;
	j->in = in ? 1 : 0;
	j->ans = out;
	j->err = err;
	j->done = done;
	j->arg = arg;
	/* a token of the wrong shape is unknown: keep the scan, not the text */
	if (token && strlen(token) == BADGE_TOKEN_LEN)
		memcpy(j->token, token, BADGE_TOKEN_LEN + 1);
	if (idem && *idem)
		snprintf(j->idem, sizeof j->idem, "%s", idem);
	pthread_mutex_lock(&mu);
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_cond_signal(&queued);
	pthread_mutex_unlock(&mu);
	return CF_OK;
}

cf_err gate_checkin_start(arena *a, const gate_info *g, const char *token, int in, const char *idem,
			  gate_answer *out, cf_err *err, void (*done)(void *arg), void *arg)
{
	return queue(arena_alloc(a, sizeof(job)), g, token, in, idem, out, err, done, arg);
}

/* A caller waiting in place: its own condition, so that the writer wakes
 * only the callers of its batch. */
typedef struct waiting {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done;
} waiting;

static void wake(void *arg)
{
	waiting *w = arg;
	pthread_mutex_lock(&w->mu);
	w->done = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static const char SQL_GATE_ED[] = "SELECT edition_id FROM gate WHERE id = ?";

cf_err gate_checkin(int64_t gate_id, const char *token, int in, const char *idem, gate_answer *out)
{
	if (idem && *idem && !idem_ok(idem))
		return CF_ERR_INVALID;
	gate_info g = { .id = gate_id };
	db_stmt *s = db_prepare(db_thread(), SQL_GATE_ED);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, gate_id);
	cf_err e = db_row(s);
	if (!e)
		g.edition_id = db_col_int(s, 0);
	db_done(s);
	if (e)
		return e;
	job j;
	waiting w = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
	cf_err err = CF_OK;
	e = queue(&j, &g, token, in, idem, out, &err, wake, &w);
	if (e)
		return e;
	pthread_mutex_lock(&w.mu);
	while (!w.done)
		pthread_cond_wait(&w.cv, &w.mu);
	pthread_mutex_unlock(&w.mu);
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	return err;
}

/* ---- gates, taps, rules ---- */

static const char SQL_GATES[] =
	"SELECT id, edition_id, name, api_key FROM gate WHERE edition_id = ? ORDER BY id";
static const char SQL_GATE_ID[] = "SELECT id, edition_id, name, api_key FROM gate WHERE id = ?";
static const char SQL_GATE_KEY[] =
	"SELECT id, edition_id, name, api_key FROM gate WHERE api_key = ?";
static const char SQL_GATE_NEW[] = "INSERT INTO gate (edition_id, name, api_key) VALUES (?, ?, ?)";

static void gate_row(arena *a, db_stmt *s, gate_info *g)
{
	g->id = db_col_int(s, 0);
	g->edition_id = db_col_int(s, 1);
	g->name = arena_strdup(a, db_col_text(s, 2));
	g->api_key = arena_strdup(a, db_col_text(s, 3));
}

cf_err gate_list(arena *a, int64_t edition_id, gate_info **out, size_t *count)
{
	*count = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_GATES);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	size_t cap = 8, n = 0;
	gate_info *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		gate_row(a, s, &v[n++]);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

static cf_err one_gate(arena *a, const char *sql, int64_t id, const char *key, gate_info *out)
{
	db_stmt *s = db_prepare(db_thread(), sql);
	if (!s)
		return CF_ERR_DB;
	if (key)
		db_bind_text(s, 1, key);
	else
		db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e)
		gate_row(a, s, out);
	db_done(s);
	return e;
}

cf_err gate_by_id(arena *a, int64_t id, gate_info *out)
{
	return one_gate(a, SQL_GATE_ID, id, NULL, out);
}

cf_err gate_by_key(arena *a, const char *key, gate_info *out)
{
	if (!key || strlen(key) != 32)
		return CF_ERR_NOTFOUND;
	return one_gate(a, SQL_GATE_KEY, 0, key, out);
}

cf_err gate_create(int64_t edition_id, const char *name, int64_t *id)
{
	if (!name || !*name || strlen(name) > 100)
		return CF_ERR_INVALID;
	unsigned char raw[16];
	char key[33];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(key, sizeof key, raw, sizeof raw);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_GATE_NEW);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, key);
	cf_err e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

static const char SQL_TAP[] =
	"INSERT INTO gate_tap (gate_id, direction, at, day, hour) VALUES (?, ?, ?, ?, ?)";

cf_err gate_tap(int64_t gate_id, int in)
{
	time_t now = time(NULL);
	char day[11], at[21];
	int hour;
	gate_local_day(now, day, &hour);
	clock_iso(now, at);
	db_stmt *s = db_prepare(db_thread(), SQL_TAP);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, gate_id);
	db_bind_text(s, 2, in ? "in" : "out");
	db_bind_text(s, 3, at);
	db_bind_text(s, 4, day);
	db_bind_int(s, 5, hour);
	return db_run(s);
}

static const char SQL_RULES[] = "SELECT id, role, day, opens, closes FROM gate_rule "
				"WHERE edition_id = ? ORDER BY role, day";
static const char SQL_RULE_ADD[] =
	"INSERT INTO gate_rule (edition_id, role, day, opens, closes) VALUES (?, ?, ?, ?, ?) "
	"ON CONFLICT (edition_id, role, day) DO UPDATE SET opens = excluded.opens, "
	"closes = excluded.closes";
static const char SQL_RULE_DEL[] = "DELETE FROM gate_rule WHERE id = ? AND edition_id = ?";

cf_err gate_rules(arena *a, int64_t edition_id, gate_rule_row **out, size_t *count)
{
	*count = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_RULES);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	size_t cap = 64, n = 0;
	gate_rule_row *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW && n < cap) {
		v[n].id = db_col_int(s, 0);
		v[n].role = arena_strdup(a, db_col_text(s, 1));
		v[n].day = arena_strdup(a, db_col_text(s, 2));
		v[n].opens = arena_strdup(a, db_col_text(s, 3));
		v[n].closes = arena_strdup(a, db_col_text(s, 4));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static int iso_day(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* hhmm - "" or a time of day HH:MM (00:00 to 23:59). */
static int hhmm(const char *s)
{
	if (!s || !*s)
		return 1;
	if (strlen(s) != 5 || s[2] != ':')
		return 0;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

cf_err gate_rule_add(int64_t edition_id, const char *role, const char *day, const char *opens,
		     const char *closes)
{
	if (!opens)
		opens = "";
	if (!closes)
		closes = "";
	if (!badge_role_valid(role) || !iso_day(day) || !hhmm(opens) || !hhmm(closes) ||
	    (*opens && *closes && strcmp(opens, closes) >= 0))
		return CF_ERR_INVALID;
	db_stmt *s = db_prepare(db_thread(), SQL_RULE_ADD);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, role);
	db_bind_text(s, 3, day);
	db_bind_text(s, 4, opens);
	db_bind_text(s, 5, closes);
	return db_run(s);
}

cf_err gate_rule_delete(int64_t edition_id, int64_t id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_RULE_DEL);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, edition_id);
	return db_run(s);
}
