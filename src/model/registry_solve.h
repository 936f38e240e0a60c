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
 * Method (exact): integer programs solved by GLPK (branch and cut).
 * Applicants with the same (category, outside, women-led, first-time) are
 * alike for every rule, so an optimal selection takes the best-scored of
 * each such group: the integer variables are the groups' counts (at most
 * 20 x 8), the scores enter through continuous variables, one per run of
 * equal scores in a group (concave: the best are taken first). First the
 * most places the rules allow (proven), then the best total score with
 * that many. When the places cannot all be filled - and only when that is
 * proven - the rules that must all change are named (a minimal correction
 * set, each step a proof), and for each rule what it alone would have to
 * allow for the places to be filled, the others as they are.
 */
#ifndef CF_REGISTRY_SOLVE_H
#define CF_REGISTRY_SOLVE_H
#include <stdint.h>

#include "../util/arena.h"

#define SEL_CATS 20

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
#define SEL_RULE_OUTSIDE (1u << 20)
#define SEL_RULE_WOMEN (1u << 21)
#define SEL_RULE_FIRST (1u << 22)
#define SEL_RULE_PLACES (1u << 23)
#define SEL_RULE_BITS 24

typedef struct sel_why {
	unsigned rules; /* the rules that bound this decision (0: none, it is a free choice) */
	int cutoff;	/* for RULE_PLACES/categories: the lowest selected score it competed with */
} sel_why;

typedef struct sel_result {
	char *chosen; /* [n], 1 = selected */
	sel_why *why; /* [n] */
	int nchosen;
	long score; /* total score of the selection */
	int target; /* min(places, candidates): what "filling the places" means */
	/* when nchosen < target, proven: the rules that must all change for the
	 * places to be filled (keeping any one of them as it is, the other
	 * rules in force, leaves places empty), with SEL_RULE_PLACES */
	unsigned conflict;
	/* when the places cannot be filled, for each rule in force (by bit
	 * number): what it would have to allow for them to be filled if it
	 * alone changed, every other rule as it is - seats or outsiders (at
	 * least), the share of women-led or first-time (at most, in %) - or -1
	 * when changing it alone is not enough */
	int need[SEL_RULE_BITS];
	int proven; /* 1: optimal proven; 0: the time limit cut the search */
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

/* selection_hard - instance `seed` of a family built to be hard: n
 * applicants in ncat categories, scores on a coarse scale (many ties),
 * places a large share of n, tight seats, outsiders, women and first-time
 * shares set near what the applicants allow. c must hold n candidates. */
void selection_hard(uint64_t seed, int n, int ncat, sel_rules *r, sel_candidate *c);

#endif
