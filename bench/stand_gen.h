/*
 * stand_gen.h - the bench's instances of the stand allocation (issue 13):
 * a hall of blocks of 2 x 5 stands of 3 x 3 m with 3 m aisles, categories
 * of uneven size, needs, pairs that asked to share and competitors apart.
 * Categories: 3 up to and including 40 exhibitors (the real fair's 80 are in
 * 3; the exact gap tables at 10-40 compare like with like), then one per 40
 * exhibitors (at most 12), as before, so the rows at 80 and beyond stay
 * comparable with earlier sessions' figures.
 * Included by bench/stand_bench.c and tests/unit/test_stand_solve.c (which
 * checks the allocator on instances whose optimum the bench proved).
 */
#ifndef CF_STAND_GEN_H
#define CF_STAND_GEN_H
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

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
	int ncat = n <= 40 ? 3 : n / 40 > 12 ? 12 : n / 40;
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

#endif
