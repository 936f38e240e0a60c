/* registry_solve.c - the selection assistant's solver; see registry_solve.h.
 * Pure computation: no database. */
#include "registry_solve.h"
#include "../util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EPS 1e-9
#define NODE_LIMIT 200000

/* ---- a dense bounded-variable primal simplex ------------------------
 * maximise c.x subject to A x <= b, 0 <= x <= u (u may be INFINITY).
 * Columns: the n structural variables, then one slack per row, then one
 * artificial per row whose right-hand side is negative. */
typedef struct lp {
	int m, n;	/* rows, structural columns */
	int cols;	/* n + m + artificials */
	double *t;	/* m x cols tableau, row-major */
	double *rhs;	/* m: values of the basic variables */
	double *d;	/* cols: reduced costs (of the current phase) */
	double *u;	/* cols: upper bounds */
	double *x;	/* cols: values */
	int *basis;	/* m: the basic column of each row */
	char *at_upper; /* cols: a non-basic column at its upper bound */
	char *is_basic;
} lp;

static void lp_pivot(lp *p, int r, int j)
{
	int cols = p->cols;
	double *row = p->t + (size_t)r * cols, piv = row[j];
	for (int k = 0; k < cols; k++)
		row[k] /= piv;
	for (int i = 0; i < p->m; i++) {
		if (i == r)
			continue;
		double *ri = p->t + (size_t)i * cols, f = ri[j];
		if (f != 0)
			for (int k = 0; k < cols; k++)
				ri[k] -= f * row[k];
	}
	double f = p->d[j];
	if (f != 0)
		for (int k = 0; k < cols; k++)
			p->d[k] -= f * row[k];
	p->is_basic[p->basis[r]] = 0;
	p->basis[r] = j;
	p->is_basic[j] = 1;
	p->at_upper[j] = 0;
}

/* lp_run - iterate to an optimum of the current reduced costs.
 * 0: optimal; 1: unbounded (never for our problems); 2: iteration limit. */
static int lp_run(lp *p)
{
	int degenerate = 0;
	for (int iter = 0; iter < 50000; iter++) {
		int bland = degenerate > 30, j = -1;
		double best = EPS * 1e3;
		for (int k = 0; k < p->cols; k++) {
			if (p->is_basic[k] || p->u[k] <= 0)
				continue;
			double dk = p->d[k];
			double gain = p->at_upper[k] ? -dk : dk;
			if (gain > 1e-7) {
				if (bland) {
					j = k;
					break;
				}
				if (gain > best)
					best = gain, j = k;
			}
		}
		if (j < 0)
			return 0;
		int dir = p->at_upper[j] ? -1 : 1; /* x_j moves by dir * step */
		double step = p->u[j];
		int leave = -1, leave_upper = 0;
		for (int i = 0; i < p->m; i++) {
			double a = p->t[(size_t)i * p->cols + j] *
				   dir; /* x_B(i) decreases by a * step */
			int b = p->basis[i];
			double lim;
			if (a > EPS) {
				lim = p->x[b] / a;
				if (lim < step - EPS ||
				    (lim < step + EPS && leave >= 0 && b < p->basis[leave])) {
					step = lim < 0 ? 0 : lim, leave = i, leave_upper = 0;
				}
			} else if (a < -EPS && isfinite(p->u[b])) {
				lim = (p->u[b] - p->x[b]) / -a;
				if (lim < step - EPS ||
				    (lim < step + EPS && leave >= 0 && b < p->basis[leave])) {
					step = lim < 0 ? 0 : lim, leave = i, leave_upper = 1;
				}
			}
		}
		if (!isfinite(step))
			return 1;
		degenerate = step < EPS ? degenerate + 1 : 0;
		/* move */
		for (int i = 0; i < p->m; i++) {
			int b = p->basis[i];
			p->x[b] -= p->t[(size_t)i * p->cols + j] * dir * step;
		}
		p->x[j] += dir * step;
		if (leave < 0) { /* the entering variable reached its other bound */
			p->at_upper[j] = dir > 0;
			p->x[j] = dir > 0 ? p->u[j] : 0;
			continue;
		}
		int out = p->basis[leave];
		lp_pivot(p, leave, j);
		p->x[out] = leave_upper ? p->u[out] : 0;
		p->at_upper[out] = (char)leave_upper;
	}
	return 2;
}

/* lp_solve - maximise c.x, A x <= b, 0 <= x <= u. A is m x n row-major.
 * Returns 0 and the optimum in *val and x[0..n) when feasible; -1 when
 * infeasible; -2 on a numerical failure. */
static int lp_solve(int m, int n, const double *A, const double *b, const double *c,
		    const double *u, double *val, double *xout)
{
	int nart = 0;
	for (int i = 0; i < m; i++)
		nart += b[i] < 0;
	lp p = { .m = m, .n = n, .cols = n + m + nart };
	p.t = xcalloc((size_t)m * p.cols, sizeof *p.t);
	p.rhs = xcalloc((size_t)m, sizeof *p.rhs);
	p.d = xcalloc((size_t)p.cols, sizeof *p.d);
	p.u = xcalloc((size_t)p.cols, sizeof *p.u);
	p.x = xcalloc((size_t)p.cols, sizeof *p.x);
	p.basis = xcalloc((size_t)m, sizeof *p.basis);
	p.at_upper = xcalloc((size_t)p.cols, 1);
	p.is_basic = xcalloc((size_t)p.cols, 1);
	for (int j = 0; j < n; j++)
		p.u[j] = u[j];
	for (int i = 0; i < m; i++)
		p.u[n + i] = INFINITY;
	int art = n + m;
	for (int i = 0; i < m; i++) {
		double *row = p.t + (size_t)i * p.cols, sign = b[i] < 0 ? -1 : 1;
		for (int j = 0; j < n; j++)
			row[j] = sign * A[(size_t)i * n + j];
		row[n + i] = sign;
		if (b[i] < 0) {
			row[art] = 1;
			p.u[art] = INFINITY;
			p.basis[i] = art;
			p.x[art] = -b[i];
			art++;
		} else {
			p.basis[i] = n + i;
			p.x[n + i] = b[i];
		}
		p.is_basic[p.basis[i]] = 1;
	}
	int rc = 0;
	if (nart) {
		/* phase 1: maximise -sum(artificials); d_j = c_j - c_B B^-1 a_j */
		for (int i = 0; i < m; i++)
			if (p.basis[i] >= n + m)
				for (int k = 0; k < p.cols; k++)
					p.d[k] += p.t[(size_t)i * p.cols + k];
		for (int k = n + m; k < p.cols; k++)
			p.d[k] = 0; /* basic artificials: reduced cost 0 */
		rc = lp_run(&p);
		double infeas = 0;
		for (int k = n + m; k < p.cols; k++)
			infeas += p.x[k];
		if (rc || infeas > 1e-6) {
			rc = rc ? -2 : -1;
			goto done;
		}
		for (int k = n + m; k < p.cols; k++)
			p.u[k] = 0; /* artificials stay at zero from now on */
	}
	/* phase 2: reduced costs of the real objective */
	for (int k = 0; k < p.cols; k++)
		p.d[k] = k < n ? c[k] : 0;
	for (int i = 0; i < m; i++) {
		int bcol = p.basis[i];
		double cb = bcol < n ? c[bcol] : 0;
		if (cb != 0)
			for (int k = 0; k < p.cols; k++)
				p.d[k] -= cb * p.t[(size_t)i * p.cols + k];
	}
	rc = lp_run(&p);
	if (rc) {
		rc = -2;
		goto done;
	}
	*val = 0;
	for (int j = 0; j < n; j++) {
		xout[j] = p.x[j];
		*val += c[j] * p.x[j];
	}
done:
	free(p.t), free(p.rhs), free(p.d), free(p.u), free(p.x), free(p.basis), free(p.at_upper),
		free(p.is_basic);
	return rc;
}

/* ---- the integer program over groups of alike applicants ------------ */

struct bb {
	const sel_rules *r;
	unsigned disabled;
	int n; /* items, sorted by group then by score (best first) */
	const sel_candidate *it;
	int *group; /* [n] group of each item */
	int ngroups;
	int *gstart, *gsize;
	int m;		   /* rows */
	double *A, *b, *c; /* m x n, m, n */
	long big;
	char *lo, *hi; /* per-node bounds (0/1) */
	double *x, *u, *bb_b;
	long best; /* objective of the incumbent, -1 none */
	char *best_x;
	long nodes;
	int limit_hit;
};

static int active(const struct bb *s, unsigned bit)
{
	return !(s->disabled & bit);
}

/* build_rows - A x <= b for the rules in force. */
static void build_rows(struct bb *s)
{
	const sel_rules *r = s->r;
	int n = s->n, m = 0;
	s->A = xcalloc((size_t)(r->ncat + 4) * (size_t)(n ? n : 1), sizeof *s->A);
	s->b = xcalloc((size_t)r->ncat + 4, sizeof *s->b);
	/* places */
	for (int j = 0; j < n; j++)
		s->A[(size_t)m * n + j] = 1;
	s->b[m++] = r->places;
	for (int k = 0; k < r->ncat; k++) {
		if (r->seats[k] < 0 || !active(s, SEL_RULE_CAT(k)))
			continue;
		for (int j = 0; j < n; j++)
			s->A[(size_t)m * n + j] = s->it[j].category == k;
		s->b[m++] = r->seats[k];
	}
	if (r->max_outside >= 0 && active(s, SEL_RULE_OUTSIDE)) {
		for (int j = 0; j < n; j++)
			s->A[(size_t)m * n + j] = s->it[j].outside != 0;
		s->b[m++] = r->max_outside;
	}
	/* shares: 100 W >= p N  <=>  sum (p - 100 w_j) x_j <= 0 */
	if (r->min_women_pct > 0 && active(s, SEL_RULE_WOMEN)) {
		for (int j = 0; j < n; j++)
			s->A[(size_t)m * n + j] =
				r->min_women_pct - 100 * (s->it[j].women_led != 0);
		s->b[m++] = 0;
	}
	if (r->min_first_pct > 0 && active(s, SEL_RULE_FIRST)) {
		for (int j = 0; j < n; j++)
			s->A[(size_t)m * n + j] =
				r->min_first_pct - 100 * (s->it[j].first_time != 0);
		s->b[m++] = 0;
	}
	s->m = m;
}

/* node - solve the relaxation under lo/hi, then branch on a group whose
 * count is fractional. */
static void node(struct bb *s, int depth)
{
	if (++s->nodes > NODE_LIMIT) {
		s->limit_hit = 1;
		return;
	}
	int n = s->n, m = s->m;
	long fixed_val = 0;
	memcpy(s->bb_b, s->b, (size_t)m * sizeof *s->b);
	for (int j = 0; j < n; j++) {
		if (s->lo[j]) { /* fixed to 1: move it to the right-hand side */
			for (int i = 0; i < m; i++)
				s->bb_b[i] -= s->A[(size_t)i * n + j];
			fixed_val += (long)s->c[j];
			s->u[j] = 0;
		} else {
			s->u[j] = s->hi[j];
		}
	}
	double val;
	double *x = xcalloc((size_t)(n ? n : 1), sizeof *x);
	int rc = lp_solve(m, n, s->A, s->bb_b, s->c, s->u, &val, x);
	if (rc) {
		free(x);
		return; /* infeasible under these bounds */
	}
	val += (double)fixed_val;
	if ((long)floor(val + 1e-6) <= s->best) {
		free(x);
		return;
	}
	/* group counts */
	int branch = -1;
	double frac_best = 2, count_b = 0;
	for (int g = 0; g < s->ngroups; g++) {
		double cnt = 0;
		for (int j = s->gstart[g]; j < s->gstart[g] + s->gsize[g]; j++)
			cnt += s->lo[j] ? 1 : x[j];
		double f = cnt - floor(cnt + 1e-7);
		if (f > 1e-6 && f < 1 - 1e-6 && fabs(f - 0.5) < frac_best)
			frac_best = fabs(f - 0.5), branch = g, count_b = cnt;
	}
	if (branch < 0) {
		/* integral counts: the best-scored of each group is an optimum here */
		long v = 0;
		char *sel = xcalloc((size_t)(n ? n : 1), 1);
		for (int g = 0; g < s->ngroups; g++) {
			double cnt = 0;
			for (int j = s->gstart[g]; j < s->gstart[g] + s->gsize[g]; j++)
				cnt += s->lo[j] ? 1 : x[j];
			int k = (int)floor(cnt + 0.5);
			for (int j = s->gstart[g]; j < s->gstart[g] + k; j++)
				sel[j] = 1, v += (long)s->c[j];
		}
		if (v > s->best) {
			s->best = v;
			memcpy(s->best_x, sel, (size_t)n);
		}
		free(sel);
		free(x);
		return;
	}
	free(x);
	int k = (int)floor(count_b), g0 = s->gstart[branch], gn = s->gsize[branch];
	char *save_lo = xmalloc((size_t)gn), *save_hi = xmalloc((size_t)gn);
	memcpy(save_lo, s->lo + g0, (size_t)gn);
	memcpy(save_hi, s->hi + g0, (size_t)gn);
	/* at least k+1 from the group: its k+1 best are in */
	int ok = 1;
	for (int j = g0; j < g0 + k + 1 && j < g0 + gn; j++) {
		if (!s->hi[j])
			ok = 0;
		s->lo[j] = 1;
	}
	if (ok && k + 1 <= gn)
		node(s, depth + 1);
	memcpy(s->lo + g0, save_lo, (size_t)gn);
	/* at most k: the rest are out */
	ok = 1;
	for (int j = g0 + k; j < g0 + gn; j++) {
		if (s->lo[j])
			ok = 0;
		s->hi[j] = 0;
	}
	if (ok)
		node(s, depth + 1);
	memcpy(s->hi + g0, save_hi, (size_t)gn);
	free(save_lo);
	free(save_hi);
}

static int gkey(const sel_candidate *c)
{
	return c->category * 8 + (c->outside != 0) * 4 + (c->women_led != 0) * 2 +
	       (c->first_time != 0);
}

static int cmp_items(const void *x, const void *y)
{
	const sel_candidate *a = x, *b = y;
	int ga = gkey(a), gb = gkey(b);
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* solve - the best selection under the rules not disabled; chosen[] in the
 * caller's order. Returns the count chosen. */
static int solve(const sel_rules *r, const sel_candidate *c, int n, unsigned disabled, char *chosen,
		 long *score, int *proven, long *nodes)
{
	struct bb s = { .r = r, .disabled = disabled, .n = n, .best = -1 };
	sel_candidate *it = xmalloc(sizeof *it * (size_t)(n ? n : 1));
	int *orig = xmalloc(sizeof *orig * (size_t)(n ? n : 1));
	memcpy(it, c, sizeof *it * (size_t)n);
	qsort(it, (size_t)n, sizeof *it, cmp_items);
	s.it = it;
	s.group = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	s.gstart = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	s.gsize = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	for (int j = 0; j < n; j++) {
		if (j == 0 || gkey(&it[j]) != gkey(&it[j - 1])) {
			s.gstart[s.ngroups] = j;
			s.gsize[s.ngroups] = 0;
			s.ngroups++;
		}
		s.group[j] = s.ngroups - 1;
		s.gsize[s.ngroups - 1]++;
	}
	/* Lexicographic objective: each place filled outweighs every score. */
	s.big = 101L * n + 1;
	s.c = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
	for (int j = 0; j < n; j++)
		s.c[j] = (double)(s.big + it[j].score);
	build_rows(&s);
	s.lo = xcalloc((size_t)(n ? n : 1), 1);
	s.hi = xmalloc((size_t)(n ? n : 1));
	memset(s.hi, 1, (size_t)(n ? n : 1));
	s.u = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
	s.bb_b = xmalloc(sizeof(double) * (size_t)(s.m ? s.m : 1));
	s.best_x = xcalloc((size_t)(n ? n : 1), 1);
	s.best = 0; /* selecting nobody always meets every rule */
	node(&s, 0);
	/* back to the caller's order */
	for (int i = 0; i < n; i++)
		chosen[i] = 0;
	int count = 0;
	long sc = 0;
	for (int j = 0; j < n; j++) {
		if (!s.best_x[j])
			continue;
		for (int i = 0; i < n; i++)
			if (c[i].id == it[j].id && !chosen[i]) {
				chosen[i] = 1;
				break;
			}
		count++;
		sc += it[j].score;
	}
	(void)orig;
	*score = sc;
	*proven = !s.limit_hit;
	*nodes = s.nodes;
	free(it), free(orig), free(s.group), free(s.gstart), free(s.gsize), free(s.c), free(s.A),
		free(s.b);
	free(s.lo), free(s.hi), free(s.u), free(s.bb_b), free(s.best_x);
	return count;
}

unsigned selection_check(const sel_rules *r, const sel_candidate *c, int n, const char *chosen)
{
	int total = 0, out = 0, women = 0, first = 0, per[SEL_CATS] = { 0 };
	for (int i = 0; i < n; i++) {
		if (!chosen[i])
			continue;
		total++;
		out += c[i].outside != 0;
		women += c[i].women_led != 0;
		first += c[i].first_time != 0;
		if (c[i].category >= 0 && c[i].category < SEL_CATS)
			per[c[i].category]++;
	}
	unsigned broken = 0;
	if (total > r->places)
		broken |= SEL_RULE_PLACES;
	for (int k = 0; k < r->ncat && k < SEL_CATS; k++)
		if (r->seats[k] >= 0 && per[k] > r->seats[k])
			broken |= SEL_RULE_CAT(k);
	if (r->max_outside >= 0 && out > r->max_outside)
		broken |= SEL_RULE_OUTSIDE;
	if (100L * women < (long)r->min_women_pct * total)
		broken |= SEL_RULE_WOMEN;
	if (100L * first < (long)r->min_first_pct * total)
		broken |= SEL_RULE_FIRST;
	return broken;
}

/* explain - which rules bound each decision (see sel_why). An applicant is
 * compared with the others of its own category: left out, with the
 * lowest-scored one selected below it (what would taking its place
 * break?); selected, with the best-scored one left out above it. */
static void explain(const sel_rules *r, const sel_candidate *c, int n, char *chosen, sel_why *why)
{
	for (int i = 0; i < n; i++) {
		why[i].rules = 0;
		why[i].cutoff = 0;
		int other = -1, min_cat = 101;
		for (int j = 0; j < n; j++) {
			if (j == i || c[j].category != c[i].category)
				continue;
			if (chosen[j] && c[j].score < min_cat)
				min_cat = c[j].score;
			if (chosen[i] ? (!chosen[j] && c[j].score > c[i].score &&
					 (other < 0 || c[j].score > c[other].score))
				      : (chosen[j] && c[j].score < c[i].score &&
					 (other < 0 || c[j].score < c[other].score)))
				other = j;
		}
		why[i].cutoff = min_cat <= 100 ? min_cat : 0;
		if (chosen[i]) {
			if (other >= 0) {
				chosen[i] = 0, chosen[other] = 1;
				why[i].rules = selection_check(r, c, n, chosen);
				chosen[i] = 1, chosen[other] = 0;
			}
			continue;
		}
		chosen[i] = 1;
		unsigned add = selection_check(r, c, n, chosen);
		if (other >= 0) {
			chosen[other] = 0;
			why[i].rules = selection_check(r, c, n, chosen);
			chosen[other] = 1;
		}
		chosen[i] = 0;
		if (!why[i].rules) {
			/* nobody of its category scored lower: the category or the
			 * places are full with better scores */
			unsigned full = add & (SEL_RULE_PLACES | SEL_RULE_CAT(c[i].category));
			why[i].rules = full ? full : add;
		}
		if (!why[i].rules)
			why[i].rules = SEL_RULE_PLACES;
	}
}

cf_err selection_solve(arena *a, const sel_rules *r, const sel_candidate *c, int n,
		       unsigned disabled, sel_result *out)
{
	memset(out, 0, sizeof *out);
	if (n < 0 || r->ncat > SEL_CATS || r->places < 0)
		return CF_ERR_INVALID;
	for (int i = 0; i < n; i++)
		if (c[i].category < 0 || c[i].category >= (r->ncat ? r->ncat : 1) ||
		    c[i].score < 0 || c[i].score > 100)
			return CF_ERR_INVALID;
	out->chosen = arena_alloc(a, (size_t)n + 1);
	out->why = arena_alloc(a, sizeof *out->why * ((size_t)n + 1));
	out->target = n < r->places ? n : r->places;
	out->nchosen =
		solve(r, c, n, disabled, out->chosen, &out->score, &out->proven, &out->nodes);
	if (out->nchosen < out->target) {
		/* deletion filter: drop each rule in turn; keep it dropped while
		 * the places still cannot be filled. What is left conflicts. */
		unsigned rules = 0;
		for (int k = 0; k < r->ncat; k++)
			if (r->seats[k] >= 0)
				rules |= SEL_RULE_CAT(k);
		if (r->max_outside >= 0)
			rules |= SEL_RULE_OUTSIDE;
		if (r->min_women_pct > 0)
			rules |= SEL_RULE_WOMEN;
		if (r->min_first_pct > 0)
			rules |= SEL_RULE_FIRST;
		rules &= ~disabled;
		unsigned keep = rules;
		char *tmp = xmalloc((size_t)n + 1);
		for (int bit = 0; bit < 19; bit++) {
			unsigned rb = 1u << bit;
			if (!(keep & rb))
				continue;
			long sc, nodes;
			int proven;
			unsigned trial = keep & ~rb;
			if (solve(r, c, n, disabled | (rules & ~trial), tmp, &sc, &proven, &nodes) <
			    out->target)
				keep = trial;
		}
		free(tmp);
		out->conflict = keep | SEL_RULE_PLACES;
	}
	explain(r, c, n, out->chosen, out->why);
	return CF_OK;
}

static double ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

cf_err selection_bench(int n, double *ms, int *chosen)
{
	sel_candidate *c = xmalloc(sizeof *c * (size_t)(n ? n : 1));
	uint64_t st = 0x2024022020240224ull;
	for (int i = 0; i < n; i++) {
		st ^= st >> 12, st ^= st << 25, st ^= st >> 27;
		uint64_t v = st * 2685821657736338717ull;
		c[i] = (sel_candidate){ .id = i + 1,
					.category = (int)(v % 100 < 50	 ? 0
							  : v % 100 < 80 ? 1
									 : 2),
					.outside = (v >> 10) % 100 < 15,
					.women_led = (v >> 20) % 100 < 55,
					.first_time = (v >> 30) % 100 < 35,
					.score = (int)((v >> 40) % 101) };
	}
	sel_rules r = { .places = 80,
			.ncat = 3,
			.seats = { 40, 25, 15 },
			.max_outside = 5,
			.min_women_pct = 60,
			.min_first_pct = 30 };
	arena *a = arena_new(16u << 20);
	sel_result res;
	double t0 = ms_now();
	cf_err e = selection_solve(a, &r, c, n, 0, &res);
	*ms = ms_now() - t0;
	*chosen = res.nchosen;
	arena_free(a);
	free(c);
	return e;
}
