/* registry_solve.c - the selection assistant's solver; see registry_solve.h.
 * Pure computation: no database. The integer programs are solved by GLPK
 * (Debian's libglpk), over group counts rather than applicants. */
#include "registry_solve.h"
#include "../util/xalloc.h"

#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One MIP may take at most this long; the assistant's goal is well under
 * 1 s for calls of 2,000 applicants (make bench measures it). A search cut
 * short says so (proven = 0) and names no conflict from it. */
#define SEL_MIP_MS 4000

/* GLPK keeps per-thread state but its error path is not made for
 * concurrent use: one solve at a time in the process. */
static pthread_mutex_t glpk_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- groups: applicants alike for every rule ------------------------- */

/* Applicants of the same category, outside-or-not, women-led-or-not and
 * first-time-or-not are interchangeable for every rule: an optimal
 * selection takes the best-scored of each group. Within a group, runs of
 * equal scores are one variable. */
struct groups {
	int n;		   /* items */
	sel_candidate *it; /* sorted: group, score (best first), id (earliest first) */
	int ng;
	int *gstart, *gsize, *gcat, *gout, *gwomen, *gfirst;
	int nruns;
	int *rgroup, *rcount, *rscore; /* runs of equal score within a group */
};

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

static void groups_build(struct groups *G, const sel_candidate *c, int n)
{
	size_t m = (size_t)(n ? n : 1);
	G->n = n;
	G->it = xmalloc(sizeof *G->it * m);
	memcpy(G->it, c, sizeof *G->it * (size_t)n);
	qsort(G->it, (size_t)n, sizeof *G->it, cmp_items);
	int **gv[] = { &G->gstart, &G->gsize,  &G->gcat,   &G->gout,  &G->gwomen,
		       &G->gfirst, &G->rgroup, &G->rcount, &G->rscore };
	for (size_t i = 0; i < sizeof gv / sizeof gv[0]; i++)
		*gv[i] = xcalloc(m, sizeof(int));
	G->ng = G->nruns = 0;
	for (int j = 0; j < n; j++) {
		const sel_candidate *x = &G->it[j];
		if (j == 0 || gkey(x) != gkey(&G->it[j - 1])) {
			int g = G->ng++;
			G->gstart[g] = j;
			G->gcat[g] = x->category;
			G->gout[g] = x->outside != 0;
			G->gwomen[g] = x->women_led != 0;
			G->gfirst[g] = x->first_time != 0;
		}
		G->gsize[G->ng - 1]++;
		if (j == 0 || gkey(x) != gkey(&G->it[j - 1]) || x->score != G->it[j - 1].score) {
			G->rgroup[G->nruns] = G->ng - 1;
			G->rscore[G->nruns] = x->score;
			G->nruns++;
		}
		G->rcount[G->nruns - 1]++;
	}
}

static void groups_free(struct groups *G)
{
	free(G->it), free(G->gstart), free(G->gsize), free(G->gcat), free(G->gout);
	free(G->gwomen), free(G->gfirst), free(G->rgroup), free(G->rcount), free(G->rscore);
}

/* ---- the integer programs ------------------------------------------- */

static int gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b, b = t;
	}
	return a;
}

enum mip_goal {
	MIP_FILL,  /* maximise how many are selected */
	MIP_SCORE, /* at least `count` selected, maximise the total score */
	MIP_LEAST, /* at least `count`, with rule `rule` left out: minimise its
		    * left-hand side (seats, outside) or maximise its share (women,
		    * first-time): what that rule alone would have to allow */
};

/* rule_coef - group g's coefficient in rule bit's row (A y <= b), and the
 * row's b; 0 when the rule is not in force (no limit, or disabled). */
static int rule_row(const sel_rules *r, unsigned bit, const struct groups *G, int g, double *coef,
		    double *b)
{
	for (int k = 0; k < r->ncat; k++)
		if (bit == SEL_RULE_CAT(k)) {
			if (r->seats[k] < 0)
				return 0;
			*coef = G && G->gcat[g] == k;
			*b = r->seats[k];
			return 1;
		}
	if (bit == SEL_RULE_PLACES) {
		*coef = 1, *b = r->places;
		return 1;
	}
	if (bit == SEL_RULE_OUTSIDE) {
		if (r->max_outside < 0)
			return 0;
		*coef = G && G->gout[g], *b = r->max_outside;
		return 1;
	}
	if (bit == SEL_RULE_WOMEN || bit == SEL_RULE_FIRST) {
		int pct = bit == SEL_RULE_WOMEN ? r->min_women_pct : r->min_first_pct;
		if (pct <= 0)
			return 0;
		int has = G && (bit == SEL_RULE_WOMEN ? G->gwomen[g] : G->gfirst[g]);
		*coef = pct - 100 * has, *b = 0; /* 100 W >= p N */
		return 1;
	}
	return 0;
}

/* mip - solve one program; y[g] gets each group's count. Returns 1 when
 * the optimum is proven, 0 otherwise (y then holds the best found, or
 * nothing selected). *value gets the objective. */
static int mip(const sel_rules *r, unsigned disabled, const struct groups *G, enum mip_goal goal,
	       int count, unsigned rule, int *y, double *value)
{
	int ng = G->ng, nr = goal == MIP_SCORE ? G->nruns : 0;
	memset(y, 0, sizeof *y * (size_t)(ng ? ng : 1));
	*value = 0;
	if (!ng)
		return 1;
	pthread_mutex_lock(&glpk_lock);
	glp_term_out(GLP_OFF);
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, goal == MIP_LEAST && rule != SEL_RULE_WOMEN && rule != SEL_RULE_FIRST
				   ? GLP_MIN
				   : GLP_MAX);
	glp_add_cols(P, ng + nr);
	for (int g = 0; g < ng; g++) {
		glp_set_col_kind(P, g + 1, GLP_IV);
		glp_set_col_bnds(P, g + 1, GLP_DB, 0, G->gsize[g]);
		if (goal == MIP_FILL)
			glp_set_obj_coef(P, g + 1, 1);
	}
	/* the scores over their greatest common divisor (committees score in
	 * fives): with integer runs, GLPK knows the objective moves in whole
	 * steps and prunes every node whose bound is less than one step better */
	int step = 0;
	for (int k = 0; k < nr; k++)
		step = gcd(step, G->rscore[k]);
	if (step <= 0)
		step = 1;
	for (int k = 0; k < nr; k++) {
		glp_set_col_kind(P, ng + k + 1, GLP_IV);
		glp_set_col_bnds(P, ng + k + 1, GLP_DB, 0, G->rcount[k]);
		glp_set_obj_coef(P, ng + k + 1, G->rscore[k] / step);
	}
	/* the matrix, 1-based triplets: rules over y, the runs' links, the count */
	size_t cap = (size_t)(SEL_RULE_BITS + 2) * (size_t)ng + 2 * (size_t)nr + 1;
	int *ia = xmalloc(sizeof(int) * (cap + 1)), *ja = xmalloc(sizeof(int) * (cap + 1));
	double *ar = xmalloc(sizeof(double) * (cap + 1));
	int ne = 0, row = 0;
	for (int bit = 0; bit < SEL_RULE_BITS; bit++) {
		unsigned rb = 1u << bit;
		double coef, b;
		if ((disabled & rb) || !rule_row(r, rb, NULL, 0, &coef, &b))
			continue;
		int objective_row = goal == MIP_LEAST && rb == rule;
		if (!objective_row) {
			row = glp_add_rows(P, 1);
			glp_set_row_bnds(P, row, GLP_UP, 0, b);
		}
		for (int g = 0; g < ng; g++) {
			rule_row(r, rb, G, g, &coef, &b);
			if (objective_row) {
				/* women/first: maximise the count that has it */
				if (rb == SEL_RULE_WOMEN || rb == SEL_RULE_FIRST)
					coef = rb == SEL_RULE_WOMEN ? G->gwomen[g] : G->gfirst[g];
				glp_set_obj_coef(P, g + 1, coef);
			} else if (coef != 0) {
				ne++, ia[ne] = row, ja[ne] = g + 1, ar[ne] = coef;
			}
		}
	}
	for (int g = 0; g < ng && nr; g++) {
		row = glp_add_rows(P, 1);
		glp_set_row_bnds(P, row, GLP_FX, 0, 0); /* sum of its runs = y_g */
		ne++, ia[ne] = row, ja[ne] = g + 1, ar[ne] = -1;
		for (int k = 0; k < nr; k++)
			if (G->rgroup[k] == g)
				ne++, ia[ne] = row, ja[ne] = ng + k + 1, ar[ne] = 1;
	}
	if (goal != MIP_FILL) {
		row = glp_add_rows(P, 1);
		glp_set_row_bnds(P, row, GLP_LO, count, 0);
		for (int g = 0; g < ng; g++)
			ne++, ia[ne] = row, ja[ne] = g + 1, ar[ne] = 1;
	}
	glp_load_matrix(P, ne, ia, ja, ar);
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = SEL_MIP_MS;
	parm.gmi_cuts = GLP_ON;
	parm.mir_cuts = GLP_ON;
	int rc = glp_intopt(P, &parm);
	int status = glp_mip_status(P);
	int proven = rc == 0 && status == GLP_OPT;
	if (status == GLP_OPT || status == GLP_FEAS) {
		for (int g = 0; g < ng; g++)
			y[g] = (int)floor(glp_mip_col_val(P, g + 1) + 0.5);
		*value = glp_mip_obj_val(P) * (goal == MIP_SCORE ? step : 1);
	} else if (status == GLP_NOFEAS) {
		proven = 1; /* proven: no selection meets these rules with `count` */
		*value = -1;
	}
	glp_delete_prob(P);
	glp_free_env();
	pthread_mutex_unlock(&glpk_lock);
	free(ia), free(ja), free(ar);
	return proven;
}

/* solve - the best selection under the rules not disabled; chosen[] in the
 * caller's order. Returns the count chosen; *fill_proven says whether the
 * count is proven the most the rules allow, *proven the whole optimum. */
static int solve(const sel_rules *r, const sel_candidate *c, int n, unsigned disabled, char *chosen,
		 long *score, int *proven, int *fill_proven)
{
	struct groups G;
	groups_build(&G, c, n);
	int *y = xcalloc((size_t)(G.ng ? G.ng : 1), sizeof *y);
	double v;
	*fill_proven = mip(r, disabled, &G, MIP_FILL, 0, 0, y, &v);
	int count = 0;
	for (int g = 0; g < G.ng; g++)
		count += y[g];
	*proven = *fill_proven;
	if (count > 0) {
		int *y2 = xcalloc((size_t)G.ng, sizeof *y2);
		int p2 = mip(r, disabled, &G, MIP_SCORE, count, 0, y2, &v);
		int c2 = 0;
		for (int g = 0; g < G.ng; g++)
			c2 += y2[g];
		if (v >= 0 && c2 >= count)
			memcpy(y, y2, sizeof *y * (size_t)G.ng), count = c2;
		else
			p2 = 0;
		*proven = *proven && p2;
		free(y2);
	}
	/* the y[g] best of each group, back in the caller's order */
	char *pick = xcalloc((size_t)(n ? n : 1), 1);
	long sc = 0;
	count = 0;
	for (int g = 0; g < G.ng; g++)
		for (int j = G.gstart[g]; j < G.gstart[g] + y[g]; j++)
			pick[j] = 1, sc += G.it[j].score, count++;
	for (int i = 0; i < n; i++)
		chosen[i] = 0;
	/* ids are unique: match each picked item to its candidate */
	int *order = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int j = 0; j < n; j++) {
		if (!pick[j])
			continue;
		for (int i = 0; i < n; i++)
			if (!chosen[i] && c[i].id == G.it[j].id) {
				chosen[i] = 1;
				break;
			}
	}
	free(order);
	free(pick);
	free(y);
	groups_free(&G);
	*score = sc;
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
	for (int b = 0; b < SEL_RULE_BITS; b++)
		out->need[b] = -1;
	int fill_proven;
	out->nchosen =
		solve(r, c, n, disabled, out->chosen, &out->score, &out->proven, &fill_proven);
	if (out->nchosen < out->target && fill_proven) {
		/* Proven: no selection fills the places. Which rules must change?
		 * Start with every rule lifted (the places can then be filled),
		 * and put each rule back while, proven, the places can still be
		 * filled with it. The rules that cannot be put back must all
		 * change: keeping any one of them as it is, with the others put
		 * back, leaves places empty (a minimal correction set). A step
		 * that is not proven puts nothing back and names nothing. */
		unsigned rules = 0;
		double coef, b;
		for (int bit = 0; bit < SEL_RULE_BITS; bit++)
			if ((1u << bit) != SEL_RULE_PLACES &&
			    rule_row(r, 1u << bit, NULL, 0, &coef, &b))
				rules |= 1u << bit;
		rules &= ~disabled;
		unsigned back = 0, keep = 0;
		struct groups G;
		groups_build(&G, c, n);
		int *y = xcalloc((size_t)(G.ng ? G.ng : 1), sizeof *y);
		for (int bit = 0; bit < SEL_RULE_BITS; bit++) {
			unsigned rb = 1u << bit;
			if (!(rules & rb))
				continue;
			double v;
			unsigned trial = back | rb;
			int proven = mip(r, disabled | (rules & ~trial), &G, MIP_FILL, 0, 0, y, &v);
			if (proven && v >= out->target - 0.5)
				back = trial;
			else if (proven)
				keep |= rb;
		}
		out->conflict = keep | SEL_RULE_PLACES;
		/* What each rule in force would have to allow for the places to be
		 * filled if it alone changed, every other rule as it is: -1 when
		 * changing it alone is not enough (or not proven). */
		for (int bit = 0; bit < SEL_RULE_BITS; bit++) {
			unsigned rb = 1u << bit;
			if (!(rules & rb))
				continue;
			double v;
			int proven = mip(r, disabled, &G, MIP_LEAST, out->target, rb, y, &v);
			if (!proven || v < 0)
				continue;
			if (rb == SEL_RULE_WOMEN || rb == SEL_RULE_FIRST)
				out->need[bit] = (int)floor(100.0 * v / out->target + 1e-9);
			else
				out->need[bit] = (int)floor(v + 0.5);
		}
		free(y);
		groups_free(&G);
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

void selection_hard(uint64_t seed, int n, int ncat, sel_rules *r, sel_candidate *c)
{
	uint64_t st = seed * 0x9e3779b97f4a7c15ull + 0x2024;
#define NEXT() (st ^= st >> 12, st ^= st << 25, st ^= st >> 27, st * 2685821657736338717ull)
	if (ncat < 1)
		ncat = 1;
	if (ncat > SEL_CATS)
		ncat = SEL_CATS;
	/* categories of unequal popularity */
	double weight[SEL_CATS], total = 0;
	for (int k = 0; k < ncat; k++)
		total += weight[k] = 1.0 + (double)(NEXT() % 300) / 100.0;
	int per[SEL_CATS] = { 0 }, out = 0, women = 0, first = 0;
	for (int i = 0; i < n; i++) {
		uint64_t v = NEXT();
		double x = (double)(v % 10000) / 10000.0 * total;
		int k = 0;
		while (k < ncat - 1 && x >= weight[k])
			x -= weight[k++];
		/* a coarse scale: committees score in fives, most between 50 and
		 * 80; one instance in three on whole points from 60 to 80 */
		int score = seed % 3 ? 50 + 5 * (int)((v >> 20) % 7) : 60 + (int)((v >> 20) % 21);
		if ((v >> 30) % 10 == 0)
			score = seed % 3 ? 5 * (int)((v >> 34) % 21) : (int)((v >> 34) % 101);
		c[i] = (sel_candidate){ .id = i + 1,
					.category = k,
					.outside = (v >> 40) % 100 < 18,
					.women_led = (v >> 47) % 100 < 52,
					.first_time = (v >> 54) % 100 < 36,
					.score = score };
		per[k]++, out += c[i].outside, women += c[i].women_led, first += c[i].first_time;
	}
	memset(r, 0, sizeof *r);
	r->ncat = ncat;
	/* many places for the applicants, so every rule bites */
	r->places = n / 12 + (int)(NEXT() % (uint64_t)(n / 4 + 1));
	if (r->places < 1)
		r->places = 1;
	for (int k = 0; k < ncat; k++) {
		/* seats near the category's share of the places, some short of it */
		double share = (double)per[k] / (n ? n : 1);
		int s = (int)(r->places * share * (0.8 + (double)(NEXT() % 60) / 100.0) + 0.5);
		r->seats[k] = NEXT() % 5 == 0 ? -1 : s;
	}
	r->max_outside = (int)(r->places * (0.05 + (double)(NEXT() % 15) / 100.0));
	/* shares near the applicants' own, a little above or below */
	r->min_women_pct = (int)(100.0 * women / (n ? n : 1)) + (int)(NEXT() % 13) - 4;
	r->min_first_pct = (int)(100.0 * first / (n ? n : 1)) + (int)(NEXT() % 9) - 4;
	/* one instance in four asks more than the rules allow: every category
	 * limited, short of its share, so the places cannot all be filled and
	 * the conflict must be proven */
	for (int k = 0; k < ncat && seed % 4 == 0; k++)
		r->seats[k] = (int)(r->places * (double)per[k] / (n ? n : 1) *
				    (0.5 + (double)(NEXT() % 40) / 100.0));
	if (r->min_women_pct < 0)
		r->min_women_pct = 0;
	if (r->min_first_pct < 0)
		r->min_first_pct = 0;
	(void)out;
#undef NEXT
}
