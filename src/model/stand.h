/*
 * stand.h - the floor plan and the stand allocation (issue 13).
 *
 * Two parts. The solver (stand_solve.c) is pure: it places exhibitors on
 * stands from plain arrays, knows nothing of the database, and is what the
 * benchmark links. The venue (stand_venue.c) reads and writes an edition's
 * plan, runs the solver on it and records the result. Neither emits HTML.
 *
 * The objective (lower is better; docs/stand.md) is
 *   w_cluster * cluster + w_share * share + w_fair * fair + STAND_W_HARD * broken
 * cluster: per category, the mean squared distance (m^2) of its exhibitors
 *          to the category's centre, summed over categories / 10;
 * share:   per stand shared by two exhibitors, 0 for one category, 0.5 for
 *          complementary categories, 1 otherwise;
 * fair:    for each family of groups (categories; first-time / returning;
 *          outside / inside the region), sum over groups of n_g * (mean
 *          footfall of the group - mean footfall of all)^2;
 * broken:  competitors marked apart on one stand or on neighbouring stands.
 * Capacity, needs, locked stands and requested pairs are never broken by
 * the solver: it does not make such a move. A hand move may break them; the
 * check (stand_check) then names the rule.
 */
#ifndef CF_STAND_H
#define CF_STAND_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../util/arena.h"

#define STAND_W_HARD 1000.0
#define STAND_NEED_POWER 1
#define STAND_NEED_WATER 2
#define STAND_NEED_ACCESS 4

typedef struct stand_site {
	double x, y, w, h; /* metres */
	int capacity;
	unsigned offers; /* STAND_NEED_* the stand has */
	double footfall; /* how good the place is, >= 0 */
	int locked;	 /* its exhibitors stay where they are */
} stand_site;

typedef struct stand_who {
	int category;	/* 0 .. ncat-1 */
	unsigned needs; /* STAND_NEED_* */
	int first_time; /* 0/1 */
	int outside;	/* 0/1: from outside the edition's region */
	int partner;	/* index of the exhibitor it shares with, or -1 */
	int stand;	/* current stand index or -1; in/out of stand_solve */
} stand_who;

typedef struct stand_problem {
	const stand_site *sites;
	size_t nsites;
	stand_who *who; /* .stand is the start and the result */
	size_t nwho;
	int ncat;
	const unsigned char *complement; /* ncat x ncat, 1 = complementary; may be NULL */
	const int *apart;		 /* napart pairs of exhibitor indexes */
	size_t napart;
	double w_cluster, w_share, w_fair;
} stand_problem;

/* The terms of the objective, each already weighted, and their sum. */
typedef struct stand_score {
	double cluster, share, fair, hard, total;
	int apart_broken;  /* competitors on one stand or neighbours */
	int over_capacity; /* stands holding more than their capacity */
	int needs_unmet;   /* exhibitors on a stand lacking a need */
	int pairs_split;   /* requested pairs not on one stand */
	int unplaced;	   /* exhibitors without a stand */
} stand_score;

/* stand_score_of - the score of the placement in p->who[].stand. */
stand_score stand_score_of(const stand_problem *p);

/* stand_solve - place every exhibitor: a greedy start (pairs first, by
 * category along the hall), then simulated annealing with moves of one
 * exhibitor, of a pair as one, swaps, and exchanges of two stands' contents;
 * iters moves in one run, or 0: per run 4000 moves per exhibitor from 320
 * exhibitors on (fewer below: 12.5 n per exhibitor, at least 500), and as
 * many runs as make 3 million moves (at most 256; one run from 750
 * exhibitors on), from greedy starts with the categories in turn in other
 * orders (2 ncat of them), the best kept; seeded by seed. Exhibitors on
 * locked stands stay. CF_ERR_STATE when the stands cannot hold everyone with
 * their needs (who[] then holds the best partial placement, -1 = none).
 * progress, when not NULL, is called about 20 times with done/total.
 * Reentrant: no state outside the call (two may run at once on two
 * threads, on different problems). */
cf_err stand_solve(const stand_problem *p, uint64_t iters, uint64_t seed,
		   void (*progress)(uint64_t done, uint64_t total)) CF_MUST_USE;

/* stand_greedy - the benchmark's baseline: categories in turn, each filling
 * the stands in hall order (top-left first); pairs first; needs respected. */
cf_err stand_greedy(const stand_problem *p) CF_MUST_USE;

/* stand_neighbours - 1 when two stands touch or face across <= 0.5 m. */
int stand_neighbours(const stand_site *a, const stand_site *b);

/* ---- the hall's outline, a polygon (stand_geom.c; pure) ---- */
#define STAND_OUTLINE_MAX 64 /* corners */
/* stand_outline_parse - the corners of "x,y x,y x,y ..." (metres, decimal
 * point, points apart by blanks or ';') into xy (2 * max doubles): 1 and *n
 * when it is a simple polygon of 3 to max corners (no wall crosses
 * another), else 0. */
int stand_outline_parse(const char *s, double *xy, size_t max, size_t *n);
/* stand_point_in - the point lies inside the polygon or on its wall. */
int stand_point_in(const double *xy, size_t n, double x, double y);
/* stand_rect_in - the rectangle lies wholly inside the polygon (touching
 * its walls is inside); always 1 when n is 0 (no outline). */
int stand_rect_in(const double *xy, size_t n, double x, double y, double w, double h);
/* stand_door_in - the door from (x, y) to (x + w, y) (to (x, y + w) when
 * vertical) lies wholly inside the polygon or on its walls; always 1 when n
 * is 0 (no outline). */
int stand_door_in(const double *xy, size_t n, double x, double y, double w, int vertical);
/* stand_door_fit_of - why the door of stand_door_in is refused, for a
 * refusal that names the wall (from corner wall to corner (wall + 1) % n,
 * numbered as the outline was typed):
 *   STAND_DOOR_INSIDE   it is taken (always, when n is 0);
 *   STAND_DOOR_LEAVES   it starts (its left or top end) on the outline or
 *                       inside, and leaves the hall across wall at (x, y);
 *                       width: the largest width that keeps it inside from
 *                       its start, in whole centimetres (taken as typed:
 *                       stand_door_in holds for it), 0 when it leaves at
 *                       its start;
 *   STAND_DOOR_OUTSIDE  it starts outside: wall is the one it crosses into
 *                       the hall, or, when it never enters, the one nearest
 *                       its start; when it enters, (x, y) is a start there
 *                       (rounded to whole centimetres, into the hall) and
 *                       width the largest that keeps it inside from there up
 *                       to its typed end (whole centimetres, taken as typed;
 *                       0: none, or it never enters).
 * Pure; stand_door_in is this with STAND_DOOR_INSIDE. */
enum { STAND_DOOR_INSIDE, STAND_DOOR_LEAVES, STAND_DOOR_OUTSIDE };
typedef struct stand_door_fit {
	int verdict;
	size_t wall;
	double x, y, width; /* not for STAND_DOOR_INSIDE */
} stand_door_fit;
stand_door_fit stand_door_fit_of(const double *xy, size_t n, double x, double y, double w,
				 int vertical);
/* stand_segments_meet - segments ab and cd have a point in common. */
int stand_segments_meet(const double *a, const double *b, const double *c, const double *d);
/* stand_rects_overlap - the insides of two rectangles overlap (sharing a
 * side is no overlap). */
int stand_rects_overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw,
			double bh);

/* ---- the venue of an edition (stand_venue.c) ---- */

typedef struct stand_row {
	int64_t id;
	const char *code;
	stand_site site;
	int corner, main_aisle, near_entrance;
	int64_t zone_space_id;
} stand_row;

typedef struct stand_zone_row {
	int64_t id, space_id; /* space_id 0: none */
	const char *kind, *name_ar, *name_fr;
	double x, y, w, h;
} stand_zone_row;

/* An entrance: a door of width w along a wall, from (x, y) to (x + w, y), or
 * down a side wall from (x, y) to (x, y + w) when vertical. */
typedef struct stand_entrance_row {
	int64_t id;
	const char *name_ar, *name_fr;
	double x, y, w;
	int vertical;
} stand_entrance_row;

/* stand_door_middle - the middle of the door g, what "near" is measured from. */
void stand_door_middle(const stand_entrance_row *g, double *mx, double *my);

typedef struct stand_exhibitor_row {
	int64_t id, cooperative_id, stand_id;
	int64_t category_id;
	int category; /* index into the plan's categories */
	const char *name_ar, *name_fr, *stand_code;
	int is_sample; /* a demo's generated exhibitor */
	stand_who who;
} stand_exhibitor_row;

typedef struct stand_plan {
	int64_t edition_id;
	double width, depth;
	/* the hall's outline when it is not the width x depth rectangle: n
	 * corners in xy (metres); text as the committee typed it, or NULL */
	const char *outline_text;
	double *outline;
	size_t noutline;
	double w_cluster, w_share, w_fair;
	const char *published_at; /* NULL: not published */
	stand_row *stands;
	size_t nstands;
	stand_zone_row *zones;
	size_t nzones;
	stand_entrance_row *entrances;
	size_t nentrances;
	stand_exhibitor_row *ex;
	size_t nex;
	int64_t *cat_ids; /* index -> category id */
	int ncat;
	unsigned char *complement;
	int *apart;
	size_t napart;
} stand_plan;

/* stand_plan_load - the whole plan of an edition, in arena a (stands by
 * code, exhibitors by French name). CF_ERR_NOTFOUND when the edition has no
 * hall (stand_venue row). */
cf_err stand_plan_load(arena *a, int64_t edition_id, stand_plan *out) CF_MUST_USE;

/* stand_plan_problem - the solver's view of a loaded plan (arrays in a). */
void stand_plan_problem(arena *a, stand_plan *pl, stand_problem *out);

/* stand_assign - run the solver on the edition and store each exhibitor's
 * stand; writes the outbox notices when the plan was published. */
cf_err stand_assign(int64_t edition_id, uint64_t iters, uint64_t seed, stand_score *out,
		    void (*progress)(uint64_t, uint64_t)) CF_MUST_USE;

/* stand_move - put exhibitor exhibitor_id on stand stand_id (0: none), by
 * hand: before/after give the scores; the move is stored even when it
 * breaks a rule (the page warns). CF_ERR_NOTFOUND for an unknown id. */
cf_err stand_move(arena *a, int64_t edition_id, int64_t exhibitor_id, int64_t stand_id,
		  stand_score *before, stand_score *after) CF_MUST_USE;

/* stand_unplaced_count - exhibitors of the edition without a stand (for the
 * back office's dashboard). */
cf_err stand_unplaced_count(int64_t edition_id, size_t *count) CF_MUST_USE;

/* stand_code_of_entry - the stand code of a prize entry's exhibitor, or
 * NULL when it has none (*code in a). */
cf_err stand_code_of_entry(arena *a, int64_t entry_id, const char **code) CF_MUST_USE;

/* stand_publish - mark the plan published now (ISO time passed by caller). */
cf_err stand_publish(int64_t edition_id, const char *now_iso) CF_MUST_USE;

/* stand_why - why exhibitor i of the plan is where it is, in a few words
 * (message ids for tr(); up to 4 written to out, count returned). */
size_t stand_why(const stand_plan *pl, size_t i, const char *out[4]);

/* stand_find - index of the first exhibitor whose name contains q (case-
 * insensitive for ASCII), or -1. */
int stand_find(const stand_plan *pl, const char *q);

/* ---- the committee edits the venue (stand_edit.c) ----
 * actor: the account, for the audit log. Every call is one transaction. */
typedef struct stand_hall {
	double width, depth; /* metres: the box holding the hall */
	const char *outline; /* corners of a polygon hall, or NULL/"": the box */
	double w_cluster, w_share, w_fair;
} stand_hall;
cf_err stand_hall_save(int64_t actor, int64_t edition_id, const stand_hall *h) CF_MUST_USE;
/* stand_zone_save - insert (z->id == 0; z->id set) or update a zone;
 * space_id 0 or a space of another edition: none. */
cf_err stand_zone_save(int64_t actor, int64_t edition_id, stand_zone_row *z) CF_MUST_USE;
cf_err stand_zone_delete(int64_t actor, int64_t edition_id, int64_t id) CF_MUST_USE;
/* stand_footfall_of - a place's footfall weight from its attributes:
 * 1 + corner + 2 main aisle + 2 near an entrance. */
double stand_footfall_of(int corner, int main_aisle, int near_entrance);
/* stand_stand_save - insert (r->id == 0; r->id set) or update a stand: code,
 * rectangle, capacity, offers, locked, corner / main aisle, zone_space_id.
 * Near an entrance is not taken from r: it follows from the edition's
 * entrances (stand_near_entrance), and the footfall from the three flags
 * (r->near_entrance is not read). CF_ERR_CONFLICT when the code
 * is taken. */
cf_err stand_stand_save(int64_t actor, int64_t edition_id, stand_row *r) CF_MUST_USE;
/* stand_stand_delete - CF_ERR_CONFLICT while exhibitors are on it. */
cf_err stand_stand_delete(int64_t actor, int64_t edition_id, int64_t id) CF_MUST_USE;

/* STAND_NEAR_M - a stand is near an entrance when its centre lies within
 * this many metres of the entrance's middle.
 * stand_near_entrance - 1 when the point (cx, cy), a stand's centre, is near
 * one of the n entrances g. Pure. */
#define STAND_NEAR_M 6.0
int stand_near_entrance(const stand_entrance_row *g, size_t n, double cx, double cy);
/* stand_entrance_save - insert (g->id == 0; g->id set) or update an
 * entrance; stand_entrance_delete - delete one (CF_ERR_NOTFOUND: no such
 * entrance in the edition). Both then set near_entrance and the footfall of
 * every stand of the edition from the geometry (a flag set by hand does not
 * stay), in the same transaction; *changed (may be NULL) counts the stands
 * whose flag or footfall changed. Validation (names, the door on the walls
 * or inside them, width > 0) is the page's. */
cf_err stand_entrance_save(int64_t actor, int64_t edition_id, stand_entrance_row *g,
			   size_t *changed) CF_MUST_USE;
cf_err stand_entrance_delete(int64_t actor, int64_t edition_id, int64_t id,
			     size_t *changed) CF_MUST_USE;
/* stand_near_refresh - inside the caller's transaction on d: near_entrance
 * and footfall of the edition's stands (only stand `only` when not 0) from
 * the geometry; *changed (may be NULL) counts the rows changed. The demo
 * uses it so that its plan follows the same rule. */
cf_err stand_near_refresh(db *d, int64_t edition_id, int64_t only, size_t *changed) CF_MUST_USE;

/* A block of stands: rows x cols stands of w x h metres from (x, y), rows
 * back to back in pairs with an aisle of aisle metres after each pair;
 * codes prefix + number from first ("B01"...). */
typedef struct stand_block_spec {
	const char *prefix;
	int first, rows, cols, capacity;
	double x, y, w, h, aisle;
	unsigned offers; /* STAND_NEED_* of every stand */
	int64_t space_id;
} stand_block_spec;
/* stand_block_layout - the block's stands that fit (inside the hall and its
 * outline, over no stand of pl, code not taken) into out (at most max);
 * their count is returned, the others counted in *skipped. Corner and near
 * an entrance follow from the geometry. out[i].id holds the cell's number
 * and out[i].code is NULL (stand_block_add names them). Pure. */
size_t stand_block_layout(const stand_plan *pl, const stand_block_spec *b, stand_row *out,
			  size_t max, size_t *skipped);
/* stand_block_add - lay out the block on pl's edition and store its stands. */
cf_err stand_block_add(arena *a, int64_t actor, const stand_plan *pl, const stand_block_spec *b,
		       size_t *made, size_t *skipped) CF_MUST_USE;

/* ---- the partner cooperative an applicant asks to share a stand with ----
 * application.share_coop_id; the allocator pairs two applicants when each
 * chose the other, or one chose the other and the other chose nobody. */
typedef struct stand_coop {
	int64_t id;
	const char *name_ar, *name_fr;
} stand_coop;
/* stand_partner_choices - the other cooperatives applying to the edition
 * (not withdrawn), by French name; arrays in a. */
cf_err stand_partner_choices(arena *a, int64_t edition_id, int64_t coop_id, stand_coop **out,
			     size_t *count) CF_MUST_USE;
/* stand_partner_get - the partner chosen (0: none, or no application). */
cf_err stand_partner_get(int64_t edition_id, int64_t coop_id, int64_t *partner) CF_MUST_USE;

#endif
