/* test_prize_estimate.c - the estimator recovers known juror offsets and
 * scales from synthetic data and ranks by the true quality. */
#include "unit.h"

#include "../../src/model/prize_estimate.h"
#include "../../src/model/prize_solve.h"

#include <math.h>
#include <string.h>

static uint64_t rs = 42;
static double unif(void)
{
	rs ^= rs >> 12, rs ^= rs << 25, rs ^= rs >> 27;
	return (double)((rs * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}
static double gauss(void)
{
	double u = unif(), v = unif();
	return sqrt(-2 * log(u > 1e-300 ? u : 1e-300)) * cos(2 * M_PI * v);
}

enum { N = 40, M = 8, K = 4 };

static void recovers_known_offsets_and_scales(void **state)
{
	(void)state;
	static const double b[M] = { -3, -1.5, 0, 0.5, 1, 1.5, 2.5, -1 };
	static const double s[M] = { 1, 0.7, 1.3, 1, 1, 0.8, 1.2, 1 };
	double q[N];
	unsigned char allowed[N * M], as[N * M];
	memset(allowed, 1, sizeof allowed);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 3, as, &info), CF_OK);
	prize_obs obs[N * M];
	size_t no = 0;
	for (int i = 0; i < N; i++)
		q[i] = 2.5 * gauss();
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			if (as[i * M + j])
				obs[no++] = (prize_obs){ i, j,
							 10 + b[j] + s[j] * q[i] + 0.3 * gauss() };
	double qe[N], be[M], se[M];
	prize_fit fit;
	prize_estimate(N, M, obs, no, NULL, qe, be, se, &fit);
	/* offsets are identified up to their mean (0 by construction: the
	 * true ones have mean 0), scales up to their geometric mean */
	double bm = 0, ls = 0;
	for (int j = 0; j < M; j++)
		bm += b[j] / M, ls += log(s[j]) / M;
	for (int j = 0; j < M; j++) {
		assert_true(fabs(be[j] - (b[j] - bm)) < 0.35);
		assert_true(fabs(se[j] - s[j] / exp(ls)) < 0.12);
	}
	/* the ranking follows the true quality closely */
	int disc = 0;
	for (int i = 0; i < N; i++)
		for (int t = i + 1; t < N; t++)
			disc += (qe[i] - qe[t]) * (q[i] - q[t]) < 0;
	assert_true(disc < N * (N - 1) / 2 / 20); /* tau > 0.9 */
}

static void a_harsh_juror_does_not_sink_an_entry(void **state)
{
	(void)state;
	/* 3 jurors score 6 entries in a cycle; juror 0 gives 4 points less.
	 * Entries 0 and 1 are equally good; entry 0 is scored by juror 0. */
	prize_obs obs[12];
	size_t no = 0;
	static const double q[6] = { 2, 2, 0, 0, -2, -2 };
	static const int pairs[6][2] = {
		{ 0, 1 }, { 1, 2 }, { 0, 2 }, { 1, 2 }, { 0, 1 }, { 0, 2 }
	};
	for (int i = 0; i < 6; i++)
		for (int t = 0; t < 2; t++) {
			int j = pairs[i][t];
			obs[no++] = (prize_obs){ i, j, 10 + q[i] + (j == 0 ? -4 : 0) };
		}
	double qe[6], be[3], se[3], mean[6];
	prize_fit fit;
	prize_estimate(6, 3, obs, no, &(prize_est_opts){ 0, 0, 0.3, 500, 0, 0 }, qe, be, se, &fit);
	prize_plain_mean(6, obs, no, mean);
	assert_true(mean[0] < mean[1] - 1.5);	/* the plain mean is misled */
	assert_true(fabs(qe[0] - qe[1]) < 0.3); /* the estimate is not */
	assert_true(be[0] < be[1] - 2.5 && be[0] < be[2] - 2.5);
}

static void one_juror_per_entry_leaves_the_plain_mean(void **state)
{
	(void)state;
	/* each entry has one juror: nothing separates a juror from an entry */
	prize_obs one[4] = { { 0, 0, 12 }, { 1, 1, 15 }, { 2, 2, 9 }, { 3, 3, 11 } };
	double qe4[4], be4[4], se4[4], mean[4];
	prize_fit fit;
	prize_estimate(4, 4, one, 4, NULL, qe4, be4, se4, &fit);
	prize_plain_mean(4, one, 4, mean);
	for (int i = 0; i < 4; i++)
		assert_true(fabs(qe4[i] + fit.mu - mean[i]) < 1e-9);
	for (int j = 0; j < 4; j++)
		assert_true(be4[j] == 0 && se4[j] == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recovers_known_offsets_and_scales),
		cmocka_unit_test(a_harsh_juror_does_not_sink_an_entry),
		cmocka_unit_test(one_juror_per_entry_leaves_the_plain_mean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
