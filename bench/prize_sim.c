/*
 * prize_sim.c - the creativity prize simulator (make bench).
 *
 * Per trial: N = 27 entries with true quality q ~ N(0,1); J jurors with
 * offset b ~ N(0, sd_b) and scale s = exp(N(0, sd_s)); noise e ~ N(0, 0.5);
 * score = round(10 + 2.5 (s q + b + e)) clipped to 0..20; each entry scored
 * by k of the J jurors, the design coming from coopfair's own assignment
 * solver. Compares coopfair's estimator (prize_estimate, with a noise level
 * per juror) with the same estimator with one pooled noise level ("1 sigma",
 * the method before issue 9) and with the plain mean: Kendall's tau-b
 * against the true q, top-3 overlap, winner right.
 * S6: juror 0 is much noisier (noise sd 2 instead of 0.5). S7, S8: juror 0
 * games for a favourite (one of its entries, at random): top marks to it,
 * bottom marks to its rivals (the entries it scores that are truly better);
 * the second table says how often the favourite lands in the top 3.
 * Then times the solver and the estimator on 1,500 entries and 100 jurors.
 * A benchmark, not a test: it prints figures and never fails the build.
 */
#include "../src/model/prize_estimate.h"
#include "../src/model/prize_solve.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rs = 0x9e3779b97f4a7c15ull;
static double unif(void)
{
	rs ^= rs >> 12, rs ^= rs << 25, rs ^= rs >> 27;
	return ((rs * 2685821657736338717ull) >> 11) * (1.0 / 9007199254740992.0);
}
static double gauss(void)
{
	double u = unif(), v = unif();
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* kendall - tau-b between est and truth (truth has no ties); *tau_a gets
 * tau-a, where a tie in est counts as a coin toss (what a ranking that must
 * break ties earns on average). */
static double kendall(int n, const double *est, const double *truth, double *tau_a)
{
	long c = 0, d = 0, te = 0;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			double a = est[i] - est[j], t = truth[i] - truth[j];
			if (fabs(a) < 1e-12)
				te++;
			else if ((a > 0) == (t > 0))
				c++;
			else
				d++;
		}
	long pairs = (long)n * (n - 1) / 2;
	if (tau_a)
		*tau_a = (double)(c - d) / (double)pairs;
	return (double)(c - d) / sqrt((double)pairs * (double)(pairs - te));
}

static void top3(int n, const double *v, int out[3])
{
	for (int t = 0; t < 3; t++) {
		int best = -1;
		for (int i = 0; i < n; i++) {
			if ((t > 0 && i == out[0]) || (t > 1 && i == out[1]))
				continue;
			if (best < 0 || v[i] > v[best])
				best = i;
		}
		out[t] = best;
	}
}

struct scenario {
	const char *name;
	double sd_b, sd_s;
	int k, J, outlier;
	double noisy; /* juror 0's noise sd (0: like the others) */
	int gaming;   /* juror 0 games for a favourite */
};

struct fav {
	int trials;
	double cf, one, mean, truth; /* favourite in the top 3 */
};
static struct fav g_fav[8];
static int g_nfav;

struct score {
	double tau, tau_a, top3, win;
};

static void measure(int n, const double *est, const double *q, struct score *acc)
{
	int a[3], b[3];
	top3(n, est, a);
	top3(n, q, b);
	int ov = 0;
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++)
			ov += a[x] == b[y];
	double ta;
	acc->tau += kendall(n, est, q, &ta);
	acc->tau_a += ta;
	acc->top3 += ov / 3.0;
	acc->win += a[0] == b[0];
}

#define N 27
#define TRIALS 1000

static void run(const struct scenario *sc)
{
	int J = sc->J, k = sc->k;
	unsigned char *allowed = malloc((size_t)N * J), *as = malloc((size_t)N * J);
	memset(allowed, 1, (size_t)N * J);
	prize_obs obs[N * 16];
	double q[N], qe[N], q1[N], mean[N], b[16], s[16], be[16], se[16];
	struct score cf = { 0 }, one = { 0 }, pm = { 0 };
	struct fav fv = { 0 };
	static const prize_est_opts pooled = { 1, 1, 0.3, 200, 0, 0 };
	int unmet = 0;
	for (int t = 0; t < TRIALS; t++) {
		for (int i = 0; i < N; i++)
			q[i] = gauss();
		for (int j = 0; j < J; j++)
			b[j] = sc->sd_b * gauss(), s[j] = exp(sc->sd_s * gauss());
		prize_assign_info info;
		if (prize_assign(N, J, k, allowed, 1000 + (uint64_t)t, as, &info))
			unmet++;
		size_t no = 0;
		int bumped = -1, fav = -1, mine = 0;
		if (sc->gaming) { /* the favourite: one of juror 0's entries */
			for (int i = 0; i < N; i++)
				mine += as[i * J] != 0;
			int pick = mine ? (int)(unif() * mine) : 0;
			for (int i = 0; i < N && fav < 0; i++)
				if (as[i * J] && pick-- == 0)
					fav = i;
		}
		for (int i = 0; i < N; i++)
			for (int j = 0; j < J; j++) {
				if (!as[i * J + j])
					continue;
				double sd = j == 0 && sc->noisy > 0 ? sc->noisy : 0.5;
				double lat = s[j] * q[i] + b[j] + sd * gauss();
				if (sc->outlier && j == 0 && bumped < 0 && unif() < 0.5)
					lat += 3, bumped = i;
				double y = round(10 + 2.5 * lat);
				if (j == 0 && fav >= 0)
					y = i == fav ? 20 : q[i] > q[fav] ? 0 : y;
				obs[no++] = (prize_obs){ i, j, y < 0 ? 0 : y > 20 ? 20 : y };
			}
		prize_fit fit;
		prize_estimate(N, J, obs, no, NULL, qe, be, se, &fit);
		prize_estimate(N, J, obs, no, &pooled, q1, be, se, &fit);
		prize_plain_mean(N, obs, no, mean);
		measure(N, qe, q, &cf);
		measure(N, q1, q, &one);
		measure(N, mean, q, &pm);
		if (fav >= 0) {
			int a[3];
			fv.trials++;
			top3(N, qe, a);
			fv.cf += a[0] == fav || a[1] == fav || a[2] == fav;
			top3(N, q1, a);
			fv.one += a[0] == fav || a[1] == fav || a[2] == fav;
			top3(N, mean, a);
			fv.mean += a[0] == fav || a[1] == fav || a[2] == fav;
			top3(N, q, a);
			fv.truth += a[0] == fav || a[1] == fav || a[2] == fav;
		}
	}
	if (sc->gaming && g_nfav < 8)
		g_fav[g_nfav++] = fv;
	char design[24];
	snprintf(design, sizeof design, "%d of %d%s", k, J,
		 sc->outlier  ? " +3"
		 : sc->noisy  ? " noisy"
		 : sc->gaming ? " gaming"
			      : "");
	printf("| %-3s | %4.2f | %4.2f | %-13s | %6.3f | %11.3f | %8.3f | %7.3f | %9.3f | %6.3f | %8.3f | %8.3f | %10.3f |%s\n",
	       sc->name, sc->sd_b, sc->sd_s, design, cf.tau / TRIALS, one.tau / TRIALS,
	       pm.tau / TRIALS, cf.top3 / TRIALS, pm.top3 / TRIALS, cf.win / TRIALS,
	       pm.win / TRIALS, cf.tau_a / TRIALS, pm.tau_a / TRIALS,
	       unmet ? " (design constraints unmet in some trials)" : "");
	free(allowed), free(as);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void timing(void)
{
	enum { NE = 1500, NJ = 100, K = 3 };
	unsigned char *allowed = malloc((size_t)NE * NJ), *as = malloc((size_t)NE * NJ);
	/* About 2% random conflicts, as a real fair would have. */
	for (int i = 0; i < NE * NJ; i++)
		allowed[i] = unif() >= 0.02;
	double *q = malloc(sizeof(double) * NE), *qe = malloc(sizeof(double) * NE);
	double b[NJ], s[NJ], be[NJ], se[NJ];
	for (int i = 0; i < NE; i++)
		q[i] = gauss();
	for (int j = 0; j < NJ; j++)
		b[j] = 0.75 * gauss(), s[j] = exp(0.25 * gauss());
	double t0 = now();
	prize_assign_info info;
	cf_err e = prize_assign(NE, NJ, K, allowed, 7, as, &info);
	double t1 = now();
	prize_obs *obs = malloc(sizeof(prize_obs) * NE * K);
	size_t no = 0;
	for (int i = 0; i < NE; i++)
		for (int j = 0; j < NJ; j++)
			if (as[i * NJ + j]) {
				double y = round(10 + 2.5 * (s[j] * q[i] + b[j] + 0.5 * gauss()));
				obs[no++] = (prize_obs){ i, j, y < 0 ? 0 : y > 20 ? 20 : y };
			}
	prize_fit fit;
	double t2 = now();
	prize_estimate(NE, NJ, obs, no, NULL, qe, be, se, &fit);
	double t3 = now();
	printf("\n1,500 entries x 100 jurors, k = 3, ~2%% conflicts: assignment %.3f s (%s; loads %d..%d, "
	       "ideal %.1f, %d component%s); estimation %.3f s (%d iterations, %zu scores)\n",
	       t1 - t0, e ? "constraints unmet" : "all constraints met", info.min_load,
	       info.max_load, info.ideal, info.components, info.components == 1 ? "" : "s", t3 - t2,
	       fit.iterations, no);
	/* The same size, with conflicts that split jurors and entries in two
	 * halves: no connected design exists, and the answer must come at once
	 * (it took 51-82 s before issue 9). */
	for (int i = 0; i < NE; i++)
		for (int j = 0; j < NJ; j++)
			allowed[i * NJ + j] = (i < NE / 2) == (j < NJ / 2);
	t0 = now();
	e = prize_assign(NE, NJ, K, allowed, 7, as, &info);
	t1 = now();
	printf("1,500 entries x 100 jurors split in two by conflicts: answered in %.3f s (%s, %d parts)\n",
	       t1 - t0,
	       info.unmet == PRIZE_UNMET_SPLIT ? "no connected design exists" : "unexpected answer",
	       info.count);
	free(allowed), free(as), free(q), free(qe), free(obs);
}

int main(int argc, char **argv)
{
	static const struct scenario sc[] = {
		{ "S0", 0, 0, 3, 6, 0, 0, 0 },	       { "S1", 0.75, 0.25, 3, 6, 0, 0, 0 },
		{ "S2", 1.5, 0.4, 3, 6, 0, 0, 0 },     { "S3", 1.5, 0.4, 6, 6, 0, 0, 0 },
		{ "S4", 0.75, 0, 2, 9, 0, 0, 0 },      { "S5", 0.75, 0.25, 3, 6, 1, 0, 0 },
		{ "S6", 0.75, 0.25, 3, 6, 0, 2.0, 0 }, { "S7", 0.75, 0.25, 3, 6, 0, 0, 1 },
		{ "S8", 0.75, 0.25, 4, 8, 0, 0, 1 },
	};
	int only_timing = argc > 1 && !strcmp(argv[1], "--timing");
	printf("coopfair prize simulator: N = %d entries, %d trials per scenario\n\n", N, TRIALS);
	if (!only_timing) {
		printf("| sc  | sd_b | sd_s | k of J        | tau cf | tau 1 sigma | tau mean | top3 cf | top3 mean | win cf | win mean | tau-a cf | tau-a mean |\n");
		printf("|-----|------|------|---------------|--------|-------------|----------|---------|-----------|--------|----------|----------|------------|\n");
		for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++)
			run(&sc[i]);
		printf("\nGaming juror: how often its favourite lands in the top 3\n\n");
		printf("| sc  | cf    | 1 sigma | mean  | truly top 3 |\n");
		printf("|-----|-------|---------|-------|-------------|\n");
		for (int i = 0; i < g_nfav; i++)
			printf("| S%d  | %5.3f | %7.3f | %5.3f | %11.3f |\n", 7 + i,
			       g_fav[i].cf / g_fav[i].trials, g_fav[i].one / g_fav[i].trials,
			       g_fav[i].mean / g_fav[i].trials, g_fav[i].truth / g_fav[i].trials);
	}
	timing();
	return 0;
}
