/*
 * stand_geom.c - the hall's outline as a polygon, and whether a stand lies
 * inside it. Pure: no database, no HTML (the unit tests and the solver's
 * callers use it). See stand.h.
 */
#include "stand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* number - one non-negative decimal number at *s (digits, one '.'), at most
 * 10 characters; 1 and *out, *s moved past it, when there is one. */
static int number(const char **s, double *out)
{
	const char *p = *s;
	size_t n = strspn(p, "0123456789.");
	if (!n || n > 10)
		return 0;
	char tmp[12];
	memcpy(tmp, p, n);
	tmp[n] = 0;
	if (strchr(tmp, '.') != strrchr(tmp, '.') || tmp[0] == '.' || tmp[n - 1] == '.')
		return 0;
	*out = strtod(tmp, NULL);
	*s = p + n;
	return 1;
}

int stand_outline_parse(const char *s, double *xy, size_t max, size_t *n)
{
	size_t k = 0;
	*n = 0;
	if (!s)
		return 0;
	for (;;) {
		s += strspn(s, " \t\r\n;");
		if (!*s)
			break;
		double x, y;
		if (k == max || !number(&s, &x))
			return 0;
		s += strspn(s, " ");
		if (*s != ',')
			return 0;
		s++;
		s += strspn(s, " ");
		if (!number(&s, &y))
			return 0;
		if (*s && !strchr(" \t\r\n;", *s))
			return 0;
		xy[2 * k] = x;
		xy[2 * k + 1] = y;
		k++;
	}
	if (k < 3)
		return 0;
	/* a simple polygon: no two edges that are not neighbours may meet */
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++) {
			if (j == i + 1 || (i == 0 && j == k - 1))
				continue;
			const double *a = xy + 2 * i, *b = xy + 2 * ((i + 1) % k);
			const double *c = xy + 2 * j, *d = xy + 2 * ((j + 1) % k);
			if (stand_segments_meet(a, b, c, d))
				return 0;
		}
	*n = k;
	return 1;
}

static double cross(const double *o, const double *a, const double *b)
{
	return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int on_segment(const double *a, const double *b, const double *p)
{
	return fabs(cross(a, b, p)) < EPS && p[0] >= fmin(a[0], b[0]) - EPS &&
	       p[0] <= fmax(a[0], b[0]) + EPS && p[1] >= fmin(a[1], b[1]) - EPS &&
	       p[1] <= fmax(a[1], b[1]) + EPS;
}

int stand_segments_meet(const double *a, const double *b, const double *c, const double *d)
{
	double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
	if (((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) &&
	    ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS)))
		return 1;
	return on_segment(c, d, a) || on_segment(c, d, b) || on_segment(a, b, c) ||
	       on_segment(a, b, d);
}

/* crosses - the segments cross at one point inside both (touching at an
 * end, or running along each other, is not crossing). */
static int crosses(const double *a, const double *b, const double *c, const double *d)
{
	double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
	return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) &&
	       ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}

int stand_point_in(const double *xy, size_t n, double x, double y)
{
	double p[2] = { x, y };
	int in = 0;
	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		const double *a = xy + 2 * i, *b = xy + 2 * j;
		if (on_segment(a, b, p))
			return 1; /* on the wall counts as inside */
		if ((a[1] > y) != (b[1] > y) &&
		    x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
			in = !in;
	}
	return in;
}

int stand_rect_in(const double *xy, size_t n, double x, double y, double w, double h)
{
	if (!n)
		return 1;
	const double c[4][2] = { { x, y }, { x + w, y }, { x + w, y + h }, { x, y + h } };
	for (int i = 0; i < 4; i++)
		if (!stand_point_in(xy, n, c[i][0], c[i][1]))
			return 0;
	/* the rectangle's centre, and no wall through its inside: no corner of
	 * the outline strictly inside it, no wall crossing one of its sides */
	if (!stand_point_in(xy, n, x + w / 2, y + h / 2))
		return 0;
	for (size_t i = 0; i < n; i++) {
		const double *a = xy + 2 * i, *b = xy + 2 * ((i + 1) % n);
		if (a[0] > x + EPS && a[0] < x + w - EPS && a[1] > y + EPS && a[1] < y + h - EPS)
			return 0;
		for (int k = 0; k < 4; k++)
			if (crosses(a, b, c[k], c[(k + 1) % 4]))
				return 0;
	}
	return 1;
}

int stand_rects_overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw,
			double bh)
{
	return ax < bx + bw - 1e-6 && bx < ax + aw - 1e-6 && ay < by + bh - 1e-6 &&
	       by < ay + ah - 1e-6;
}

/* The door's line y crosses the hall's walls only at the ends of the pieces
 * of the door that lie in or out; between two crossings the whole piece is
 * in or out, so its middle decides. A door down a side wall is the same
 * test with x and y swapped (the walls keep their numbers). */

/* door_cuts - t[0] = 0, then the places u in (0, 1), sorted, where a wall
 * meets the door from (x, y) to (x + w, y), then 1; their count (at most
 * n + 2; t holds STAND_OUTLINE_MAX + 2). */
static size_t door_cuts(const double *xy, size_t n, double x, double y, double w, double *t)
{
	size_t k = 0;
	t[k++] = 0;
	for (size_t i = 0; i < n && w > 0; i++) {
		const double *a = xy + 2 * i, *b = xy + 2 * ((i + 1) % n);
		if ((a[1] - y) * (b[1] - y) > 0)
			continue; /* the wall is wholly above or below the door */
		double cx = fabs(b[1] - a[1]) < EPS
				    ? a[0]
				    : a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]);
		double u = (cx - x) / w;
		if (u > 0 && u < 1 && k < STAND_OUTLINE_MAX + 1)
			t[k++] = u;
	}
	for (size_t i = 2; i < k; i++) /* insertion sort: a few dozen at most */
		for (size_t j = i; j > 1 && t[j - 1] > t[j]; j--) {
			double s = t[j];
			t[j] = t[j - 1], t[j - 1] = s;
		}
	t[k++] = 1;
	return k;
}

/* seg_dist - the distance from p to the wall ab. */
static double seg_dist(const double *a, const double *b, double px, double py)
{
	double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
	double u = l2 > 0 ? ((px - a[0]) * dx + (py - a[1]) * dy) / l2 : 0;
	u = u < 0 ? 0 : u > 1 ? 1 : u;
	return hypot(px - a[0] - u * dx, py - a[1] - u * dy);
}

/* wall_at - the wall a door across (along a line y = constant) crosses at
 * p, a point on the outline: of the walls through it (within 1 micrometre),
 * one that is not along the door if there is one (at a corner the door
 * passes one wall and may run along the other), the nearest to (ox, oy), a
 * point of the door just outside the hall beside p. p NULL, or no wall
 * through it (rounding): the nearest wall to (ox, oy). */
static size_t wall_at(const double *xy, size_t n, const double *p, double ox, double oy)
{
	size_t best = 0;
	double bd = INFINITY;
	for (int pass = p ? 0 : 2; pass < 3 && bd == INFINITY; pass++)
		for (size_t i = 0; i < n; i++) {
			const double *a = xy + 2 * i, *b = xy + 2 * ((i + 1) % n);
			if (pass < 2 && seg_dist(a, b, p[0], p[1]) > 1e-6)
				continue;
			if (pass == 0 && fabs(b[1] - a[1]) < EPS)
				continue; /* along the door */
			double d = seg_dist(a, b, ox, oy);
			if (d < bd)
				bd = d, best = i;
		}
	return best;
}

/* door_across - the door from (x, y) to (x + w, y) lies on the outline or
 * inside: its ends, and the middle of every piece between two cuts. */
static int door_across(const double *xy, size_t n, double x, double y, double w)
{
	double t[STAND_OUTLINE_MAX + 2];
	size_t k = door_cuts(xy, n, x, y, w, t);
	if (!stand_point_in(xy, n, x, y) || !stand_point_in(xy, n, x + w, y))
		return 0;
	for (size_t i = 1; i < k; i++)
		if (!stand_point_in(xy, n, x + w * (t[i - 1] + t[i]) / 2, y))
			return 0;
	return 1;
}

static void door_fit(const double *xy, size_t n, double x, double y, double w, stand_door_fit *f);

/* door_enter - for a door starting outside that enters the hall at ex (of
 * this frame) and ends at x_end: the start at ex rounded up to whole
 * centimetres, and the largest width from there that keeps it inside up to
 * its end, in whole centimetres (f->x, f->width; width 0: none fits). */
static void door_enter(const double *xy, size_t n, double ex, double y, double x_end,
		       stand_door_fit *f)
{
	stand_door_fit g = { 0 };
	double sx = ceil(ex * 100 - 1e-6) / 100, len = floor((x_end - sx) * 100 + 1e-6) / 100;
	f->x = sx;
	f->y = y;
	f->width = 0;
	if (len <= 0)
		return;
	door_fit(xy, n, sx, y, len, &g);
	if (g.verdict == STAND_DOOR_INSIDE)
		f->width = len;
	else if (g.verdict == STAND_DOOR_LEAVES)
		f->width = g.width;
	if (f->width > 0 && !door_across(xy, n, sx, y, f->width))
		f->width = 0; /* rounding: no offer rather than a wrong one */
}

/* door_fit - stand_door_fit_of for a door from (x, y) to (x + w, y); the
 * place where it leaves the hall (or enters it) in f->x, f->y of this
 * frame. */
static void door_fit(const double *xy, size_t n, double x, double y, double w, stand_door_fit *f)
{
	double t[STAND_OUTLINE_MAX + 2];
	size_t k = door_cuts(xy, n, x, y, w, t);
	if (!stand_point_in(xy, n, x, y)) {
		/* the wall it crosses into the hall, else the one nearest its start */
		f->verdict = STAND_DOOR_OUTSIDE;
		f->wall = wall_at(xy, n, NULL, x, y);
		f->width = 0;
		for (size_t i = 1; i + 1 < k; i++)
			if (stand_point_in(xy, n, x + w * (t[i] + t[i + 1]) / 2, y)) {
				double d = fmin(1e-3, w * (t[i] - t[i - 1]) / 2);
				double p[2] = { x + w * t[i], y };
				f->wall = wall_at(xy, n, p, p[0] - d, y);
				door_enter(xy, n, p[0], y, x + w, f);
				break;
			}
		return;
	}
	size_t out = 0; /* the first piece out: from t[out - 1] to t[out] */
	for (size_t i = 1; i < k && !out; i++)
		if (!stand_point_in(xy, n, x + w * (t[i - 1] + t[i]) / 2, y))
			out = i;
	if (!out && !stand_point_in(xy, n, x + w, y))
		out = k - 1; /* rounding: every piece in, its end out */
	if (!out) {
		f->verdict = STAND_DOOR_INSIDE;
		return;
	}
	f->verdict = STAND_DOOR_LEAVES;
	f->x = x + w * t[out - 1];
	f->y = y;
	double d = fmin(1e-3, w * (t[out] - t[out - 1]) / 2);
	double p[2] = { f->x, y };
	f->wall = wall_at(xy, n, p, f->x + d, y);
	/* whole centimetres (what the form takes), down to one that is taken */
	f->width = floor(w * t[out - 1] * 100 + 1e-6) / 100;
	for (int i = 0; i < 3 && f->width > 0 && !door_across(xy, n, x, y, f->width); i++)
		f->width = fmax(0, f->width - 0.01);
}

stand_door_fit stand_door_fit_of(const double *xy, size_t n, double x, double y, double w,
				 int vertical)
{
	stand_door_fit f = { .verdict = STAND_DOOR_INSIDE };
	if (!n)
		return f;
	if (!vertical) {
		door_fit(xy, n, x, y, w, &f);
		return f;
	}
	double t[2 * STAND_OUTLINE_MAX];
	size_t m = n < STAND_OUTLINE_MAX ? n : STAND_OUTLINE_MAX;
	for (size_t i = 0; i < m; i++)
		t[2 * i] = xy[2 * i + 1], t[2 * i + 1] = xy[2 * i];
	door_fit(t, m, y, x, w, &f);
	double s = f.x;
	f.x = f.y, f.y = s;
	return f;
}

int stand_door_in(const double *xy, size_t n, double x, double y, double w, int vertical)
{
	return stand_door_fit_of(xy, n, x, y, w, vertical).verdict == STAND_DOOR_INSIDE;
}
