/* test_stand_solve.c - the stand allocator: its rules always hold, it finds
 * the optimum of small instances (checked by complete enumeration), pairs
 * move as one, locked stands keep their exhibitors, and the score names
 * each broken rule. */
#include "unit.h"

#include <math.h>
#include <pthread.h>

#include "../../bench/stand_gen.h"
#include "../../src/model/stand.h"

/* a row of n stands of 3 x 3 m, touching, capacity 2, everything offered */
static void row(stand_site *s, int n, double y)
{
	for (int i = 0; i < n; i++)
		s[i] = (stand_site){ .x = 3.0 * i,
				     .y = y,
				     .w = 3,
				     .h = 3,
				     .capacity = 2,
				     .offers = 7,
				     .footfall = 1 };
}

static stand_problem problem(stand_site *s, size_t ns, stand_who *w, size_t nw, int ncat)
{
	return (stand_problem){ .sites = s,
				.nsites = ns,
				.who = w,
				.nwho = nw,
				.ncat = ncat,
				.w_cluster = 1,
				.w_share = 4,
				.w_fair = 2 };
}

static void neighbours_touch_or_face_within_half_a_metre(void **state)
{
	(void)state;
	stand_site a = { .x = 0, .y = 0, .w = 3, .h = 3 }, b = a, c = a;
	b.x = 3;   /* touching */
	c.x = 6.5; /* across a 3.5 m gap from a: not neighbours */
	assert_true(stand_neighbours(&a, &b));
	assert_false(stand_neighbours(&a, &c));
	c.x = 3.4; /* 0.4 m */
	assert_true(stand_neighbours(&a, &c));
}

static void the_score_names_each_broken_rule(void **state)
{
	(void)state;
	stand_site s[2];
	row(s, 2, 0);
	s[1].offers = 0;
	stand_who w[4] = {
		{ .category = 0, .partner = 1, .stand = 0 },
		{ .category = 0, .partner = 0, .stand = 1 },
		{ .category = 1, .needs = STAND_NEED_WATER, .partner = -1, .stand = 1 },
		{ .category = 1, .partner = -1, .stand = 1 },
	};
	int apart[2] = { 0, 3 };
	stand_problem p = problem(s, 2, w, 4, 2);
	p.apart = apart;
	p.napart = 1;
	stand_score sc = stand_score_of(&p);
	assert_int_equal(sc.pairs_split, 1);
	assert_int_equal(sc.needs_unmet, 1);
	assert_int_equal(sc.over_capacity, 1);
	assert_int_equal(sc.apart_broken, 1); /* stands 0 and 1 touch */
	assert_int_equal(sc.unplaced, 0);
	assert_true(sc.hard >= 4 * STAND_W_HARD);
}

/* enumeration of every placement (pairs together, capacity, needs) */
static double best;
static void enumerate(stand_problem *p, int *cnt, int e)
{
	if (e == (int)p->nwho) {
		double t = stand_score_of(p).total;
		if (t < best)
			best = t;
		return;
	}
	stand_who *w = &p->who[e];
	for (size_t s = 0; s < p->nsites; s++) {
		if (cnt[s] >= p->sites[s].capacity || (p->sites[s].offers & w->needs) != w->needs)
			continue;
		if (w->partner >= 0 && w->partner < e && p->who[w->partner].stand != (int)s)
			continue;
		w->stand = (int)s;
		cnt[s]++;
		enumerate(p, cnt, e + 1);
		cnt[s]--;
	}
	w->stand = -1;
}

static void it_finds_the_optimum_of_small_instances_with_pairs(void **state)
{
	(void)state;
	uint64_t r = 12345;
	for (int round = 0; round < 6; round++) {
		stand_site s[5];
		row(s, 3, 0);
		row(s + 3, 2, 6); /* a second row across a 3 m aisle */
		for (int i = 0; i < 5; i++)
			s[i].footfall = 1 + (i == 0) + 2 * (i == 4);
		s[2].offers = STAND_NEED_POWER;
		stand_who w[10];
		for (int e = 0; e < 10; e++) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			w[e] = (stand_who){ .category = (int)((r >> 33) % 3),
					    .first_time = (int)((r >> 40) & 1),
					    .outside = e == 7,
					    .partner = -1,
					    .stand = -1 };
		}
		/* a pair of different categories, and one in the same */
		w[0].partner = 5, w[5].partner = 0;
		w[2].partner = 3, w[3].partner = 2;
		int apart[2] = { 1, 4 };
		stand_problem p = problem(s, 5, w, 10, 3);
		p.apart = apart;
		p.napart = 1;
		int cnt[5] = { 0 };
		best = 1e300;
		enumerate(&p, cnt, 0);
		assert_true(best < 1e299);
		assert_int_equal(stand_solve(&p, 0, (uint64_t)round + 1, NULL), CF_OK);
		stand_score sc = stand_score_of(&p);
		assert_true(sc.hard == 0);
		assert_int_equal(w[0].stand, w[5].stand);
		assert_int_equal(w[2].stand, w[3].stand);
		assert_true(fabs(sc.total - best) < 1e-6 * (1 + best));
	}
}

/* Two of the bench's instances of 30 exhibitors where one annealing run
 * stopped 7 % above the optimum that bench/stand_exact.h proves (17.663 and
 * 23.878): the default effort (several runs on small instances) reaches it. */
static void it_reaches_the_proven_optimum_of_30_exhibitors(void **state)
{
	(void)state;
	static const struct {
		uint64_t seed;
		double optimum;
	} cases[] = { { 505, 17.6631746 }, { 507, 23.8784176 } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		inst in;
		stand_gen(&in, 30, 0, cases[i].seed);
		assert_int_equal(stand_solve(&in.p, 0, 1, NULL), CF_OK);
		stand_score sc = stand_score_of(&in.p);
		assert_true(sc.hard == 0);
		assert_true(fabs(sc.total - cases[i].optimum) < 1e-6);
		inst_free(&in);
	}
}

/* The bench's instance of 40 exhibitors in 3 categories, seed 507: the
 * allocator (seed 1) scored 23.9676, 3.7 % above 23.1088, a placement that
 * it reached itself with seed 2 (every run started from the same greedy
 * layout and few runs of 4,000 moves per exhibitor crossed to the other
 * arrangement of the categories' quarters). With short runs from greedy
 * starts in several orders of the categories it reaches it with every seed
 * tried. Not a proven optimum: the best placement known. */
static void it_reaches_the_best_known_placement_of_40_exhibitors(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		inst in;
		stand_gen(&in, 40, 0, 507);
		assert_int_equal(in.p.ncat, 3);
		assert_int_equal(stand_solve(&in.p, 0, seed, NULL), CF_OK);
		stand_score sc = stand_score_of(&in.p);
		assert_true(sc.hard == 0);
		assert_true(sc.total < 23.108754 + 1e-6);
		inst_free(&in);
	}
}

/* The bench's instance of 8 exhibitors (seed 106) where the greedy start in
 * hall order put a pair needing power on the only stand with access, so the
 * exhibitor needing access had none and the allocator gave up, though a
 * placement meeting every need exists. */
static void a_pair_does_not_take_the_only_stand_another_needs(void **state)
{
	(void)state;
	stand_site s[4];
	row(s, 4, 0);
	s[0].offers = STAND_NEED_POWER | STAND_NEED_ACCESS;
	s[1].offers = 0;
	s[2].offers = STAND_NEED_POWER | STAND_NEED_WATER;
	s[3].offers = STAND_NEED_POWER;
	stand_who w[8];
	static const unsigned needs[8] = { 1, 0, 1, 0, 0, 4, 1, 0 };
	for (int e = 0; e < 8; e++)
		w[e] = (stand_who){
			.category = e % 3, .needs = needs[e], .partner = -1, .stand = -1
		};
	w[0].partner = 1, w[1].partner = 0;
	stand_problem p = problem(s, 4, w, 8, 3);
	assert_int_equal(stand_solve(&p, 0, 1, NULL), CF_OK);
	stand_score sc = stand_score_of(&p);
	assert_true(sc.hard == 0);
	assert_int_equal(w[5].stand, 0);
	assert_int_equal(w[0].stand, w[1].stand);
}

static void locked_stands_keep_their_exhibitors_and_needs_are_met(void **state)
{
	(void)state;
	stand_site s[6];
	row(s, 6, 0);
	s[5].locked = 1;
	for (int i = 0; i < 6; i++)
		s[i].offers = i == 1 ? 7 : STAND_NEED_POWER;
	stand_who w[8];
	for (int e = 0; e < 8; e++)
		w[e] = (stand_who){ .category = e % 2, .partner = -1, .stand = -1 };
	w[6].stand = 5; /* placed by hand on the locked stand */
	w[7].needs = STAND_NEED_WATER;
	stand_problem p = problem(s, 6, w, 8, 2);
	assert_int_equal(stand_solve(&p, 20000, 7, NULL), CF_OK);
	assert_int_equal(w[6].stand, 5);
	assert_int_equal(w[7].stand, 1);
	for (int e = 0; e < 8; e++)
		if (e != 6)
			assert_int_not_equal(w[e].stand, 5);
	assert_true(stand_score_of(&p).hard == 0);
}

static void too_few_places_is_reported(void **state)
{
	(void)state;
	stand_site s[1];
	row(s, 1, 0);
	stand_who w[3];
	for (int e = 0; e < 3; e++)
		w[e] = (stand_who){ .partner = -1, .stand = -1 };
	stand_problem p = problem(s, 1, w, 3, 1);
	assert_int_equal(stand_solve(&p, 1000, 1, NULL), CF_ERR_STATE);
	assert_int_equal(stand_score_of(&p).unplaced, 1);
}

/* One allocation on its own thread, on an instance made before (stand_gen
 * keeps its state in a file-level variable), started at the barrier: the
 * greedy baseline many times (a few microseconds each, so that the two
 * threads' sorts overlap often), each compared with the placement it gives
 * alone, then the allocator. */
typedef struct solve_job {
	inst in;
	const int *greedy_alone;
	pthread_barrier_t *go;
	int greedy_differs;
	cf_err e;
} solve_job;

static void *solve_on_thread(void *arg)
{
	solve_job *j = arg;
	pthread_barrier_wait(j->go);
	for (int i = 0; i < 300; i++) {
		if (stand_greedy(&j->in.p) != CF_OK)
			j->greedy_differs++;
		for (size_t e = 0; e < j->in.p.nwho; e++)
			j->greedy_differs += j->in.who[e].stand != j->greedy_alone[e];
	}
	j->e = stand_solve(&j->in.p, 0, 1, NULL);
	return NULL;
}

/* Two organisers of two editions press "assign" at once on a server with
 * several threads: each allocation places as it does alone. Two instances
 * that differ in stands (20 and 44) and categories (3 and 2), started
 * together at a barrier, three times. Before the sorts' keys were made per
 * call, their comparators read the problem and the order of the categories
 * from file-level variables, so one thread could sort by the other's
 * stands or exhibitors (past the end of its arrays) or categories. That is
 * a matter of timing: this test could pass by luck before the fix (it
 * failed 8 runs of 10; under ASan 3 of 3, a heap-buffer-overflow in the
 * comparator); ThreadSanitizer reported the race on every run. */
static void two_allocations_at_once_place_as_each_alone(void **state)
{
	(void)state;
	static const struct {
		int n, spare;
		uint64_t seed;
	} cases[2] = { { 40, 0, 507 }, { 80, 8, 42 } };
	int *greedy[2], *alone[2];
	for (int k = 0; k < 2; k++) {
		inst in;
		stand_gen(&in, cases[k].n, cases[k].spare, cases[k].seed);
		greedy[k] = xcalloc((size_t)cases[k].n, sizeof *greedy[k]);
		alone[k] = xcalloc((size_t)cases[k].n, sizeof *alone[k]);
		assert_int_equal(stand_greedy(&in.p), CF_OK);
		for (int e = 0; e < cases[k].n; e++)
			greedy[k][e] = in.who[e].stand;
		assert_int_equal(stand_solve(&in.p, 0, 1, NULL), CF_OK);
		for (int e = 0; e < cases[k].n; e++)
			alone[k][e] = in.who[e].stand;
		inst_free(&in);
	}
	int compared = 0;
	for (int round = 0; round < 3; round++) {
		pthread_barrier_t go;
		assert_int_equal(pthread_barrier_init(&go, NULL, 2), 0);
		solve_job job[2];
		pthread_t th[2];
		for (int k = 0; k < 2; k++) {
			stand_gen(&job[k].in, cases[k].n, cases[k].spare, cases[k].seed);
			job[k].greedy_alone = greedy[k];
			job[k].go = &go;
			job[k].greedy_differs = 0;
			job[k].e = CF_ERR_STATE;
		}
		assert_int_equal(job[0].in.p.nsites, 20);
		assert_int_equal(job[1].in.p.nsites, 44);
		for (int k = 0; k < 2; k++)
			assert_int_equal(pthread_create(&th[k], NULL, solve_on_thread, &job[k]), 0);
		for (int k = 0; k < 2; k++)
			assert_int_equal(pthread_join(th[k], NULL), 0);
		pthread_barrier_destroy(&go);
		for (int k = 0; k < 2; k++) {
			assert_int_equal(job[k].greedy_differs, 0);
			assert_int_equal(job[k].e, CF_OK);
			for (int e = 0; e < cases[k].n; e++, compared++)
				assert_int_equal(job[k].in.who[e].stand, alone[k][e]);
			inst_free(&job[k].in);
		}
	}
	assert_int_equal(compared, 3 * (40 + 80));
	for (int k = 0; k < 2; k++) {
		free(greedy[k]);
		free(alone[k]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(neighbours_touch_or_face_within_half_a_metre),
		cmocka_unit_test(the_score_names_each_broken_rule),
		cmocka_unit_test(it_finds_the_optimum_of_small_instances_with_pairs),
		cmocka_unit_test(it_reaches_the_proven_optimum_of_30_exhibitors),
		cmocka_unit_test(it_reaches_the_best_known_placement_of_40_exhibitors),
		cmocka_unit_test(a_pair_does_not_take_the_only_stand_another_needs),
		cmocka_unit_test(locked_stands_keep_their_exhibitors_and_needs_are_met),
		cmocka_unit_test(too_few_places_is_reported),
		cmocka_unit_test(two_allocations_at_once_place_as_each_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
