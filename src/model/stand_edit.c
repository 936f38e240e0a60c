/*
 * stand_edit.c - the committee edits an edition's venue: the hall (its size,
 * its outline when not a rectangle, the allocator's weights), the zones, the
 * stands one by one, the entrances (each change sets near_entrance and the
 * footfall of the stands from the geometry), and blocks of stands generated
 * in rows. Each change is
 * one transaction with its audit record. Lengths are bound as whole
 * centimetres (the db layer binds integers and text): 3.5 m is 350.
 * Validation of what people typed (numbers, the stand inside the hall, not
 * over another stand) is the page's; the model keeps the edition's objects
 * apart (an id of another edition is CF_ERR_NOTFOUND). No HTML, no HTTP.
 */
#include "stand.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "rows.h"

static const char SQL_HALL[] =
	"INSERT INTO stand_venue (edition_id, width, depth, outline, w_cluster, w_share, w_fair) "
	"VALUES (?1, ?2 / 100.0, ?3 / 100.0, ?4, ?5 / 100.0, ?6 / 100.0, ?7 / 100.0) "
	"ON CONFLICT (edition_id) DO UPDATE SET width = ?2 / 100.0, depth = ?3 / 100.0, "
	"outline = ?4, w_cluster = ?5 / 100.0, w_share = ?6 / 100.0, w_fair = ?7 / 100.0";
static const char SQL_ZONE_INSERT[] =
	"INSERT INTO stand_zone (edition_id, space_id, kind, name_ar, name_fr, x, y, w, h) "
	"VALUES (?1, (SELECT id FROM space WHERE id = ?2 AND edition_id = ?1), ?3, ?4, ?5, "
	"?6 / 100.0, ?7 / 100.0, ?8 / 100.0, ?9 / 100.0)";
static const char SQL_ZONE_UPDATE[] =
	"UPDATE stand_zone SET space_id = (SELECT id FROM space WHERE id = ?2 AND edition_id = ?1), "
	"kind = ?3, name_ar = ?4, name_fr = ?5, x = ?6 / 100.0, y = ?7 / 100.0, w = ?8 / 100.0, "
	"h = ?9 / 100.0 WHERE id = ?10 AND edition_id = ?1";
static const char SQL_ZONE_DELETE[] = "DELETE FROM stand_zone WHERE id = ? AND edition_id = ?";
static const char SQL_STAND_INSERT[] =
	"INSERT INTO stand (edition_id, space_id, code, area_m2, capacity, x, y, w, h, corner, "
	"main_aisle, near_entrance, power, water, accessible, footfall, locked) VALUES (?1, "
	"(SELECT id FROM space WHERE id = ?2 AND edition_id = ?1), ?3, ?4 / 10000.0, ?5, "
	"?6 / 100.0, ?7 / 100.0, ?8 / 100.0, ?9 / 100.0, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
static const char SQL_STAND_UPDATE[] =
	"UPDATE stand SET space_id = (SELECT id FROM space WHERE id = ?2 AND edition_id = ?1), "
	"code = ?3, area_m2 = ?4 / 10000.0, capacity = ?5, x = ?6 / 100.0, y = ?7 / 100.0, "
	"w = ?8 / 100.0, h = ?9 / 100.0, corner = ?10, main_aisle = ?11, near_entrance = ?12, "
	"power = ?13, water = ?14, accessible = ?15, footfall = ?16, locked = ?17 "
	"WHERE id = ?18 AND edition_id = ?1";
static const char SQL_ENTRANCE_INSERT[] =
	"INSERT INTO stand_entrance (edition_id, name_ar, name_fr, x, y, w, vertical) "
	"VALUES (?1, ?2, ?3, ?4 / 100.0, ?5 / 100.0, ?6 / 100.0, ?8)";
static const char SQL_ENTRANCE_UPDATE[] =
	"UPDATE stand_entrance SET name_ar = ?2, name_fr = ?3, x = ?4 / 100.0, y = ?5 / 100.0, "
	"w = ?6 / 100.0, vertical = ?8 WHERE id = ?7 AND edition_id = ?1";
static const char SQL_ENTRANCE_GET[] =
	"SELECT x, y, w, vertical FROM stand_entrance WHERE id = ? AND edition_id = ?";
static const char SQL_ENTRANCE_DELETE[] =
	"DELETE FROM stand_entrance WHERE id = ? AND edition_id = ?";
static const char SQL_NEAR_DOORS[] =
	"SELECT x, y, w, vertical FROM stand_entrance WHERE edition_id = ?";
static const char SQL_NEAR_STANDS[] =
	"SELECT id, x + w / 2, y + h / 2, corner, main_aisle, near_entrance, footfall FROM stand "
	"WHERE edition_id = ?1 AND (?2 = 0 OR id = ?2)";
static const char SQL_NEAR_SET[] =
	"UPDATE stand SET near_entrance = ?, footfall = ? WHERE id = ? AND edition_id = ?";
static const char SQL_STAND_USED[] = "SELECT COUNT(*) FROM exhibitor WHERE stand_id = ?";
static const char SQL_STAND_DELETE[] = "DELETE FROM stand WHERE id = ? AND edition_id = ?";

static int64_t cm(double m)
{
	return (int64_t)llround(m * 100);
}

/* run_save - run an update of row *id, or an insert when *id is 0 (*id
 * then set): CF_ERR_NOTFOUND when the update found no row of the edition. */
static cf_err run_save(db *d, db_stmt *s, int64_t *id)
{
	cf_err e = db_run(s);
	if (!e && *id && db_changes(d) == 0)
		return CF_ERR_NOTFOUND;
	if (!e && !*id)
		*id = db_last_id(d);
	return e;
}

/* audited - the change's audit record, then commit; or roll back. */
static cf_err finish(db *d, cf_err e, int64_t actor, const char *action, const char *type,
		     int64_t id, const char *json)
{
	if (!e)
		e = audit_record(actor, action, type, id, NULL, json);
	if (e) {
		db_rollback(d);
		return e;
	}
	return db_commit(d);
}

cf_err stand_hall_save(int64_t actor, int64_t edition_id, const stand_hall *h)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_HALL);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, cm(h->width));
	db_bind_int(s, 3, cm(h->depth));
	db_bind_text(s, 4, h->outline && *h->outline ? h->outline : NULL);
	db_bind_int(s, 5, cm(h->w_cluster));
	db_bind_int(s, 6, cm(h->w_share));
	db_bind_int(s, 7, cm(h->w_fair));
	e = db_run(s);
	char json[160];
	snprintf(json, sizeof json, "{\"width\":%.2f,\"depth\":%.2f,\"polygon\":%s}", h->width,
		 h->depth, h->outline && *h->outline ? "true" : "false");
	return finish(d, e, actor, "stand.hall", "edition", edition_id, json);
}

cf_err stand_zone_save(int64_t actor, int64_t edition_id, stand_zone_row *z)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, z->id ? SQL_ZONE_UPDATE : SQL_ZONE_INSERT);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, z->space_id);
	db_bind_text(s, 3, z->kind);
	db_bind_text(s, 4, z->name_ar);
	db_bind_text(s, 5, z->name_fr);
	db_bind_int(s, 6, cm(z->x));
	db_bind_int(s, 7, cm(z->y));
	db_bind_int(s, 8, cm(z->w));
	db_bind_int(s, 9, cm(z->h));
	if (z->id)
		db_bind_int(s, 10, z->id);
	e = run_save(d, s, &z->id);
	char json[96];
	snprintf(json, sizeof json, "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f}", z->x, z->y,
		 z->w, z->h);
	return finish(d, e, actor, "stand.zone", "stand_zone", z->id, json);
}

cf_err stand_zone_delete(int64_t actor, int64_t edition_id, int64_t id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_ZONE_DELETE);
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, edition_id);
	e = db_run(s);
	if (!e && db_changes(d) == 0)
		e = CF_ERR_NOTFOUND;
	return finish(d, e, actor, "stand.zone.delete", "stand_zone", id, NULL);
}

double stand_footfall_of(int corner, int main_aisle, int near_entrance)
{
	return 1 + corner + 2 * main_aisle + 2 * near_entrance;
}

/* put - insert (r->id == 0; r->id set) or update one stand, inside the
 * caller's transaction. */
static cf_err put(db *d, int64_t edition_id, stand_row *r)
{
	db_stmt *s = db_prepare(d, r->id ? SQL_STAND_UPDATE : SQL_STAND_INSERT);
	const stand_site *t = &r->site;
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, r->zone_space_id);
	db_bind_text(s, 3, r->code);
	db_bind_int(s, 4, cm(t->w) * cm(t->h));
	db_bind_int(s, 5, t->capacity);
	db_bind_int(s, 6, cm(t->x));
	db_bind_int(s, 7, cm(t->y));
	db_bind_int(s, 8, cm(t->w));
	db_bind_int(s, 9, cm(t->h));
	db_bind_int(s, 10, r->corner);
	db_bind_int(s, 11, r->main_aisle);
	db_bind_int(s, 12, r->near_entrance);
	db_bind_int(s, 13, (t->offers & STAND_NEED_POWER) != 0);
	db_bind_int(s, 14, (t->offers & STAND_NEED_WATER) != 0);
	db_bind_int(s, 15, (t->offers & STAND_NEED_ACCESS) != 0);
	db_bind_int(s, 16, (int64_t)stand_footfall_of(r->corner, r->main_aisle, r->near_entrance));
	db_bind_int(s, 17, t->locked);
	if (r->id)
		db_bind_int(s, 18, r->id);
	return run_save(d, s, &r->id);
}

cf_err stand_stand_save(int64_t actor, int64_t edition_id, stand_row *r)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	e = put(d, edition_id, r);
	if (!e)
		e = stand_near_refresh(d, edition_id, r->id, NULL);
	char json[160];
	snprintf(json, sizeof json, "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f,\"capacity\":%d}",
		 r->site.x, r->site.y, r->site.w, r->site.h, r->site.capacity);
	return finish(d, e, actor, "stand.save", "stand", r->id, json);
}

cf_err stand_stand_delete(int64_t actor, int64_t edition_id, int64_t id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_STAND_USED);
	db_bind_int(s, 1, id);
	e = db_row(s);
	if (!e && db_col_int(s, 0) > 0)
		e = CF_ERR_CONFLICT; /* exhibitors are on it: move them first */
	db_done(s);
	if (!e) {
		s = db_prepare(d, SQL_STAND_DELETE);
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, edition_id);
		e = db_run(s);
		if (!e && db_changes(d) == 0)
			e = CF_ERR_NOTFOUND;
	}
	return finish(d, e, actor, "stand.delete", "stand", id, NULL);
}

void stand_door_middle(const stand_entrance_row *g, double *mx, double *my)
{
	*mx = g->vertical ? g->x : g->x + g->w / 2;
	*my = g->vertical ? g->y + g->w / 2 : g->y;
}

int stand_near_entrance(const stand_entrance_row *g, size_t n, double cx, double cy)
{
	for (size_t i = 0; i < n; i++) {
		double mx, my;
		stand_door_middle(&g[i], &mx, &my);
		if (hypot(cx - mx, cy - my) < STAND_NEAR_M)
			return 1;
	}
	return 0;
}

/* A stand as stand_near_refresh reads it. */
typedef struct near_row {
	int64_t id;
	double cx, cy, footfall;
	int corner, main_aisle, near;
} near_row;

cf_err stand_near_refresh(db *d, int64_t edition_id, int64_t only, size_t *changed)
{
	if (changed)
		*changed = 0;
	arena *a = arena_new(16384);
	size_t ng = 0, gcap = 4, ns = 0, scap = 64;
	stand_entrance_row *g = arena_alloc(a, gcap * sizeof *g);
	near_row *v = arena_alloc(a, scap * sizeof *v);
	db_stmt *s = db_prepare(d, SQL_NEAR_DOORS);
	db_bind_int(s, 1, edition_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		g = rows_grow(a, g, ng, &gcap, sizeof *g);
		g[ng++] = (stand_entrance_row){ .x = db_col_double(s, 0),
						.y = db_col_double(s, 1),
						.w = db_col_double(s, 2),
						.vertical = db_col_int(s, 3) != 0 };
	}
	db_done(s);
	if (rc != DB_ERR) {
		s = db_prepare(d, SQL_NEAR_STANDS);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, only);
		while ((rc = db_step(s)) == DB_ROW) {
			v = rows_grow(a, v, ns, &scap, sizeof *v);
			v[ns++] = (near_row){ .id = db_col_int(s, 0),
					      .cx = db_col_double(s, 1),
					      .cy = db_col_double(s, 2),
					      .corner = db_col_int(s, 3) != 0,
					      .main_aisle = db_col_int(s, 4) != 0,
					      .near = db_col_int(s, 5) != 0,
					      .footfall = db_col_double(s, 6) };
		}
		db_done(s);
	}
	cf_err e = rc == DB_ERR ? CF_ERR_DB : CF_OK;
	for (size_t i = 0; i < ns && !e; i++) {
		int nr = stand_near_entrance(g, ng, v[i].cx, v[i].cy);
		double f = stand_footfall_of(v[i].corner, v[i].main_aisle, nr);
		if (nr == v[i].near && fabs(f - v[i].footfall) < 1e-9)
			continue;
		s = db_prepare(d, SQL_NEAR_SET);
		db_bind_int(s, 1, nr);
		db_bind_int(s, 2, (int64_t)f);
		db_bind_int(s, 3, v[i].id);
		db_bind_int(s, 4, edition_id);
		e = db_run(s);
		if (!e && changed)
			(*changed)++;
	}
	arena_free(a);
	return e;
}

cf_err stand_entrance_save(int64_t actor, int64_t edition_id, stand_entrance_row *g,
			   size_t *changed)
{
	size_t n = 0;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, g->id ? SQL_ENTRANCE_UPDATE : SQL_ENTRANCE_INSERT);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, g->name_ar);
	db_bind_text(s, 3, g->name_fr);
	db_bind_int(s, 4, cm(g->x));
	db_bind_int(s, 5, cm(g->y));
	db_bind_int(s, 6, cm(g->w));
	if (g->id)
		db_bind_int(s, 7, g->id);
	db_bind_int(s, 8, g->vertical != 0);
	e = run_save(d, s, &g->id);
	if (!e)
		e = stand_near_refresh(d, edition_id, 0, &n);
	char json[128];
	snprintf(json, sizeof json,
		 "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"vertical\":%d,\"stands_changed\":%zu}", g->x,
		 g->y, g->w, g->vertical != 0, n);
	e = finish(d, e, actor, "stand.entrance", "stand_entrance", g->id, json);
	if (changed)
		*changed = e ? 0 : n;
	return e;
}

cf_err stand_entrance_delete(int64_t actor, int64_t edition_id, int64_t id, size_t *changed)
{
	size_t n = 0;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	/* the audit's before: the door as it was, and the stands it changes */
	double x = 0, y = 0, w = 0;
	int vertical = 0;
	db_stmt *s = db_prepare(d, SQL_ENTRANCE_GET);
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, edition_id);
	e = db_row(s);
	if (!e)
		x = db_col_double(s, 0), y = db_col_double(s, 1), w = db_col_double(s, 2),
		vertical = db_col_int(s, 3) != 0;
	db_done(s);
	if (!e) {
		s = db_prepare(d, SQL_ENTRANCE_DELETE);
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, edition_id);
		e = db_run(s);
	}
	if (!e)
		e = stand_near_refresh(d, edition_id, 0, &n);
	char json[128];
	snprintf(json, sizeof json,
		 "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"vertical\":%d,\"stands_changed\":%zu}", x, y,
		 w, vertical, n);
	if (!e)
		e = audit_record(actor, "stand.entrance.delete", "stand_entrance", id, json, NULL);
	e = db_end(d, e);
	if (changed)
		*changed = e ? 0 : n;
	return e;
}

/* near - the stand's centre near an entrance of the plan. */
static int near(const stand_plan *pl, double x, double y)
{
	return stand_near_entrance(pl->entrances, pl->nentrances, x, y);
}

size_t stand_block_layout(const stand_plan *pl, const stand_block_spec *b, stand_row *out,
			  size_t max, size_t *skipped)
{
	size_t n = 0, k = 0;
	*skipped = 0;
	for (int r = 0; r < b->rows; r++)
		for (int c = 0; c < b->cols; c++, k++) {
			/* rows back to back in pairs, an aisle after each pair */
			double x = b->x + c * b->w, y = b->y + r * b->h + (r / 2) * b->aisle;
			char code[24];
			snprintf(code, sizeof code, "%s%02d", b->prefix, b->first + (int)k);
			int ok = x + b->w <= pl->width + 1e-6 && y + b->h <= pl->depth + 1e-6 &&
				 stand_rect_in(pl->outline, pl->noutline, x, y, b->w, b->h);
			for (size_t i = 0; ok && i < pl->nstands; i++) {
				const stand_row *o = &pl->stands[i];
				if (!strcmp(o->code, code) ||
				    stand_rects_overlap(x, y, b->w, b->h, o->site.x, o->site.y,
							o->site.w, o->site.h))
					ok = 0;
			}
			if (!ok || n == max) {
				(*skipped)++;
				continue;
			}
			stand_row *s = &out[n++];
			memset(s, 0, sizeof *s);
			s->code = NULL; /* named by stand_block_add */
			s->site = (stand_site){ .x = x,
						.y = y,
						.w = b->w,
						.h = b->h,
						.capacity = b->capacity,
						.offers = b->offers };
			s->corner = c == 0 || c == b->cols - 1;
			s->near_entrance = near(pl, x + b->w / 2, y + b->h / 2);
			s->site.footfall = stand_footfall_of(s->corner, 0, s->near_entrance);
			s->zone_space_id = b->space_id;
			s->id = (int64_t)k; /* the cell's number, for the code */
		}
	return n;
}

cf_err stand_block_add(arena *a, int64_t actor, const stand_plan *pl, const stand_block_spec *b,
		       size_t *made, size_t *skipped)
{
	*made = 0;
	size_t cells = (size_t)b->rows * (size_t)b->cols;
	stand_row *rows = arena_alloc(a, (cells + 1) * sizeof *rows);
	size_t n = stand_block_layout(pl, b, rows, cells, skipped);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	for (size_t i = 0; i < n && !e; i++) {
		rows[i].code = arena_printf(a, "%s%02d", b->prefix, b->first + (int)rows[i].id);
		rows[i].id = 0;
		e = put(d, pl->edition_id, &rows[i]);
	}
	char json[120];
	snprintf(json, sizeof json, "{\"stands\":%zu,\"rows\":%d,\"cols\":%d}", n, b->rows,
		 b->cols);
	e = finish(d, e, actor, "stand.block", "edition", pl->edition_id, json);
	if (!e)
		*made = n;
	return e;
}

/* ---- the partner cooperative of an application ---- */

static const char SQL_PARTNERS[] =
	"SELECT c.id, c.name_ar, c.name_fr FROM application a "
	"JOIN cooperative c ON c.id = a.cooperative_id "
	"WHERE a.edition_id = ? AND a.cooperative_id <> ? AND a.status <> 'withdrawn' "
	"ORDER BY c.name_fr, c.id LIMIT 5000";
static const char SQL_PARTNER_GET[] =
	"SELECT COALESCE(share_coop_id, 0) FROM application WHERE edition_id = ? AND cooperative_id = ?";

cf_err stand_partner_choices(arena *a, int64_t edition_id, int64_t coop_id, stand_coop **out,
			     size_t *count)
{
	size_t cap = 32, n = 0;
	stand_coop *v = arena_alloc(a, cap * sizeof *v);
	db_stmt *s = db_prepare(db_thread(), SQL_PARTNERS);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, coop_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			stand_coop *w = arena_alloc(a, 2 * cap * sizeof *w);
			memcpy(w, v, n * sizeof *v);
			v = w, cap *= 2;
		}
		v[n++] = (stand_coop){ db_col_int(s, 0), arena_strdup(a, db_col_text(s, 1)),
				       arena_strdup(a, db_col_text(s, 2)) };
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err stand_partner_get(int64_t edition_id, int64_t coop_id, int64_t *partner)
{
	*partner = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_PARTNER_GET);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, coop_id);
	cf_err e = db_row(s);
	if (!e)
		*partner = db_col_int(s, 0);
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}
