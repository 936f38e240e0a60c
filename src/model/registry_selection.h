/*
 * registry_selection.h - the committee's selection over an edition's
 * applications: the rules (places, per-category and outside-region bounds),
 * the assistant's candidates and proposal (the solver is registry_solve.h),
 * applying it, and publication of the accepted ones as exhibitors
 * (registry_selection.c). Model code: no HTML, no HTTP.
 */
#ifndef CF_REGISTRY_SELECTION_H
#define CF_REGISTRY_SELECTION_H
#include "registry_app.h"
#include "registry_solve.h"

typedef struct sel_edition {
	sel_rules rules;
	int stands, per_stand;
	int64_t cat_ids[SEL_CATS];
	const char *cat_codes[SEL_CATS];
	text3 cat_names[SEL_CATS];
	const char *published_at; /* "" when never published */
} sel_edition;

/* sel_rules_get - the edition's rules (defaults from the edition's plan
 * when never set: stands planned, 2 per stand, outside planned, no share). */
cf_err sel_rules_get(arena *a, int64_t edition_id, sel_edition *out) CF_MUST_USE;
cf_err sel_rules_set(int64_t actor, int64_t edition_id, const sel_edition *in) CF_MUST_USE;
/* sel_candidates - the applications the assistant considers (scored, with a
 * category, not draft/rejected/withdrawn), as candidates and applications. */
cf_err sel_candidates(arena *a, int64_t edition_id, const sel_edition *ed, sel_candidate **cand,
		      application **apps, int *count) CF_MUST_USE;
/* sel_apply - make the proposal the committee's decision: chosen ones
 * accepted, the other candidates wait-listed, each with its reason. */
cf_err sel_apply(int64_t actor, int64_t edition_id, const application *apps, const char *chosen,
		 int n) CF_MUST_USE;
/* sel_accepted_breaks - the rules the current accepted set breaks. */
cf_err sel_accepted_breaks(arena *a, int64_t edition_id, const sel_edition *ed, int *accepted,
			   unsigned *broken) CF_MUST_USE;
/* sel_next_waitlisted - when places are free, the best-scored wait-listed
 * application whose acceptance keeps every rule; 0 when none. */
cf_err sel_next_waitlisted(arena *a, int64_t edition_id, const sel_edition *ed,
			   int64_t *next) CF_MUST_USE;
/* sel_publish - accepted applications become the edition's exhibitors
 * (public list); exhibitors whose application was withdrawn or rejected
 * are removed; every applicant whose decision changed since the last
 * publication is notified. *added / *removed get the counts. */
cf_err sel_publish(int64_t actor, int64_t edition_id, int *added, int *removed) CF_MUST_USE;

#endif
