/*
 * stand_venue_edit.c - the venue's edits (see stand_venue.c for the page,
 * its forms and the routes): the hall, zones and stands saved or deleted one
 * by one, the entrances, and the block generator. Each is one transaction
 * with its audit record; a refusal re-shows the page with what was typed.
 * Every handler starts with venue_begin (stand_venue.c: the edition, its
 * plan, the forms, the posted id) and ends with venue_refuse or venue_done.
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "admin_form.h"
#include "edition.h"
#include "stand.h"
#include "stand_venue.h"

#include <stdlib.h>
#include <string.h>

/* POST /admin/stands/venue/hall */
void page_stand_venue_hall(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_PAGE, NULL))
		return;
	form *hall = &v.hall;
	form_read(r, hall);
	double m[5];
	static const int idx[5] = { H_WIDTH, H_DEPTH, H_WC, H_WS, H_WF };
	venue_lengths(r, hall, idx, 2, m, 1);
	for (int k = 2; k < 5; k++)
		if (!hall->err[idx[k]] && (!venue_metres(hall->val[idx[k]], &m[k]) || m[k] > 100))
			form_reject(hall, idx[k],
				    tr(r->lang, "Enter a weight from 0 to 100, for example 2.5."));
	double xy[2 * STAND_OUTLINE_MAX];
	size_t n = 0;
	if (!hall->err[H_OUTLINE] && *hall->val[H_OUTLINE]) {
		if (!stand_outline_parse(hall->val[H_OUTLINE], xy, STAND_OUTLINE_MAX, &n))
			form_reject(hall, H_OUTLINE,
				    tr(r->lang, "Enter 3 to 64 corners as x,y in metres, apart by "
						"spaces, with no wall crossing another."));
		else if (!hall->err[H_WIDTH] && !hall->err[H_DEPTH])
			for (size_t i = 0; i < n; i++)
				if (xy[2 * i] > m[0] + 1e-6 || xy[2 * i + 1] > m[1] + 1e-6) {
					form_reject(hall, H_OUTLINE,
						    tr(r->lang, "Every corner must lie within the "
								"width and depth of the hall."));
					break;
				}
	}
	if (hall->nerr) {
		venue_refuse(r, &v);
		return;
	}
	stand_hall h = { m[0], m[1], hall->val[H_OUTLINE], m[2], m[3], m[4] };
	venue_done(r, stand_hall_save(r->user_id, v.ed.id, &h), "saved", "hall");
}

/* POST /admin/stands/venue/zone */
void page_stand_venue_zone(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_ID, &v.zone_id))
		return;
	form *zone = &v.zone;
	const stand_plan *pl = &v.pl;
	form_read(r, zone);
	double m[4];
	static const int idx[4] = { Z_X, Z_Y, Z_W, Z_H };
	venue_lengths(r, zone, idx, 2, m, 0);
	venue_lengths(r, zone, idx + 2, 2, m + 2, 1);
	if (!zone->nerr && (m[0] + m[2] > pl->width + 1e-6 || m[1] + m[3] > pl->depth + 1e-6))
		form_reject(zone, m[0] + m[2] > pl->width + 1e-6 ? Z_W : Z_H,
			    tr(r->lang, "The zone goes beyond the walls of the hall."));
	if (zone->nerr) {
		venue_refuse(r, &v);
		return;
	}
	long long space = 0;
	(void)page_int(zone->val[Z_SPACE], 0, INT64_MAX, &space);
	stand_zone_row z = { .id = v.zone_id,
			     .space_id = space,
			     .kind = zone->val[Z_KIND],
			     .name_ar = zone->val[Z_AR],
			     .name_fr = zone->val[Z_FR],
			     .x = m[0],
			     .y = m[1],
			     .w = m[2],
			     .h = m[3] };
	venue_done(r, stand_zone_save(r->user_id, v.ed.id, &z), v.zone_id ? "saved" : "created",
		   "zones");
}

/* POST /admin/stands/venue/zone/delete */
void page_stand_venue_zone_delete(request *r)
{
	venue v;
	int64_t id;
	if (!venue_begin(r, &v, VENUE_ID, &id))
		return;
	venue_done(r, id > 0 ? stand_zone_delete(r->user_id, v.ed.id, id) : CF_ERR_NOTFOUND,
		   "deleted", "zones");
}

/* door_in_polygon - refuse the door m (x, y, width) of a polygon hall that
 * is not on its outline or inside it, naming the wall it crosses by its two
 * corners as the committee typed them (stand_door_fit_of) and, when it
 * starts inside, where it leaves the hall and the width that fits (on the
 * width field); when it starts outside and enters the hall, where it enters
 * and the width that fits from there (on the distance from the left wall,
 * like the other refusals). */
static void door_in_polygon(request *r, form *door, const stand_plan *pl, const double *m, int down)
{
	lang l = r->lang;
	stand_door_fit f = stand_door_fit_of(pl->outline, pl->noutline, m[0], m[1], m[2], down);
	if (f.verdict == STAND_DOOR_INSIDE)
		return;
	const double *a = pl->outline + 2 * f.wall;
	const double *b = pl->outline + 2 * ((f.wall + 1) % pl->noutline);
	if (f.verdict == STAND_DOOR_LEAVES && f.width > 0)
		form_reject(
			door, E_W,
			arena_printf(r->a,
				     tr(l, "The door crosses the wall from (%g, %g) to (%g, %g) "
					   "at (%g, %g): a width of at most %g m keeps it "
					   "inside the hall."),
				     a[0], a[1], b[0], b[1], f.x, f.y, f.width));
	else if (f.verdict == STAND_DOOR_LEAVES)
		form_reject(door, E_X,
			    arena_printf(r->a,
					 tr(l, "The door runs out of the hall right where it "
					       "begins, across the wall from (%g, %g) to (%g, %g): "
					       "move it so that it lies on the outline of the hall "
					       "or inside it."),
					 a[0], a[1], b[0], b[1]));
	else if (f.width > 0) /* it enters the hall: where, and how wide from there */
		form_reject(
			door, E_X,
			arena_printf(r->a,
				     tr(l, "The door begins outside the hall, beyond the wall "
					   "from (%g, %g) to (%g, %g), and enters it at (%g, %g): "
					   "start it there, with a width of at most %g m."),
				     a[0], a[1], b[0], b[1], f.x, f.y, f.width));
	else
		form_reject(door, E_X,
			    arena_printf(r->a,
					 tr(l, "The door begins outside the hall, beyond the wall "
					       "from (%g, %g) to (%g, %g): move it so that it lies "
					       "on the outline of the hall or inside it."),
					 a[0], a[1], b[0], b[1]));
}

/* POST /admin/stands/venue/entrance: names in Arabic and French, the door
 * on the walls of the hall or inside them, its width more than 0. */
void page_stand_venue_entrance(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_ID, &v.door_id))
		return;
	lang l = r->lang;
	form *door = &v.door;
	const stand_plan *pl = &v.pl;
	form_read(r, door);
	double m[3];
	static const int idx[3] = { E_X, E_Y, E_W };
	venue_lengths(r, door, idx, 2, m, 0);
	venue_lengths(r, door, idx + 2, 1, m + 2, 1);
	int down = !strcmp(door->val[E_VERT], "1"); /* down a side wall */
	if (down && !door->err[E_X] && m[0] > pl->width + 1e-6)
		form_reject(door, E_X,
			    arena_printf(r->a,
					 tr(l, "The door lies beyond the right wall: enter at most "
					       "the width of the hall, %g m (0 puts it on the left "
					       "wall, the width on the right wall)."),
					 pl->width));
	if (down && !door->err[E_Y] && !door->err[E_W] && m[1] + m[2] > pl->depth + 1e-6)
		form_reject(door, E_Y,
			    arena_printf(r->a,
					 tr(l, "The door goes beyond the bottom wall: the distance "
					       "from the top wall and the door's width together "
					       "must not pass the depth of the hall, %g m."),
					 pl->depth));
	if (!down && !door->err[E_X] && !door->err[E_W] && m[0] + m[2] > pl->width + 1e-6)
		form_reject(door, E_X,
			    arena_printf(r->a,
					 tr(l, "The door goes beyond the right wall: the distance "
					       "from the left wall and the door's width together "
					       "must not pass the width of the hall, %g m."),
					 pl->width));
	if (!down && !door->err[E_Y] && m[1] > pl->depth + 1e-6)
		form_reject(
			door, E_Y,
			arena_printf(r->a,
				     tr(l, "The door lies beyond the bottom wall: enter at most "
					   "the depth of the hall, %g m (0 puts it on the top "
					   "wall, the depth on the bottom wall)."),
				     pl->depth));
	if (!door->nerr)
		door_in_polygon(r, door, pl, m, down);
	if (door->nerr) {
		venue_refuse(r, &v);
		return;
	}
	stand_entrance_row g = { .id = v.door_id,
				 .name_ar = door->val[E_AR],
				 .name_fr = door->val[E_FR],
				 .x = m[0],
				 .y = m[1],
				 .w = m[2],
				 .vertical = down };
	size_t changed = 0;
	cf_err e = stand_entrance_save(r->user_id, v.ed.id, &g, &changed);
	venue_done(r, e,
		   arena_printf(r->a, "%s&near=%zu", v.door_id ? "saved" : "created", changed),
		   "entrances");
}

/* POST /admin/stands/venue/entrance/delete */
void page_stand_venue_entrance_delete(request *r)
{
	venue v;
	int64_t id;
	if (!venue_begin(r, &v, VENUE_ID, &id))
		return;
	size_t changed = 0;
	cf_err e =
		id > 0 ? stand_entrance_delete(r->user_id, v.ed.id, id, &changed) : CF_ERR_NOTFOUND;
	venue_done(r, e, arena_printf(r->a, "deleted&near=%zu", changed), "entrances");
}

/* POST /admin/stands/venue/stand */
void page_stand_venue_stand(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_ID, &v.stand_id))
		return;
	lang l = r->lang;
	int64_t id = v.stand_id;
	form *st = &v.st;
	const stand_plan *pl = &v.pl;
	form_read(r, st);
	double m[4];
	static const int idx[4] = { S_X, S_Y, S_W, S_H };
	venue_lengths(r, st, idx, 2, m, 0);
	venue_lengths(r, st, idx + 2, 2, m + 2, 1);
	const char *code = st->val[S_CODE];
	if (!st->err[S_CODE] && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					     "0123456789-") != strlen(code))
		form_reject(st, S_CODE, tr(l, "Use Latin letters, digits and hyphens, e.g. A01."));
	for (size_t i = 0; i < pl->nstands && !st->err[S_CODE]; i++)
		if (pl->stands[i].id != id && !strcmp(pl->stands[i].code, code))
			form_reject(st, S_CODE, tr(l, "Another stand already has this code."));
	if (!st->err[S_X] && !st->err[S_Y] && !st->err[S_W] && !st->err[S_H]) {
		if (m[0] + m[2] > pl->width + 1e-6 || m[1] + m[3] > pl->depth + 1e-6 ||
		    !stand_rect_in(pl->outline, pl->noutline, m[0], m[1], m[2], m[3]))
			form_reject(st, S_X,
				    tr(l, "The stand lies outside the walls of the hall."));
		for (size_t i = 0; i < pl->nstands && !st->err[S_X]; i++) {
			const stand_site *o = &pl->stands[i].site;
			if (pl->stands[i].id != id &&
			    stand_rects_overlap(m[0], m[1], m[2], m[3], o->x, o->y, o->w, o->h))
				form_reject(st, S_X,
					    arena_printf(r->a,
							 tr(l, "The stand overlaps stand %s."),
							 pl->stands[i].code));
		}
	}
	if (st->nerr) {
		venue_refuse(r, &v);
		return;
	}
	long long space = 0;
	(void)page_int(st->val[S_SPACE], 0, INT64_MAX, &space);
	long long cap = 2;
	(void)page_int(st->val[S_CAP], 1, 20, &cap);
	int ck[6]; /* corner, main aisle, power, water, accessible, locked */
	for (int k = 0; k < 6; k++)
		ck[k] = !strcmp(st->val[S_CORNER + k], "1");
	stand_row s = { .id = id,
			.code = code,
			.site = { .x = m[0],
				  .y = m[1],
				  .w = m[2],
				  .h = m[3],
				  .capacity = (int)cap,
				  .offers = (ck[2] ? STAND_NEED_POWER : 0) |
					    (ck[3] ? STAND_NEED_WATER : 0) |
					    (ck[4] ? STAND_NEED_ACCESS : 0),
				  .locked = ck[5] },
			.corner = ck[0],
			.main_aisle = ck[1],
			.zone_space_id = space };
	cf_err e = stand_stand_save(r->user_id, v.ed.id, &s);
	if (e == CF_ERR_CONFLICT) {
		form_reject(st, S_CODE, tr(l, "Another stand already has this code."));
		venue_refuse(r, &v);
		return;
	}
	venue_done(r, e, id ? "saved" : "created", "stands");
}

/* POST /admin/stands/venue/stand/delete */
void page_stand_venue_stand_delete(request *r)
{
	venue v;
	int64_t id;
	if (!venue_begin(r, &v, VENUE_ID, &id))
		return;
	cf_err e = id > 0 ? stand_stand_delete(r->user_id, v.ed.id, id) : CF_ERR_NOTFOUND;
	if (e == CF_ERR_CONFLICT) {
		r->status = 409;
		venue_render(r, &v,
			     tr(r->lang,
				"Exhibitors are on this stand: move them to other stands first. "
				"Nothing was changed."));
		return;
	}
	venue_done(r, e, "deleted", "stands");
}

/* POST /admin/stands/venue/block */
void page_stand_venue_block(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_HALL, NULL))
		return;
	lang l = r->lang;
	form *blk = &v.blk;
	form_read(r, blk);
	double m[5];
	static const int idx[5] = { B_X, B_Y, B_W, B_H, B_AISLE };
	venue_lengths(r, blk, idx, 2, m, 0);
	venue_lengths(r, blk, idx + 2, 2, m + 2, 1);
	venue_lengths(r, blk, idx + 4, 1, m + 4, 0);
	const char *prefix = blk->val[B_PREFIX];
	if (!blk->err[B_PREFIX] &&
	    strspn(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
		    strlen(prefix))
		form_reject(blk, B_PREFIX, tr(l, "Use Latin letters only, e.g. B."));
	long long num[4] = { 1, 1, 1, 2 };
	static const int nidx[4] = { B_FIRST, B_ROWS, B_COLS, B_CAP };
	for (int k = 0; k < 4; k++)
		(void)page_int(blk->val[nidx[k]], 1, 999, &num[k]);
	if (blk->nerr) {
		venue_refuse(r, &v);
		return;
	}
	long long space = 0;
	(void)page_int(blk->val[B_SPACE], 0, INT64_MAX, &space);
	stand_block_spec b = { .prefix = prefix,
			       .first = (int)num[0],
			       .rows = (int)num[1],
			       .cols = (int)num[2],
			       .capacity = (int)num[3],
			       .x = m[0],
			       .y = m[1],
			       .w = m[2],
			       .h = m[3],
			       .aisle = m[4],
			       .offers = (!strcmp(blk->val[B_POWER], "1") ? STAND_NEED_POWER : 0) |
					 (!strcmp(blk->val[B_WATER], "1") ? STAND_NEED_WATER : 0) |
					 (!strcmp(blk->val[B_ACCESS], "1") ? STAND_NEED_ACCESS : 0),
			       .space_id = space };
	size_t made, skipped;
	cf_err e = stand_block_add(r->a, r->user_id, &v.pl, &b, &made, &skipped);
	if (req_fail(r, e))
		return;
	if (!made) {
		form_reject(blk, B_X,
			    tr(l, "No stand of this block fits: every place lies outside the hall "
				  "or over another stand."));
		venue_refuse(r, &v);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a,
				   "/admin/stands/venue?done=created&made=%zu&skipped=%zu#stands",
				   made, skipped));
}
