/*
 * prize_solve.h - assigning prize entries to jurors (pure computation: no
 * database, no HTTP; the simulator in bench/ calls it directly).
 *
 * Given n entries, m jurors, who may score what (allowed[i*m+j] = 1 when
 * juror j judges the category and has no conflict with entry i) and k, find
 * an assignment where
 *   1. every entry gets exactly k different allowed jurors (coverage);
 *   2. the largest load is as small as possible, and loads differ by at most
 *      one whenever the allowed sets permit it (balance);
 *   3. the overlap graph (jurors linked when they share an entry) is
 *      connected, so that each juror's leniency can be told apart from the
 *      quality of the entries they saw (connectivity);
 *   4. pairs of jurors share entries as evenly as possible (design quality:
 *      a near-balanced incomplete block design), which makes the offsets
 *      estimable with equal precision.
 * Method: Dinic max-flow source -> entry (cap k) -> juror (cap 1 if allowed)
 * -> sink (cap L) with the smallest feasible L; then chain moves that raise
 * the least-loaded jurors; then load-preserving double swaps (entry e from
 * juror a to c, entry f from c to a) that reduce the sum of squared pair
 * overlaps and join components. Deterministic for a given seed.
 */
#ifndef CF_PRIZE_SOLVE_H
#define CF_PRIZE_SOLVE_H
#include <stdint.h>

#include "../util/err.h"

/* Why an assignment could not meet its constraints. */
typedef enum prize_unmet {
	PRIZE_MET = 0,
	PRIZE_UNMET_NO_ENTRIES,	   /* nothing to assign */
	PRIZE_UNMET_FEW_JURORS,	   /* fewer than k jurors in the category (count) */
	PRIZE_UNMET_ENTRY_ALLOWED, /* entry has only count unconflicted jurors < k */
	PRIZE_UNMET_GROUP,	   /* entries together have too few jurors (count = entries short);
				    * unreachable while loads are uncapped, kept for a load cap */
	PRIZE_UNMET_CONNECTED,	   /* coverage met, but the overlap graph has count components */
	PRIZE_UNMET_SPLIT,	   /* the conflicts split jurors and entries into count parts
				    * that no juror can link: no connected design exists */
	PRIZE_UNMET__MAX
} prize_unmet;

typedef struct prize_assign_info {
	prize_unmet unmet;
	int entry; /* the entry index the reason is about, or -1 */
	int count; /* see prize_unmet */
	int max_load, min_load;
	int components; /* of the overlap graph among jurors with a load */
	double ideal;	/* n*k/m */
	int raised;	/* 1: the smallest load left the design disconnected; a connected
			 * one was found with one more entry for some jurors */
} prize_assign_info;

/* prize_progress - called during a long assignment: the phase ("flow",
 * "balance", "design", "join") and how far it is (0..1). */
typedef void (*prize_progress)(void *ctx, const char *phase, double done);

/* prize_assign - fill assigned[n*m] (1 = juror j scores entry i).
 * CF_OK when all of coverage, balance within what the conflicts allow and
 * connectivity hold; CF_ERR_INVALID when coverage cannot be met (assigned
 * then holds the largest partial assignment); CF_ERR_CONFLICT when coverage
 * holds but the overlap graph cannot be connected. info says why. */
cf_err prize_assign(int n, int m, int k, const unsigned char *allowed, uint64_t seed,
		    unsigned char *assigned, prize_assign_info *info) CF_MUST_USE;
/* prize_assign_progress - the same, reporting progress to fn (may be NULL).
 * Before searching, the allowed graph (entries and jurors linked where no
 * conflict forbids) is checked: when it falls apart, no design can be
 * connected and the answer (PRIZE_UNMET_SPLIT, with a coverage assignment)
 * comes at once. When the smallest load leaves the design disconnected,
 * one more entry per juror is tried before giving up (info->raised). */
cf_err prize_assign_progress(int n, int m, int k, const unsigned char *allowed, uint64_t seed,
			     unsigned char *assigned, prize_assign_info *info, prize_progress fn,
			     void *ctx) CF_MUST_USE;

/* prize_components - connected components of the overlap graph of an
 * assignment, counting only jurors with at least one entry. */
int prize_components(int n, int m, const unsigned char *assigned);

#endif
