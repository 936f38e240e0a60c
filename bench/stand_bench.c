/*
 * stand_bench.c - the stand allocator's figures (issue 13), for `make bench`:
 *
 *   1. the gap to the exact optimum on small fully packed instances (8, 10
 *      and 12 exhibitors on stands of two), the optimum found by complete
 *      enumeration of the placements (median and worst gap over seeds);
 *   2. time and objective of the allocator against the greedy baseline
 *      (categories in turn, stands in hall order) at 80, 320, 1,500 and
 *      3,000 exhibitors.
 *
 * Instances come from stand_gen() below: a hall of blocks of 2 x 5 stands
 * of 3 x 3 m with 3 m aisles, 10 % more places than exhibitors, categories
 * of uneven size, needs, pairs that asked to share and competitors apart.
 * Usage: stand_bench [--quick]   (--quick: fewer seeds, no 3,000)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/model/stand.h"
#include "../src/util/xalloc.h"

static uint64_t rs;
static unsigned rnd(unsigned n)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return (unsigned)((rs * 2685821657736338717ull) >> 33) % n;
}

typedef struct inst {
	stand_site *sites;
	stand_who *who;
	int *apart;
	unsigned char *comp;
	stand_problem p;
} inst;

/* stand_gen - n exhibitors; spare = places beyond n (0: fully packed). */
static void stand_gen(inst *in, int n, int spare, uint64_t seed)
{
	rs = seed * 0x9E3779B97F4A7C15ull + 7;
	int ns = (n + spare + 1) / 2;
	int ncat = n < 40 ? 3 : n / 40 > 12 ? 12 : n / 40;
	in->sites = xcalloc((size_t)ns, sizeof *in->sites);
	in->who = xcalloc((size_t)n, sizeof *in->who);
	in->apart = xcalloc((size_t)n, sizeof *in->apart);
	in->comp = xcalloc((size_t)(ncat * ncat), 1);
	int per_row = 10, blocks_x = (int)ceil(sqrt(ns / 10.0 + 1));
	for (int s = 0; s < ns; s++) {
		int block = s / 10, k = s % 10, r = k / 5, c = k % 5;
		int bx = block % blocks_x, by = block / blocks_x;
		stand_site *z = &in->sites[s];
		z->x = bx * (5 * 3 + 3) + c * 3;
		z->y = by * (2 * 3 + 3) + r * 3;
		z->w = z->h = 3;
		z->capacity = 2;
		int corner = c == 0 || c == 4;
		z->offers = (rnd(10) < 7 ? STAND_NEED_POWER : 0) |
			    (rnd(10) < 2 ? STAND_NEED_WATER : 0) | (corner ? STAND_NEED_ACCESS : 0);
		z->footfall = 1 + corner + (by == 0 ? 2 : 0) + (bx == 0 ? 1 : 0);
	}
	(void)per_row;
	for (int e = 0; e < n; e++) {
		stand_who *w = &in->who[e];
		/* uneven categories: the first ones larger */
		unsigned u = rnd(100);
		w->category = (int)((u * u / 100) * (unsigned)ncat / 100);
		w->needs = (rnd(100) < 15 ? STAND_NEED_POWER : 0) |
			   (rnd(100) < 4 ? STAND_NEED_WATER : 0) |
			   (rnd(100) < 4 ? STAND_NEED_ACCESS : 0);
		w->first_time = rnd(100) < 60;
		w->outside = rnd(100) < 8;
		w->partner = -1;
		w->stand = -1;
	}
	/* pairs: about one exhibitor in ten, same or neighbouring category */
	for (int e = 0; e + 1 < n; e += 10) {
		in->who[e].partner = e + 1;
		in->who[e + 1].partner = e;
		in->who[e + 1].needs = 0;
		in->who[e].needs &= STAND_NEED_POWER;
	}
	int na = 0;
	for (int e = 3; e + 2 < n && na < n / 2; e += 20, na++) {
		in->apart[2 * na] = e;
		in->apart[2 * na + 1] = e + 2;
	}
	for (int c = 0; c + 1 < ncat; c += 2)
		in->comp[c * ncat + c + 1] = in->comp[(c + 1) * ncat + c] = 1;
	in->p = (stand_problem){ .sites = in->sites,
				 .nsites = (size_t)ns,
				 .who = in->who,
				 .nwho = (size_t)n,
				 .ncat = ncat,
				 .complement = in->comp,
				 .apart = in->apart,
				 .napart = (size_t)na,
				 .w_cluster = 1,
				 .w_share = 4,
				 .w_fair = 2 };
}

static void inst_free(inst *in)
{
	free(in->sites);
	free(in->who);
	free(in->apart);
	free(in->comp);
}

/* CPU time of this process: the machine is shared, wall time is not ours. */
static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Complete enumeration: every exhibitor on every stand with room, pairs
 * together; the best total score. */
static double best;
static int *cnt;
static void enumerate(stand_problem *p, int e)
{
	if (e == (int)p->nwho) {
		double t = stand_score_of(p).total;
		if (t < best)
			best = t;
		return;
	}
	stand_who *w = &p->who[e];
	if (w->partner >= 0 && w->partner < e) {
		int s = p->who[w->partner].stand;
		if (cnt[s] < p->sites[s].capacity && (p->sites[s].offers & w->needs) == w->needs) {
			w->stand = s;
			cnt[s]++;
			enumerate(p, e + 1);
			cnt[s]--;
		}
		w->stand = -1;
		return;
	}
	for (size_t s = 0; s < p->nsites; s++) {
		if (cnt[s] >= p->sites[s].capacity || (p->sites[s].offers & w->needs) != w->needs)
			continue;
		w->stand = (int)s;
		cnt[s]++;
		enumerate(p, e + 1);
		cnt[s]--;
	}
	w->stand = -1;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "--quick");
	int seeds = quick ? 3 : 7;
	printf("stand allocator: gap to the exact optimum (complete enumeration), fully packed\n");
	printf("%6s %6s %8s %10s %10s %10s\n", "exhib.", "stands", "seeds", "median gap",
	       "worst gap", "enum s");
	static const int small[] = { 8, 10, 12 };
	for (int k = 0; k < 3; k++) {
		int n = small[k];
		double gaps[16], tenum = 0;
		int done = 0;
		for (int sd = 0; sd < seeds; sd++) {
			inst in;
			stand_gen(&in, n, 0, 100 + (uint64_t)sd);
			/* needs must be placeable: give every stand everything */
			for (size_t s = 0; s < in.p.nsites; s++)
				in.sites[s].offers |= (unsigned)(sd % 2 ? 7 : in.sites[s].offers);
			best = 1e300;
			cnt = xcalloc(in.p.nsites, sizeof *cnt);
			double t0 = now();
			enumerate(&in.p, 0);
			tenum += now() - t0;
			free(cnt);
			if (best >= 1e299) {
				inst_free(&in);
				continue;
			}
			if (stand_solve(&in.p, 0, 1, NULL)) {
				inst_free(&in);
				continue;
			}
			double got = stand_score_of(&in.p).total;
			gaps[done++] =
				best > 1e-9 ? (got - best) / best * 100 : (got > 1e-9) * 100.0;
			inst_free(&in);
		}
		if (!done)
			continue;
		qsort(gaps, (size_t)done, sizeof *gaps, cmp_d);
		printf("%6d %6d %8d %9.3f%% %9.3f%% %10.2f\n", n, n / 2, done, gaps[done / 2],
		       gaps[done - 1], tenum);
	}

	printf("\nstand allocator vs greedy by category (10 %% spare places)\n");
	printf("%6s %6s %12s %12s %10s %10s %8s %8s\n", "exhib.", "stands", "greedy obj",
	       "anneal obj", "greedy cpu", "anneal cpu", "ratio", "broken");
	static const int sizes[] = { 80, 320, 1500, 3000 };
	for (int k = 0; k < (quick ? 3 : 4); k++) {
		int n = sizes[k];
		inst g, a;
		stand_gen(&g, n, n / 10, 42);
		stand_gen(&a, n, n / 10, 42);
		double t0 = now();
		cf_err eg = stand_greedy(&g.p);
		double tg = now() - t0;
		double og = stand_score_of(&g.p).total;
		t0 = now();
		cf_err ea = stand_solve(&a.p, 0, 1, NULL);
		double ta = now() - t0;
		stand_score sa = stand_score_of(&a.p);
		printf("%6d %6zu %12.1f %12.1f %10.3f %10.3f %8.3f %8d%s\n", n, a.p.nsites, og,
		       sa.total, tg, ta, sa.total / og,
		       sa.apart_broken + sa.needs_unmet + sa.pairs_split + sa.unplaced +
			       sa.over_capacity,
		       eg || ea ? " (infeasible)" : "");
		inst_free(&g);
		inst_free(&a);
	}
	printf("(cpu: seconds of CPU time; ratio: the allocator's objective / the greedy's, lower\n"
	       " is better; the greedy's objective carries 1000 per broken rule: competitors apart)\n");
	return 0;
}
