/* test_prog_model.c - the programme's model on the demo fair (issue 15):
 * the counts issue 16's impact report reads, bookings and the waiting list,
 * a conflict, and the view counter's batches. */
#include "unit.h"
#include "unit_demo.h"
#include "../../src/db/db.h"
#include "../../src/model/demo.h"
#include "../../src/model/edition.h"
#include "../../src/model/news.h"
#include "../../src/model/prog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char dir[256];
static arena *a;
static edition ed;

static int setup(void **state)
{
	(void)state;
	if (unit_demo_open(dir, sizeof dir, "prog.db"))
		return -1;
	a = arena_new(16u << 20);
	return edition_current(a, &ed) == CF_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	arena_free(a);
	unit_rmtree(dir);
	return 0;
}

static const prog_session_count *find(const prog_session_count *v, size_t n, const char *kind)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].kind, kind))
			return &v[i];
	return NULL;
}

static void counts_per_session_for_the_impact_report(void **state)
{
	(void)state;
	prog_session_count *v;
	size_t n = 0;
	assert_int_equal(prog_counts(a, ed.id, &v, &n), CF_OK);
	assert_int_equal(n, 8);
	assert_string_equal(v[0].kind, "ceremony"); /* by start time: the opening */
	assert_string_equal(v[0].starts_at, "2024-02-20T10:00");
	const prog_session_count *m = find(v, n, "meeting");
	assert_non_null(m);
	assert_int_equal(m->capacity, 40);
	assert_int_equal(m->booked, 12);
	assert_int_equal(m->attended, 9);
	assert_int_equal(m->waiting, 0);
	const prog_session_count *w = find(v, n, "workshop");
	assert_int_equal(w->booked, 6);
	assert_int_equal(w->attended, 5);
}

static int64_t small_session(int capacity)
{
	prog_session s;
	memset(&s, 0, sizeof s);
	s.edition_id = ed.id;
	s.kind = PROG_WORKSHOP;
	s.title.v[LANG_FR] = "Atelier de test";
	s.starts_at = "2024-02-23T15:00";
	s.ends_at = "2024-02-23T16:00";
	s.capacity = capacity;
	s.booking = 1;
	int64_t id = 0;
	assert_int_equal(prog_session_save(0, &s, &id), CF_OK);
	return id;
}

static void the_waiting_list_moves_up_on_cancellation(void **state)
{
	(void)state;
	int64_t id = small_session(2);
	prog_booking b[3];
	assert_int_equal(prog_book(a, id, "Amina", "amina@example.org", "", LANG_AR, &b[0]), CF_OK);
	assert_int_equal(prog_book(a, id, "Zineb", "", "0600000001", LANG_AR, &b[1]), CF_OK);
	assert_int_equal(prog_book(a, id, "Hafsa", "hafsa@example.org", "", LANG_AR, &b[2]), CF_OK);
	assert_int_equal(b[0].status, PROG_BOOKED);
	assert_int_equal(b[1].status, PROG_BOOKED);
	assert_int_equal(b[2].status, PROG_WAITING);
	assert_int_equal(b[2].position, 1);
	prog_booking bad;
	assert_int_equal(prog_book(a, id, "", "x@example.org", "", LANG_AR, &bad), CF_ERR_INVALID);
	assert_int_equal(prog_book(a, id, "X", "", "", LANG_AR, &bad), CF_ERR_INVALID);
	assert_int_equal(prog_book(a, id, "X", "not-an-email", "", LANG_AR, &bad), CF_ERR_INVALID);
	int64_t promoted = 0;
	assert_int_equal(prog_cancel(b[0].token, &promoted), CF_OK);
	assert_int_equal(promoted, b[2].id);
	assert_int_equal(prog_cancel(b[0].token, &promoted), CF_ERR_STATE);
	prog_booking now;
	assert_int_equal(prog_booking_by_token(a, b[2].token, &now), CF_OK);
	assert_int_equal(now.status, PROG_BOOKED);
	/* a waiting booking that cancels gives no place back */
	prog_booking d;
	assert_int_equal(prog_book(a, id, "Salma", "salma@example.org", "", LANG_AR, &d), CF_OK);
	assert_int_equal(d.status, PROG_WAITING);
	assert_int_equal(prog_cancel(d.token, &promoted), CF_OK);
	assert_int_equal(promoted, 0);
	prog_session s;
	assert_int_equal(prog_session_get(a, id, &s), CF_OK);
	assert_int_equal(s.booked, 2);
	assert_int_equal(s.waiting, 0);
	assert_int_equal(prog_session_delete(0, id), CF_OK);
}

static void a_session_at_the_opening_ceremonys_time_clashes_in_its_space(void **state)
{
	(void)state;
	prog_session *v;
	size_t n = 0;
	assert_int_equal(prog_sessions(a, ed.id, "2024-02-20", &v, &n), CF_OK);
	assert_true(n >= 1);
	assert_int_equal(v[0].kind, PROG_CEREMONY);
	assert_int_equal(v[0].nspeakers, 6);
	assert_int_equal(v[0].speakers[0].protocol, 1);
	assert_int_equal(v[0].speakers[5].protocol, 6);
	prog_session c = v[0];
	c.id = 0;
	c.starts_at = "2024-02-20T11:00";
	c.ends_at = "2024-02-20T12:00";
	c.nspeakers = 0;
	prog_conflict *k;
	size_t nk = 0;
	assert_int_equal(prog_conflicts(a, &c, &k, &nk), CF_OK);
	assert_int_equal(nk, 1);
	assert_int_equal(k[0].kind, PROG_CLASH_SPACE);
	assert_int_equal(k[0].other_id, v[0].id);
	/* the ceremony itself, compared with the others: no conflict */
	assert_int_equal(prog_conflicts(a, &v[0], &k, &nk), CF_OK);
	assert_int_equal(nk, 0);
}

static void views_are_written_in_one_batch(void **state)
{
	(void)state;
	const char *ua = "Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile";
	news_post *p;
	size_t n = 0;
	assert_int_equal(news_posts(a, ed.id, 1, &p, &n), CF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].views, 393);
	assert_int_equal(news_views_flush(), CF_OK); /* nothing pending: no write */
	long before = news_views_pending();
	assert_true(news_view(p[0].id, "192.0.2.1", ua));
	assert_false(news_view(p[0].id, "192.0.2.1", ua)); /* the same visitor */
	assert_true(news_view(p[0].id, "192.0.2.2", ua));
	assert_false(news_view(p[0].id, "192.0.2.3", "Googlebot/2.1"));
	assert_int_equal(news_views_pending(), before + 2);
	news_post q;
	assert_int_equal(news_post_get(a, p[0].id, &q), CF_OK);
	assert_int_equal(q.views, 393); /* counted, not written */
	assert_int_equal(news_views_flush(), CF_OK);
	assert_int_equal(news_views_pending(), 0);
	assert_int_equal(news_post_get(a, p[0].id, &q), CF_OK);
	assert_int_equal(q.views, 393 + before + 2);
}

int main(void)
{
	setenv("TZ", "Africa/Casablanca", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_per_session_for_the_impact_report),
		cmocka_unit_test(the_waiting_list_moves_up_on_cancellation),
		cmocka_unit_test(a_session_at_the_opening_ceremonys_time_clashes_in_its_space),
		cmocka_unit_test(views_are_written_in_one_batch),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
