/* test_gate.c - the gate's model (gate.h, badge.h) on the demo database:
 * the answer to each kind of scan, idempotency keys, revoked and re-issued
 * badges, rules per role, day and hours, many scans at once through the
 * group commit, taps and the counts. */
#include "unit.h"
#include "../../src/db/db.h"
#include "../../src/model/badge.h"
#include "../../src/model/demo.h"
#include "../../src/model/gate.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static char path[64];
static int64_t edition, gate_id;

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/cf-test-gate-%d.db", (int)getpid());
	unlink(path);
	db *d;
	int applied;
	if (db_open(path, 1, &d) || db_migrate(d, &applied))
		return -1;
	db_close(d);
	db_configure(path);
	if (demo_create(db_thread()))
		return -1;
	db_stmt *s =
		db_prepare(db_thread(), "SELECT id FROM edition WHERE slug = 'fes-meknes-2024'");
	edition = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	s = db_prepare(db_thread(), "SELECT min(id) FROM gate");
	gate_id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return edition && gate_id ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unit_remove_db(path);
	return 0;
}

static long count(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	long n = db_step(s) == DB_ROW ? (long)db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

/* new_badge - a fresh badge of role; its token copied into tok. */
static int64_t new_badge(const char *role, char tok[BADGE_TOKEN_LEN + 1])
{
	arena *a = arena_new(1 << 16);
	int64_t id = 0;
	const char *t = NULL;
	assert_int_equal(badge_create(a, edition, role, "", "Unit Test", "Org", "", "", 0, &id, &t),
			 CF_OK);
	assert_int_equal(strlen(t), BADGE_TOKEN_LEN);
	memcpy(tok, t, BADGE_TOKEN_LEN + 1);
	arena_free(a);
	return id;
}

static gate_result scan(const char *tok, int in, const char *idem)
{
	gate_answer ans;
	assert_int_equal(gate_checkin(gate_id, tok, in, idem, &ans), CF_OK);
	return ans.result;
}

static void entry_exit_and_their_reds(void **state)
{
	(void)state;
	char tok[BADGE_TOKEN_LEN + 1];
	int64_t id = new_badge("visitor", tok);
	gate_answer ans;
	assert_int_equal(gate_checkin(gate_id, tok, 1, NULL, &ans), CF_OK);
	assert_int_equal(ans.result, GATE_OK);
	assert_int_equal(ans.badge_id, id);
	assert_string_equal(ans.name_latin, "Unit Test");
	assert_string_equal(ans.role, "visitor");
	assert_int_equal(scan(tok, 1, NULL), GATE_INSIDE);
	assert_int_equal(scan(tok, 0, NULL), GATE_OK);
	assert_int_equal(scan(tok, 0, NULL), GATE_OUTSIDE);
	/* unknown: a well-formed token nobody holds, and a malformed one */
	assert_int_equal(scan("0123456789abcdef0123456789abcdef", 1, NULL), GATE_UNKNOWN);
	assert_int_equal(scan("short", 1, NULL), GATE_UNKNOWN);
	assert_int_equal(scan(NULL, 1, NULL), GATE_UNKNOWN);
	/* every scan is recorded, green or red */
	db_stmt *s = db_prepare(db_thread(), "SELECT count(*) FROM checkin WHERE badge_id = ?");
	db_bind_int(s, 1, id);
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 4);
	db_done(s);
	/* an unknown gate is the caller's error, not an answer */
	assert_int_equal(gate_checkin(999999, tok, 1, NULL, &ans), CF_ERR_NOTFOUND);
}

static void an_idempotency_key_answers_once_and_records_once(void **state)
{
	(void)state;
	char tok[BADGE_TOKEN_LEN + 1];
	new_badge("press", tok);
	long before = count("SELECT count(*) FROM checkin");
	gate_answer ans;
	assert_int_equal(gate_checkin(gate_id, tok, 1, "unit-key-1", &ans), CF_OK);
	assert_int_equal(ans.result, GATE_OK);
	assert_false(ans.replay);
	assert_int_equal(gate_checkin(gate_id, tok, 1, "unit-key-1", &ans), CF_OK);
	assert_int_equal(ans.result, GATE_OK); /* the first answer, not "inside" */
	assert_true(ans.replay);
	assert_string_equal(ans.name_latin, "Unit Test");
	assert_int_equal(count("SELECT count(*) FROM checkin"), before + 1);
	/* a key of the wrong shape is refused before anything is recorded */
	assert_int_equal(gate_checkin(gate_id, tok, 1, "no spaces", &ans), CF_ERR_INVALID);
	char longkey[80];
	memset(longkey, 'k', sizeof longkey - 1);
	longkey[sizeof longkey - 1] = 0;
	assert_int_equal(gate_checkin(gate_id, tok, 1, longkey, &ans), CF_ERR_INVALID);
	assert_int_equal(count("SELECT count(*) FROM checkin"), before + 1);
}

static void a_reissued_badge_revokes_the_old_token(void **state)
{
	(void)state;
	char tok[BADGE_TOKEN_LEN + 1];
	int64_t id = new_badge("exhibitor", tok);
	arena *a = arena_new(1 << 16);
	int64_t id2 = 0;
	const char *tok2 = NULL;
	assert_int_equal(badge_reissue(a, id, &id2, &tok2), CF_OK);
	assert_true(id2 != id);
	assert_string_not_equal(tok2, tok);
	assert_int_equal(scan(tok, 1, NULL), GATE_REVOKED);
	assert_int_equal(scan(tok2, 1, NULL), GATE_OK);
	badge b;
	assert_int_equal(badge_by_id(a, id2, &b), CF_OK);
	assert_int_equal(b.replaces_id, id);
	assert_int_equal(badge_revoke(id2), CF_OK);
	assert_int_equal(scan(tok2, 0, NULL), GATE_REVOKED);
	arena_free(a);
}

static void hours_are_a_half_open_window(void **state)
{
	(void)state;
	assert_true(gate_in_hours("10:00", "", ""));
	assert_true(gate_in_hours("10:00", NULL, NULL));
	assert_true(gate_in_hours("09:00", "09:00", "12:00"));
	assert_true(gate_in_hours("11:59", "09:00", "12:00"));
	assert_false(gate_in_hours("12:00", "09:00", "12:00"));
	assert_false(gate_in_hours("08:59", "09:00", "12:00"));
	assert_true(gate_in_hours("23:59", "14:00", ""));
	assert_false(gate_in_hours("13:59", "14:00", ""));
	assert_true(gate_in_hours("00:00", "", "08:00"));
}

static void rules_per_role_day_and_hours(void **state)
{
	(void)state;
	char day[11], hm[6];
	int hour;
	time_t now = time(NULL);
	gate_local_day(now, day, &hour);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	char tok[BADGE_TOKEN_LEN + 1];
	new_badge("jury", tok);
	/* no rule for jurors: every day */
	assert_int_equal(gate_rule_add(edition, "jury", "2024-02-21", NULL, NULL), CF_OK);
	assert_int_equal(scan(tok, 1, NULL), GATE_DAY);
	/* today, in hours that are not now */
	const char *opens = hour >= 2 ? "00:00" : "22:00";
	const char *closes = hour >= 2 ? "01:00" : "23:00";
	assert_int_equal(gate_rule_add(edition, "jury", day, opens, closes), CF_OK);
	assert_int_equal(scan(tok, 1, NULL), GATE_HOURS);
	/* the same day again replaces its hours: from now on */
	assert_int_equal(gate_rule_add(edition, "jury", day, hm, ""), CF_OK);
	assert_int_equal(scan(tok, 1, NULL), GATE_OK);
	/* an exit is never held by the rules */
	assert_int_equal(gate_rule_add(edition, "jury", day, opens, closes), CF_OK);
	assert_int_equal(scan(tok, 0, NULL), GATE_OK);
	arena *a = arena_new(1 << 16);
	gate_rule_row *rules;
	size_t n;
	assert_int_equal(gate_rules(a, edition, &rules, &n), CF_OK);
	size_t jury_today = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rules[i].role, "jury") && !strcmp(rules[i].day, day)) {
			jury_today++;
			assert_string_equal(rules[i].opens, opens);
			assert_string_equal(rules[i].closes, closes);
		}
	assert_int_equal(jury_today, 1);
	/* malformed rules */
	assert_int_equal(gate_rule_add(edition, "jury", day, "9:00", ""), CF_ERR_INVALID);
	assert_int_equal(gate_rule_add(edition, "jury", day, "24:00", ""), CF_ERR_INVALID);
	assert_int_equal(gate_rule_add(edition, "jury", day, "12:00", "11:00"), CF_ERR_INVALID);
	assert_int_equal(gate_rule_add(edition, "jury", day, "12:00", "12:00"), CF_ERR_INVALID);
	assert_int_equal(gate_rule_add(edition, "jury", "21/02/2024", NULL, NULL), CF_ERR_INVALID);
	assert_int_equal(gate_rule_add(edition, "king", day, NULL, NULL), CF_ERR_INVALID);
	/* other roles are not touched by the jurors' rules */
	char v[BADGE_TOKEN_LEN + 1];
	new_badge("staff", v);
	assert_int_equal(scan(v, 1, NULL), GATE_OK);
	arena_free(a);
}

/* Many threads scan at once: every scan gets its own answer, and each is
 * recorded exactly once (the writer batches them). */
#define SCANNERS 16
#define SCANS 25
static char many[SCANNERS][SCANS][BADGE_TOKEN_LEN + 1];
static int greens[SCANNERS];

static void *scanner(void *arg)
{
	int k = (int)(intptr_t)arg;
	for (int i = 0; i < SCANS; i++) {
		char idem[32];
		snprintf(idem, sizeof idem, "many-%d-%d", k, i);
		gate_answer ans;
		if (gate_checkin(gate_id, many[k][i], 1, idem, &ans) == CF_OK &&
		    ans.result == GATE_OK && !ans.replay)
			greens[k]++;
	}
	db_thread_close();
	return NULL;
}

static void concurrent_scans_are_each_answered_and_recorded_once(void **state)
{
	(void)state;
	for (int k = 0; k < SCANNERS; k++)
		for (int i = 0; i < SCANS; i++)
			new_badge("official", many[k][i]);
	pthread_t t[SCANNERS];
	for (int k = 0; k < SCANNERS; k++)
		assert_int_equal(pthread_create(&t[k], NULL, scanner, (void *)(intptr_t)k), 0);
	for (int k = 0; k < SCANNERS; k++)
		pthread_join(t[k], NULL);
	for (int k = 0; k < SCANNERS; k++)
		assert_int_equal(greens[k], SCANS);
	assert_int_equal(count("SELECT count(*) FROM checkin WHERE idem LIKE 'many-%'"),
			 SCANNERS * SCANS);
	assert_int_equal(count("SELECT count(DISTINCT badge_id) FROM checkin "
			       "WHERE idem LIKE 'many-%' AND result = 'ok'"),
			 SCANNERS * SCANS);
}

/* gate_checkin_start: scans queued without waiting (as a suspended request
 * does) are each done once, after the commit that holds them: done() looks
 * for its scan from another connection, which sees committed rows only. */
#define STARTED 200
static struct started {
	char tok[BADGE_TOKEN_LEN + 1], idem[32];
	gate_answer ans;
	cf_err err;
	int done, seen;
} started[STARTED];
static pthread_mutex_t started_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started_cv = PTHREAD_COND_INITIALIZER;
static int started_done;
static db *other; /* read from the writer's thread in done(): not its connection */

static void started_committed(void *arg)
{
	struct started *x = arg;
	db_stmt *s = db_prepare(other, "SELECT count(*) FROM checkin WHERE idem = ?");
	db_bind_text(s, 1, x->idem);
	x->seen = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
	db_done(s);
	pthread_mutex_lock(&started_mu);
	x->done++;
	started_done++;
	pthread_cond_signal(&started_cv);
	pthread_mutex_unlock(&started_mu);
}

static void started_scans_are_done_once_after_their_commit(void **state)
{
	(void)state;
	assert_int_equal(db_open(path, 0, &other), CF_OK);
	arena *a = arena_new(1 << 20);
	gate_info g = { .id = gate_id, .edition_id = edition };
	for (int i = 0; i < STARTED; i++) {
		new_badge("staff", started[i].tok);
		snprintf(started[i].idem, sizeof started[i].idem, "started-%d", i);
	}
	for (int i = 0; i < STARTED; i++)
		assert_int_equal(gate_checkin_start(a, &g, started[i].tok, 1, started[i].idem,
						    &started[i].ans, &started[i].err,
						    started_committed, &started[i]),
				 CF_OK);
	/* refused before the queue: done is never called for it */
	gate_answer ans;
	cf_err err = CF_OK;
	assert_int_equal(gate_checkin_start(a, &g, started[0].tok, 1, "no spaces", &ans, &err,
					    started_committed, &started[0]),
			 CF_ERR_INVALID);
	pthread_mutex_lock(&started_mu);
	while (started_done < STARTED)
		pthread_cond_wait(&started_cv, &started_mu);
	pthread_mutex_unlock(&started_mu);
	for (int i = 0; i < STARTED; i++) {
		assert_int_equal(started[i].done, 1);
		assert_int_equal(started[i].err, CF_OK);
		assert_int_equal(started[i].ans.result, GATE_OK);
		assert_int_equal(started[i].seen, 1); /* committed before done */
	}
	assert_int_equal(started_done, STARTED);
	assert_int_equal(count("SELECT count(*) FROM checkin WHERE idem LIKE 'started-%'"),
			 STARTED);
	arena_free(a);
	db_close(other);
}

/* queue_many - n scans of fresh badges through gate_checkin_start, idem
 * keys prefix-I; returns when all are done. */
static void queue_many(const char *prefix, int n)
{
	static struct started x[600];
	assert_true(n <= 600);
	arena *a = arena_new(1 << 20);
	gate_info g = { .id = gate_id, .edition_id = edition };
	started_done = 0;
	for (int i = 0; i < n; i++) {
		memset(&x[i], 0, sizeof x[i]);
		new_badge("visitor", x[i].tok);
		snprintf(x[i].idem, sizeof x[i].idem, "%s-%d", prefix, i);
	}
	for (int i = 0; i < n; i++)
		assert_int_equal(gate_checkin_start(a, &g, x[i].tok, 1, x[i].idem, &x[i].ans,
						    &x[i].err, started_committed, &x[i]),
				 CF_OK);
	pthread_mutex_lock(&started_mu);
	while (started_done < n)
		pthread_cond_wait(&started_cv, &started_mu);
	pthread_mutex_unlock(&started_mu);
	for (int i = 0; i < n; i++)
		assert_int_equal(x[i].err, CF_OK);
	arena_free(a);
}

/* in_file - check-ins whose idem starts with prefix in the database file
 * itself (immutable=1 reads no WAL): what checkpoints copied there. */
static long in_file(const char *prefix)
{
	char uri[128], like[40];
	snprintf(uri, sizeof uri, "file:%s?immutable=1", path);
	snprintf(like, sizeof like, "%s-%%", prefix);
	sqlite3 *f;
	long n = -1;
	if (sqlite3_open_v2(uri, &f, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(f, "SELECT count(*) FROM checkin WHERE idem LIKE ?", -1, &s,
				       NULL) == SQLITE_OK) {
			sqlite3_bind_text(s, 1, like, -1, SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW)
				n = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
		}
	}
	sqlite3_close(f);
	return n;
}

static long wal_size(void)
{
	char p[96];
	snprintf(p, sizeof p, "%s-wal", path);
	struct stat st;
	return stat(p, &st) ? -1 : (long)st.st_size;
}

/* The writer never checkpoints itself, yet the WAL reaches the database
 * file (its checkpointer thread) and, after a pause, starts again from its
 * beginning instead of growing. */
static void the_wal_is_checkpointed_off_the_writer_and_restarts(void **state)
{
	(void)state;
	assert_int_equal(db_open(path, 0, &other), CF_OK);
	queue_many("ckpt1", 600); /* past the checkpointer's 500 scans */
	long copied = 0;
	for (int i = 0; i < 500 && (copied = in_file("ckpt1")) < 500; i++)
		usleep(10 * 1000);
	assert_true(copied >= 500);
	/* a pause: the checkpointer's pass took the whole WAL; fewer scans
	 * then write from the WAL's beginning, and the file does not grow */
	usleep(200 * 1000);
	long before = wal_size();
	assert_true(before > 0);
	queue_many("ckpt2", 100);
	assert_true(wal_size() <= before);
	db_close(other);
}

static void taps_and_counts(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	gate_stats before;
	assert_int_equal(gate_stats_read(a, edition, NULL, &before), CF_OK);
	assert_true(before.sample);	/* the demo's check-ins are sample data */
	assert_true(before.n_day >= 5); /* the demo's five days, and today's scans */
	assert_true(before.entries >= before.unique && before.unique > 0);
	assert_int_equal(gate_tap(gate_id, 1), CF_OK);
	assert_int_equal(gate_tap(gate_id, 1), CF_OK);
	assert_int_equal(gate_tap(gate_id, 0), CF_OK);
	char tok[BADGE_TOKEN_LEN + 1];
	new_badge("visitor", tok);
	assert_int_equal(scan(tok, 1, NULL), GATE_OK);
	gate_stats after;
	assert_int_equal(gate_stats_read(a, edition, NULL, &after), CF_OK);
	assert_int_equal(after.taps_in, before.taps_in + 2);
	assert_int_equal(after.taps_inside_now, before.taps_inside_now + 1);
	assert_int_equal(after.entries, before.entries + 1);
	assert_int_equal(after.unique, before.unique + 1);
	assert_int_equal(after.inside_now, before.inside_now + 1);
	long sum = 0;
	for (size_t i = 0; i < after.n_gate; i++)
		sum += after.per_gate[i].entries;
	assert_int_equal(sum, after.entries);
	/* the same day of the demo's first day */
	long first = -1;
	assert_int_equal(gate_entries_on(edition, 0, &first), CF_OK);
	assert_int_equal(first, after.per_day[0].entries);
	assert_true(first > 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_exit_and_their_reds),
		cmocka_unit_test(an_idempotency_key_answers_once_and_records_once),
		cmocka_unit_test(a_reissued_badge_revokes_the_old_token),
		cmocka_unit_test(hours_are_a_half_open_window),
		cmocka_unit_test(rules_per_role_day_and_hours),
		cmocka_unit_test(concurrent_scans_are_each_answered_and_recorded_once),
		cmocka_unit_test(started_scans_are_done_once_after_their_commit),
		cmocka_unit_test(the_wal_is_checkpointed_off_the_writer_and_restarts),
		cmocka_unit_test(taps_and_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
