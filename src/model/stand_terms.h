/*
 * stand_terms.h - the terms of the allocator's objective, private to the
 * stand model: stand_score_of (stand_score.c) adds them up for a whole
 * placement, the annealer (stand_solve.c) for the stands a move touches.
 * Inline: the annealer calls them for every move it tries.
 *
 * stand_apart_broken - stands sa and sb (-1: none) are the same or
 *   neighbours (two competitors marked apart there break the rule);
 * stand_pair_cost - the share cost of categories ca and cb on one stand
 *   (0 the same, 0.5 complementary, 1 otherwise);
 * stand_cx, stand_cy - a stand's centre;
 * stand_fair_family - the fair term of groups with counts n[] and footfall
 *   sums S[], around the mean footfall.
 */
#ifndef CF_STAND_TERMS_H
#define CF_STAND_TERMS_H
#include "stand.h"

static inline int stand_apart_broken(const stand_problem *p, int sa, int sb)
{
	if (sa < 0 || sb < 0)
		return 0;
	return sa == sb || stand_neighbours(&p->sites[sa], &p->sites[sb]);
}

static inline double stand_pair_cost(const stand_problem *p, int ca, int cb)
{
	if (ca == cb)
		return 0;
	if (p->complement && p->complement[ca * p->ncat + cb])
		return 0.5;
	return 1;
}

static inline double stand_cx(const stand_site *s)
{
	return s->x + s->w / 2;
}
static inline double stand_cy(const stand_site *s)
{
	return s->y + s->h / 2;
}

static inline double stand_fair_family(const double *n, const double *S, int groups, double mean)
{
	double t = 0;
	for (int g = 0; g < groups; g++)
		if (n[g] > 0) {
			double d = S[g] / n[g] - mean;
			t += n[g] * d * d;
		}
	return t;
}

#endif
