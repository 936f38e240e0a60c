/* stand_score.c - the allocator's objective (stand_score_of) and its terms,
 * which the annealer (stand_solve.c) updates move by move; see stand.h. */
#include "stand.h"
#include "stand_terms.h"

#include <math.h>
#include <stdlib.h>

#include "../util/xalloc.h"

int stand_neighbours(const stand_site *a, const stand_site *b)
{
	double gx = fmax(a->x, b->x) - fmin(a->x + a->w, b->x + b->w);
	double gy = fmax(a->y, b->y) - fmin(a->y + a->h, b->y + b->h);
	return gx <= 0.5 && gy <= 0.5;
}

stand_score stand_score_of(const stand_problem *p)
{
	stand_score sc = { 0 };
	int nc = p->ncat;
	double *sx = xcalloc((size_t)nc * 4 + 8, sizeof *sx);
	double *sy = sx + nc, *sq = sy + nc, *n = sq + nc, *fam = n + nc; /* fam: 8 */
	double *fs = xcalloc((size_t)nc + 1, sizeof *fs);
	int *occ = xcalloc(p->nsites + 1, sizeof *occ);
	double all = 0, nall = 0;
	for (size_t i = 0; i < p->nwho; i++) {
		const stand_who *w = &p->who[i];
		if (w->stand < 0) {
			sc.unplaced++;
			continue;
		}
		const stand_site *s = &p->sites[w->stand];
		double x = stand_cx(s), y = stand_cy(s);
		sx[w->category] += x;
		sy[w->category] += y;
		sq[w->category] += x * x + y * y;
		n[w->category] += 1;
		fs[w->category] += s->footfall;
		fam[w->first_time] += 1;
		fam[2 + w->first_time] += s->footfall;
		fam[4 + w->outside] += 1;
		fam[6 + w->outside] += s->footfall;
		all += s->footfall;
		nall += 1;
		occ[w->stand]++;
		if ((s->offers & w->needs) != w->needs)
			sc.needs_unmet++;
		if (w->partner >= 0 && (size_t)w->partner > i &&
		    p->who[w->partner].stand != w->stand)
			sc.pairs_split++;
		/* sharing: each pair of occupants counted once (j < i) */
		for (size_t j = 0; j < i; j++)
			if (p->who[j].stand == w->stand)
				sc.share += stand_pair_cost(p, p->who[j].category, w->category);
	}
	for (size_t s = 0; s < p->nsites; s++)
		if (occ[s] > p->sites[s].capacity)
			sc.over_capacity++;
	for (int c = 0; c < nc; c++)
		if (n[c] > 0)
			sc.cluster += (sq[c] - (sx[c] * sx[c] + sy[c] * sy[c]) / n[c]) / 100;
	if (nall > 0) {
		double m = all / nall;
		sc.fair = stand_fair_family(n, fs, nc, m) + stand_fair_family(fam, fam + 2, 2, m) +
			  stand_fair_family(fam + 4, fam + 6, 2, m);
	}
	for (size_t k = 0; k < p->napart; k++)
		sc.apart_broken += stand_apart_broken(p, p->who[p->apart[2 * k]].stand,
						      p->who[p->apart[2 * k + 1]].stand);
	sc.cluster *= p->w_cluster;
	sc.share *= p->w_share;
	sc.fair *= p->w_fair;
	sc.hard = STAND_W_HARD * (sc.apart_broken + sc.over_capacity + sc.needs_unmet +
				  sc.pairs_split + sc.unplaced);
	sc.total = sc.cluster + sc.share + sc.fair + sc.hard;
	free(sx);
	free(fs);
	free(occ);
	return sc;
}
