/* selection_cbc.c - the selection assistant against CBC (COIN-OR's exact
 * solver, Debian coinor-cbc, used only here) on a generated family of hard
 * instances (selection_hard: many equal scores, tight seats and shares, up
 * to 2,000 applicants and 20 categories). CBC gets the plain formulation a
 * tester would write - one binary per applicant, objective "places first,
 * then score" - so an agreement checks the assistant's own model too.
 *
 * Prints, per size, and for the whole family: the assistant's median and
 * worst time (the whole proposal: fill, score, conflict proofs,
 * explanations), how many it proved optimal, CBC's median and worst time
 * and how many it proved, and the gap (CBC's objective minus the
 * assistant's, in places and score points; 0 is the goal).
 *
 *   build/bench/selection_cbc [INSTANCES]     default 30; SEL_CBC=path to cbc
 * Figures only: it never fails on time. Exit 1 only when cbc cannot run.
 */
#include "../src/model/registry_solve.h"
#include "../src/util/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* row - one constraint over the applicants whose coefficient coef(i) is
 * not 0; none: no row (it holds whatever is chosen when b >= 0). */
static void row(FILE *f, const char *name, const sel_candidate *c, int n,
		int (*coef)(const sel_candidate *, int), int arg, int b)
{
	int any = 0;
	for (int i = 0; i < n; i++) {
		int k = coef(&c[i], arg);
		if (!k)
			continue;
		if (!any)
			fprintf(f, " %s:", name);
		fprintf(f, " %c %d x%d%s", k < 0 ? '-' : '+', abs(k), i, ++any % 12 ? "" : "\n");
	}
	if (any)
		fprintf(f, " <= %d\n", b);
}

static int in_cat(const sel_candidate *c, int k)
{
	return c->category == k;
}
static int is_outside(const sel_candidate *c, int k)
{
	(void)k;
	return c->outside != 0;
}
static int women_coef(const sel_candidate *c, int pct)
{
	return pct - 100 * (c->women_led != 0);
}
static int first_coef(const sel_candidate *c, int pct)
{
	return pct - 100 * (c->first_time != 0);
}

/* write_lp - the instance in CPLEX LP format, one binary per applicant. */
static void write_lp(FILE *f, const sel_rules *r, const sel_candidate *c, int n, long big)
{
	fputs("Maximize\n obj:", f);
	for (int i = 0; i < n; i++)
		fprintf(f, " + %ld x%d%s", big + c[i].score, i, i % 8 == 7 ? "\n" : "");
	fputs("\nSubject To\n places:", f);
	for (int i = 0; i < n; i++)
		fprintf(f, " + x%d%s", i, i % 16 == 15 ? "\n" : "");
	fprintf(f, " <= %d\n", r->places);
	for (int k = 0; k < r->ncat; k++) {
		char name[16];
		snprintf(name, sizeof name, "cat%d", k);
		if (r->seats[k] >= 0)
			row(f, name, c, n, in_cat, k, r->seats[k]);
	}
	if (r->max_outside >= 0)
		row(f, "outside", c, n, is_outside, 0, r->max_outside);
	if (r->min_women_pct > 0)
		row(f, "women", c, n, women_coef, r->min_women_pct, 0);
	if (r->min_first_pct > 0)
		row(f, "first", c, n, first_coef, r->min_first_pct, 0);
	fputs("Binary\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, " x%d\n", i);
	fputs("End\n", f);
}

/* run_cbc - solve the LP file with cbc; objective in *obj, 1 when proven. */
static int run_cbc(const char *cbc, const char *lp, const char *sol, double *obj, double *ms)
{
	char cmd[1024];
	snprintf(
		cmd, sizeof cmd,
		"%s %s -ratioGap 0 -allowableGap 0.5 -sec 120 -threads 1 -solve -solution %s >/dev/null 2>&1",
		cbc, lp, sol);
	unlink(sol);
	double t0 = ms_now();
	int rc = system(cmd);
	*ms = ms_now() - t0;
	FILE *f = fopen(sol, "r");
	if (rc != 0 || !f) {
		if (f)
			fclose(f);
		return -1;
	}
	char line[256] = "";
	if (!fgets(line, sizeof line, f))
		line[0] = 0;
	fclose(f);
	const char *v = strstr(line, "objective value");
	*obj = v ? strtod(v + 15, NULL) : -1;
	return !strncmp(line, "Optimal", 7);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double ours[256], theirs[256];
	int n, proven, cbc_proven, conflicts;
	long gap_places, gap_score, max_n;
};

static void print_stats(const char *label, struct stats *s)
{
	if (!s->n)
		return;
	qsort(s->ours, (size_t)s->n, sizeof(double), cmp_double);
	qsort(s->theirs, (size_t)s->n, sizeof(double), cmp_double);
	printf("selection: %-28s %3d instances: assistant median %7.1f ms, worst %7.1f ms, proven %d/%d"
	       " (%d with a conflict) | CBC median %8.1f ms, worst %8.1f ms, proven %d/%d | gap %ld places, %ld points\n",
	       label, s->n, s->ours[s->n / 2], s->ours[s->n - 1], s->proven, s->n, s->conflicts,
	       s->theirs[s->n / 2], s->theirs[s->n - 1], s->cbc_proven, s->n, s->gap_places,
	       s->gap_score);
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 30;
	if (count < 1 || count > 256)
		count = 30;
	const char *cbc = getenv("SEL_CBC") ? getenv("SEL_CBC") : "cbc";
	char dir[] = "/tmp/coopfair-selXXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char lp[256], sol[256];
	snprintf(lp, sizeof lp, "%s/i.lp", dir);
	snprintf(sol, sizeof sol, "%s/i.sol", dir);
	/* the sizes of the reports, and the largest call */
	static const int sizes[][2] = {
		{ 2000, 20 }, { 1627, 2 }, { 395, 15 }, { 45, 6 }, { 1000, 12 }
	};
	struct stats all = { 0 }, by[5] = { 0 };
	int failed = 0;
	for (int i = 0; i < count; i++) {
		int n = sizes[i % 5][0], ncat = sizes[i % 5][1];
		sel_candidate *c = xmalloc(sizeof *c * (size_t)n);
		sel_rules r;
		selection_hard((uint64_t)i + 1, n, ncat, &r, c);
		arena *a = arena_new(32u << 20);
		sel_result res;
		double t0 = ms_now();
		if (selection_solve(a, &r, c, n, 0, &res)) {
			fprintf(stderr, "selection: instance %d refused\n", i);
			failed = 1;
		}
		double ours = ms_now() - t0;
		long big = 101L * n + 1;
		FILE *f = fopen(lp, "w");
		if (!f) {
			perror(lp);
			return 1;
		}
		write_lp(f, &r, c, n, big);
		fclose(f);
		double obj, theirs;
		int p = run_cbc(cbc, lp, sol, &obj, &theirs);
		if (p < 0) {
			fprintf(stderr, "selection: cbc did not run (%s); install coinor-cbc\n",
				cbc);
			return 1;
		}
		long cbc_places = (long)floor(obj / big + 1e-9);
		long cbc_score = (long)llround(obj - (double)cbc_places * (double)big);
		struct stats *ss[2] = { &all, &by[i % 5] };
		for (int k = 0; k < 2; k++) {
			struct stats *s = ss[k];
			if (s->n >= 256)
				continue;
			s->ours[s->n] = ours;
			s->theirs[s->n] = theirs;
			s->n++;
			s->proven += res.proven;
			s->cbc_proven += p;
			s->conflicts += res.conflict != 0;
			long gp = cbc_places - res.nchosen;
			long gs = gp ? 0 : cbc_score - res.score;
			if (labs(gp) > labs(s->gap_places))
				s->gap_places = gp;
			if (labs(gs) > labs(s->gap_score))
				s->gap_score = gs;
		}
		if (cbc_places != res.nchosen || cbc_score != res.score)
			fprintf(stderr,
				"selection: instance %d (n=%d, %d categories): assistant %d places %ld points%s, CBC %ld places %ld points%s\n",
				i, n, ncat, res.nchosen, res.score, res.proven ? " (proven)" : "",
				cbc_places, cbc_score, p ? " (proven)" : "");
		arena_free(a);
		free(c);
	}
	for (int k = 0; k < 5; k++) {
		char label[64];
		snprintf(label, sizeof label, "hard, %d applicants, %d cat.", sizes[k][0],
			 sizes[k][1]);
		print_stats(label, &by[k]);
	}
	print_stats("hard family, all", &all);
	unlink(lp);
	unlink(sol);
	rmdir(dir);
	return failed;
}
