/* test_stand_geom.c - the hall's polygon outline: what is read as one, which
 * points, stands and doors lie inside it (a concave hall too), the block
 * generator's layout inside it, and which stands are near an entrance. */
#include "unit.h"

#include <math.h>
#include <string.h>

#include "../../src/model/stand.h"

static void outlines_are_read_or_refused(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n = 99;
	assert_true(stand_outline_parse("0,0 40,0 40,20 25,30 0,30", xy, 8, &n));
	assert_int_equal(n, 5);
	assert_true(xy[6] == 25 && xy[7] == 30);
	assert_true(stand_outline_parse(" 0,0;10.5,0; 10.5,10 \n", xy, 8, &n));
	assert_int_equal(n, 3);
	assert_true(xy[2] == 10.5);
	/* too few corners, too many, not numbers, a bow tie (walls crossing) */
	assert_false(stand_outline_parse("0,0 10,0", xy, 8, &n));
	assert_false(stand_outline_parse("0,0 1,0 2,0 3,1 2,2 1,2 0,2 0,1 0,0.5", xy, 8, &n));
	assert_false(stand_outline_parse("0,0 a,0 10,10", xy, 8, &n));
	assert_false(stand_outline_parse("0,0 10,0 10,10 -1,5", xy, 8, &n));
	assert_false(stand_outline_parse("0,0 10,10 10,0 0,10", xy, 8, &n));
	assert_false(stand_outline_parse("0,0 1.2.3,0 10,10", xy, 8, &n));
	assert_false(stand_outline_parse(NULL, xy, 8, &n));
}

static void stands_inside_a_concave_hall(void **state)
{
	(void)state;
	/* an L: 30 x 30 without its top-right 15 x 15 square */
	double xy[2 * 8];
	size_t n;
	assert_true(stand_outline_parse("0,0 15,0 15,15 30,15 30,30 0,30", xy, 8, &n));
	assert_true(stand_point_in(xy, n, 5, 5));
	assert_true(stand_point_in(xy, n, 15, 5)); /* on the wall */
	assert_false(stand_point_in(xy, n, 20, 5));
	assert_true(stand_rect_in(xy, n, 0, 0, 3, 3));	 /* against two walls */
	assert_true(stand_rect_in(xy, n, 12, 12, 3, 3)); /* in the inner corner */
	assert_true(stand_rect_in(xy, n, 16, 16, 3, 3));
	assert_false(stand_rect_in(xy, n, 16, 10, 3, 3)); /* across the inner wall */
	/* every corner inside, but the inner corner of the L pokes into it */
	assert_false(stand_rect_in(xy, n, 10, 10, 10, 10));
	assert_false(stand_rect_in(xy, n, 28, 28, 3, 3));    /* beyond the outer wall */
	assert_true(stand_rect_in(NULL, 0, 100, 100, 3, 3)); /* no outline */
	assert_true(stand_rects_overlap(0, 0, 3, 3, 2, 2, 3, 3));
	assert_false(stand_rects_overlap(0, 0, 3, 3, 3, 0, 3, 3)); /* side by side */
}

static void a_block_lays_rows_in_pairs_and_keeps_inside_the_walls(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n;
	assert_true(stand_outline_parse("0,0 30,0 30,10 20,20 0,20", xy, 8, &n));
	stand_row old = { .code = "B03", .site = { .x = 0, .y = 13, .w = 3, .h = 3 } };
	stand_plan pl = {
		.width = 30, .depth = 20, .outline = xy, .noutline = n, .stands = &old, .nstands = 1
	};
	stand_block_spec b = { .prefix = "B",
			       .first = 1,
			       .rows = 4,
			       .cols = 9,
			       .capacity = 2,
			       .x = 0,
			       .y = 1,
			       .w = 3,
			       .h = 3,
			       .aisle = 3 };
	stand_row out[36];
	size_t skipped;
	size_t made = stand_block_layout(&pl, &b, out, 36, &skipped);
	assert_int_equal(made + skipped, 36);
	/* rows 0 and 1 back to back, then a 3 m aisle: rows 2 and 3 at y 10, 13 */
	assert_true(out[0].site.x == 0 && out[0].site.y == 1 && out[0].corner);
	assert_true(out[8].corner && out[9].site.y == 4 && !out[10].corner);
	size_t i = 0;
	while (i < made && out[i].site.y != 10)
		i++;
	assert_true(i < made);
	/* left out: cell 2 (its code B03 is taken), cell 27 (over stand B03),
	 * and the last row's cells beyond the cut wall x + y = 40 */
	for (size_t k = 0; k < made; k++) {
		assert_true(stand_rect_in(xy, n, out[k].site.x, out[k].site.y, 3, 3));
		assert_false(stand_rects_overlap(out[k].site.x, out[k].site.y, 3, 3, 0, 13, 3, 3));
		assert_true(out[k].id != 2 && out[k].id != 27);
		assert_true(out[k].site.x + out[k].site.y + 6 <= 40);
	}
	/* row 3 (y 13..16): x + 3 + 16 <= 40 leaves out x = 24 (cell 35) */
	assert_int_equal(skipped, 3);
}

static void doors_on_the_walls_or_inside(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n;
	/* an L: 30 x 30 without its top-right 15 x 15 square */
	assert_true(stand_outline_parse("0,0 15,0 15,15 30,15 30,30 0,30", xy, 8, &n));
	assert_true(stand_door_in(xy, n, 2, 0, 4, 0));	  /* on the top wall */
	assert_true(stand_door_in(xy, n, 0, 30, 30, 0));  /* the whole bottom wall */
	assert_true(stand_door_in(xy, n, 20, 15, 10, 0)); /* on the inner top wall */
	assert_true(stand_door_in(xy, n, 5, 10, 10, 0));  /* inside, up to the inner wall */
	assert_false(stand_door_in(xy, n, 13, 0, 4, 0));  /* past the top wall's end */
	assert_false(stand_door_in(xy, n, 18, 5, 2, 0));  /* in the missing square */
	/* both ends inside, its middle across the missing square: the L's arms */
	assert_true(stand_outline_parse("0,0 10,0 10,20 20,20 20,0 30,0 30,30 0,30", xy, 8, &n));
	assert_false(stand_door_in(xy, n, 5, 10, 20, 0));
	assert_true(stand_door_in(xy, n, 5, 20, 20, 0)); /* along the U's inner wall */
	assert_true(stand_door_in(xy, n, 5, 25, 20, 0));
	assert_true(
		stand_door_in(NULL, 0, 100, 100, 4, 0)); /* no outline: the page checks the box */
}

/* A door down a side wall: the same rule, across the other axis. */
static void doors_down_the_side_walls(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n;
	/* the L again: 30 x 30 without its top-right 15 x 15 square */
	assert_true(stand_outline_parse("0,0 15,0 15,15 30,15 30,30 0,30", xy, 8, &n));
	assert_true(stand_door_in(xy, n, 0, 10, 4, 1));	  /* on the left wall */
	assert_true(stand_door_in(xy, n, 30, 20, 10, 1)); /* the right wall, below the step */
	assert_true(stand_door_in(xy, n, 15, 2, 10, 1));  /* the inner side wall */
	assert_false(stand_door_in(xy, n, 30, 5, 4, 1));  /* beside the missing square */
	assert_false(stand_door_in(xy, n, 30, 12, 6, 1)); /* half of it beside the square */
	assert_false(stand_door_in(xy, n, 0, 28, 4, 1));  /* past the bottom wall */
	assert_true(stand_door_in(xy, n, 0, 28, 4, 0));	  /* the same door across: inside */
	/* near: measured from the door's middle, (0, 12) for the left-wall door */
	stand_entrance_row g = { .x = 0, .y = 10, .w = 4, .vertical = 1 };
	double mx, my;
	stand_door_middle(&g, &mx, &my);
	assert_true(mx == 0 && my == 12);
	assert_true(stand_near_entrance(&g, 1, 1.5, 16.5));  /* 4.74 m */
	assert_false(stand_near_entrance(&g, 1, 4.5, 16.5)); /* 6.36 m */
	assert_false(stand_near_entrance(&g, 1, 2, 2));	     /* 10.2 m, though near (2, 0) */
}

static void near_an_entrance_within_6_m_of_its_middle(void **state)
{
	(void)state;
	stand_entrance_row g[2] = { { .x = 13, .y = 30, .w = 4 }, { .x = 13, .y = 0, .w = 4 } };
	assert_false(stand_near_entrance(g, 0, 15, 29)); /* no entrance */
	assert_true(stand_near_entrance(g, 2, 15, 29));
	assert_true(stand_near_entrance(g, 2, 12.5, 3.5));   /* 4.3 m from (15, 0) */
	assert_false(stand_near_entrance(g, 2, 9.5, 3.5));   /* 6.5 m */
	assert_false(stand_near_entrance(g, 2, 12.5, 24.5)); /* 6.04 m from (15, 30) */
	assert_false(stand_near_entrance(g, 2, 21, 0));	     /* exactly 6 m: not within */
	assert_true(stand_near_entrance(g + 1, 1, 20.99, 0));
}

/* fit - stand_door_fit_of, checked: verdict v across wall (-1: any), and
 * for a door that leaves the hall, where and the width that fits, which
 * stand_door_in takes and one centimetre more it refuses. */
static void fit(const double *xy, size_t n, double x, double y, double w, int down, int v, int wall,
		double cx, double cy, double width)
{
	stand_door_fit f = stand_door_fit_of(xy, n, x, y, w, down);
	assert_int_equal(f.verdict, v);
	assert_int_equal(stand_door_in(xy, n, x, y, w, down), v == STAND_DOOR_INSIDE);
	if (v == STAND_DOOR_INSIDE)
		return;
	assert_int_equal((int)f.wall, wall);
	assert_true(fabs(f.width - width) < 1e-9);
	if (v == STAND_DOOR_OUTSIDE && width == 0)
		return; /* it never enters, or nothing fits from where it does */
	assert_true(fabs(f.x - cx) < 1e-9 && fabs(f.y - cy) < 1e-9);
	/* from its start (leaves) or from the start offered (outside), the
	 * width offered is taken and one centimetre more is not */
	double sx = v == STAND_DOOR_LEAVES ? x : f.x, sy = v == STAND_DOOR_LEAVES ? y : f.y;
	if (width > 0)
		assert_true(stand_door_in(xy, n, sx, sy, f.width, down));
	if (v == STAND_DOOR_LEAVES)
		assert_false(stand_door_in(xy, n, sx, sy, f.width + 0.01, down));
}

/* A refused door says which wall it crosses (numbered from the first
 * corner typed: wall i runs from corner i to corner i + 1) and, when it
 * starts inside, how wide it may be from its start. */
static void a_refused_door_names_the_wall_and_the_width_that_fits(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n;
	/* a concave L: 30 x 30 without its bottom-right 15 x 15 square; walls
	 * 0 top, 1 right (down to y 15), 2 from (30, 15) to (15, 15), 3 from
	 * (15, 15) to (15, 30), 4 the bottom, 5 the left */
	assert_true(stand_outline_parse("0,0 30,0 30,15 15,15 15,30 0,30", xy, 8, &n));
	/* across: into the missing square through its inner side wall */
	fit(xy, n, 10, 20, 10, 0, STAND_DOOR_LEAVES, 3, 15, 20, 5);
	fit(xy, n, 1.5, 10, 40, 0, STAND_DOOR_LEAVES, 1, 30, 10, 28.5);
	/* down a side wall: the right wall ends at the step, which it passes
	 * (wall 2), not the one it runs along (wall 1) */
	fit(xy, n, 30, 10, 10, 1, STAND_DOOR_LEAVES, 2, 30, 15, 5);
	fit(xy, n, 20, 5, 20, 1, STAND_DOOR_LEAVES, 2, 20, 15, 10);
	/* exactly on a wall is allowed: along the step, down the inner wall,
	 * the bottom wall up to its corner */
	fit(xy, n, 16, 15, 13, 0, STAND_DOOR_INSIDE, 0, 0, 0, 0);
	fit(xy, n, 15, 16, 14, 1, STAND_DOOR_INSIDE, 0, 0, 0, 0);
	fit(xy, n, 0, 30, 15, 0, STAND_DOOR_INSIDE, 0, 0, 0, 0);
	fit(xy, n, 15, 15, 15, 0, STAND_DOOR_INSIDE, 0, 0, 0, 0);
	/* on the inner wall, running out at once: no width fits from there */
	fit(xy, n, 15, 20, 4, 0, STAND_DOOR_LEAVES, 3, 15, 20, 0);
	/* starting in the missing square: the nearest wall (the step, 3 m) */
	fit(xy, n, 22, 18, 4, 0, STAND_DOOR_OUTSIDE, 2, 0, 0, 0);
	/* the first L (top-right square missing): a door down from inside the
	 * square enters the hall across the step, from (15, 15) to (30, 15) */
	assert_true(stand_outline_parse("0,0 15,0 15,15 30,15 30,30 0,30", xy, 8, &n));
	fit(xy, n, 20, 5, 15, 1, STAND_DOOR_OUTSIDE, 2, 20, 15, 5);
	fit(xy, n, 13, 0, 4, 0, STAND_DOOR_LEAVES, 1, 15, 0, 2); /* past the top wall's end */
	/* a U: the door leaves at the first arm's wall though it comes back */
	assert_true(stand_outline_parse("0,0 10,0 10,20 20,20 20,0 30,0 30,30 0,30", xy, 8, &n));
	fit(xy, n, 5, 10, 20, 0, STAND_DOOR_LEAVES, 1, 10, 10, 5);
	/* a slanted wall from (50, 20) to (47, 27): at y 21 it is at x 49.571...,
	 * so 9.57 m from x 40 fits and 9.58 m does not */
	assert_true(stand_outline_parse("0,0 50,0 50,20 47,27 40,30 0,30", xy, 8, &n));
	fit(xy, n, 40, 21, 20, 0, STAND_DOOR_LEAVES, 2, 50 - 3.0 / 7, 21, 9.57);
	/* the cut hall of the HTTP test: a door on the cut wall running out at
	 * once, one beyond it, one along the bottom wall past its end */
	assert_true(stand_outline_parse("0,0 50,0 50,20 40,30 0,30", xy, 8, &n));
	fit(xy, n, 44, 26, 4, 0, STAND_DOOR_LEAVES, 2, 44, 26, 0);
	fit(xy, n, 42, 30, 4, 0, STAND_DOOR_OUTSIDE, 2, 0, 0, 0);
	fit(xy, n, 38, 30, 4, 0, STAND_DOOR_LEAVES, 2, 40, 30, 2);
	fit(NULL, 0, 100, 100, 4, 0, STAND_DOOR_INSIDE, 0, 0, 0, 0); /* no outline */
}

/* A door that starts outside and enters the hall is offered a start where
 * it enters (whole centimetres, into the hall) and the width that keeps it
 * inside from there up to where it was typed to end. */
static void a_door_from_outside_is_offered_a_start_where_it_enters(void **state)
{
	(void)state;
	double xy[2 * 8];
	size_t n;
	assert_true(stand_outline_parse("0,0 30,0 30,20 0,20", xy, 8, &n));
	fit(xy, n, -2, 5, 6, 0, STAND_DOOR_OUTSIDE, 3, 0, 5, 4);   /* from the left */
	fit(xy, n, 5, -3, 5, 1, STAND_DOOR_OUTSIDE, 0, 5, 0, 2);   /* down from above */
	fit(xy, n, -2, 5, 40, 0, STAND_DOOR_OUTSIDE, 3, 0, 5, 30); /* out again: clipped */
	fit(xy, n, -2, 5, 2, 0, STAND_DOOR_OUTSIDE, 3, 0, 5, 0);   /* ends on the wall */
	/* a U: in at the left wall, out at the first arm */
	assert_true(stand_outline_parse("0,0 10,0 10,20 20,20 20,0 30,0 30,30 0,30", xy, 8, &n));
	fit(xy, n, -5, 10, 20, 0, STAND_DOOR_OUTSIDE, 7, 0, 10, 10);
	/* a slanted left wall from (0, 30) to (7, 0): at y 10 it is at x 4.666...,
	 * the start rounded up to 4.67, and 4.33 m to the door's end at 9 */
	assert_true(stand_outline_parse("7,0 50,0 50,30 0,30", xy, 8, &n));
	fit(xy, n, -1, 10, 10, 0, STAND_DOOR_OUTSIDE, 3, 4.67, 10, 4.33);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outlines_are_read_or_refused),
		cmocka_unit_test(stands_inside_a_concave_hall),
		cmocka_unit_test(a_block_lays_rows_in_pairs_and_keeps_inside_the_walls),
		cmocka_unit_test(doors_on_the_walls_or_inside),
		cmocka_unit_test(doors_down_the_side_walls),
		cmocka_unit_test(a_door_from_outside_is_offered_a_start_where_it_enters),
		cmocka_unit_test(near_an_entrance_within_6_m_of_its_middle),
		cmocka_unit_test(a_refused_door_names_the_wall_and_the_width_that_fits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
