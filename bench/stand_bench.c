/*
 * stand_bench.c - the stand allocator's figures (issue 13), for `make bench`:
 *
 *   1. the gap to the exact optimum on small fully packed instances (stands
 *      of two): at 8, 10 and 12 exhibitors by complete enumeration of the
 *      placements, which the branch and bound of stand_exact.h must match;
 *      at 10, 20, 30 and 40 by that branch and bound (median and worst gap
 *      over seeds; 3 categories at every size): it proves a gap of 0 up to
 *      30 and a gap <= 0.1 % at 40 (the goals), or when its time runs
 *      out the gap it did prove (from the least bound over the open nodes);
 *      with --cbc, CBC's proven optimum against it at 10-20;
 *   2. time and objective of the allocator against the greedy baseline
 *      (categories in turn, stands in hall order) at 80, 320, 1,500 and
 *      3,000 exhibitors.
 *
 * Instances come from stand_gen() (stand_gen.h): a hall of blocks of 2 x 5 stands
 * of 3 x 3 m with 3 m aisles, 10 % more places than exhibitors, categories
 * of uneven size (3 up to 40 exhibitors), needs, pairs that asked to share
 * and competitors apart.
 * Usage: stand_bench [--quick] [--exact-only | --cbc-only] [--cbc] [--verbose]
 *                    [--exact-seeds N] [--exact-seconds S] [--exact40-seconds S]
 *                    [--exact-n N] [--cbc-seconds N]
 *   --quick: fewer seeds, no 3,000; --exact-only: the gap tables alone;
 *   --cbc: also CBC's proven optimum against the branch and bound's at 10
 *   and 20 exhibitors (slow: minutes per instance at 20); --cbc-only: that
 *   table alone; --exact-seeds: instances per size (10; 3 with --quick);
 *   --exact-seconds: the branch and bound's CPU limit per instance (300);
 *   --exact40-seconds: the same at 40 exhibitors (60, the minute the issue
 *   gives CBC; every instance took at most 25 s in session 7; 5 with
 *   --quick), where the search goes box by box of the categories'
 *   centroids (stand_exact_box.h, sx_boxes);
 *   --exact-n: that table at one size only;
 *   --cbc-seconds: CBC's (300; 30 with --quick); --verbose: one line per
 *   instance.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/model/stand.h"
#include "../src/util/xalloc.h"
#include "stand_exact.h"
#include "stand_gen.h"

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

/* ---- the exact optimum with CBC (coinor-cbc) on fully packed instances ----
 * The same objective as stand_score_of, linearised exactly:
 *   x[e][s] binary; every exhibitor on one stand, capacities, pairs on one
 *   stand, competitors neither on one stand nor on neighbouring stands;
 *   cluster: a[c][s] = [category c has >= 1 exhibitor on s], b[c][s] = [>= 2]
 *     (capacity 2), sum over e in c of x[e][s] = a + b, and the products
 *     a*a', a*b', b*a', b*b' over stand pairs as p >= u + u' - 1, p >= 0;
 *   share: h[c][s] = [c on s] and q >= h[c][s] + h[d][s] - 1 for c < d;
 *   fair: per group g, F[g] = its footfall sum (an integer: footfalls are
 *     whole numbers), t[g] >= every tangent of (F - n_g M)^2 / n_g at the
 *     integers, which equals the square at an integer F; M is fixed because
 *     every place is taken.
 * Symmetry: exhibitors that nothing tells apart (one category, the same
 * needs, first-time and outside flags, no partner, no competitor kept apart)
 * are interchangeable, so only one order of their stands is kept: stand
 * index of the first <= stand index of the second. It removes no objective
 * value, only copies of each placement.
 * cutoff: when >= 0, CBC looks only for placements scoring below it (the
 * allocator's score less a relative 1e-7): "Infeasible" then proves that no
 * placement beats the allocator's by more than that.
 * Returns 0 with the proven optimum in *obj, 2 when CBC proved that nothing
 * scores below the cutoff, 1 when CBC stopped on its time limit (*obj: its
 * best found, or 0 when none), -1 when CBC is missing or failed. */
static FILE *lp;
static int lp_terms;
static void term(double k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void term(double k, const char *fmt, ...)
{
	va_list ap;
	fprintf(lp, " %c %.10g ", k < 0 ? '-' : '+', fabs(k));
	va_start(ap, fmt);
	vfprintf(lp, fmt, ap);
	va_end(ap);
	if (++lp_terms % 8 == 0)
		fputc('\n', lp);
}

static int cbc_optimum(const stand_problem *p, int seconds, double cutoff, double *obj)
{
	char path[64], sol[80], cmd[256];
	snprintf(path, sizeof path, "/tmp/stand_bench_%d.lp", (int)getpid());
	snprintf(sol, sizeof sol, "%s.sol", path);
	lp = fopen(path, "w");
	if (!lp)
		return -1;
	int n = (int)p->nwho, S = (int)p->nsites, C = p->ncat;
	double nc[16] = { 0 };
	for (int e = 0; e < n; e++)
		nc[p->who[e].category] += 1;
	/* groups: categories, then first-time 0/1, then outside 0/1 */
	int G = C + 4;
	double ng[24] = { 0 }, tot = 0, seats = 0, fmin = 1e9, fmax = 0;
	for (int e = 0; e < n; e++) {
		ng[p->who[e].category] += 1;
		ng[C + p->who[e].first_time] += 1;
		ng[C + 2 + p->who[e].outside] += 1;
	}
	for (int s = 0; s < S; s++) {
		tot += p->sites[s].capacity * p->sites[s].footfall;
		seats += p->sites[s].capacity;
		fmin = fmin < p->sites[s].footfall ? fmin : p->sites[s].footfall;
		fmax = fmax > p->sites[s].footfall ? fmax : p->sites[s].footfall;
	}
	double M = tot / seats;
	fprintf(lp, "Minimize\n obj:");
	lp_terms = 0;
	for (int c = 0; c < C; c++) {
		if (nc[c] < 1)
			continue;
		double k = p->w_cluster / (100.0 * nc[c]);
		for (int s = 0; s < S; s++)
			for (int t = s + 1; t < S; t++) {
				double dx = (p->sites[s].x + p->sites[s].w / 2) -
					    (p->sites[t].x + p->sites[t].w / 2),
				       dy = (p->sites[s].y + p->sites[s].h / 2) -
					    (p->sites[t].y + p->sites[t].h / 2);
				double d2 = dx * dx + dy * dy;
				for (int m = 0; m < 4; m++)
					term(k * d2, "p_%d_%d_%d_%d", c, s, t, m);
			}
	}
	for (int c = 0; c < C; c++)
		for (int d = c + 1; d < C; d++) {
			double pc = p->complement && p->complement[c * C + d] ? 0.5 : 1;
			for (int s = 0; s < S; s++)
				term(p->w_share * pc, "q_%d_%d_%d", c, d, s);
		}
	for (int g = 0; g < G; g++)
		if (ng[g] > 0)
			term(p->w_fair, "t_%d", g);
	fprintf(lp, "\nSubject To\n");
	for (int e = 0; e < n; e++) {
		lp_terms = 0;
		fprintf(lp, " one_%d:", e);
		for (int s = 0; s < S; s++)
			if ((p->sites[s].offers & p->who[e].needs) == p->who[e].needs)
				term(1, "x_%d_%d", e, s);
		fprintf(lp, " = 1\n");
	}
	for (int s = 0; s < S; s++) {
		lp_terms = 0;
		fprintf(lp, " cap_%d:", s);
		for (int e = 0; e < n; e++)
			term(1, "x_%d_%d", e, s);
		fprintf(lp, " <= %d\n", p->sites[s].capacity);
	}
	for (int e = 0; e < n; e++)
		for (int s = 0; s < S && p->who[e].partner > e; s++)
			fprintf(lp, " pair_%d_%d: x_%d_%d - x_%d_%d = 0\n", e, s, e, s,
				p->who[e].partner, s);
	for (size_t k = 0; k < p->napart; k++)
		for (int s = 0; s < S; s++)
			for (int t = 0; t < S; t++)
				if (s == t || stand_neighbours(&p->sites[s], &p->sites[t]))
					fprintf(lp, " apart_%zu_%d_%d: x_%d_%d + x_%d_%d <= 1\n", k,
						s, t, p->apart[2 * k], s, p->apart[2 * k + 1], t);
	for (int c = 0; c < C; c++)
		for (int s = 0; s < S; s++) {
			lp_terms = 0;
			fprintf(lp, " u_%d_%d:", c, s);
			for (int e = 0; e < n; e++)
				if (p->who[e].category == c)
					term(1, "x_%d_%d", e, s);
			fprintf(lp, " - a_%d_%d - b_%d_%d = 0\n", c, s, c, s);
			fprintf(lp, " ab_%d_%d: b_%d_%d - a_%d_%d <= 0\n", c, s, c, s, c, s);
			fprintf(lp, " h_%d_%d: a_%d_%d - h_%d_%d <= 0\n", c, s, c, s, c, s);
			for (int t = s + 1; t < S; t++) {
				const char *u[2] = { "a", "b" };
				for (int m = 0; m < 4; m++)
					fprintf(lp,
						" pr_%d_%d_%d_%d: p_%d_%d_%d_%d - %s_%d_%d - %s_%d_%d >= -1\n",
						c, s, t, m, c, s, t, m, u[m >> 1], c, s, u[m & 1],
						c, t);
			}
		}
	for (int c = 0; c < C; c++)
		for (int d = c + 1; d < C; d++)
			for (int s = 0; s < S; s++)
				fprintf(lp, " sh_%d_%d_%d: q_%d_%d_%d - h_%d_%d - h_%d_%d >= -1\n",
					c, d, s, c, d, s, c, s, d, s);
	for (int g = 0; g < G; g++) {
		if (ng[g] < 1)
			continue;
		lp_terms = 0;
		fprintf(lp, " F_%d: F_%d", g, g);
		for (int e = 0; e < n; e++) {
			int in = g < C	     ? p->who[e].category == g
				 : g < C + 2 ? p->who[e].first_time == g - C
					     : p->who[e].outside == g - C - 2;
			if (!in)
				continue;
			for (int s = 0; s < S; s++)
				term(-p->sites[s].footfall, "x_%d_%d", e, s);
		}
		fprintf(lp, " = 0\n");
		double c0 = ng[g] * M;
		for (int v = (int)floor(ng[g] * fmin); v <= (int)ceil(ng[g] * fmax); v++) {
			double fv = (v - c0) * (v - c0) / ng[g], dv = 2 * (v - c0) / ng[g];
			/* t >= fv + dv (F - v)  <=>  t - dv F >= fv - dv v */
			fprintf(lp, " tan_%d_%d: t_%d %c %.10g F_%d >= %.10g\n", g, v, g,
				dv > 0 ? '-' : '+', fabs(dv), g, fv - dv * v);
		}
	}
	for (int e = 0; e < n; e++)
		for (int f = e + 1; f < n; f++) {
			const stand_who *a = &p->who[e], *b = &p->who[f];
			if (a->category != b->category || a->needs != b->needs ||
			    a->first_time != b->first_time || a->outside != b->outside ||
			    a->partner >= 0 || b->partner >= 0)
				continue;
			int kept = 0;
			for (size_t k = 0; k < 2 * p->napart; k++)
				kept |= p->apart[k] == e || p->apart[k] == f;
			if (kept)
				continue;
			int g = e + 1; /* only next to the previous one of its kind: a chain */
			while (g < f) {
				const stand_who *c = &p->who[g];
				int same = c->category == a->category && c->needs == a->needs &&
					   c->first_time == a->first_time &&
					   c->outside == a->outside && c->partner < 0;
				for (size_t k = 0; same && k < 2 * p->napart; k++)
					same = p->apart[k] != g;
				if (same)
					break;
				g++;
			}
			if (g < f)
				continue;
			lp_terms = 0;
			fprintf(lp, " sym_%d_%d:", e, f);
			for (int t = 1; t < S; t++) {
				term(t, "x_%d_%d", e, t);
				term(-t, "x_%d_%d", f, t);
			}
			fprintf(lp, " <= 0\n");
		}
	fprintf(lp, "Bounds\n");
	for (int e = 0; e < n; e++) /* a stand lacking a need is closed to e */
		for (int s = 0; s < S; s++)
			if ((p->sites[s].offers & p->who[e].needs) != p->who[e].needs)
				fprintf(lp, " x_%d_%d = 0\n", e, s);
	for (int g = 0; g < G; g++)
		if (ng[g] > 0)
			fprintf(lp, " t_%d >= 0\n F_%d >= 0\n", g, g);
	fprintf(lp, "Binaries\n");
	for (int e = 0; e < n; e++)
		for (int s = 0; s < S; s++)
			fprintf(lp, " x_%d_%d\n", e, s);
	for (int c = 0; c < C; c++)
		for (int s = 0; s < S; s++)
			fprintf(lp, " a_%d_%d\n b_%d_%d\n h_%d_%d\n", c, s, c, s, c, s);
	fprintf(lp, "End\n");
	fclose(lp);
	if (cutoff >= 0)
		snprintf(cmd, sizeof cmd,
			 "cbc %s sec %d threads 1 cutoff %.12g solve solu %s >/dev/null 2>&1", path,
			 seconds, cutoff, sol);
	else
		snprintf(cmd, sizeof cmd, "cbc %s sec %d threads 1 solve solu %s >/dev/null 2>&1",
			 path, seconds, sol);
	int rc = system(cmd);
	remove(path);
	FILE *f = fopen(sol, "r");
	if (rc || !f) {
		if (f)
			fclose(f);
		return -1;
	}
	char line[256] = "";
	int got = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	remove(sol);
	if (!got)
		return -1;
	/* "Infeasible" or "Integer infeasible": nothing below the cutoff */
	if (strstr(line, "nfeasible"))
		return 2;
	const char *o = strstr(line, "objective value");
	/* stopped with no placement found: the value is the LP bound's, not one */
	*obj = o && !strstr(line, "no integer solution")
		       ? strtod(o + strlen("objective value"), NULL)
		       : 0;
	return strncmp(line, "Optimal", 7) ? 1 : 0;
}

static int cbc_seconds; /* CBC's time limit per instance */

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int quick = 0, only_cbc = 0, with_cbc = 0, only_exact = 0, verbose = 0, exact_seeds = 0,
	    exact_n = 0;
	double exact_seconds = 0, exact40_seconds = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			quick = 1;
		else if (!strcmp(argv[i], "--cbc-only"))
			only_cbc = with_cbc = 1;
		else if (!strcmp(argv[i], "--cbc"))
			with_cbc = 1;
		else if (!strcmp(argv[i], "--exact-only"))
			only_exact = 1;
		else if (!strcmp(argv[i], "--verbose"))
			verbose = 1;
		else if (!strcmp(argv[i], "--exact-seeds") && i + 1 < argc)
			exact_seeds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--exact-n") && i + 1 < argc)
			exact_n = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--exact40-seconds") && i + 1 < argc)
			exact40_seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--exact-seconds") && i + 1 < argc)
			exact_seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--cbc-seconds") && i + 1 < argc)
			cbc_seconds = atoi(argv[++i]);
	}
	if (cbc_seconds <= 0)
		cbc_seconds = quick ? 30 : 300;
	if (exact_seeds <= 0 || exact_seeds > 32)
		exact_seeds = quick ? 3 : 10;
	if (exact_seconds <= 0)
		exact_seconds = 300;
	if (exact40_seconds <= 0)
		exact40_seconds = quick ? 5 : 60;
	setvbuf(stdout, NULL, _IOLBF, 0); /* long runs show progress line by line */
	int seeds = quick ? 3 : 7;
	printf("stand allocator: gap to the exact optimum (complete enumeration), fully packed\n");
	printf("%6s %6s %8s %10s %10s %10s %12s %12s\n", "exhib.", "stands", "seeds", "median gap",
	       "worst gap", "enum s", "exact agrees", "boxes agree");
	static const int small[] = { 8, 10, 12 };
	for (int k = 0; k < (only_cbc ? 0 : 3); k++) {
		int n = small[k];
		double gaps[16], tenum = 0;
		int done = 0, agree = 0, agree_boxes = 0, feasible = 0, failed = 0;
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
			/* the branch and bound, with no bound to start from, must
			 * find the same optimum as the enumeration, searching
			 * stand by stand and box by box of the centroids */
			double xo = 0, bo = 0;
			long xn = 0;
			feasible++;
			if (stand_exact(&in.p, INFINITY, 600, 0, &xo, &xn, NULL) == 0 &&
			    fabs(xo - best) <= 1e-9 * fabs(best) + 1e-9)
				agree++;
			if (stand_exact(&in.p, INFINITY, 600, 1, &bo, &xn, NULL) == 0 &&
			    fabs(bo - best) <= 1e-9 * fabs(best) + 1e-9)
				agree_boxes++;
			if (stand_solve(&in.p, 0, 1, NULL)) {
				failed++; /* a placement exists, the allocator found none */
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
		printf("%6d %6d %8d %9.3f%% %9.3f%% %10.2f %8d of %d %8d of %d", n, n / 2, done,
		       gaps[done / 2], gaps[done - 1], tenum, agree, feasible, agree_boxes,
		       feasible);
		if (feasible < seeds)
			printf("  no valid placement exists: %d", seeds - feasible);
		if (failed)
			printf("  ALLOCATOR FAILED where one exists: %d", failed);
		printf("\n");
	}

	printf("\nstand allocator: gap to the exact optimum (the bench's branch and bound,"
	       " stand_exact.h),\nfully packed, 3 categories\n");
	printf("%6s %6s %6s %6s %6s %10s %10s %10s %10s %10s %12s\n", "exhib.", "stands", "target",
	       "proved", "of", "median gap", "worst gap", "anneal cpu", "exact cpu", "exact max",
	       "nodes max");
	static const int exact_sizes[] = { 10, 20, 30, 40 };
	for (int k = 0; k < (only_cbc ? 0 : 4); k++) {
		int n = exact_sizes[k], tried = exact_seeds, done = 0, proved = 0, none = 0,
		    missed = 0;
		if (exact_n && n != exact_n)
			continue;
		/* the goal: no gap up to 30 exhibitors, <= 0.1 % at 40 */
		double tol = n >= 40 ? 0.001 : 0;
		double limit = n >= 40 ? exact40_seconds : exact_seconds;
		double gaps[32], tan = 0, tex = 0, tmax = 0;
		long nmax = 0;
		for (int sd = 0; sd < tried; sd++) {
			inst in;
			stand_gen(&in, n, 0, 500 + (uint64_t)sd);
			double t0 = now();
			cf_err e = stand_solve(&in.p, 0, 1, NULL);
			tan += now() - t0;
			stand_score sc = stand_score_of(&in.p);
			if (e || sc.hard > 0) {
				/* no valid placement from the allocator: does one exist? */
				double o = 0;
				long nn = 0;
				int r = stand_exact(&in.p, INFINITY, limit, 0, &o, &nn, NULL);
				if (r == 2)
					none++; /* no placement meets the needs: nothing to compare
						 */
				else
					missed++; /* the allocator failed where a placement exists
						   */
				inst_free(&in);
				continue;
			}
			/* the first bound: the allocator's score less a relative 1e-9
			 * ("none below" proves a gap of 0), or divided by 1 + tol
			 * ("none below" proves a gap <= tol); a placement found below
			 * it leads the search to the optimum */
			double opt = 0, got = sc.total, lb = 0;
			double cut = tol > 0 ? got / (1 + tol) : got * (1 - 1e-9) - 1e-12;
			long nodes = 0;
			t0 = now();
			int rc = stand_exact(&in.p, cut, limit, tol > 0, &opt, &nodes, &lb);
			double dt = now() - t0;
			tex += dt;
			tmax = dt > tmax ? dt : tmax;
			nmax = nodes > nmax ? nodes : nmax;
			/* gaps[]: the gap proven at most (its exact value when the
			 * optimum is found) */
			if (rc == 2) { /* nothing scores below the cut */
				gaps[done++] = tol * 100;
				proved++;
			} else if (rc == 0) { /* the optimum, below the cut */
				gaps[done++] = opt > 1e-9 ? (got - opt) / opt * 100 : 100;
				proved++;
			} else /* out of time: the least bound over the open nodes */
				gaps[done++] = lb > 1e-9 ? (got - lb) / lb * 100 : 100;
			if (verbose)
				printf("   n=%d seed=%d rc=%d allocator %.9g optimum %.9g lower bound %.9g"
				       " gap <= %.4f%% nodes %ld cpu %.2f\n",
				       n, sd, rc, got, opt, lb, gaps[done - 1], nodes, dt);
			inst_free(&in);
		}
		if (!done)
			printf("%6d %6d %5g%% %6d %6d %10s %10s", n, n / 2, tol * 100, 0, tried,
			       "-", "-");
		else {
			qsort(gaps, (size_t)done, sizeof *gaps, cmp_d);
			printf("%6d %6d %5g%% %6d %6d %9.4f%% %9.4f%%", n, n / 2, tol * 100, proved,
			       tried, gaps[done / 2], gaps[done - 1]);
		}
		printf(" %10.3f %10.2f %10.2f %12ld", tan / tried, tex / tried, tmax, nmax);
		if (done > proved)
			printf("  not proved (time limit): %d", done - proved);
		if (none)
			printf("  no valid placement exists: %d", none);
		if (missed)
			printf("  ALLOCATOR FAILED where one exists: %d", missed);
		printf("\n");
	}
	printf("(target: the gap to prove, 0 or at most 0.1 %%; proved: the branch and bound\n"
	       " finished within %g CPU s (%g at 40): no placement scores below the allocator's (less 1e-9, or\n"
	       " divided by 1.001), else it found the optimum; gap: the gap proven at most, from\n"
	       " the target, the optimum, or after the time limit the least lower bound over the\n"
	       " open nodes; cpu: seconds of CPU time, mean; exact max: the slowest instance)\n",
	       exact_seconds, exact40_seconds);

	/* CBC, an independent exact solver, on the same instances: its proven
	 * optimum must equal the branch and bound's wherever it finishes */
	printf("\nthe branch and bound against CBC's proven optimum (fully packed)\n");
	if (!with_cbc) {
		printf("  skipped (--cbc runs it: minutes per instance from 20 exhibitors)\n");
	} else if (system("command -v cbc >/dev/null 2>&1")) {
		printf("  cbc not found (Debian package coinor-cbc): skipped\n");
	} else {
		printf("%6s %6s %8s %8s %8s %10s %10s\n", "exhib.", "stands", "tried", "cbc done",
		       "agree", "cbc wall", "exact cpu");
		static const int mid[] = { 10, 20 };
		for (int k = 0; k < (quick ? 1 : 2); k++) {
			int n = mid[k], tried = exact_seeds, finished = 0, agree = 0;
			double tcbc = 0, tex = 0;
			for (int sd = 0; sd < tried; sd++) {
				inst in;
				stand_gen(&in, n, 0, 500 + (uint64_t)sd);
				double xo = 0, co = 0, t0 = now();
				long xn = 0;
				int xr = stand_exact(&in.p, INFINITY, exact_seconds, 0, &xo, &xn,
						     NULL);
				tex += now() - t0;
				struct timespec w0, w1;
				clock_gettime(CLOCK_MONOTONIC, &w0);
				int rc = cbc_optimum(&in.p, cbc_seconds, -1, &co);
				clock_gettime(CLOCK_MONOTONIC, &w1);
				tcbc += (double)(w1.tv_sec - w0.tv_sec) +
					(w1.tv_nsec - w0.tv_nsec) / 1e9;
				if (rc == 0 || rc == 2) {
					finished++;
					/* both optimal values, or both "no placement" */
					if ((rc == 0 && xr == 0 &&
					     fabs(co - xo) <= 1e-6 * fabs(xo) + 1e-6) ||
					    (rc == 2 && xr == 2))
						agree++;
					else
						printf("   n=%d seed=%d DISAGREE cbc %d %.9g exact %d %.9g\n",
						       n, sd, rc, co, xr, xo);
				}
				if (verbose)
					printf("   n=%d seed=%d cbc rc=%d %.9g exact rc=%d %.9g\n",
					       n, sd, rc, co, xr, xo);
				inst_free(&in);
			}
			printf("%6d %6d %8d %8d %8d %10.1f %10.2f\n", n, n / 2, tried, finished,
			       agree, tcbc / tried, tex / tried);
		}
		printf("(cbc done: CBC proved its optimum within %d CPU s (one thread; cbc wall: mean\n"
		       " wall seconds on this shared machine); agree: the branch and bound's optimum\n"
		       " is the same to 1e-6)\n",
		       cbc_seconds);
	}
	printf("\nstand allocator vs greedy by category (10 %% spare places)\n");
	printf("%6s %6s %12s %12s %10s %10s %8s %8s\n", "exhib.", "stands", "greedy obj",
	       "anneal obj", "greedy cpu", "anneal cpu", "ratio", "broken");
	static const int sizes[] = { 80, 320, 1500, 3000 };
	for (int k = 0; k < (only_cbc || only_exact ? 0 : quick ? 3 : 4); k++) {
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
