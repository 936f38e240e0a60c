/*
 * registry_solve.h - the selection assistant: choose, among scored
 * applications, the best-scored set that meets every rule of the edition.
 *
 * Rules: at most `places` (stands x exhibitors per stand); per category at
 * most seats[c]; at most max_outside from outside the edition's region; at
 * least min_women_pct % of the selected led by women; at least
 * min_first_pct % first-time exhibitors. Objective: fill as many places as
 * the rules allow, then the highest total score, then the earliest
 * applications (a deterministic tie-break).
 *
 * Method (exact): an integer program solved by branch and bound. Applicants
 * with the same (category, outside, women-led, first-time) are alike for
 * every rule, so an optimal selection takes the best-scored of each such
 * group; we branch on how many are taken from a group (n_g <= k or >= k+1),
 * and bound each node with the linear relaxation, solved by a bounded-variable
 * primal simplex (two phases, Bland's rule after degenerate steps). When no
 * selection fills the places, a deletion filter over the rules names a
 * minimal set of rules that conflict.
 */
#ifndef CF_REGISTRY_SOLVE_H
#define CF_REGISTRY_SOLVE_H
#include <stdint.h>

#include "../util/arena.h"

#define SEL_CATS 16

typedef struct sel_candidate {
	int64_t id;   /* application id (the tie-break: lower first) */
	int category; /* 0..ncat-1 */
	int outside, women_led, first_time;
	int score; /* 0..100 */
} sel_candidate;

typedef struct sel_rules {
	int places;
	int ncat;
	int seats[SEL_CATS]; /* -1: no limit */
	int max_outside;     /* -1: no limit */
	int min_women_pct, min_first_pct;
} sel_rules;

/* Rule bits, for conflicts and for what bound a decision. */
#define SEL_RULE_CAT(c) (1u << (c))
#define SEL_RULE_OUTSIDE (1u << 16)
#define SEL_RULE_WOMEN (1u << 17)
#define SEL_RULE_FIRST (1u << 18)
#define SEL_RULE_PLACES (1u << 19)

typedef struct sel_why {
	unsigned rules; /* the rules that bound this decision (0: none, it is a free choice) */
	int cutoff;	/* for RULE_PLACES/categories: the lowest selected score it competed with */
} sel_why;

typedef struct sel_result {
	char *chosen; /* [n], 1 = selected */
	sel_why *why; /* [n] */
	int nchosen;
	long score;	   /* total score of the selection */
	int target;	   /* min(places, candidates): what "filling the places" means */
	unsigned conflict; /* when nchosen < target: a minimal set of rules that conflict */
	int proven;	   /* 1: optimal proven; 0: node limit reached, best found */
	long nodes;
} sel_result;

/* selection_solve - the assistant's proposal for c[0..n), in arena a.
 * Ignores the rules in `disabled` (bits as above). */
cf_err selection_solve(arena *a, const sel_rules *r, const sel_candidate *c, int n,
		       unsigned disabled, sel_result *out) CF_MUST_USE;

/* selection_check - which rules a given selection breaks (bits), for the
 * warnings on hand changes. */
unsigned selection_check(const sel_rules *r, const sel_candidate *c, int n, const char *chosen);

/* selection_bench - solve a deterministic synthetic instance of n
 * applications (40 stands x 2, 3 categories, the 2024 rules); the time in
 * *ms, the selected count in *chosen. */
cf_err selection_bench(int n, double *ms, int *chosen) CF_MUST_USE;

#endif
