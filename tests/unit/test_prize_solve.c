/* test_prize_solve.c - the assignment solver: coverage, balance, no
 * conflicts, connectivity, and infeasible cases explained. */
#include "unit.h"

#include <time.h>

#include "../../src/model/prize_solve.h"

#include <stdlib.h>
#include <string.h>

static int load_of(int n, int m, const unsigned char *as, int j)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		c += as[i * m + j];
	return c;
}

/* check_valid - every entry has exactly k allowed jurors. */
static void check_valid(int n, int m, int k, const unsigned char *allowed, const unsigned char *as)
{
	for (int i = 0; i < n; i++) {
		int c = 0;
		for (int j = 0; j < m; j++) {
			if (as[i * m + j])
				assert_true(allowed[i * m + j]);
			c += as[i * m + j];
		}
		assert_int_equal(c, k);
	}
}

static void every_entry_gets_k_jurors_balanced_and_connected(void **state)
{
	(void)state;
	enum { N = 27, M = 6, K = 3 };
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 1, sizeof allowed);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_OK);
	check_valid(N, M, K, allowed, as);
	/* 81 / 6 = 13.5: loads 13 or 14 */
	for (int j = 0; j < M; j++) {
		assert_true(load_of(N, M, as, j) >= 13);
		assert_true(load_of(N, M, as, j) <= 14);
	}
	assert_int_equal(info.components, 1);
	assert_int_equal(prize_components(N, M, as), 1);
}

static void conflicts_are_never_assigned(void **state)
{
	(void)state;
	enum { N = 40, M = 7, K = 3 };
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 1, sizeof allowed);
	for (int i = 0; i < N; i += 3)
		allowed[i * M + (i % M)] = 0, allowed[i * M + ((i + 1) % M)] = 0;
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 9, as, &info), CF_OK);
	check_valid(N, M, K, allowed, as);
	assert_true(info.max_load - info.min_load <= 1);
}

static void conflicts_force_uneven_loads_but_max_load_is_minimal(void **state)
{
	(void)state;
	/* 6 entries, 3 jurors, k = 1; juror 0 is conflicted with everything
	 * but entry 0: the other two must take 5 entries, so the best max load
	 * is 3 (not the ideal 2). */
	enum { N = 6, M = 3, K = 1 };
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 1, sizeof allowed);
	for (int i = 1; i < N; i++)
		allowed[i * M + 0] = 0;
	prize_assign_info info;
	cf_err e = prize_assign(N, M, K, allowed, 3, as, &info);
	/* k = 1: jurors share nothing, so the overlap graph cannot connect */
	assert_int_equal(e, CF_ERR_CONFLICT);
	assert_int_equal(info.unmet, PRIZE_UNMET_CONNECTED);
	check_valid(N, M, K, allowed, as);
	assert_int_equal(info.max_load, 3);
}

static void an_entry_with_too_few_unconflicted_jurors_is_named(void **state)
{
	(void)state;
	enum { N = 10, M = 5, K = 3 };
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 1, sizeof allowed);
	/* entry 7 keeps only jurors 0 and 1 */
	allowed[7 * M + 2] = allowed[7 * M + 3] = allowed[7 * M + 4] = 0;
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_ERR_INVALID);
	assert_int_equal(info.unmet, PRIZE_UNMET_ENTRY_ALLOWED);
	assert_int_equal(info.entry, 7);
	assert_int_equal(info.count, 2);
}

static void fewer_jurors_than_k_is_explained(void **state)
{
	(void)state;
	unsigned char allowed[4 * 2], as[4 * 2];
	memset(allowed, 1, sizeof allowed);
	prize_assign_info info;
	assert_int_equal(prize_assign(4, 2, 3, allowed, 1, as, &info), CF_ERR_INVALID);
	assert_int_equal(info.unmet, PRIZE_UNMET_FEW_JURORS);
	assert_int_equal(info.count, 2);
}

static void when_conflicts_leave_no_choice_the_forced_assignment_is_found(void **state)
{
	(void)state;
	/* Every entry may only go to jurors 0, 1, 2 of 6: coverage holds with
	 * loads n, 0; the idle jurors are not part of the overlap graph. */
	enum { N = 8, M = 6, K = 3 };
	unsigned char allowed[N * M], as[N * M];
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			allowed[i * M + j] = j < 3;
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_OK);
	check_valid(N, M, K, allowed, as);
	assert_int_equal(info.max_load, N);
	assert_int_equal(info.min_load, 0);
	assert_int_equal(info.components, 1);
}

static void disconnected_juror_groups_are_reported(void **state)
{
	(void)state;
	/* Two blocks: entries 0..5 only jurors 0..2, entries 6..11 only jurors
	 * 3..5: coverage holds, the jurors form two groups. */
	enum { N = 12, M = 6, K = 2 };
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 0, sizeof allowed);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			allowed[i * M + j] = (i < 6) == (j < 3);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_ERR_CONFLICT);
	assert_int_equal(info.unmet, PRIZE_UNMET_SPLIT); /* no link is even allowed */
	assert_int_equal(info.count, 2);
	check_valid(N, M, K, allowed, as);
}

/* Two blocks joined by one bridge entry: block A (jurors 0-2) must take its
 * six entries at load 6, so at the smallest load the bridge goes wholly to
 * block B and the design falls apart; one more entry for one juror of A
 * joins it. */
static void a_connected_design_one_load_higher_is_preferred(void **state)
{
	(void)state;
	enum { N = 10, M = 6, K = 3 };
	unsigned char allowed[N * M], as[N * M];
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			allowed[i * M + j] = i == 9 || (i < 6) == (j < 3);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_OK);
	check_valid(N, M, K, allowed, as);
	assert_int_equal(info.components, 1);
	assert_int_equal(info.raised, 1);
	assert_int_equal(info.max_load, 7);
}

/* The split is seen in the allowed graph, before any search: a large
 * instance answers at once (it took a minute before). */
static void a_split_large_instance_is_answered_at_once(void **state)
{
	(void)state;
	enum { N = 1500, M = 100, K = 3 };
	unsigned char *allowed = malloc(N * M), *as = malloc(N * M);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			allowed[i * M + j] = (i < N / 2) == (j < M / 2);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 1, as, &info), CF_ERR_CONFLICT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(info.unmet, PRIZE_UNMET_SPLIT);
	assert_int_equal(info.count, 2);
	check_valid(N, M, K, allowed, as);
	/* generous for a shared machine and sanitizers; the bench prints the time */
	assert_true((double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9 < 10);
	free(allowed), free(as);
}

static void large_instance_stays_balanced(void **state)
{
	(void)state;
	enum { N = 300, M = 20, K = 3 };
	unsigned char *allowed = malloc(N * M), *as = malloc(N * M);
	for (int i = 0; i < N * M; i++)
		allowed[i] = (i * 2654435761u) % 17 != 0;
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 5, as, &info), CF_OK);
	check_valid(N, M, K, allowed, as);
	assert_int_equal(info.max_load, 45);
	assert_int_equal(info.min_load, 45);
	free(allowed), free(as);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_entry_gets_k_jurors_balanced_and_connected),
		cmocka_unit_test(conflicts_are_never_assigned),
		cmocka_unit_test(conflicts_force_uneven_loads_but_max_load_is_minimal),
		cmocka_unit_test(an_entry_with_too_few_unconflicted_jurors_is_named),
		cmocka_unit_test(fewer_jurors_than_k_is_explained),
		cmocka_unit_test(when_conflicts_leave_no_choice_the_forced_assignment_is_found),
		cmocka_unit_test(disconnected_juror_groups_are_reported),
		cmocka_unit_test(large_instance_stays_balanced),
		cmocka_unit_test(a_connected_design_one_load_higher_is_preferred),
		cmocka_unit_test(a_split_large_instance_is_answered_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
