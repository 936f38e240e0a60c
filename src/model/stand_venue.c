/* stand_venue.c - an edition's floor plan in the database; see stand.h. */
#include "stand.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outbox.h"
#include "rows.h"

/* N_ marks a message id translated later (tr() in the page). */
#define N_(s) (s)

static const char SQL_VENUE[] =
	"SELECT width, depth, w_cluster, w_share, w_fair, published_at, outline FROM stand_venue "
	"WHERE edition_id = ?";
static const char SQL_STANDS[] =
	"SELECT id, code, x, y, w, h, capacity, power, water, accessible, footfall, locked, "
	"corner, main_aisle, near_entrance, COALESCE(space_id, 0) FROM stand WHERE edition_id = ? "
	"ORDER BY code";
static const char SQL_ZONES[] = "SELECT kind, name_ar, name_fr, x, y, w, h, id, "
				"COALESCE(space_id, 0) FROM stand_zone "
				"WHERE edition_id = ? ORDER BY id";
static const char SQL_ENTRANCES[] =
	"SELECT name_ar, name_fr, x, y, w, id, vertical FROM stand_entrance "
	"WHERE edition_id = ? ORDER BY id";
static const char SQL_CATS[] = "SELECT id FROM category WHERE edition_id = ? ORDER BY position, id";
static const char SQL_EXHIBITORS[] =
	"SELECT x.id, x.cooperative_id, x.category_id, COALESCE(x.stand_id, 0), c.name_ar, "
	"c.name_fr, COALESCE(a.needs_power, 0), COALESCE(a.needs_water, 0), "
	"COALESCE(a.needs_accessible, 0), COALESCE(a.first_time, 1), "
	"CASE WHEN p.region_id = e.region_id THEN 0 ELSE 1 END, COALESCE(a.share_coop_id, 0), "
	"COALESCE(s.code, ''), x.is_sample "
	"FROM exhibitor x JOIN cooperative c ON c.id = x.cooperative_id "
	"JOIN province p ON p.id = c.province_id JOIN edition e ON e.id = x.edition_id "
	"LEFT JOIN application a ON a.edition_id = x.edition_id AND a.cooperative_id = x.cooperative_id "
	"LEFT JOIN stand s ON s.id = x.stand_id "
	"WHERE x.edition_id = ? ORDER BY c.name_fr, x.id";
static const char SQL_COMPLEMENT[] =
	"SELECT category_a, category_b FROM stand_complement WHERE edition_id = ?";
static const char SQL_APART[] =
	"SELECT exhibitor_a, exhibitor_b FROM stand_apart WHERE edition_id = ?";
static const char SQL_SET_STAND[] =
	"UPDATE exhibitor SET stand_id = ? WHERE id = ? AND edition_id = ?";
static const char SQL_UNPLACED[] =
	"SELECT COUNT(*) FROM exhibitor WHERE edition_id = ? AND stand_id IS NULL";
static const char SQL_ENTRY_STAND[] =
	"SELECT s.code FROM prize_entry p JOIN exhibitor x ON x.id = p.exhibitor_id "
	"JOIN stand s ON s.id = x.stand_id WHERE p.id = ?";
static const char SQL_PUBLISH[] = "UPDATE stand_venue SET published_at = ? WHERE edition_id = ?";
static const char SQL_MAILTO[] =
	"SELECT email, lang FROM account WHERE cooperative_id = ? AND disabled = 0 "
	"ORDER BY id LIMIT 1";

static int col_flag(db_stmt *s, int c)
{
	return db_col_int(s, c) != 0;
}

cf_err stand_plan_load(arena *a, int64_t edition_id, stand_plan *pl)
{
	db *d = db_thread();
	memset(pl, 0, sizeof *pl);
	pl->edition_id = edition_id;
	db_stmt *s = db_prepare(d, SQL_VENUE);
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	if (!e) {
		pl->width = db_col_double(s, 0);
		pl->depth = db_col_double(s, 1);
		pl->w_cluster = db_col_double(s, 2);
		pl->w_share = db_col_double(s, 3);
		pl->w_fair = db_col_double(s, 4);
		pl->published_at = db_col_is_null(s, 5) ? NULL : arena_strdup(a, db_col_text(s, 5));
		if (!db_col_is_null(s, 6) && *db_col_text(s, 6)) {
			pl->outline_text = arena_strdup(a, db_col_text(s, 6));
			pl->outline = arena_alloc(a, 2 * STAND_OUTLINE_MAX * sizeof *pl->outline);
			if (!stand_outline_parse(pl->outline_text, pl->outline, STAND_OUTLINE_MAX,
						 &pl->noutline))
				pl->noutline = 0; /* only valid outlines are stored */
		}
	}
	db_done(s);
	if (e)
		return e;

	size_t cap = 16, n = 0;
	int rc;
	s = db_prepare(d, SQL_STANDS);
	db_bind_int(s, 1, edition_id);
	pl->stands = arena_alloc(a, cap * sizeof *pl->stands);
	while ((rc = db_step(s)) == DB_ROW) {
		pl->stands = rows_grow(a, pl->stands, n, &cap, sizeof *pl->stands);
		stand_row *r = &pl->stands[n++];
		r->id = db_col_int(s, 0);
		r->code = arena_strdup(a, db_col_text(s, 1));
		r->site = (stand_site){ .x = db_col_double(s, 2),
					.y = db_col_double(s, 3),
					.w = db_col_double(s, 4),
					.h = db_col_double(s, 5),
					.capacity = (int)db_col_int(s, 6),
					.offers = (col_flag(s, 7) ? STAND_NEED_POWER : 0) |
						  (col_flag(s, 8) ? STAND_NEED_WATER : 0) |
						  (col_flag(s, 9) ? STAND_NEED_ACCESS : 0),
					.footfall = db_col_double(s, 10),
					.locked = col_flag(s, 11) };
		r->corner = col_flag(s, 12);
		r->main_aisle = col_flag(s, 13);
		r->near_entrance = col_flag(s, 14);
		r->zone_space_id = db_col_int(s, 15);
	}
	db_done(s);
	pl->nstands = n;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	cap = 8, n = 0;
	s = db_prepare(d, SQL_ZONES);
	db_bind_int(s, 1, edition_id);
	pl->zones = arena_alloc(a, cap * sizeof *pl->zones);
	while ((rc = db_step(s)) == DB_ROW) {
		pl->zones = rows_grow(a, pl->zones, n, &cap, sizeof *pl->zones);
		stand_zone_row *z = &pl->zones[n++];
		z->kind = arena_strdup(a, db_col_text(s, 0));
		z->name_ar = arena_strdup(a, db_col_text(s, 1));
		z->name_fr = arena_strdup(a, db_col_text(s, 2));
		z->x = db_col_double(s, 3);
		z->y = db_col_double(s, 4);
		z->w = db_col_double(s, 5);
		z->h = db_col_double(s, 6);
		z->id = db_col_int(s, 7);
		z->space_id = db_col_int(s, 8);
	}
	db_done(s);
	pl->nzones = n;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	cap = 4, n = 0;
	s = db_prepare(d, SQL_ENTRANCES);
	db_bind_int(s, 1, edition_id);
	pl->entrances = arena_alloc(a, cap * sizeof *pl->entrances);
	while ((rc = db_step(s)) == DB_ROW) {
		pl->entrances = rows_grow(a, pl->entrances, n, &cap, sizeof *pl->entrances);
		stand_entrance_row *z = &pl->entrances[n++];
		z->name_ar = arena_strdup(a, db_col_text(s, 0));
		z->name_fr = arena_strdup(a, db_col_text(s, 1));
		z->x = db_col_double(s, 2);
		z->y = db_col_double(s, 3);
		z->w = db_col_double(s, 4);
		z->id = db_col_int(s, 5);
		z->vertical = db_col_int(s, 6) != 0;
	}
	db_done(s);
	pl->nentrances = n;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	cap = 8, n = 0;
	s = db_prepare(d, SQL_CATS);
	db_bind_int(s, 1, edition_id);
	pl->cat_ids = arena_alloc(a, cap * sizeof *pl->cat_ids);
	while ((rc = db_step(s)) == DB_ROW) {
		pl->cat_ids = rows_grow(a, pl->cat_ids, n, &cap, sizeof *pl->cat_ids);
		pl->cat_ids[n++] = db_col_int(s, 0);
	}
	db_done(s);
	pl->ncat = (int)n;
	if (rc == DB_ERR)
		return CF_ERR_DB;

	cap = 64, n = 0;
	int64_t *share = arena_alloc(a, cap * sizeof *share);
	size_t share_cap = cap;
	s = db_prepare(d, SQL_EXHIBITORS);
	db_bind_int(s, 1, edition_id);
	pl->ex = arena_alloc(a, cap * sizeof *pl->ex);
	while ((rc = db_step(s)) == DB_ROW) {
		pl->ex = rows_grow(a, pl->ex, n, &cap, sizeof *pl->ex);
		share = rows_grow(a, share, n, &share_cap, sizeof *share);
		stand_exhibitor_row *x = &pl->ex[n];
		x->id = db_col_int(s, 0);
		x->cooperative_id = db_col_int(s, 1);
		x->category_id = db_col_int(s, 2);
		x->stand_id = db_col_int(s, 3);
		x->name_ar = arena_strdup(a, db_col_text(s, 4));
		x->name_fr = arena_strdup(a, db_col_text(s, 5));
		x->category = 0;
		for (int c = 0; c < pl->ncat; c++)
			if (pl->cat_ids[c] == x->category_id)
				x->category = c;
		x->who = (stand_who){ .category = x->category,
				      .needs = (col_flag(s, 6) ? STAND_NEED_POWER : 0) |
					       (col_flag(s, 7) ? STAND_NEED_WATER : 0) |
					       (col_flag(s, 8) ? STAND_NEED_ACCESS : 0),
				      .first_time = col_flag(s, 9),
				      .outside = col_flag(s, 10),
				      .partner = -1,
				      .stand = -1 };
		share[n] = db_col_int(s, 11);
		x->stand_code = arena_strdup(a, db_col_text(s, 12));
		x->is_sample = col_flag(s, 13);
		for (size_t k = 0; k < pl->nstands; k++)
			if (pl->stands[k].id == x->stand_id)
				x->who.stand = (int)k;
		n++;
	}
	db_done(s);
	pl->nex = n;
	if (rc == DB_ERR)
		return CF_ERR_DB;
	/* A wish to share pairs two exhibitors when the other one asked for
	 * nobody else. */
	for (size_t i = 0; i < n; i++) {
		if (!share[i] || pl->ex[i].who.partner >= 0)
			continue;
		for (size_t j = 0; j < n; j++)
			if (j != i && pl->ex[j].cooperative_id == share[i] &&
			    pl->ex[j].who.partner < 0 &&
			    (!share[j] || share[j] == pl->ex[i].cooperative_id)) {
				pl->ex[i].who.partner = (int)j;
				pl->ex[j].who.partner = (int)i;
				break;
			}
	}

	pl->complement = arena_alloc(a, (size_t)(pl->ncat * pl->ncat + 1));
	memset(pl->complement, 0, (size_t)(pl->ncat * pl->ncat + 1));
	s = db_prepare(d, SQL_COMPLEMENT);
	db_bind_int(s, 1, edition_id);
	while ((rc = db_step(s)) == DB_ROW) {
		int ca = -1, cb = -1;
		for (int c = 0; c < pl->ncat; c++) {
			if (pl->cat_ids[c] == db_col_int(s, 0))
				ca = c;
			if (pl->cat_ids[c] == db_col_int(s, 1))
				cb = c;
		}
		if (ca >= 0 && cb >= 0)
			pl->complement[ca * pl->ncat + cb] = pl->complement[cb * pl->ncat + ca] = 1;
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;

	cap = 8, n = 0;
	s = db_prepare(d, SQL_APART);
	db_bind_int(s, 1, edition_id);
	pl->apart = arena_alloc(a, cap * 2 * sizeof *pl->apart);
	size_t acap = cap * 2;
	while ((rc = db_step(s)) == DB_ROW) {
		int ia = -1, ib = -1;
		for (size_t i = 0; i < pl->nex; i++) {
			if (pl->ex[i].id == db_col_int(s, 0))
				ia = (int)i;
			if (pl->ex[i].id == db_col_int(s, 1))
				ib = (int)i;
		}
		if (ia < 0 || ib < 0)
			continue;
		pl->apart = rows_grow(a, pl->apart, 2 * n + 1, &acap, sizeof *pl->apart);
		pl->apart[2 * n] = ia;
		pl->apart[2 * n + 1] = ib;
		n++;
	}
	db_done(s);
	pl->napart = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

void stand_plan_problem(arena *a, stand_plan *pl, stand_problem *p)
{
	stand_site *sites = arena_alloc(a, (pl->nstands + 1) * sizeof *sites);
	stand_who *who = arena_alloc(a, (pl->nex + 1) * sizeof *who);
	for (size_t i = 0; i < pl->nstands; i++) {
		sites[i] = pl->stands[i].site;
		/* a stand outside a polygon hall's walls takes nobody */
		if (!stand_rect_in(pl->outline, pl->noutline, sites[i].x, sites[i].y, sites[i].w,
				   sites[i].h))
			sites[i].capacity = 0;
	}
	for (size_t i = 0; i < pl->nex; i++)
		who[i] = pl->ex[i].who;
	*p = (stand_problem){ .sites = sites,
			      .nsites = pl->nstands,
			      .who = who,
			      .nwho = pl->nex,
			      .ncat = pl->ncat,
			      .complement = pl->complement,
			      .apart = pl->apart,
			      .napart = pl->napart,
			      .w_cluster = pl->w_cluster,
			      .w_share = pl->w_share,
			      .w_fair = pl->w_fair };
}

/* The notice of a new stand, in the exhibitor's language. */
static cf_err notify(arena *a, const stand_plan *pl, size_t i, const char *code)
{
	db_stmt *s = db_prepare(db_thread(), SQL_MAILTO);
	db_bind_int(s, 1, pl->ex[i].cooperative_id);
	cf_err e = db_row(s);
	if (e) {
		db_done(s);
		return e == CF_ERR_NOTFOUND ? CF_OK : e; /* nobody to tell */
	}
	char *to = arena_strdup(a, db_col_text(s, 0));
	char *lg = arena_strdup(a, db_col_text(s, 1));
	db_done(s);
	const char *base = getenv("COOPFAIR_BASE_URL");
	if (!base)
		base = "";
	const char *subject, *body;
	if (!strcmp(lg, "fr")) {
		subject = arena_printf(a, "Votre stand : %s", code);
		body = arena_printf(a,
				    "Bonjour,\n\nLe comité a changé votre stand. Votre stand est "
				    "désormais le %s.\nLe plan : %s/plan?stand=%s\n",
				    code, base, code);
	} else if (!strcmp(lg, "en")) {
		subject = arena_printf(a, "Your stand: %s", code);
		body = arena_printf(a,
				    "Hello,\n\nThe committee changed your stand. Your stand is now "
				    "%s.\nThe map: %s/plan?stand=%s\n",
				    code, base, code);
	} else {
		subject = arena_printf(a, "رواقكم: %s", code);
		body = arena_printf(a,
				    "السلام عليكم،\n\nغيّرت اللجنة رواقكم. رواقكم الآن هو %s.\n"
				    "المخطط: %s/plan?stand=%s&lang=ar\n",
				    code, base, code);
	}
	return outbox_enqueue(to, subject, body, NULL);
}

/* Store new stands (index per exhibitor, -1 none); mails the exhibitors
 * whose stand changed when the plan is published. In the caller's
 * transaction. */
static cf_err store(arena *a, const stand_plan *pl, const stand_who *who)
{
	db *d = db_thread();
	cf_err e = CF_OK;
	for (size_t i = 0; i < pl->nex && !e; i++) {
		int s = who[i].stand;
		int64_t sid = s >= 0 ? pl->stands[s].id : 0;
		if (sid == pl->ex[i].stand_id)
			continue;
		db_stmt *st = db_prepare(d, SQL_SET_STAND);
		if (sid)
			db_bind_int(st, 1, sid);
		else
			db_bind_null(st, 1);
		db_bind_int(st, 2, pl->ex[i].id);
		db_bind_int(st, 3, pl->edition_id);
		e = db_run(st);
		if (!e && pl->published_at && sid)
			e = notify(a, pl, i, pl->stands[s].code);
	}
	return e;
}

cf_err stand_assign(int64_t edition_id, uint64_t iters, uint64_t seed, stand_score *out,
		    void (*progress)(uint64_t, uint64_t))
{
	arena *a = arena_new(64u << 20);
	stand_plan pl;
	stand_problem p;
	cf_err e = stand_plan_load(a, edition_id, &pl);
	if (!e) {
		stand_plan_problem(a, &pl, &p);
		e = stand_solve(&p, iters, seed, progress);
		if (out)
			*out = stand_score_of(&p);
	}
	if (!e)
		e = store(a, &pl, p.who);
	arena_free(a);
	return e;
}

cf_err stand_move(arena *a, int64_t edition_id, int64_t exhibitor_id, int64_t stand_id,
		  stand_score *before, stand_score *after)
{
	stand_plan pl;
	stand_problem p;
	cf_err e = stand_plan_load(a, edition_id, &pl);
	if (e)
		return e;
	stand_plan_problem(a, &pl, &p);
	int ei = -1, si = -1;
	for (size_t i = 0; i < pl.nex; i++)
		if (pl.ex[i].id == exhibitor_id)
			ei = (int)i;
	for (size_t i = 0; i < pl.nstands; i++)
		if (pl.stands[i].id == stand_id)
			si = (int)i;
	if (ei < 0 || (stand_id && si < 0))
		return CF_ERR_NOTFOUND;
	*before = stand_score_of(&p);
	p.who[ei].stand = si;
	*after = stand_score_of(&p);
	return store(a, &pl, p.who);
}

cf_err stand_unplaced_count(int64_t edition_id, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_UNPLACED);
	db_bind_int(s, 1, edition_id);
	cf_err e = db_row(s);
	*count = e ? 0 : (size_t)db_col_int(s, 0);
	db_done(s);
	return e;
}

cf_err stand_code_of_entry(arena *a, int64_t entry_id, const char **code)
{
	db_stmt *s = db_prepare(db_thread(), SQL_ENTRY_STAND);
	db_bind_int(s, 1, entry_id);
	cf_err e = db_row(s);
	*code = e ? NULL : arena_strdup(a, db_col_text(s, 0));
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}

cf_err stand_publish(int64_t edition_id, const char *now_iso)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PUBLISH);
	db_bind_text(s, 1, now_iso);
	db_bind_int(s, 2, edition_id);
	return db_run(s);
}

size_t stand_why(const stand_plan *pl, size_t i, const char *out[4])
{
	size_t n = 0;
	const stand_exhibitor_row *x = &pl->ex[i];
	if (x->who.stand < 0) {
		out[n++] = N_("no stand yet");
		return n;
	}
	const stand_row *r = &pl->stands[x->who.stand];
	if (r->site.locked)
		out[n++] = N_("locked by the committee");
	if (x->who.partner >= 0)
		out[n++] = N_("shares with the partner it asked for");
	if (x->who.needs)
		out[n++] = N_("the stand meets its needs (power, water, access)");
	if (n < 4)
		out[n++] = N_("beside its category");
	if (n < 4 && (r->corner || r->main_aisle || r->near_entrance))
		out[n++] = N_("a good place, shared fairly between groups");
	return n;
}

int stand_find(const stand_plan *pl, const char *q)
{
	if (!q || !*q)
		return -1;
	size_t lq = strlen(q);
	for (size_t i = 0; i < pl->nex; i++) {
		const char *names[2] = { pl->ex[i].name_fr, pl->ex[i].name_ar };
		for (int k = 0; k < 2; k++) {
			const char *h = names[k];
			for (size_t o = 0; h[o]; o++) {
				size_t m = 0;
				while (m < lq && h[o + m] &&
				       tolower((unsigned char)h[o + m]) ==
					       tolower((unsigned char)q[m]))
					m++;
				if (m == lq)
					return (int)i;
			}
		}
	}
	return -1;
}
