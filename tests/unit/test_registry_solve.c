/* test_registry_solve.c - the selection assistant against brute force,
 * its explanations and its conflict reports. */
#include "unit.h"

#include <string.h>

#include "../../src/model/registry_solve.h"

static uint64_t st = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	st ^= st << 13, st ^= st >> 7, st ^= st << 17;
	return (unsigned)(st % n);
}

/* brute - the lexicographic optimum (count, then score) over all subsets. */
static void brute(const sel_rules *r, const sel_candidate *c, int n, int *count, long *score)
{
	char ch[32];
	*count = -1;
	*score = -1;
	for (unsigned mask = 0; mask < (1u << n); mask++) {
		int k = 0;
		long s = 0;
		for (int i = 0; i < n; i++) {
			ch[i] = (mask >> i) & 1;
			if (ch[i])
				k++, s += c[i].score;
		}
		if (selection_check(r, c, n, ch))
			continue;
		if (k > *count || (k == *count && s > *score))
			*count = k, *score = s;
	}
}

static void matches_brute_force_on_random_instances(void **state)
{
	(void)state;
	for (int round = 0; round < 1000; round++) {
		int n = 1 + (int)rnd(14);
		sel_candidate c[16];
		sel_rules r = { .places = (int)rnd(8),
				.ncat = 1 + (int)rnd(3),
				.max_outside = (int)rnd(4) - 1,
				.min_women_pct = (int)rnd(3) * 25,
				.min_first_pct = (int)rnd(3) * 20 };
		for (int k = 0; k < r.ncat; k++)
			r.seats[k] = (int)rnd(5) - 1;
		for (int i = 0; i < n; i++)
			c[i] = (sel_candidate){ .id = i + 1,
						.category = (int)rnd((unsigned)r.ncat),
						.outside = rnd(3) == 0,
						.women_led = rnd(2),
						.first_time = rnd(3) == 0,
						.score = (int)rnd(6) * 20 };
		int bc;
		long bs;
		brute(&r, c, n, &bc, &bs);
		arena *a = arena_new(1u << 20);
		sel_result res;
		assert_int_equal(selection_solve(a, &r, c, n, 0, &res), CF_OK);
		assert_true(res.proven);
		assert_int_equal(res.nchosen, bc);
		assert_int_equal(res.score, bs);
		assert_int_equal(selection_check(&r, c, n, res.chosen), 0);
		arena_free(a);
	}
}

static void names_the_rules_that_conflict(void **state)
{
	(void)state;
	/* 10 places, 50% women-led, but only 3 women-led applicants */
	sel_candidate c[20];
	for (int i = 0; i < 20; i++)
		c[i] = (sel_candidate){ .id = i + 1,
					.category = 0,
					.women_led = i < 3,
					.first_time = 1,
					.score = 50 + i };
	sel_rules r = { .places = 10,
			.ncat = 1,
			.seats = { -1 },
			.max_outside = 2,
			.min_women_pct = 50,
			.min_first_pct = 0 };
	arena *a = arena_new(1u << 20);
	sel_result res;
	assert_int_equal(selection_solve(a, &r, c, 20, 0, &res), CF_OK);
	assert_int_equal(res.target, 10);
	assert_int_equal(res.nchosen, 6);
	assert_int_equal(res.conflict, SEL_RULE_WOMEN | SEL_RULE_PLACES);
	arena_free(a);
}

static void says_which_rule_bound_a_rejection(void **state)
{
	(void)state;
	/* 2 places; the best two are from outside, at most 1 outside allowed */
	sel_candidate c[3] = {
		{ .id = 1, .category = 0, .outside = 1, .score = 90 },
		{ .id = 2, .category = 0, .outside = 1, .score = 80 },
		{ .id = 3, .category = 0, .outside = 0, .score = 10 },
	};
	sel_rules r = { .places = 2, .ncat = 1, .seats = { -1 }, .max_outside = 1 };
	arena *a = arena_new(1u << 20);
	sel_result res;
	assert_int_equal(selection_solve(a, &r, c, 3, 0, &res), CF_OK);
	assert_int_equal(res.chosen[0], 1);
	assert_int_equal(res.chosen[1], 0);
	assert_int_equal(res.chosen[2], 1);
	assert_true(res.why[1].rules & SEL_RULE_OUTSIDE);
	assert_true(res.why[2].rules &
		    SEL_RULE_OUTSIDE); /* chosen ahead of a better score because of it */
	arena_free(a);
}

static void two_thousand_applications_are_solved_and_proven(void **state)
{
	(void)state;
	double ms;
	int chosen;
	assert_int_equal(selection_bench(2000, &ms, &chosen), CF_OK);
	assert_int_equal(chosen, 80);
}

static void seats_short_of_the_places_must_all_change(void **state)
{
	(void)state;
	/* 80 places, 30 applicants in each of 3 categories, 10 seats each: 30
	 * at most; keeping any one category at 10 with the others lifted
	 * fills only 70, so all three must change, and no one change alone
	 * is enough (it would need 60 seats, from 30 applicants) */
	sel_candidate c[90];
	for (int i = 0; i < 90; i++)
		c[i] = (sel_candidate){ .id = i + 1, .category = i % 3, .score = 40 + i % 50 };
	sel_rules r = { .places = 80, .ncat = 3, .seats = { 10, 10, 10 }, .max_outside = -1 };
	arena *a = arena_new(1u << 20);
	sel_result res;
	assert_int_equal(selection_solve(a, &r, c, 90, 0, &res), CF_OK);
	assert_true(res.proven);
	assert_int_equal(res.nchosen, 30);
	assert_int_equal(res.conflict,
			 SEL_RULE_CAT(0) | SEL_RULE_CAT(1) | SEL_RULE_CAT(2) | SEL_RULE_PLACES);
	for (int k = 0; k < 3; k++)
		assert_int_equal(res.need[k], -1);
	/* with 60 in the first category, that one alone can change: to 40 */
	for (int i = 0; i < 90; i++)
		c[i].category = i < 60 ? 0 : 1 + i % 2;
	assert_int_equal(selection_solve(a, &r, c, 90, 0, &res), CF_OK);
	assert_int_equal(res.need[0], 60);
	assert_int_equal(res.need[1], -1);
	arena_free(a);
}

static void no_conflict_is_named_when_the_places_can_be_filled(void **state)
{
	(void)state;
	/* the hard family: every proposal is proven, keeps every rule, and
	 * names a conflict only when it leaves places empty */
	for (uint64_t seed = 1; seed <= 12; seed++) {
		static sel_candidate c[2000];
		static const int sizes[4][2] = {
			{ 2000, 20 }, { 1627, 2 }, { 395, 15 }, { 45, 6 }
		};
		int n = sizes[seed % 4][0], ncat = sizes[seed % 4][1];
		sel_rules r;
		selection_hard(seed, n, ncat, &r, c);
		arena *a = arena_new(8u << 20);
		sel_result res;
		assert_int_equal(selection_solve(a, &r, c, n, 0, &res), CF_OK);
		assert_true(res.proven);
		assert_int_equal(selection_check(&r, c, n, res.chosen), 0);
		assert_int_equal(res.conflict != 0, res.nchosen < res.target);
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches_brute_force_on_random_instances),
		cmocka_unit_test(names_the_rules_that_conflict),
		cmocka_unit_test(says_which_rule_bound_a_rejection),
		cmocka_unit_test(two_thousand_applications_are_solved_and_proven),
		cmocka_unit_test(seats_short_of_the_places_must_all_change),
		cmocka_unit_test(no_conflict_is_named_when_the_places_can_be_filled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
