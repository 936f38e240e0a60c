/*
 * edition.h - an edition of a fair and what it is made of: spaces,
 * organiser and partners, production (prize) categories, side events.
 * Model code: no HTML, no HTTP. Everything returned lives in the arena given.
 */
#ifndef CF_EDITION_H
#define CF_EDITION_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "text.h"

typedef struct edition {
	int64_t id;
	const char *slug;
	int number;
	text3 name, slogan, city, chair, region;
	int64_t region_id;
	const char *starts_on, *ends_on; /* ISO dates */
	int area_m2;
	int stands_planned, exhibitors_planned, outside_region_planned;
} edition;

/* A named thing of an edition: space, organisation, category, side event. */
typedef struct named {
	int64_t id;
	const char *code; /* space kind, category code, organisation short name */
	text3 name, about;
} named;

typedef enum org_role { ORG_ORGANISER, ORG_PARTNER } org_role;

/* edition_current - the public edition shown on the home page: the most
 * recent public one. CF_ERR_NOTFOUND when there is none. */
cf_err edition_current(arena *a, edition *out) CF_MUST_USE;
cf_err edition_by_id(arena *a, int64_t id, edition *out) CF_MUST_USE;

/* Lists: the count is returned, the array (arena-owned) in *out. */
cf_err edition_spaces(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;
cf_err edition_organisations(arena *a, int64_t edition_id, org_role role, named **out,
			     size_t *count) CF_MUST_USE;
cf_err edition_categories(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;
cf_err edition_side_events(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;

/* edition_days - number of days from starts_on to ends_on inclusive. */
int edition_days(const edition *e);

#endif
