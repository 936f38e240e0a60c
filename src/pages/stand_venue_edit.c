/*
 * stand_venue_edit.c - the venue's edits (see stand_venue.c for the page,
 * its forms and the routes): the hall, zones and stands saved or deleted one
 * by one, and the block generator. Each is one transaction with its audit
 * record; a refusal re-shows the page with what was typed.
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
	edition ed;
	stand_plan pl;
	if (!venue_load(r, &ed, &pl))
		return;
	form hall, zone, st, blk;
	venue_forms_init(r, ed.id, &hall, &zone, &st, &blk);
	form_read(r, &hall);
	double v[5];
	static const int idx[5] = { H_WIDTH, H_DEPTH, H_WC, H_WS, H_WF };
	venue_lengths(r, &hall, idx, 2, v, 1);
	for (int k = 2; k < 5; k++)
		if (!hall.err[idx[k]] && (!venue_metres(hall.val[idx[k]], &v[k]) || v[k] > 100))
			form_reject(&hall, idx[k],
				    tr(r->lang, "Enter a weight from 0 to 100, for example 2.5."));
	double xy[2 * STAND_OUTLINE_MAX];
	size_t n = 0;
	if (!hall.err[H_OUTLINE] && *hall.val[H_OUTLINE]) {
		if (!stand_outline_parse(hall.val[H_OUTLINE], xy, STAND_OUTLINE_MAX, &n))
			form_reject(&hall, H_OUTLINE,
				    tr(r->lang, "Enter 3 to 64 corners as x,y in metres, apart by "
						"spaces, with no wall crossing another."));
		else if (!hall.err[H_WIDTH] && !hall.err[H_DEPTH])
			for (size_t i = 0; i < n; i++)
				if (xy[2 * i] > v[0] + 1e-6 || xy[2 * i + 1] > v[1] + 1e-6) {
					form_reject(&hall, H_OUTLINE,
						    tr(r->lang, "Every corner must lie within the "
								"width and depth of the hall."));
					break;
				}
	}
	if (hall.nerr) {
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, 0, &blk, NULL);
		return;
	}
	stand_hall h = { v[0], v[1], hall.val[H_OUTLINE], v[2], v[3], v[4] };
	if (req_fail(r, stand_hall_save(r->user_id, ed.id, &h)))
		return;
	resp_redirect(r, "/admin/stands/venue?done=saved");
}

/* POST /admin/stands/venue/zone */
void page_stand_venue_zone(request *r)
{
	edition ed;
	stand_plan pl;
	if (!venue_load(r, &ed, &pl))
		return;
	int64_t id = venue_posted_id(r);
	if (id < 0 || pl.width <= 0) {
		page_error(r, 400, NULL);
		return;
	}
	form hall, zone, st, blk;
	venue_forms_init(r, ed.id, &hall, &zone, &st, &blk);
	venue_hall_from_plan(r, &hall, &pl);
	form_read(r, &zone);
	double v[4];
	static const int idx[4] = { Z_X, Z_Y, Z_W, Z_H };
	venue_lengths(r, &zone, idx, 2, v, 0);
	venue_lengths(r, &zone, idx + 2, 2, v + 2, 1);
	if (!zone.nerr && (v[0] + v[2] > pl.width + 1e-6 || v[1] + v[3] > pl.depth + 1e-6))
		form_reject(&zone, v[0] + v[2] > pl.width + 1e-6 ? Z_W : Z_H,
			    tr(r->lang, "The zone goes beyond the walls of the hall."));
	if (zone.nerr) {
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, id, &st, 0, &blk, NULL);
		return;
	}
	long long space = 0;
	(void)page_int(zone.val[Z_SPACE], 0, INT64_MAX, &space);
	stand_zone_row z = { .id = id,
			     .space_id = space,
			     .kind = zone.val[Z_KIND],
			     .name_ar = zone.val[Z_AR],
			     .name_fr = zone.val[Z_FR],
			     .x = v[0],
			     .y = v[1],
			     .w = v[2],
			     .h = v[3] };
	cf_err e = stand_zone_save(r->user_id, ed.id, &z);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, id ? "/admin/stands/venue?done=saved#zones"
			    : "/admin/stands/venue?done=created#zones");
}

/* POST /admin/stands/venue/zone/delete */
void page_stand_venue_zone_delete(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	int64_t id = venue_posted_id(r);
	cf_err e = id > 0 ? stand_zone_delete(r->user_id, ed.id, id) : CF_ERR_NOTFOUND;
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/stands/venue?done=deleted#zones");
}

/* POST /admin/stands/venue/stand */
void page_stand_venue_stand(request *r)
{
	edition ed;
	stand_plan pl;
	if (!venue_load(r, &ed, &pl))
		return;
	int64_t id = venue_posted_id(r);
	if (id < 0 || pl.width <= 0) {
		page_error(r, 400, NULL);
		return;
	}
	lang l = r->lang;
	form hall, zone, st, blk;
	venue_forms_init(r, ed.id, &hall, &zone, &st, &blk);
	venue_hall_from_plan(r, &hall, &pl);
	form_read(r, &st);
	double v[4];
	static const int idx[4] = { S_X, S_Y, S_W, S_H };
	venue_lengths(r, &st, idx, 2, v, 0);
	venue_lengths(r, &st, idx + 2, 2, v + 2, 1);
	const char *code = st.val[S_CODE];
	if (!st.err[S_CODE] && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					    "0123456789-") != strlen(code))
		form_reject(&st, S_CODE, tr(l, "Use Latin letters, digits and hyphens, e.g. A01."));
	for (size_t i = 0; i < pl.nstands && !st.err[S_CODE]; i++)
		if (pl.stands[i].id != id && !strcmp(pl.stands[i].code, code))
			form_reject(&st, S_CODE, tr(l, "Another stand already has this code."));
	if (!st.err[S_X] && !st.err[S_Y] && !st.err[S_W] && !st.err[S_H]) {
		if (v[0] + v[2] > pl.width + 1e-6 || v[1] + v[3] > pl.depth + 1e-6 ||
		    !stand_rect_in(pl.outline, pl.noutline, v[0], v[1], v[2], v[3]))
			form_reject(&st, S_X,
				    tr(l, "The stand lies outside the walls of the hall."));
		for (size_t i = 0; i < pl.nstands && !st.err[S_X]; i++) {
			const stand_site *o = &pl.stands[i].site;
			if (pl.stands[i].id != id &&
			    stand_rects_overlap(v[0], v[1], v[2], v[3], o->x, o->y, o->w, o->h))
				form_reject(&st, S_X,
					    arena_printf(r->a,
							 tr(l, "The stand overlaps stand %s."),
							 pl.stands[i].code));
		}
	}
	if (st.nerr) {
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, id, &blk, NULL);
		return;
	}
	long long space = 0;
	(void)page_int(st.val[S_SPACE], 0, INT64_MAX, &space);
	long long cap = 2;
	(void)page_int(st.val[S_CAP], 1, 20, &cap);
	int ck[7];
	for (int k = 0; k < 7; k++)
		ck[k] = !strcmp(st.val[S_CORNER + k], "1");
	stand_row s = { .id = id,
			.code = code,
			.site = { .x = v[0],
				  .y = v[1],
				  .w = v[2],
				  .h = v[3],
				  .capacity = (int)cap,
				  .offers = (ck[3] ? STAND_NEED_POWER : 0) |
					    (ck[4] ? STAND_NEED_WATER : 0) |
					    (ck[5] ? STAND_NEED_ACCESS : 0),
				  .locked = ck[6] },
			.corner = ck[0],
			.main_aisle = ck[1],
			.near_entrance = ck[2],
			.zone_space_id = space };
	cf_err e = stand_stand_save(r->user_id, ed.id, &s);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e == CF_ERR_CONFLICT) {
		form_reject(&st, S_CODE, tr(l, "Another stand already has this code."));
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, id, &blk, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, id ? "/admin/stands/venue?done=saved#stands"
			    : "/admin/stands/venue?done=created#stands");
}

/* POST /admin/stands/venue/stand/delete */
void page_stand_venue_stand_delete(request *r)
{
	edition ed;
	stand_plan pl;
	if (!venue_load(r, &ed, &pl))
		return;
	int64_t id = venue_posted_id(r);
	cf_err e = id > 0 ? stand_stand_delete(r->user_id, ed.id, id) : CF_ERR_NOTFOUND;
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e == CF_ERR_CONFLICT) {
		form hall, zone, st, blk;
		venue_forms_init(r, ed.id, &hall, &zone, &st, &blk);
		venue_hall_from_plan(r, &hall, &pl);
		r->status = 409;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, 0, &blk,
			     tr(r->lang,
				"Exhibitors are on this stand: move them to other stands first. "
				"Nothing was changed."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/stands/venue?done=deleted#stands");
}

/* POST /admin/stands/venue/block */
void page_stand_venue_block(request *r)
{
	edition ed;
	stand_plan pl;
	if (!venue_load(r, &ed, &pl))
		return;
	if (pl.width <= 0) {
		page_error(r, 400, NULL);
		return;
	}
	lang l = r->lang;
	form hall, zone, st, blk;
	venue_forms_init(r, ed.id, &hall, &zone, &st, &blk);
	venue_hall_from_plan(r, &hall, &pl);
	form_read(r, &blk);
	double v[5];
	static const int idx[5] = { B_X, B_Y, B_W, B_H, B_AISLE };
	venue_lengths(r, &blk, idx, 2, v, 0);
	venue_lengths(r, &blk, idx + 2, 2, v + 2, 1);
	venue_lengths(r, &blk, idx + 4, 1, v + 4, 0);
	const char *prefix = blk.val[B_PREFIX];
	if (!blk.err[B_PREFIX] &&
	    strspn(prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
		    strlen(prefix))
		form_reject(&blk, B_PREFIX, tr(l, "Use Latin letters only, e.g. B."));
	long long num[4] = { 1, 1, 1, 2 };
	static const int nidx[4] = { B_FIRST, B_ROWS, B_COLS, B_CAP };
	for (int k = 0; k < 4; k++)
		(void)page_int(blk.val[nidx[k]], 1, 999, &num[k]);
	if (blk.nerr) {
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, 0, &blk, NULL);
		return;
	}
	long long space = 0;
	(void)page_int(blk.val[B_SPACE], 0, INT64_MAX, &space);
	stand_block_spec b = { .prefix = prefix,
			       .first = (int)num[0],
			       .rows = (int)num[1],
			       .cols = (int)num[2],
			       .capacity = (int)num[3],
			       .x = v[0],
			       .y = v[1],
			       .w = v[2],
			       .h = v[3],
			       .aisle = v[4],
			       .offers = (!strcmp(blk.val[B_POWER], "1") ? STAND_NEED_POWER : 0) |
					 (!strcmp(blk.val[B_WATER], "1") ? STAND_NEED_WATER : 0) |
					 (!strcmp(blk.val[B_ACCESS], "1") ? STAND_NEED_ACCESS : 0),
			       .space_id = space };
	size_t made, skipped;
	cf_err e = stand_block_add(r->a, r->user_id, &pl, &b, &made, &skipped);
	if (req_fail(r, e))
		return;
	if (!made) {
		form_reject(&blk, B_X,
			    tr(l, "No stand of this block fits: every place lies outside the hall "
				  "or over another stand."));
		r->status = 400;
		venue_render(r, &ed, &pl, &hall, &zone, 0, &st, 0, &blk, NULL);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a,
				   "/admin/stands/venue?done=created&made=%zu&skipped=%zu#stands",
				   made, skipped));
}
