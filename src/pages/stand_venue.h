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
	S_POWER,
	S_WATER,
	S_ACCESS,
	S_LOCKED,
	S__MAX
};
enum { E_AR, E_FR, E_X, E_Y, E_W, E_VERT, E__MAX };
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
/* The venue page's state: the edition, its plan, the five forms and the
 * object each form edits (0: a new one). */
typedef struct venue {
	edition ed;
	stand_plan pl;
	form hall, zone, st, blk, door;
	int64_t zone_id, stand_id, door_id;
} venue;

/* venue_begin - the edition, its plan (a plan with no hall yet is empty) and
 * the forms with the edition's spaces to choose from, the hall's form filled
 * from the plan. need: VENUE_PAGE for the page and the hall's form,
 * VENUE_HALL for an edit that needs a saved hall (else 400), VENUE_ID for
 * one that also posts an id (0: a new object), returned in *id (else 400).
 * 0 when the page was answered. */
enum { VENUE_PAGE, VENUE_HALL, VENUE_ID };
int venue_begin(request *r, venue *v, int need, int64_t *id);
/* venue_render - the page: the forms and the map; error, when not NULL,
 * above everything. venue_refuse - the page again with status 400, the
 * forms showing what was typed and why. */
void venue_render(request *r, venue *v, const char *error);
void venue_refuse(request *r, venue *v);
/* venue_done - the end of a save (created: a new object) or a delete: 404
 * for an id not in the edition, the error page for another error, else back
 * to the page's section anchor with the notice. */
void venue_done(request *r, cf_err e, const char *done, const char *anchor);

#endif
