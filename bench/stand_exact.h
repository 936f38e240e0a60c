/*
 * stand_exact.h - an exact solver of the stand allocation, for the bench
 * only (never in the product): it finds the optimum of stand_score_of on
 * the bench's small fully packed instances, or proves that nothing scores
 * below a given bound. Included by stand_bench.c; the method and its bound
 * are explained in docs/stand.md ("The exact optimum").
 *
 * Scope: every stand holds exactly two exhibitors (capacity 2, as many
 * exhibitors as places), no stand locked, whole-number footfalls, pairs
 * that asked to share are mutual. Placements that break a hard rule
 * (needs, pairs, competitors apart) are not considered: the allocator
 * never returns one on these instances (the bench checks).
 *
 * The score splits in two parts:
 *   A = cluster + share + the categories' fair term: it depends only on
 *       which categories share each stand (a "layout"), plus where the
 *       units are (pairs, and exhibitors kept apart from a competitor);
 *   B = the fair terms of first-time/returning and outside/inside: given
 *       the layout, they depend only on F1 = the footfall summed over the
 *       first-time exhibitors and O1 = the same over those from outside.
 * Stage 1 is a depth-first branch and bound over the stands (in a fixed
 * order), each stand getting two category "tokens", two units' members or
 * one pair. Its lower bound at a node (stands 0..k-1 filled) adds:
 *   - cluster: for each category c, with A_c its exhibitors placed and r_c
 *     to come, n_c * SSD = P(A_c) + sum_{b in B} sum_{a in A_c} |a-b|^2
 *     + P(B), where P is the sum of squared distances over pairs; P(B) >=
 *     1/2 sum_{b in B} (the r_c - 1 smallest squared distances from b to the
 *     other free places), a Gilmore-Lawler bound, so each free place has a
 *     cost linear in the choice and the r_c cheapest places bound c;
 *   - share: the pairs not placed yet (their cost is known), plus the least
 *     cost of evening out the categories left with an odd number to place
 *     (an odd count cannot fill whole stands alone): a T-join, x->parity;
 *   - fair: each group's footfall sum lies between the sums of its r
 *     smallest and r largest free places; n_g (F_g/n_g - M)^2 is convex, so
 *     its minimum over that interval bounds the group (M: the mean
 *     footfall, fixed since every place is taken);
 *   - near the root, cluster also by the centroid grid (sx_ssd_bound).
 * With boxes (stand_exact's boxes, for a target above a gap of 0), the
 * search runs box by box of the categories' centroids (sx_boxes in
 * stand_exact_box.h), with bounds linear in the places within a box
 * (sx_centre; the transports of stand_exact_flow.h) and, in a small box,
 * an integer programme (stand_exact_mip.h, GLPK), exact when every
 * centroid is one point of its lattice.
 * When the CPU limit stops the search, the nodes left open are bounded
 * (each is a child of a node on the path being searched) and the least of
 * their bounds, the root's and the best score found is a proven lower bound
 * of the optimum: the bench reports the gap it proves.
 * Stage 2, at each leaf, computes B exactly: per category, a dynamic
 * programme over the category's places and its exhibitors' kinds (needs,
 * first-time, outside; exhibitors of one kind are interchangeable) gives
 * every reachable (F1, O1) of that category with the needs met; their sums
 * over categories give every reachable (F1, O1) of the whole placement.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/model/stand.h"
#include "../src/util/xalloc.h"

#define SX_MAXS 24 /* stands */
#define SX_MAXC 8  /* categories */
#define SX_MAXU 16 /* units: pairs and exhibitors kept apart */
#define SX_MAXF 15 /* largest footfall */
#define SX_MAXT 16 /* kinds of exhibitor in one category */

typedef struct sx_unit {
	int e[2];  /* exhibitors; e[1] = -1: one exhibitor kept apart */
	int cls;   /* pairs of one class are interchangeable: placed in order */
	int stand; /* -1: not placed */
} sx_unit;

typedef struct sx_kind {
	unsigned needs;
	int ft, out, count;
} sx_kind;

typedef struct sx_cache {
	struct sx_cache *next;
	int c, nslots;
	unsigned char key[2 * SX_MAXS];
	uint64_t *set; /* NULL: no placement meets the needs */
} sx_cache;

typedef struct sx {
	const stand_problem *p;
	int S, C, n;
	double px[SX_MAXS], py[SX_MAXS];
	int ff[SX_MAXS], fmax;
	double d2[SX_MAXS][SX_MAXS];
	int order[SX_MAXS];
	double G[SX_MAXS + 1][SX_MAXS][2 * SX_MAXS + 1];
	int freehist[SX_MAXS + 1][SX_MAXF + 1]; /* footfalls of the free places */
	double M, T;
	/* parity[mask]: the least sharing cost that evens out the categories
	 * of mask, each left with an odd number to place (sx_bound) */
	double parity[1 << SX_MAXC];
	int nc[SX_MAXC], n_ft, n_out;
	sx_unit u[SX_MAXU];
	int nu, unit_of[2 * SX_MAXS];
	sx_kind kind[SX_MAXC][SX_MAXT];
	int nkind[SX_MAXC], single_ft[SX_MAXC], single_out[SX_MAXC];
	/* the centroid grid (sx_ssd_bound): cells of the stands' bounding box;
	 * H[(k * ncell + j) * (2S + 1) + r] the r smallest squared distances
	 * from the free places at depth k to cell j */
	int ncx, ncy, ncell;
	double gx0, gy0, gcs;
	double *H;
	/* the node */
	int rs[SX_MAXC]; /* singles left per category */
	int na[SX_MAXC]; /* placed per category */
	double ax[SX_MAXC], ay[SX_MAXC], aq[SX_MAXC], af[SX_MAXC];
	double share;
	int where[2 * SX_MAXS];	 /* stand of each unit member, -1 */
	int content[SX_MAXS][2]; /* per stand: c < C a single of c, C + u a unit */
	int shist[SX_MAXF + 1];	 /* footfalls of places given to singles */
	int ft_fix, out_fix;	 /* footfall of placed unit members, first-time / outside */
	int ft_left, out_left;	 /* unit members not placed, first-time / outside */
	double pair_share_left;
	/* the search */
	double best;
	long nodes, leaves, dps, hits;
	double t0, limit;
	int stopped, found;
	double open_lb; /* after a stop: the least bound of the nodes left open */
	sx_cache *cache[4096];
	long ncache;
	/* the centroid form (sx_centre): per depth, prefix sums of the free
	 * places' x and y (each stand twice), ascending */
	double xs[SX_MAXS + 1][2 * SX_MAXS + 1], ys[SX_MAXS + 1][2 * SX_MAXS + 1];
	/* needs: singles of c whose needs include mask m; free places at depth
	 * k offering m */
	int needcnt[SX_MAXC][8], freeoff[SX_MAXS + 1][8];
	/* the boxes (sx_boxes): each category's centroid lies in box[c]
	 * (x0, x1, y0, y1) when boxed; cap: the inner search's last node */
	int boxed, capped, use_centroid;
	/* sx_transport_fair's tangent points and multipliers: tf[k + 1] those
	 * of the last node bounded at depth k, so that a child starts from its
	 * parent's (NaN: none; tf[0], the root's parent, always) */
	double (*tf)[SX_MAXC][3];
	double box[SX_MAXC][4];
	/* the lattice of the centroids: every place's x is x0 plus a whole
	 * number of gx (gx 0: none found), so a category's centroid is x0
	 * plus a whole number of gx / n_c; the same in y */
	double x0, gx, y0, gy;
	long cap;
} sx;

static double sx_root_bound; /* the bound at the root of the last search */
/* sx_ssd_bound at the first depths only: deeper, the joint bound cut every
 * node it cut (30 exhibitors, seed 500: the same 14.2 million nodes with it
 * at every depth, in 45 s of CPU against 8); near the root it is the
 * stronger one (40 exhibitors in 3 categories: the root's bound 24.4
 * against 21.5), which is what a search stopped by its time limit reports */
#define SX_SSD_DEPTH 3
/* The boxes (sx_boxes) and their bounds, tuned on the bench's 40-exhibitor
 * instances (docs/stand.md, "Boxes of the centroids"): by places
 * (sx_transport_fair), SX_LAGR_IT tangent steps alone, then SX_LAGR_IT2 with
 * the centroid's multipliers, at a node with no parent's multipliers;
 * SX_LAGR_WARM from the parent node's; steps SX_LAGR_STEP (of the way to the
 * answer's footfall sums) and SX_LAGR_ETA (per metre the centroid lies
 * outside its range); by whole stands (sx_types_bound), at most SX_TYPES_IT
 * of Polyak's steps per count of shared stands; both only at the first
 * SX_TF_DEPTH stands of a search (deeper they cost more than they cut).
 * The integer programme (sx_mip, at most SX_MIP_MS ms of GLPK each) bounds
 * a box once its size costs the bound at most SX_MIP_SMALL of the best
 * score, with the singles' kinds from SX_MIP_FULL (or one lattice point);
 * SX_BOX_SMALL: a box it leaves open is searched by stage 1 once its size
 * costs at most this share, for SX_BOX_NODES nodes, then cut in two */
#define SX_LAGR_IT 30
#define SX_LAGR_IT2 20
#define SX_LAGR_WARM 8
#define SX_LAGR_STEP 0.3
#define SX_LAGR_ETA 0.01
#define SX_TF_DEPTH 10
#define SX_TYPES_IT 30
#define SX_MIP_MS 2000
#define SX_MIP_SMALL 0.002
#define SX_MIP_FULL 0.0002
#define SX_BOX_SMALL 0.0001
#define SX_BOX_NODES 100000

static double sx_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double sx_pc(const sx *x, int a, int b)
{
	if (a == b)
		return 0;
	if (x->p->complement && x->p->complement[a * x->C + b])
		return 0.5;
	return 1;
}

static int sx_cmp_d(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;
	return (u > v) - (u < v);
}

/* sx_sort - ascending, in place: an insertion sort, faster than qsort on
 * the few dozen costs of a node's bound */
static void sx_sort(double *v, int n)
{
	for (int i = 1; i < n; i++) {
		double t = v[i];
		int j = i;
		while (j > 0 && v[j - 1] > t) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
}

/* sx_fam - a two-group family's fair term with F1 the footfall of group 1
 * (n1 members) and the rest group 0. */
static double sx_fam(const sx *x, double n1, double F1)
{
	double n0 = x->n - n1, t = 0;
	if (n1 > 0)
		t += n1 * (F1 / n1 - x->M) * (F1 / n1 - x->M);
	if (n0 > 0)
		t += n0 * ((x->T - F1) / n0 - x->M) * ((x->T - F1) / n0 - x->M);
	return t;
}

static double sx_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* sx_hist_sum - the sum of the m smallest (top 0) or largest (top 1)
 * footfalls of two histograms together; a too short pool counts what it has. */
static int sx_hist_sum(const int *h1, const int *h2, int m, int top)
{
	int s = 0;
	for (int i = 0; i <= SX_MAXF && m > 0; i++) {
		int f = top ? SX_MAXF - i : i;
		int k = (h1 ? h1[f] : 0) + (h2 ? h2[f] : 0);
		k = k < m ? k : m;
		s += k * f;
		m -= k;
	}
	return s;
}

/* sx_group_lb - the least value of sx_fam when group 1's footfall is fix
 * plus m1 places of pool (h1 + h2) plus m2 free places. */
static double sx_group_lb(const sx *x, double n1, int fix, const int *h1, const int *h2, int m1,
			  int m2, int k)
{
	if (n1 < 1 || n1 >= x->n)
		return 0;
	double lo = fix + sx_hist_sum(h1, h2, m1, 0) + sx_hist_sum(x->freehist[k], NULL, m2, 0);
	double hi = fix + sx_hist_sum(h1, h2, m1, 1) + sx_hist_sum(x->freehist[k], NULL, m2, 1);
	/* F is a whole number (whole footfalls): the convex term's least
	 * value over the whole numbers of [lo, hi] */
	double f0 = sx_clamp(floor(n1 * x->M), lo, hi), f1 = sx_clamp(ceil(n1 * x->M), lo, hi);
	return fmin(sx_fam(x, n1, f0), sx_fam(x, n1, f1));
}

/* sx_snap - [*lo, *hi] narrowed to the points o + a whole number of g
 * (g 0: unchanged) */
static void sx_snap(double o, double g, double *lo, double *hi)
{
	if (g <= 0)
		return;
	*lo = o + g * ceil((*lo - o) / g - 1e-7);
	*hi = o + g * floor((*hi - o) / g + 1e-7);
}

/* sx_lattice - the largest g (a whole number of tenths of a millimetre)
 * such that every v[i] is v[0] plus a whole number of g; 0 when the values
 * are all equal or not on tenths of a millimetre */
static double sx_lattice(const double *v, int n)
{
	long g = 0;
	for (int i = 1; i < n; i++) {
		double d = fabs(v[i] - v[0]) * 1e4;
		long a = lround(d);
		if (fabs(d - (double)a) > 1e-3)
			return 0;
		while (a) {
			long t = g % a;
			g = a;
			a = t;
		}
	}
	return (double)g / 1e4;
}

/* sx_centre - where category c's centroid can still lie at depth k: the
 * range its placed exhibitors and the r_c smallest or largest coordinates of
 * the free places allow, within its box when boxed. Gives the range's
 * centre m and half-widths h; 0 when it is empty. Whatever m: SSD_c =
 * sum |p - m|^2 - n_c |mu_c - m|^2 >= sum |p - m|^2 - n_c |h|^2 when mu_c
 * lies in the range, a bound linear in the places. */
static int sx_centre(const sx *x, int k, int c, double *m, double *h)
{
	int r = x->nc[c] - x->na[c], f = 2 * (x->S - k);
	if (r > f)
		return 0;
	double n = x->nc[c];
	double lx = (x->ax[c] + x->xs[k][r]) / n,
	       hx = (x->ax[c] + x->xs[k][f] - x->xs[k][f - r]) / n;
	double ly = (x->ay[c] + x->ys[k][r]) / n,
	       hy = (x->ay[c] + x->ys[k][f] - x->ys[k][f - r]) / n;
	if (x->boxed) {
		lx = fmax(lx, x->box[c][0]);
		hx = fmin(hx, x->box[c][1]);
		ly = fmax(ly, x->box[c][2]);
		hy = fmin(hy, x->box[c][3]);
	}
	sx_snap(x->x0, x->gx / n, &lx, &hx);
	sx_snap(x->y0, x->gy / n, &ly, &hy);
	if (lx > hx + 1e-9 || ly > hy + 1e-9)
		return 0;
	m[0] = (lx + hx) / 2;
	m[1] = (ly + hy) / 2;
	h[0] = fmax(hx - lx, 0) / 2;
	h[1] = fmax(hy - ly, 0) / 2;
	return 1;
}

/* sx_needs_ok - a necessary condition for stage 2: for every mask m of
 * needs, category c's singles whose needs include m are no more than the
 * places offering m that c's singles hold or may still take. */
static int sx_needs_ok(const sx *x, int k)
{
	for (int c = 0; c < x->C; c++) {
		int have[8] = { 0 };
		for (int i = 0; i < k; i++) {
			int s = x->order[i];
			unsigned o = x->p->sites[s].offers & 7;
			for (int j = 0; j < 2; j++)
				if (x->content[s][j] == c)
					for (int msk = 1; msk < 8; msk++)
						have[msk] += (o & (unsigned)msk) == (unsigned)msk;
		}
		for (int msk = 1; msk < 8; msk++)
			if (x->needcnt[c][msk] > have[msk] + x->freeoff[k][msk])
				return 0;
	}
	return 1;
}

/* sx_left - category c's exhibitors still to place one by one: its singles
 * and its exhibitors kept apart (a pair takes a stand of its own) */
static int sx_left(const sx *x, int c)
{
	int left = x->rs[c];
	for (int i = 0; i < x->nu; i++)
		left += x->u[i].e[1] < 0 && x->u[i].stand < 0 &&
			x->p->who[x->u[i].e[0]].category == c;
	return left;
}

#include "stand_exact_flow.h"
#include "stand_exact_mip.h"

typedef struct sx_jctx {
	const double (*pre)[2 * SX_MAXS + 1];
	const int *val;
	const long *radix;
	int V, room[SX_MAXF + 1], after[SX_MAXF + 1]; /* after[v]: room beyond v */
	double base, kc, kf, P, target;
	double *nxt;
} sx_jctx;

/* sx_jrec - every m[v..V-1] summing to left within the room; each
 * complete one offers its cost to the state it leads to. */
static void sx_jrec(const sx_jctx *j, int v, int left, double q, double F, long to)
{
	if (v == j->V - 1) {
		if (left > j->room[v])
			return;
		q += j->pre[v][left];
		F += (double)j->val[v] * left;
		to += left * j->radix[v];
		double t = j->base + j->kc * (j->P + q) + j->kf * (F - j->target) * (F - j->target);
		if (t < j->nxt[to])
			j->nxt[to] = t;
		return;
	}
	for (int m = 0; m <= left && m <= j->room[v]; m++)
		if (left - m <= j->after[v])
			sx_jrec(j, v + 1, left - m, q + j->pre[v][m], F + (double)j->val[v] * m,
				to + m * j->radix[v]);
}
/* sx_joint - a lower bound of cluster + the categories' fair term (both
 * weighted) at depth k that sees the categories compete for the places:
 * the free places are grouped by footfall value; m[c][v], the places of
 * value v that category c gets, sum to r_c per category and to the places
 * of value v per value. Given m, c's cluster is at least its constant part
 * plus the m[c][v] cheapest Gilmore-Lawler costs in each value, and its
 * fair term is exactly (F_c - n_c M)^2 / n_c with F_c = af_c + sum v m[c][v]
 * (computed exactly). A dynamic programme over the
 * categories, its state the places used per value, takes the least sum.
 * Returns -1 when the state space is too large (the caller keeps the
 * independent bound). */
#define SX_JOINT_STATES 100000
static double sx_joint(const sx *x, int k, int centroid)
{
	const stand_problem *p = x->p;
	int val[SX_MAXF + 1], V = 0, cap[SX_MAXF + 1];
	for (int f = 0; f <= SX_MAXF; f++)
		if (x->freehist[k][f]) {
			val[V] = f;
			cap[V++] = x->freehist[k][f];
		}
	long radix[SX_MAXF + 2], nst = 1;
	for (int v = 0; v < V; v++) {
		radix[v] = nst;
		nst *= cap[v] + 1;
	}
	if (nst > SX_JOINT_STATES)
		return -1;
	static double *cur, *nxt;
	static long have;
	if (have < nst) {
		free(cur);
		free(nxt);
		cur = xcalloc((size_t)nst, sizeof *cur);
		nxt = xcalloc((size_t)nst, sizeof *nxt);
		have = nst;
	}
	for (long i = 0; i < nst; i++)
		cur[i] = INFINITY;
	cur[0] = 0;
	double fixed = 0;
	/* pre[v][m]: c's m cheapest costs among the places of value v */
	double pre[SX_MAXF + 1][2 * SX_MAXS + 1];
	for (int c = 0; c < x->C; c++) {
		if (!x->nc[c])
			continue;
		int r = x->nc[c] - x->na[c];
		double P = x->na[c] * x->aq[c] - x->ax[c] * x->ax[c] - x->ay[c] * x->ay[c];
		double kc = p->w_cluster / (100.0 * x->nc[c]), kf = p->w_fair / x->nc[c];
		double target = x->nc[c] * x->M, mx = 0, my = 0, hc[2];
		if (centroid) { /* the costs of sx_centre's form, per place */
			double mc[2];
			if (!sx_centre(x, k, c, mc, hc))
				return INFINITY;
			mx = mc[0];
			my = mc[1];
			P = x->aq[c] - 2 * (mx * x->ax[c] + my * x->ay[c]) +
			    x->na[c] * (mx * mx + my * my) -
			    x->nc[c] * (hc[0] * hc[0] + hc[1] * hc[1]);
			kc = p->w_cluster / 100.0;
		}
		if (r == 0) {
			fixed += kc * P + kf * (x->af[c] - target) * (x->af[c] - target);
			continue;
		}
		for (int v = 0; v < V; v++) {
			double cost[2 * SX_MAXS];
			int m = 0;
			for (int i = k; i < x->S; i++) {
				int s = x->order[i];
				if (x->ff[s] != val[v])
					continue;
				double q = x->na[c] * (x->px[s] * x->px[s] + x->py[s] * x->py[s]) -
					   2 * (x->px[s] * x->ax[c] + x->py[s] * x->ay[c]) +
					   x->aq[c] + 0.5 * x->G[k][s][r];
				if (centroid)
					q = (x->px[s] - mx) * (x->px[s] - mx) +
					    (x->py[s] - my) * (x->py[s] - my);
				cost[m++] = q;
				cost[m++] = q;
			}
			sx_sort(cost, m);
			pre[v][0] = 0;
			for (int i = 0; i < m; i++)
				pre[v][i + 1] = pre[v][i] + cost[i];
		}
		for (long i = 0; i < nst; i++)
			nxt[i] = INFINITY;
		for (long st = 0; st < nst; st++) {
			if (cur[st] == INFINITY)
				continue;
			sx_jctx j = { .pre = pre,
				      .val = val,
				      .radix = radix,
				      .V = V,
				      .base = cur[st],
				      .kc = kc,
				      .kf = kf,
				      .P = P,
				      .target = target,
				      .nxt = nxt };
			for (int v = V - 1; v >= 0; v--) {
				j.room[v] = cap[v] - (int)(st / radix[v] % (cap[v] + 1));
				j.after[v] = (v + 1 < V ? j.after[v + 1] + j.room[v + 1] : 0);
			}
			sx_jrec(&j, 0, r, 0, x->af[c], st);
		}
		double *sw = cur;
		cur = nxt;
		nxt = sw;
	}
	double b = INFINITY;
	for (long st = 0; st < nst; st++)
		b = cur[st] < b ? cur[st] : b;
	return fixed + b;
}

/* sx_rect_d2 - the squared distance from (px, py) to cell j. */
static double sx_rect_d2(const sx *x, int j, double px, double py)
{
	double x0 = x->gx0 + (j % x->ncx) * x->gcs, y0 = x->gy0 + (j / x->ncx) * x->gcs;
	double dx = px < x0 ? x0 - px : px > x0 + x->gcs ? px - x0 - x->gcs : 0;
	double dy = py < y0 ? y0 - py : py > y0 + x->gcs ? py - y0 - x->gcs : 0;
	return dx * dx + dy * dy;
}

/* sx_grid - the centroid grid and H (see sx_ssd_bound). */
static void sx_grid(sx *x)
{
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	for (int s = 0; s < x->S; s++) {
		x0 = fmin(x0, x->px[s]);
		x1 = fmax(x1, x->px[s]);
		y0 = fmin(y0, x->py[s]);
		y1 = fmax(y1, x->py[s]);
	}
	/* cells of 0.25 m, or larger to keep about 2,000 of them */
	double cs = 0.25;
	while ((floor((x1 - x0) / cs) + 1) * (floor((y1 - y0) / cs) + 1) > 2000)
		cs *= 1.25;
	x->gcs = cs;
	x->gx0 = x0;
	x->gy0 = y0;
	x->ncx = (int)floor((x1 - x0) / cs) + 1;
	x->ncy = (int)floor((y1 - y0) / cs) + 1;
	x->ncell = x->ncx * x->ncy;
	int R = 2 * x->S + 1;
	x->H = xcalloc((size_t)(x->S + 1) * (size_t)x->ncell * (size_t)R, sizeof *x->H);
	for (int k = 0; k <= x->S; k++)
		for (int j = 0; j < x->ncell; j++) {
			double d[2 * SX_MAXS];
			int m = 0;
			for (int i = k; i < x->S; i++) {
				int s = x->order[i];
				d[m] = d[m + 1] = sx_rect_d2(x, j, x->px[s], x->py[s]);
				m += 2;
			}
			qsort(d, (size_t)m, sizeof *d, sx_cmp_d);
			double *h = x->H + ((size_t)k * (size_t)x->ncell + (size_t)j) * (size_t)R;
			for (int r = 1; r < R; r++)
				h[r] = h[r - 1] + (r - 1 < m ? d[r - 1] : 0);
		}
}

/* sx_ssd_bound - a lower bound of the sum over categories of SSD_c, the
 * squared distances of c's places to their centroid, at depth k. With A_c
 * placed and B the r_c places to come, SSD(A u B) = sum_{A u B} |p - m|^2
 * for m the centroid of A u B, which lies in some cell j of the stands'
 * bounding box; there sum_A |a - m|^2 = SSD(A) + |A| |mu_A - m|^2 >=
 * SSD(A) + |A| d2(mu_A, j), and sum_B |b - m|^2 is at least the r_c
 * smallest squared distances from the free places to cell j. The least
 * over the cells bounds c, whatever the other categories do. */
static double sx_ssd_bound(const sx *x, int k)
{
	int R = 2 * x->S + 1;
	double tot = 0;
	for (int c = 0; c < x->C; c++) {
		if (!x->nc[c])
			continue;
		int a = x->na[c], r = x->nc[c] - a;
		double ssd = 0, mx = 0, my = 0;
		if (a > 0) {
			mx = x->ax[c] / a;
			my = x->ay[c] / a;
			ssd = x->aq[c] - (x->ax[c] * x->ax[c] + x->ay[c] * x->ay[c]) / a;
		}
		if (r == 0) {
			tot += ssd;
			continue;
		}
		const double *h = x->H + (size_t)k * (size_t)x->ncell * (size_t)R + (size_t)r;
		double b = INFINITY;
		for (int j = 0; j < x->ncell; j++) {
			double v = h[(size_t)j * (size_t)R];
			if (a > 0 && v < b)
				v += a * sx_rect_d2(x, j, mx, my);
			b = v < b ? v : b;
		}
		tot += ssd + b;
	}
	return tot;
}

/* sx_groups_lb - the first-time and outside terms (unweighted): singles
 * anywhere among the places given to singles so far and the free places;
 * unit members on free places */
static double sx_groups_lb(const sx *x, int k)
{
	int nft = 0, nout = 0;
	for (int c = 0; c < x->C; c++) {
		nft += x->single_ft[c];
		nout += x->single_out[c];
	}
	return sx_group_lb(x, x->n_ft, x->ft_fix, x->shist, x->freehist[k], nft, x->ft_left, k) +
	       sx_group_lb(x, x->n_out, x->out_fix, x->shist, x->freehist[k], nout, x->out_left, k);
}

/* sx_bound - a lower bound of every placement completing the node at depth
 * k (stands order[0..k-1] filled). */
static double sx_bound(const sx *x, int k)
{
	const stand_problem *p = x->p;
	double cl = 0, fair = 0, cost[2 * SX_MAXS];
	for (int c = 0; c < x->C; c++) {
		if (!x->nc[c])
			continue;
		int r = x->nc[c] - x->na[c];
		double P = x->na[c] * x->aq[c] - x->ax[c] * x->ax[c] - x->ay[c] * x->ay[c];
		if (r > 0) {
			int m = 0;
			for (int i = k; i < x->S; i++) {
				int s = x->order[i];
				double q = x->na[c] * (x->px[s] * x->px[s] + x->py[s] * x->py[s]) -
					   2 * (x->px[s] * x->ax[c] + x->py[s] * x->ay[c]) +
					   x->aq[c] + 0.5 * x->G[k][s][r];
				cost[m++] = q;
				cost[m++] = q;
			}
			sx_sort(cost, m);
			for (int i = 0; i < r && i < m; i++)
				P += cost[i];
		}
		cl += P / x->nc[c];
		/* the category's footfall: r more free places */
		double lo = x->af[c] + sx_hist_sum(x->freehist[k], NULL, r, 0),
		       hi = x->af[c] + sx_hist_sum(x->freehist[k], NULL, r, 1);
		double f0 = sx_clamp(floor(x->nc[c] * x->M), lo, hi),
		       f1 = sx_clamp(ceil(x->nc[c] * x->M), lo, hi);
		double d0 = f0 - x->nc[c] * x->M, d1 = f1 - x->nc[c] * x->M;
		fair += fmin(d0 * d0, d1 * d1) / x->nc[c];
	}
	double fair_cat = fair;
	fair += sx_groups_lb(x, k);
	/* share: categories with an odd number of exhibitors left to place
	 * on whole stands (singles and exhibitors kept apart) */
	int odd = 0;
	for (int c = 0; c < x->C; c++) {
		int left = sx_left(x, c);
		odd |= (left % 2) << c;
	}
	double share = x->share + x->pair_share_left + x->parity[odd];
	double indep = p->w_cluster * cl / 100 + p->w_fair * fair_cat;
	double rest = p->w_share * share + p->w_fair * (fair - fair_cat);
	if (k < SX_SSD_DEPTH && k < x->S && x->H && indep + rest < x->best) {
		double g = p->w_cluster * sx_ssd_bound(x, k) / 100 + p->w_fair * fair_cat;
		indep = g > indep ? g : indep;
	}
	if (k < x->S && indep + rest < x->best && !x->boxed) { /* in a box: weaker */
		double j = sx_joint(x, k, 0);
		indep = j > indep ? j : indep;
	}
	if (x->use_centroid && k < x->S && indep + rest < x->best) {
		if (!sx_needs_ok(x, k))
			return INFINITY;
		double j = sx_joint(x, k, 1);
		indep = j > indep ? j : indep;
	}
	if (x->use_centroid && k < SX_TF_DEPTH && k < x->S && indep + rest < x->best) {
		double j = sx_transport_fair(x, k);
		indep = j > indep ? j : indep;
		/* by whole stands: the free stands' sharing with the rest */
		double rest0 = rest - p->w_share * x->parity[odd];
		if (indep + rest < x->best) {
			double t = sx_types_bound(x, k, indep, x->best - rest0);
			return fmax(indep + rest, t + rest0);
		}
	}
	return indep + rest;
}

/* ---- stage 2: the reachable (F1, O1) of one category's singles ---- */

static void sx_or_shift(uint64_t *dst, const uint64_t *src, int words, int sh)
{
	int w = sh / 64, b = sh % 64;
	for (int i = words - 1; i >= w; i--) {
		uint64_t v = src[i - w] << b;
		if (b && i - w - 1 >= 0)
			v |= src[i - w - 1] >> (64 - b);
		dst[i] |= v;
	}
}

/* sx_category_set - the bitset (index f_out * WT + f_ft) of the sums the
 * singles of c reach on the places (ff, offers) in slot[]; NULL when the
 * needs cannot all be met. Cached by the places' multiset. */
static const uint64_t *sx_category_set(sx *x, int c, const unsigned char *slot, int nslots)
{
	unsigned h = (unsigned)c * 2654435761u;
	for (int i = 0; i < nslots; i++)
		h = h * 31 + slot[i];
	h %= 4096;
	for (sx_cache *e = x->cache[h]; e; e = e->next)
		if (e->c == c && e->nslots == nslots && !memcmp(e->key, slot, (size_t)nslots)) {
			x->hits++;
			return e->set;
		}
	x->dps++;
	int WT = x->fmax * x->single_ft[c] + 1, HO = x->fmax * x->single_out[c] + 1;
	int words = (WT * HO + 63) / 64, nk = x->nkind[c];
	long radix[SX_MAXT + 1], nstates = 1;
	for (int t = 0; t < nk; t++) {
		radix[t] = nstates;
		nstates *= x->kind[c][t].count + 1;
	}
	uint64_t *dp = xcalloc((size_t)nstates * (size_t)words, sizeof *dp);
	dp[0] = 1;
	for (long st = 0; st < nstates; st++) {
		uint64_t *from = dp + st * words;
		int any = 0;
		for (int i = 0; i < words && !any; i++)
			any = from[i] != 0;
		if (!any)
			continue;
		int used[SX_MAXT], j = 0;
		for (int t = 0; t < nk; t++) {
			used[t] = (int)(st / radix[t] % (x->kind[c][t].count + 1));
			j += used[t];
		}
		if (j >= nslots)
			continue;
		int f = slot[j] >> 3;
		unsigned offers = slot[j] & 7;
		for (int t = 0; t < nk; t++) {
			const sx_kind *kd = &x->kind[c][t];
			if (used[t] >= kd->count || (offers & kd->needs) != kd->needs)
				continue;
			sx_or_shift(dp + (st + radix[t]) * words, from, words,
				    f * (kd->ft + kd->out * WT));
		}
	}
	sx_cache *e = xcalloc(1, sizeof *e);
	e->c = c;
	e->nslots = nslots;
	memcpy(e->key, slot, (size_t)nslots);
	uint64_t *fin = dp + (nstates - 1) * words;
	int any = 0;
	for (int i = 0; i < words; i++)
		any |= fin[i] != 0;
	if (any) {
		e->set = xcalloc((size_t)words, sizeof *e->set);
		memcpy(e->set, fin, (size_t)words * sizeof *fin);
	}
	free(dp);
	e->next = x->cache[h];
	x->cache[h] = e;
	x->ncache++;
	return e->set;
}

static int sx_cmp_uc(const void *a, const void *b)
{
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

/* sx_stage2 - the least B over the singles' placements on the layout. */
static double sx_stage2(sx *x)
{
	/* reachable (F1, O1) of all singles so far: a dense table */
	int WT = x->fmax * x->n + 1, HO = x->fmax * x->n_out + 1;
	static unsigned char *acc, *nxt;
	static size_t cap;
	size_t need = (size_t)WT * (size_t)HO;
	if (cap < need) {
		free(acc);
		free(nxt);
		acc = xcalloc(need, 1);
		nxt = xcalloc(need, 1);
		cap = need;
	}
	memset(acc, 0, need);
	acc[0] = 1;
	int accT = 0, accO = 0; /* reach so far */
	for (int c = 0; c < x->C; c++) {
		if (!x->single_ft[c] && !x->single_out[c] && x->nkind[c] <= 1 &&
		    (x->nkind[c] == 0 || x->kind[c][0].needs == 0))
			continue; /* nothing to choose and nothing to meet */
		unsigned char slot[2 * SX_MAXS];
		int ns = 0;
		for (int s = 0; s < x->S; s++)
			for (int i = 0; i < 2; i++)
				if (x->content[s][i] == c)
					slot[ns++] = (unsigned char)(x->ff[s] << 3 |
								     (x->p->sites[s].offers & 7));
		qsort(slot, (size_t)ns, 1, sx_cmp_uc);
		const uint64_t *set = sx_category_set(x, c, slot, ns);
		if (!set)
			return INFINITY;
		int wt = x->fmax * x->single_ft[c] + 1, ho = x->fmax * x->single_out[c] + 1;
		memset(nxt, 0, need);
		int nT = 0, nO = 0;
		for (int o = 0; o < ho; o++)
			for (int t = 0; t < wt; t++) {
				int bit = o * wt + t;
				if (!(set[bit / 64] >> (bit % 64) & 1))
					continue;
				for (int O = 0; O <= accO; O++)
					for (int T = 0; T <= accT; T++)
						if (acc[O * WT + T]) {
							nxt[(O + o) * WT + T + t] = 1;
							nT = T + t > nT ? T + t : nT;
							nO = O + o > nO ? O + o : nO;
						}
			}
		unsigned char *sw = acc;
		acc = nxt;
		nxt = sw;
		accT = nT;
		accO = nO;
	}
	double b = INFINITY;
	for (int O = 0; O <= accO; O++)
		for (int T = 0; T <= accT; T++)
			if (acc[O * WT + T]) {
				double v = sx_fam(x, x->n_ft, x->ft_fix + T) +
					   sx_fam(x, x->n_out, x->out_fix + O);
				b = v < b ? v : b;
			}
	return b;
}

/* ---- stage 1 ---- */

static void sx_put(sx *x, int s, int e, int sign)
{
	const stand_who *w = &x->p->who[e];
	int c = w->category;
	x->na[c] += sign;
	x->ax[c] += sign * x->px[s];
	x->ay[c] += sign * x->py[s];
	x->aq[c] += sign * (x->px[s] * x->px[s] + x->py[s] * x->py[s]);
	x->af[c] += sign * x->ff[s];
}

static void sx_put_single(sx *x, int s, int c, int sign)
{
	x->na[c] += sign;
	x->rs[c] -= sign;
	x->ax[c] += sign * x->px[s];
	x->ay[c] += sign * x->py[s];
	x->aq[c] += sign * (x->px[s] * x->px[s] + x->py[s] * x->py[s]);
	x->af[c] += sign * x->ff[s];
	x->shist[x->ff[s]] += sign;
}

/* sx_unit_fits - unit i on stand s meets its needs and keeps every
 * competitor placed so far apart. */
static int sx_unit_fits(const sx *x, int i, int s)
{
	const stand_problem *p = x->p;
	for (int m = 0; m < 2; m++) {
		int e = x->u[i].e[m];
		if (e < 0)
			continue;
		if ((p->sites[s].offers & p->who[e].needs) != p->who[e].needs)
			return 0;
		for (size_t k = 0; k < p->napart; k++) {
			int a = p->apart[2 * k], b = p->apart[2 * k + 1];
			int o = a == e ? b : b == e ? a : -1;
			if (o < 0 || x->where[o] < 0)
				continue;
			int t = x->where[o];
			if (t == s || stand_neighbours(&p->sites[s], &p->sites[t]))
				return 0;
		}
	}
	return 1;
}

static void sx_place_unit(sx *x, int i, int s, int sign)
{
	const stand_problem *p = x->p;
	for (int m = 0; m < 2; m++) {
		int e = x->u[i].e[m];
		if (e < 0)
			continue;
		sx_put(x, s, e, sign);
		x->where[e] = sign > 0 ? s : -1;
		if (p->who[e].first_time) {
			x->ft_fix += sign * x->ff[s];
			x->ft_left -= sign;
		}
		if (p->who[e].outside) {
			x->out_fix += sign * x->ff[s];
			x->out_left -= sign;
		}
	}
	x->u[i].stand = sign > 0 ? s : -1;
}

static int sx_cat_of(const sx *x, int item)
{
	return item < x->C ? item : x->p->who[x->u[item - x->C].e[0]].category;
}

static void sx_search(sx *x, int k);

/* sx_try - put items a and b (a single's category or C + a unit) on the
 * stand at depth k, search below, take them back. */
static void sx_try(sx *x, int k, int a, int b)
{
	int s = x->order[k];
	int ok = 1;
	if (a >= x->C && !sx_unit_fits(x, a - x->C, s))
		return;
	if (a >= x->C)
		sx_place_unit(x, a - x->C, s, 1);
	if (b >= x->C && !sx_unit_fits(x, b - x->C, s))
		ok = 0;
	if (ok) {
		if (b >= x->C)
			sx_place_unit(x, b - x->C, s, 1);
		if (a < x->C)
			sx_put_single(x, s, a, 1);
		if (b < x->C)
			sx_put_single(x, s, b, 1);
		double pc = sx_pc(x, sx_cat_of(x, a), sx_cat_of(x, b));
		x->share += pc;
		x->content[s][0] = a;
		x->content[s][1] = b;
		sx_search(x, k + 1);
		x->content[s][0] = x->content[s][1] = -1;
		x->share -= pc;
		if (a < x->C)
			sx_put_single(x, s, a, -1);
		if (b < x->C)
			sx_put_single(x, s, b, -1);
		if (b >= x->C)
			sx_place_unit(x, b - x->C, s, -1);
	}
	if (a >= x->C)
		sx_place_unit(x, a - x->C, s, -1);
}

static void sx_search(sx *x, int k)
{
	if (!x->stopped && (++x->nodes & 0xffff) == 0 && sx_cpu() - x->t0 > x->limit)
		x->stopped = 1;
	if (!x->stopped && x->cap && x->nodes > x->cap)
		x->stopped = x->capped = 1;
	if (x->stopped) {
		/* out of time: the node stays open; its bound bounds every
		 * placement below it (every open node is a child of a node on
		 * the path being searched, so each one passes here once) */
		double b = sx_bound(x, k);
		x->open_lb = b < x->open_lb ? b : x->open_lb;
		return;
	}
	const stand_problem *p = x->p;
	if (k == x->S) {
		x->leaves++;
		double a = sx_bound(x, k); /* exact at a leaf, B's bound aside */
		if (a >= x->best)
			return;
		/* A alone: the leaf's bound less its first-time/outside part */
		double cl = 0, fc = 0;
		for (int c = 0; c < x->C; c++)
			if (x->nc[c]) {
				cl += (x->nc[c] * x->aq[c] - x->ax[c] * x->ax[c] -
				       x->ay[c] * x->ay[c]) /
				      x->nc[c];
				double d = x->af[c] / x->nc[c] - x->M;
				fc += x->nc[c] * d * d;
			}
		double A = p->w_cluster * cl / 100 + p->w_share * x->share + p->w_fair * fc;
		double t = A + p->w_fair * sx_stage2(x);
		if (t < x->best) {
			x->best = t;
			x->found = 1;
		}
		return;
	}
	if (sx_bound(x, k) >= x->best)
		return;
	int s = x->order[k];
	/* a pair on the whole stand: the first of its class not placed */
	for (int i = 0; i < x->nu; i++) {
		if (x->u[i].e[1] < 0 || x->u[i].stand >= 0)
			continue;
		int first = 1;
		for (int j = 0; j < i && first; j++)
			first = !(x->u[j].e[1] >= 0 && x->u[j].cls == x->u[i].cls &&
				  x->u[j].stand < 0);
		if (!first || !sx_unit_fits(x, i, s))
			continue;
		double pc = sx_pc(x, p->who[x->u[i].e[0]].category, p->who[x->u[i].e[1]].category);
		sx_place_unit(x, i, s, 1);
		x->pair_share_left -= pc;
		x->share += pc;
		x->content[s][0] = x->content[s][1] = x->C + i;
		sx_search(x, k + 1);
		x->content[s][0] = x->content[s][1] = -1;
		x->share -= pc;
		x->pair_share_left += pc;
		sx_place_unit(x, i, s, -1);
	}
	/* two items: singles' categories and exhibitors kept apart */
	int items[SX_MAXC + SX_MAXU], ni = 0;
	for (int c = 0; c < x->C; c++)
		if (x->rs[c] > 0)
			items[ni++] = c;
	for (int i = 0; i < x->nu; i++)
		if (x->u[i].e[1] < 0 && x->u[i].stand < 0)
			items[ni++] = x->C + i;
	for (int i = 0; i < ni; i++)
		for (int j = i; j < ni; j++) {
			int a = items[i], b = items[j];
			if (a == b && (a >= x->C || x->rs[a] < 2))
				continue;
			sx_try(x, k, a, b);
		}
}

#include "stand_exact_box.h"

/* stand_exact - the least score of p (within cpu_limit CPU seconds), or of
 * a placement scoring below ub when ub is finite: returns 0 and the optimum
 * in *opt when one scoring below ub exists, 2 when none does (proved), 1
 * when the time ran out, -1 when p is outside the solver's scope. *lb (when
 * not NULL) gets a proven lower bound of every placement's score: the
 * optimum (0), ub (2), or after a stop (1) the least of the best placement
 * found (or ub) and the bounds of the nodes left open; *opt then gets the
 * best placement found below ub, or INFINITY. boxes: search box by box of
 * the centroids (sx_boxes), which proves a gap of some 0.1 % where stage 1
 * alone cannot; stage 1 alone is faster to prove a gap of 0 (a box's size
 * costs its bound a little, so closing a gap of 0 cuts boxes without end). */
static int stand_exact(const stand_problem *p, double ub, double cpu_limit, int boxes, double *opt,
		       long *nodes, double *lb)
{
	int S = (int)p->nsites, n = (int)p->nwho, C = p->ncat;
	if (S > SX_MAXS || C > SX_MAXC || n != 2 * S)
		return -1;
	sx *x = xcalloc(1, sizeof *x);
	x->p = p;
	x->S = S;
	x->C = C;
	x->n = n;
	int rc = -1;
	double tot = 0;
	for (int s = 0; s < S; s++) {
		const stand_site *z = &p->sites[s];
		if (z->capacity != 2 || z->locked || z->footfall != floor(z->footfall) ||
		    z->footfall < 0 || z->footfall > SX_MAXF)
			goto done;
		x->px[s] = z->x + z->w / 2;
		x->py[s] = z->y + z->h / 2;
		x->ff[s] = (int)z->footfall;
		x->fmax = x->ff[s] > x->fmax ? x->ff[s] : x->fmax;
		tot += 2 * z->footfall;
	}
	x->T = tot;
	x->M = tot / n;
	x->x0 = x->px[0];
	x->y0 = x->py[0];
	x->gx = sx_lattice(x->px, S);
	x->gy = sx_lattice(x->py, S);
	/* the stands column by column from the far end of the hall (the
	 * largest x first, then by y): who takes the poor places decides the
	 * fair term, and deciding it first lets the bound cut early; a column
	 * at a time keeps each category's places placed so far compact, which
	 * the cluster bound sees (30 exhibitors in 3 categories, seed 500:
	 * 14.2 million nodes and 7.8 s of CPU stand by stand in reverse index
	 * order, row by row; 0.44 million and 0.4 s column by column; more
	 * than 30 s in index order, from the middle out or by footfall) */
	for (int i = 0; i < S; i++)
		x->order[i] = i;
	for (int i = 1; i < S; i++) /* insertion sort: S is small */
		for (int j = i; j > 0; j--) {
			int a = x->order[j - 1], b = x->order[j];
			int after = x->px[a] < x->px[b] - 0.01 ||
				    (fabs(x->px[a] - x->px[b]) <= 0.01 &&
				     (x->py[a] > x->py[b] + 0.01 ||
				      (fabs(x->py[a] - x->py[b]) <= 0.01 && a < b)));
			if (!after)
				break;
			x->order[j - 1] = b;
			x->order[j] = a;
		}
	for (int s = 0; s < S; s++)
		for (int t = 0; t < S; t++)
			x->d2[s][t] = (x->px[s] - x->px[t]) * (x->px[s] - x->px[t]) +
				      (x->py[s] - x->py[t]) * (x->py[s] - x->py[t]);
	/* G[k][s][r]: the r - 1 smallest squared distances from a place on s
	 * to the other free places at depth k (its stand-mate at 0) */
	for (int k = 0; k <= S; k++) {
		for (int i = k; i < S; i++) {
			int s = x->order[i], m = 0;
			double d[2 * SX_MAXS];
			d[m++] = 0;
			for (int j = k; j < S; j++)
				if (j != i) {
					d[m++] = x->d2[s][x->order[j]];
					d[m++] = x->d2[s][x->order[j]];
				}
			qsort(d, (size_t)m, sizeof *d, sx_cmp_d);
			double acc = 0;
			x->G[k][s][0] = x->G[k][s][1] = 0;
			for (int r = 2; r <= 2 * S; r++) {
				if (r - 2 < m)
					acc += d[r - 2];
				x->G[k][s][r] = acc;
			}
		}
		for (int i = k; i < S; i++)
			x->freehist[k][x->ff[x->order[i]]] += 2;
		double fx[2 * SX_MAXS], fy[2 * SX_MAXS];
		int m = 0;
		for (int i = k; i < S; i++) {
			int s = x->order[i];
			fx[m] = fx[m + 1] = x->px[s];
			fy[m] = fy[m + 1] = x->py[s];
			m += 2;
			for (int msk = 1; msk < 8; msk++)
				if ((p->sites[s].offers & (unsigned)msk) == (unsigned)msk)
					x->freeoff[k][msk] += 2;
		}
		qsort(fx, (size_t)m, sizeof *fx, sx_cmp_d);
		qsort(fy, (size_t)m, sizeof *fy, sx_cmp_d);
		for (int i = 0; i < m; i++) {
			x->xs[k][i + 1] = x->xs[k][i] + fx[i];
			x->ys[k][i + 1] = x->ys[k][i] + fy[i];
		}
	}
	/* units: mutual pairs, then exhibitors kept apart who have no partner */
	for (int e = 0; e < n; e++)
		x->unit_of[e] = -1;
	for (int e = 0; e < n; e++) {
		const stand_who *w = &p->who[e];
		if (w->category < 0 || w->category >= C)
			goto done;
		if (w->partner < 0)
			continue;
		if (w->partner >= n || p->who[w->partner].partner != e)
			goto done; /* not mutual: outside the scope */
		if (w->partner < e)
			continue;
		if (x->nu == SX_MAXU)
			goto done;
		x->u[x->nu] = (sx_unit){ .e = { e, w->partner }, .stand = -1 };
		x->unit_of[e] = x->unit_of[w->partner] = x->nu++;
	}
	for (size_t k = 0; k < 2 * p->napart; k++) {
		int e = p->apart[k];
		if (x->unit_of[e] >= 0)
			continue;
		if (x->nu == SX_MAXU)
			goto done;
		x->u[x->nu] = (sx_unit){ .e = { e, -1 }, .stand = -1 };
		x->unit_of[e] = x->nu++;
	}
	/* classes of pairs: same needs, categories and flags, none kept apart */
	for (int i = 0; i < x->nu; i++) {
		x->u[i].cls = i;
		if (x->u[i].e[1] < 0)
			continue;
		for (int j = 0; j < i; j++) {
			if (x->u[j].e[1] < 0)
				continue;
			int same = 1;
			for (int m = 0; m < 2 && same; m++) {
				const stand_who *a = &p->who[x->u[i].e[m]],
						*b = &p->who[x->u[j].e[m]];
				same = a->category == b->category && a->needs == b->needs &&
				       a->first_time == b->first_time && a->outside == b->outside;
			}
			for (size_t k = 0; k < 2 * p->napart && same; k++)
				same = p->apart[k] != x->u[i].e[0] && p->apart[k] != x->u[i].e[1] &&
				       p->apart[k] != x->u[j].e[0] && p->apart[k] != x->u[j].e[1];
			if (same) {
				x->u[i].cls = x->u[j].cls;
				break;
			}
		}
	}
	/* the categories with an odd count left are the odd ends of the graph
	 * whose edges are the stands two categories share: the mixed stands to
	 * come cost at least a least-cost perfect matching of them under the
	 * cheapest chains of sharing (a T-join) */
	double dist[SX_MAXC][SX_MAXC];
	for (int a = 0; a < C; a++)
		for (int b = 0; b < C; b++)
			dist[a][b] = sx_pc(x, a, b);
	for (int m = 0; m < C; m++)
		for (int a = 0; a < C; a++)
			for (int b = 0; b < C; b++)
				dist[a][b] = fmin(dist[a][b], dist[a][m] + dist[m][b]);
	for (int mask = 1; mask < 1 << C; mask++) {
		x->parity[mask] = 0; /* an odd number of odd ends: never met */
		if (__builtin_popcount((unsigned)mask) % 2)
			continue;
		int a = __builtin_ctz((unsigned)mask);
		double best = INFINITY;
		for (int b = a + 1; b < C; b++)
			if (mask >> b & 1)
				best = fmin(best,
					    dist[a][b] + x->parity[mask & ~(1 << a) & ~(1 << b)]);
		x->parity[mask] = best;
	}
	for (int e = 0; e < n; e++) {
		const stand_who *w = &p->who[e];
		x->nc[w->category]++;
		x->n_ft += w->first_time;
		x->n_out += w->outside;
		x->where[e] = -1;
		if (x->unit_of[e] >= 0) {
			x->ft_left += w->first_time;
			x->out_left += w->outside;
			continue;
		}
		int c = w->category, t = 0;
		x->rs[c]++;
		x->single_ft[c] += w->first_time;
		x->single_out[c] += w->outside;
		while (t < x->nkind[c] &&
		       (x->kind[c][t].needs != (w->needs & 7) ||
			x->kind[c][t].ft != w->first_time || x->kind[c][t].out != w->outside))
			t++;
		if (t == x->nkind[c]) {
			if (t == SX_MAXT)
				goto done;
			x->kind[c][x->nkind[c]++] = (sx_kind){ .needs = w->needs & 7,
							       .ft = w->first_time,
							       .out = w->outside };
		}
		x->kind[c][t].count++;
		for (int msk = 1; msk < 8; msk++)
			x->needcnt[c][msk] += (w->needs & (unsigned)msk) == (unsigned)msk;
	}
	for (int i = 0; i < x->nu; i++)
		if (x->u[i].e[1] >= 0)
			x->pair_share_left += sx_pc(x, p->who[x->u[i].e[0]].category,
						    p->who[x->u[i].e[1]].category);
	for (int s = 0; s < S; s++)
		x->content[s][0] = x->content[s][1] = -1;
	sx_grid(x);
	x->tf = xcalloc((size_t)S + 2, sizeof *x->tf);
	for (int k = 0; k <= S + 1; k++)
		x->tf[k][0][0] = NAN;
	x->best = INFINITY;
	x->use_centroid = boxes;
	sx_root_bound = sx_bound(x, 0);
	x->best = ub;
	x->open_lb = INFINITY;
	x->limit = cpu_limit;
	x->t0 = sx_cpu();
	if (boxes)
		sx_boxes(x);
	else
		sx_search(x, 0);
	*nodes = x->nodes;
	if (lb) { /* every placement lies below the root too */
		*lb = x->open_lb < x->best ? x->open_lb : x->best;
		*lb = sx_root_bound > *lb ? sx_root_bound : *lb;
	}
	if (x->stopped) {
		*opt = x->found ? x->best : INFINITY;
		rc = 1;
	} else if (x->found) {
		*opt = x->best;
		rc = 0;
	} else
		rc = 2;
done:
	for (int h = 0; h < 4096; h++)
		while (x->cache[h]) {
			sx_cache *e = x->cache[h];
			x->cache[h] = e->next;
			free(e->set);
			free(e);
		}
	free(x->H);
	free(x->tf);
	free(x);
	return rc;
}
