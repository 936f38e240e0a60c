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

/* sheets - a design of N entries, K of M jurors each, true quality q and
 * scores 10 + q + noise (sd[j] per juror). */
static size_t sheets(const double *sd, double *q, prize_obs *obs, unsigned char *as)
{
	unsigned char allowed[N * M];
	memset(allowed, 1, sizeof allowed);
	prize_assign_info info;
	assert_int_equal(prize_assign(N, M, K, allowed, 5, as, &info), CF_OK);
	size_t no = 0;
	for (int i = 0; i < N; i++)
		q[i] = 2.5 * gauss();
	for (int i = 0; i < N; i++)
		for (int j = 0; j < M; j++)
			if (as[i * M + j])
				obs[no++] = (prize_obs){ i, j, 10 + q[i] + sd[j] * gauss() };
	return no;
}

static void a_much_noisier_juror_is_found_and_counts_less(void **state)
{
	(void)state;
	static const double sd[M] = { 4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
	double q[N], qe[N], q1[N], be[M], se[M], noise[M];
	unsigned char as[N * M];
	prize_obs obs[N * M];
	size_t no = sheets(sd, q, obs, as);
	prize_fit fit;
	prize_estimate_noise(N, M, obs, no, NULL, qe, be, se, noise, &fit);
	for (int j = 1; j < M; j++)
		assert_true(noise[0] > 3 * noise[j]);
	prize_estimate(N, M, obs, no, &(prize_est_opts){ 1, 1, 0.3, 200, 0, 0 }, q1, be, se, &fit);
	int disc = 0, disc1 = 0;
	for (int i = 0; i < N; i++)
		for (int t = i + 1; t < N; t++)
			disc += (qe[i] - qe[t]) * (q[i] - q[t]) < 0,
				disc1 += (q1[i] - q1[t]) * (q[i] - q[t]) < 0;
	assert_true(disc < disc1); /* ranks closer to the truth than one sigma for all */
}

static void a_juror_gaming_for_a_favourite_does_not_buy_it_the_podium(void **state)
{
	(void)state;
	static const double sd[M] = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
	double q[N], qe[N], be[M], se[M], noise[M];
	unsigned char as[N * M];
	prize_obs obs[N * M];
	size_t no = sheets(sd, q, obs, as);
	/* juror 0's favourite: its entry of median quality; top marks to it,
	 * bottom marks to every entry it scores that is truly better */
	int fav = -1;
	double best = 1e9;
	for (int i = 0; i < N; i++)
		if (as[i * M] && fabs(q[i]) < best)
			best = fabs(q[i]), fav = i;
	assert_true(fav >= 0);
	for (size_t o = 0; o < no; o++)
		if (obs[o].juror == 0)
			obs[o].y = obs[o].entry == fav	      ? 20
				   : q[obs[o].entry] > q[fav] ? 0
							      : obs[o].y;
	prize_fit fit;
	prize_estimate_noise(N, M, obs, no, NULL, qe, be, se, noise, &fit);
	int above = 0;
	for (int i = 0; i < N; i++)
		above += qe[i] > qe[fav];
	assert_true(above >= 3); /* not on the podium */
	for (int j = 1; j < M; j++)
		assert_true(noise[0] > 3 * noise[j]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recovers_known_offsets_and_scales),
		cmocka_unit_test(a_harsh_juror_does_not_sink_an_entry),
		cmocka_unit_test(one_juror_per_entry_leaves_the_plain_mean),
		cmocka_unit_test(a_much_noisier_juror_is_found_and_counts_less),
		cmocka_unit_test(a_juror_gaming_for_a_favourite_does_not_buy_it_the_podium),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
