/*
 * stand_venue.h - what the venue page (stand_venue.c) and its edits
 * (stand_venue_edit.c) share: the forms' fields and the helpers that read,
 * fill and show them. Not for other files: their interface is stand.h.
 */
#ifndef CF_PAGES_STAND_VENUE_H
#define CF_PAGES_STAND_VENUE_H
#include "../model/stand.h"
#include "admin_form.h"
#include "edition.h"
#include "pages.h"

enum { H_WIDTH, H_DEPTH, H_OUTLINE, H_WC, H_WS, H_WF, H__MAX };
enum { Z_KIND, Z_AR, Z_FR, Z_X, Z_Y, Z_W, Z_H, Z_SPACE, Z__MAX };
enum {
	S_CODE,
	S_X,
	S_Y,
	S_W,
	S_H,
	S_CAP,
	S_SPACE,
	S_CORNER,
	S_AISLE,
	S_NEAR,
	S_POWER,
	S_WATER,
	S_ACCESS,
	S_LOCKED,
	S__MAX
};
enum {
	B_PREFIX,
	B_FIRST,
	B_ROWS,
	B_COLS,
	B_X,
	B_Y,
	B_W,
	B_H,
	B_AISLE,
	B_CAP,
	B_SPACE,
	B_POWER,
	B_WATER,
	B_ACCESS,
	B__MAX
};

/* venue_metres - a length typed by a person (digits, Arabic-Indic too, a
 * decimal point or comma): 1 and *out in [0, 1000] when it is one.
 * venue_lengths - the metre fields idx[0..n) of fm into out; a field that is
 * no length is rejected (pos: 1 when it must be more than zero). */
int venue_metres(const char *s, double *out);
void venue_lengths(request *r, form *fm, const int *idx, int n, double *out, int pos);
/* venue_forms_init - the four forms with the edition's spaces to choose
 * from; venue_hall_from_plan - the hall's form filled from the plan. */
void venue_forms_init(request *r, int64_t ed, form *hall, form *zone, form *st, form *blk);
void venue_hall_from_plan(request *r, form *hall, const stand_plan *pl);
/* venue_load - the edition and its plan (a plan with no hall yet is empty);
 * 0 when the page was answered. venue_render - the page: the four forms
 * (zone_id / stand_id: the object being edited, 0 for a new one) and the
 * map; error, when not NULL, above everything. venue_posted_id - the
 * posted id. */
int venue_load(request *r, edition *ed, stand_plan *pl);
void venue_render(request *r, const edition *ed, const stand_plan *pl, form *hall, form *zone,
		  int64_t zone_id, form *st, int64_t stand_id, form *blk, const char *error);
int64_t venue_posted_id(request *r);

#endif
