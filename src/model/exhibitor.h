/*
 * exhibitor.h - the exhibitors of an edition, as the public sees them.
 *
 * Public reads only: these structs carry no private field (phone, email,
 * contact person), so a page built from them cannot leak one.
 */
#ifndef CF_EXHIBITOR_H
#define CF_EXHIBITOR_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "text.h"

typedef struct exhibitor_row {
	int64_t id;
	const char *name_ar, *name_fr;
	const char *province_code;
	text3 province; /* en falls back to fr */
	text3 region;
	int outside_region; /* not from the edition's region */
	const char *category_code;
	text3 category;
	const char *stand; /* "" when not yet assigned */
	int women_led;
	int is_sample;
} exhibitor_row;

typedef struct exhibitor_detail {
	exhibitor_row row;
	const char *legal_form; /* cooperative, association, eig, artisan */
	const char *reg_number;
	const char *sector;
	const char *products_ar, *products_fr;
	int members_women, members_men, members_young;
	const char *stand_mates_ar[4], *stand_mates_fr[4]; /* the others on the stand */
	int64_t stand_mate_ids[4];
	int nstand_mates;
} exhibitor_detail;

typedef struct exhibitor_filter {
	const char *category; /* category code or NULL */
	const char *province; /* province code or NULL */
	int page;	      /* 1-based */
	int per_page;	      /* EXHIBITOR_ALL: every row (as many as the count) */
} exhibitor_filter;
#define EXHIBITOR_ALL (-1)

typedef struct exhibitor_counts {
	int total, women_led, men_led, outside_region;
	int ncat;
	struct {
		const char *code;
		int n;
	} by_category[16];
} exhibitor_counts;

/* exhibitor_list - one page of the filtered list; *total gets the count of
 * all matching rows. Returns the number of rows in *out (arena-owned). */
cf_err exhibitor_list(arena *a, int64_t edition_id, const exhibitor_filter *f, exhibitor_row **out,
		      int *total, size_t *count) CF_MUST_USE;
/* exhibitor_counts_of - counts over the whole edition (unfiltered). */
cf_err exhibitor_counts_of(arena *a, int64_t edition_id, exhibitor_counts *c) CF_MUST_USE;
/* exhibitor_get - one exhibitor of the edition; CF_ERR_NOTFOUND if none. */
cf_err exhibitor_get(arena *a, int64_t edition_id, int64_t id, exhibitor_detail *out) CF_MUST_USE;

#endif
