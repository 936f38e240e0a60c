/* stand_solve.c - the pure stand allocator; see stand.h for the objective. */
#include "stand.h"
#include "stand_terms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

/* stand_solve's default effort: see there */
#define STAND_MIN_MOVES 3000000u

/* run_moves - the moves of one run with iters 0: 4000 per exhibitor from
 * 320 exhibitors on, 12.5 n per exhibitor below, at least 500: small
 * instances gain more from many short runs than from a few long ones (40
 * exhibitors in 3 categories: one instance's best placement reached by 6
 * of 20 seeds with runs of 4,000 moves per exhibitor, by 20 of 20 with 500;
 * at 320, runs of 500 scored 2-4 % worse). */
static uint64_t run_moves(size_t n)
{
	double per = 12.5 * (double)n;
	per = per < 500 ? 500 : per > 4000 ? 4000 : per;
	return (uint64_t)per * (uint64_t)n;
}
#define STAND_MAX_RUNS 256u

/* ---- the annealer's state: slots per stand, sums per category and group ---- */

typedef struct st {
	const stand_problem *p;
	int *base, *cnt, *mem;	       /* members of stand s: mem[base[s] .. base[s]+cnt[s]) */
	double *sx, *sy, *sq, *n, *fs; /* per category */
	double fam[8];		       /* first-time n,n,S,S; outside n,n,S,S */
	double all, nall;
	int *abeg, *alist; /* apart partners of each exhibitor (CSR) */
	int *fixed;	   /* 1: on a locked stand */
} st;

static void st_add(st *t, int e, int s)
{
	const stand_problem *p = t->p;
	stand_who *w = &p->who[e];
	const stand_site *z = &p->sites[s];
	double x = stand_cx(z), y = stand_cy(z), f = z->footfall;
	w->stand = s;
	t->mem[t->base[s] + t->cnt[s]++] = e;
	t->sx[w->category] += x;
	t->sy[w->category] += y;
	t->sq[w->category] += x * x + y * y;
	t->n[w->category] += 1;
	t->fs[w->category] += f;
	t->fam[w->first_time] += 1;
	t->fam[2 + w->first_time] += f;
	t->fam[4 + w->outside] += 1;
	t->fam[6 + w->outside] += f;
	t->all += f;
	t->nall += 1;
}

static void st_remove(st *t, int e)
{
	const stand_problem *p = t->p;
	stand_who *w = &p->who[e];
	int s = w->stand;
	const stand_site *z = &p->sites[s];
	double x = stand_cx(z), y = stand_cy(z), f = z->footfall;
	int *m = t->mem + t->base[s];
	for (int k = 0; k < t->cnt[s]; k++)
		if (m[k] == e) {
			m[k] = m[--t->cnt[s]];
			break;
		}
	w->stand = -1;
	t->sx[w->category] -= x;
	t->sy[w->category] -= y;
	t->sq[w->category] -= x * x + y * y;
	t->n[w->category] -= 1;
	t->fs[w->category] -= f;
	t->fam[w->first_time] -= 1;
	t->fam[2 + w->first_time] -= f;
	t->fam[4 + w->outside] -= 1;
	t->fam[6 + w->outside] -= f;
	t->all -= f;
	t->nall -= 1;
}

/* st_place - every exhibitor to its stand in where (-1: none). */
static void st_place(st *t, const int *where)
{
	const stand_problem *p = t->p;
	for (size_t e = 0; e < p->nwho; e++)
		if (p->who[e].stand >= 0)
			st_remove(t, (int)e);
	for (size_t e = 0; e < p->nwho; e++)
		if (where[e] >= 0)
			st_add(t, (int)e, where[e]);
}

static double cat_term(const st *t, int c)
{
	if (t->n[c] < 0.5)
		return 0;
	return (t->sq[c] - (t->sx[c] * t->sx[c] + t->sy[c] * t->sy[c]) / t->n[c]) / 100;
}

static double fair_term(const st *t)
{
	if (t->nall < 0.5)
		return 0;
	double m = t->all / t->nall;
	return stand_fair_family(t->n, t->fs, t->p->ncat, m) +
	       stand_fair_family(t->fam, t->fam + 2, 2, m) +
	       stand_fair_family(t->fam + 4, t->fam + 6, 2, m);
}

static double stand_share(const st *t, int s)
{
	double c = 0;
	const int *m = t->mem + t->base[s];
	for (int i = 0; i < t->cnt[s]; i++)
		for (int j = 0; j < i; j++)
			c += stand_pair_cost(t->p, t->p->who[m[i]].category,
					     t->p->who[m[j]].category);
	return c;
}

/* The cost touched by moving the exhibitors in mv (n <= 4) between the
 * stands in ss (n <= 4): what a move changes, evaluated before and after. */
static double local_cost(const st *t, const int *mv, int nmv, const int *ss, int nss)
{
	const stand_problem *p = t->p;
	double c = 0;
	int cats[4], nc = 0;
	for (int i = 0; i < nmv; i++) {
		int k = p->who[mv[i]].category, seen = 0;
		for (int j = 0; j < nc; j++)
			seen |= cats[j] == k;
		if (!seen)
			cats[nc++] = k;
	}
	for (int j = 0; j < nc; j++)
		c += p->w_cluster * cat_term(t, cats[j]);
	for (int j = 0; j < nss; j++)
		c += p->w_share * stand_share(t, ss[j]);
	c += p->w_fair * fair_term(t);
	for (int i = 0; i < nmv; i++) {
		int e = mv[i];
		for (int k = t->abeg[e]; k < t->abeg[e + 1]; k++) {
			int f = t->alist[k], both = 0;
			for (int j = 0; j < nmv; j++)
				both |= mv[j] == f;
			if (stand_apart_broken(p, p->who[e].stand, p->who[f].stand))
				c += STAND_W_HARD * (both ? 0.5 : 1);
		}
	}
	return c;
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}
static int rng_int(uint64_t *s, int n)
{
	return (int)((rng_next(s) >> 33) % (uint64_t)n);
}
static double rng_unit(uint64_t *s)
{
	return (double)(rng_next(s) >> 11) / 9007199254740992.0;
}

static unsigned unit_needs(const stand_problem *p, const int *u, int n)
{
	unsigned need = 0;
	for (int i = 0; i < n; i++)
		need |= p->who[u[i]].needs;
	return need;
}

/* Stands in hall order: by row (y, within 1 cm), then x, then index. The
 * comparators of this file read only their keys, made first, and no
 * file-level variable: two allocations may run at once on two threads. */
typedef struct place_key {
	double x, y;
	int s;
} place_key;

static int by_place(const void *a, const void *b)
{
	const place_key *x = a, *y = b;
	if (fabs(x->y - y->y) > 0.01)
		return x->y < y->y ? -1 : 1;
	if (x->x != y->x)
		return x->x > y->x ? 1 : -1;
	return (x->s > y->s) - (x->s < y->s);
}

/* Units: a pair as one, or one exhibitor; locked ones skipped. */
static int unit_of(const stand_problem *p, int e, int u[2])
{
	u[0] = e;
	int q = p->who[e].partner;
	if (q >= 0 && q != e && p->who[q].partner == e) {
		u[1] = q;
		return 2;
	}
	return 1;
}

/* cat_rank - category c's place in the greedy's order of the categories in
 * run r: rotated by r / 2, reversed when r is odd (2 ncat orders; every
 * order for 3 categories), so that the runs start from different layouts. */
static int cat_rank(int c, int ncat, int r)
{
	int k = (c + r / 2) % ncat;
	return r % 2 ? ncat - 1 - k : k;
}

/* The greedy's order of its units: most needs first (a pair's together),
 * pairs before single exhibitors, categories in the run's order, then by
 * exhibitor (a strict order: any sort gives the same). */
typedef struct unit_key {
	int needs, pair, rank, e;
} unit_key;

static int by_unit(const void *a, const void *b)
{
	const unit_key *x = a, *y = b;
	if (x->needs != y->needs)
		return y->needs - x->needs;
	if (x->pair != y->pair)
		return y->pair - x->pair;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->e - y->e;
}

static void st_init(st *t, const stand_problem *p)
{
	memset(t, 0, sizeof *t);
	t->p = p;
	size_t ns = p->nsites, nw = p->nwho;
	int nc = p->ncat;
	t->base = xcalloc(ns + 1, sizeof *t->base);
	t->cnt = xcalloc(ns + 1, sizeof *t->cnt);
	int slots = 0;
	for (size_t s = 0; s < ns; s++) {
		t->base[s] = slots;
		/* a hand placement may overfill: give room for everyone */
		slots += p->sites[s].capacity;
	}
	t->mem = xcalloc((size_t)slots + nw + 1, sizeof *t->mem);
	t->sx = xcalloc((size_t)nc * 5 + 1, sizeof *t->sx);
	t->sy = t->sx + nc;
	t->sq = t->sy + nc;
	t->n = t->sq + nc;
	t->fs = t->n + nc;
	t->abeg = xcalloc(nw + 2, sizeof *t->abeg);
	t->alist = xcalloc(2 * p->napart + 1, sizeof *t->alist);
	t->fixed = xcalloc(nw + 1, sizeof *t->fixed);
	for (size_t k = 0; k < 2 * p->napart; k++)
		t->abeg[p->apart[k] + 1]++;
	for (size_t e = 0; e < nw; e++)
		t->abeg[e + 1] += t->abeg[e];
	int *fill = xcalloc(nw + 1, sizeof *fill);
	for (size_t k = 0; k < p->napart; k++) {
		int a = p->apart[2 * k], b = p->apart[2 * k + 1];
		t->alist[t->abeg[a] + fill[a]++] = b;
		t->alist[t->abeg[b] + fill[b]++] = a;
	}
	free(fill);
}

static void st_free(st *t)
{
	free(t->base);
	free(t->cnt);
	free(t->mem);
	free(t->sx);
	free(t->abeg);
	free(t->alist);
	free(t->fixed);
}

/* make_room - free k places on stand s for a unit needing need, by moving
 * units on s (an exhibitor, or a pair as one; not fixed) to other stands
 * that have room and meet their needs: 1 when s then has k free places. */
static int make_room(st *t, int s, int k, unsigned need)
{
	const stand_problem *p = t->p;
	const stand_site *z = &p->sites[s];
	if (z->locked || (z->offers & need) != need || z->capacity < k)
		return 0;
	for (int i = t->cnt[s] - 1; i >= 0 && z->capacity - t->cnt[s] < k; i--) {
		if (i >= t->cnt[s])
			continue; /* a pair moved took two places */
		int u[2], n = unit_of(p, t->mem[t->base[s] + i], u);
		if (t->fixed[u[0]] || (n == 2 && (t->fixed[u[1]] || p->who[u[1]].stand != s)))
			continue;
		unsigned un = unit_needs(p, u, n);
		for (size_t s2 = 0; s2 < p->nsites; s2++) {
			const stand_site *y = &p->sites[s2];
			if ((int)s2 == s || y->locked || (y->offers & un) != un ||
			    y->capacity - t->cnt[s2] < n)
				continue;
			for (int m = 0; m < n; m++) {
				st_remove(t, u[m]);
				st_add(t, u[m], (int)s2);
			}
			break;
		}
	}
	return z->capacity - t->cnt[s] >= k;
}

/* Greedy placement of every exhibitor not on a locked stand: each unit on
 * the first stand in hall order that has room and meets its needs; when
 * none has, units are moved off a stand that meets them (a pair may have
 * taken the only stand another exhibitor's need allows); run: the order of
 * the categories (cat_rank). Returns how many units found no stand. */
static int greedy(st *t, int run)
{
	const stand_problem *p = t->p;
	size_t ns = p->nsites, nw = p->nwho;
	place_key *pk = xcalloc(ns + 1, sizeof *pk);
	for (size_t s = 0; s < ns; s++)
		pk[s] = (place_key){ p->sites[s].x, p->sites[s].y, (int)s };
	qsort(pk, ns, sizeof *pk, by_place);
	int *order = xcalloc(ns + 1, sizeof *order);
	for (size_t j = 0; j < ns; j++)
		order[j] = pk[j].s;
	free(pk);
	int *units = xcalloc(nw + 1, sizeof *units);
	size_t nu = 0;
	for (size_t e = 0; e < nw; e++) {
		stand_who *w = &p->who[e];
		if (w->stand >= 0 && p->sites[w->stand].locked) {
			t->fixed[e] = 1;
			int s = w->stand;
			w->stand = -1;
			if (t->cnt[s] < p->sites[s].capacity)
				st_add(t, (int)e, s);
			continue;
		}
		w->stand = -1;
	}
	for (size_t e = 0; e < nw; e++) {
		int q = p->who[e].partner;
		if (t->fixed[e] || (q >= 0 && q < (int)e && p->who[q].partner == (int)e))
			continue; /* a pair is listed once, by its first member */
		units[nu++] = (int)e;
	}
	unit_key *uk = xcalloc(nu + 1, sizeof *uk);
	for (size_t i = 0; i < nu; i++) {
		const stand_who *x = &p->who[units[i]];
		int pair = x->partner >= 0;
		uk[i] = (unit_key){ __builtin_popcount(x->needs |
						       (pair ? p->who[x->partner].needs : 0)),
				    pair, cat_rank(x->category, p->ncat, run), units[i] };
	}
	qsort(uk, nu, sizeof *uk, by_unit);
	for (size_t i = 0; i < nu; i++)
		units[i] = uk[i].e;
	free(uk);
	int missing = 0;
	for (size_t i = 0; i < nu; i++) {
		int u[2], k = unit_of(p, units[i], u);
		if (k == 2 && t->fixed[u[1]])
			k = 1;
		unsigned need = unit_needs(p, u, k);
		int pick = -1;
		for (size_t j = 0; j < ns && pick < 0; j++) {
			int s = order[j];
			const stand_site *z = &p->sites[s];
			if (!z->locked && (z->offers & need) == need &&
			    z->capacity - t->cnt[s] >= k)
				pick = s;
		}
		for (size_t j = 0; j < ns && pick < 0; j++)
			if (make_room(t, order[j], k, need))
				pick = order[j];
		if (pick >= 0)
			for (int m = 0; m < k; m++)
				st_add(t, u[m], pick);
		missing += pick < 0;
	}
	free(order);
	free(units);
	return missing;
}

cf_err stand_greedy(const stand_problem *p)
{
	st t;
	st_init(&t, p);
	int missing = greedy(&t, 0);
	st_free(&t);
	return missing ? CF_ERR_STATE : CF_OK;
}

static int movable(const st *t, int e)
{
	return !t->fixed[e] && t->p->who[e].stand >= 0;
}

/* Move 1: a unit (one exhibitor or a pair) to a stand with room. */
static int try_relocate(st *t, uint64_t *rng, double temp, double *cost)
{
	const stand_problem *p = t->p;
	int e = rng_int(rng, (int)p->nwho);
	if (!movable(t, e))
		return 0;
	int u[2], k = unit_of(p, e, u);
	int from = p->who[e].stand, to = rng_int(rng, (int)p->nsites);
	const stand_site *z = &p->sites[to];
	unsigned need = unit_needs(p, u, k);
	if (to == from || z->locked || (z->offers & need) != need || z->capacity - t->cnt[to] < k)
		return 0;
	int ss[2] = { from, to };
	double before = local_cost(t, u, k, ss, 2);
	for (int m = 0; m < k; m++) {
		st_remove(t, u[m]);
		st_add(t, u[m], to);
	}
	double d = local_cost(t, u, k, ss, 2) - before;
	if (d <= 0 || rng_unit(rng) < exp(-d / temp)) {
		*cost += d;
		return 1;
	}
	for (int m = 0; m < k; m++) {
		st_remove(t, u[m]);
		st_add(t, u[m], from);
	}
	return 0;
}

/* Move 2: exchange the contents of two stands (a pair against two
 * exhibitors, or against one, or one against one). */
static int try_exchange(st *t, uint64_t *rng, double temp, double *cost)
{
	const stand_problem *p = t->p;
	int a = rng_int(rng, (int)p->nsites), b;
	if (rng_int(rng, 2)) {
		/* usually a stand near a's members, through an exhibitor */
		int e = rng_int(rng, (int)p->nwho);
		if (!movable(t, e))
			return 0;
		b = p->who[e].stand;
	} else {
		b = rng_int(rng, (int)p->nsites);
	}
	if (a == b || p->sites[a].locked || p->sites[b].locked || t->cnt[a] + t->cnt[b] == 0)
		return 0;
	if (t->cnt[a] > p->sites[b].capacity || t->cnt[b] > p->sites[a].capacity)
		return 0;
	int mv[8], na = t->cnt[a], nb = t->cnt[b];
	if (na + nb > 4)
		return 0;
	memcpy(mv, t->mem + t->base[a], (size_t)na * sizeof *mv);
	memcpy(mv + na, t->mem + t->base[b], (size_t)nb * sizeof *mv);
	if ((p->sites[b].offers & unit_needs(p, mv, na)) != unit_needs(p, mv, na) ||
	    (p->sites[a].offers & unit_needs(p, mv + na, nb)) != unit_needs(p, mv + na, nb))
		return 0;
	int ss[2] = { a, b };
	double before = local_cost(t, mv, na + nb, ss, 2);
	for (int i = 0; i < na + nb; i++)
		st_remove(t, mv[i]);
	for (int i = 0; i < na + nb; i++)
		st_add(t, mv[i], i < na ? b : a);
	double d = local_cost(t, mv, na + nb, ss, 2) - before;
	if (d <= 0 || rng_unit(rng) < exp(-d / temp)) {
		*cost += d;
		return 1;
	}
	for (int i = 0; i < na + nb; i++)
		st_remove(t, mv[i]);
	for (int i = 0; i < na + nb; i++)
		st_add(t, mv[i], i < na ? a : b);
	return 0;
}

/* Move 3: swap two single exhibitors (not pairs) between stands. */
static int try_swap(st *t, uint64_t *rng, double temp, double *cost)
{
	const stand_problem *p = t->p;
	int e = rng_int(rng, (int)p->nwho), f = rng_int(rng, (int)p->nwho);
	if (!movable(t, e) || !movable(t, f) || p->who[e].partner >= 0 || p->who[f].partner >= 0)
		return 0;
	int a = p->who[e].stand, b = p->who[f].stand;
	if (a == b || (p->sites[b].offers & p->who[e].needs) != p->who[e].needs ||
	    (p->sites[a].offers & p->who[f].needs) != p->who[f].needs)
		return 0;
	int mv[2] = { e, f }, ss[2] = { a, b };
	double before = local_cost(t, mv, 2, ss, 2);
	st_remove(t, e);
	st_remove(t, f);
	st_add(t, e, b);
	st_add(t, f, a);
	double d = local_cost(t, mv, 2, ss, 2) - before;
	if (d <= 0 || rng_unit(rng) < exp(-d / temp)) {
		*cost += d;
		return 1;
	}
	st_remove(t, e);
	st_remove(t, f);
	st_add(t, e, a);
	st_add(t, f, b);
	return 0;
}

static int step(st *t, uint64_t *rng, double temp, double *cost)
{
	int r = rng_int(rng, 3);
	return r == 0	? try_relocate(t, rng, temp, cost)
	       : r == 1 ? try_exchange(t, rng, temp, cost)
			: try_swap(t, rng, temp, cost);
}

cf_err stand_solve(const stand_problem *p, uint64_t iters, uint64_t seed,
		   void (*progress)(uint64_t done, uint64_t total))
{
	/* the runs' starts: the greedy with the categories in other orders
	 * (run 0: the usual one, made last so that t holds it): one start
	 * missed the optimum of an instance of 40 exhibitors in 3 categories
	 * by 3.7 % in every run (the annealing does not move a category's
	 * quarter across the hall), another order reaches it */
	uint64_t runs = 1;
	if (!iters && p->nwho) {
		uint64_t per = run_moves(p->nwho);
		runs = (STAND_MIN_MOVES + per - 1) / per;
		runs = runs > STAND_MAX_RUNS ? STAND_MAX_RUNS : runs ? runs : 1;
	}
	int nstart = p->ncat > 1 ? 2 * p->ncat : 1;
	nstart = (uint64_t)nstart > runs ? (int)runs : nstart;
	int **starts = xcalloc((size_t)nstart + 1, sizeof *starts);
	for (int r = nstart - 1; r >= 1; r--) {
		st t2;
		st_init(&t2, p);
		if (!greedy(&t2, r)) {
			starts[r] = xcalloc(p->nwho + 1, sizeof *starts[r]);
			for (size_t e = 0; e < p->nwho; e++)
				starts[r][e] = p->who[e].stand;
		}
		st_free(&t2);
	}
	st t;
	st_init(&t, p);
	int missing = greedy(&t, 0);
	if (p->nwho == 0 || p->nsites < 2) {
		for (int r = 0; r < nstart; r++)
			free(starts[r]);
		free(starts);
		st_free(&t);
		return missing ? CF_ERR_STATE : CF_OK;
	}
	/* iters 0: run_moves() in each run, and on small instances more runs
	 * from the greedy starts, at least STAND_MIN_MOVES moves in all: one
	 * run missed the optimum of 2 of 10 instances of 30 exhibitors by 7 %
	 * (proved by the bench's exact solver, bench/stand_exact.h), and a run
	 * costs little there. */
	if (!iters)
		iters = run_moves(p->nwho);
	uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
	if (!rng)
		rng = 1;
	int *start = xcalloc(p->nwho + 1, sizeof *start);
	for (size_t e = 0; e < p->nwho; e++)
		start[e] = p->who[e].stand;
	double cost = stand_score_of(p).total;
	/* the start temperature: the mean worsening of a few random moves */
	double sum = 0;
	int seen = 0;
	for (int i = 0; i < 2000 && seen < 200; i++) {
		double c0 = cost;
		if (step(&t, &rng, 1e12, &cost)) {
			if (cost > c0 && cost - c0 < STAND_W_HARD / 2) {
				sum += cost - c0;
				seen++;
			}
		}
	}
	double t0 = seen ? sum / seen : 1, t1 = t0 * 1e-4;
	int *best = xcalloc(p->nwho + 1, sizeof *best);
	double best_cost = 1e300;
	uint64_t chunk = iters / 200 + 1;
	for (uint64_t run = 0; run < runs; run++) {
		if (run > 0) { /* back to a greedy start: the usual one or another */
			const int *from = starts[run % (uint64_t)nstart];
			st_place(&t, from ? from : start);
		}
		cost = stand_score_of(p).total; /* re-sync after the warm-up */
		for (uint64_t i = 0; i < iters; i++) {
			double temp = t0 * pow(t1 / t0, (double)i / (double)iters);
			step(&t, &rng, temp, &cost);
			if (i % chunk == 0 || i + 1 == iters) {
				if (cost < best_cost - 1e-9) {
					best_cost = cost;
					for (size_t e = 0; e < p->nwho; e++)
						best[e] = p->who[e].stand;
				}
				if (progress && i % (chunk * 10) == 0)
					progress(run * iters + i, runs * iters);
			}
		}
	}
	free(start);
	for (int r = 0; r < nstart; r++)
		free(starts[r]);
	free(starts);
	/* finish with a greedy descent from the best: no improving move left
	 * among a full sweep of random tries */
	st_place(&t, best);
	cost = best_cost;
	for (uint64_t i = 0; i < 50 * (uint64_t)p->nwho + 1000; i++)
		step(&t, &rng, 1e-12, &cost);
	if (progress)
		progress(runs * iters, runs * iters);
	free(best);
	st_free(&t);
	return missing ? CF_ERR_STATE : CF_OK;
}
