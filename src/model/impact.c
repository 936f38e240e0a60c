/* impact.c - the impact report (impact.h). */
#include "impact.h"

#include "../db/db.h"
#include "b2b.h"
#include "gate.h"
#include "prog.h"
#include "sales.h"

#include <stdio.h>
#include <string.h>

#define N_(s) (s) /* a msgid: pages translate it */

static const char SQL_EDITION[] =
	"SELECT e.id, e.slug, e.name_ar, e.name_fr, e.name_en, e.starts_on, e.ends_on, r.name_ar, "
	"r.name_fr, r.name_en, e.number FROM edition e JOIN region r ON r.id = e.region_id "
	"WHERE e.id = ?";
static const char SQL_EXHIBITORS[] =
	"SELECT COUNT(*), COALESCE(SUM(c.women_led), 0), COALESCE(SUM(c.first_time), 0), "
	"COALESCE(SUM(c.members_women), 0), COALESCE(SUM(c.members_men), 0), "
	"COALESCE(SUM(c.members_young), 0), COALESCE(MAX(x.is_sample), 0) FROM exhibitor x "
	"JOIN cooperative c ON c.id = x.cooperative_id WHERE x.edition_id = ?";
static const char SQL_BY_PROVINCE[] =
	"SELECT p.code, p.name_ar, p.name_fr, p.name_fr, COUNT(*), SUM(c.women_led), "
	"SUM(c.first_time), SUM(c.members_women) FROM exhibitor x JOIN cooperative c ON "
	"c.id = x.cooperative_id JOIN province p ON p.id = c.province_id WHERE x.edition_id = ? "
	"GROUP BY p.id, p.code, p.name_ar, p.name_fr ORDER BY COUNT(*) DESC, p.code";
static const char SQL_BY_REGION[] =
	"SELECT g.code, g.name_ar, g.name_fr, g.name_en, COUNT(*), SUM(c.women_led), "
	"SUM(c.first_time), SUM(c.members_women) FROM exhibitor x JOIN cooperative c ON "
	"c.id = x.cooperative_id JOIN province p ON p.id = c.province_id JOIN region g ON "
	"g.id = p.region_id WHERE x.edition_id = ? GROUP BY g.id, g.code, g.name_ar, g.name_fr, "
	"g.name_en ORDER BY COUNT(*) DESC, g.code";
static const char SQL_BY_CATEGORY[] =
	"SELECT k.code, k.name_ar, k.name_fr, k.name_en, COUNT(*), SUM(c.women_led), "
	"SUM(c.first_time), SUM(c.members_women) FROM exhibitor x JOIN cooperative c ON "
	"c.id = x.cooperative_id JOIN category k ON k.id = x.category_id WHERE x.edition_id = ? "
	"GROUP BY k.id, k.code, k.name_ar, k.name_fr, k.name_en, k.position "
	"ORDER BY k.position, k.id";
static const char SQL_WINNERS[] =
	"SELECT k.code, c.name_ar, c.name_fr, c.name_fr, r.rank, c.women_led, k.name_ar, "
	"k.name_fr, k.name_en FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id "
	"JOIN prize_category pc ON pc.category_id = e.category_id JOIN category k ON "
	"k.id = e.category_id JOIN cooperative c ON c.id = e.cooperative_id WHERE "
	"k.edition_id = ? AND pc.state = 'published' AND r.rank BETWEEN 1 AND pc.winners "
	"ORDER BY k.position, r.rank";
static const char SQL_ALL_EDITIONS[] =
	"SELECT e.id, e.slug, e.name_ar, e.name_fr, e.name_en, g.name_ar, g.name_fr, g.name_en, "
	"(SELECT COUNT(*) FROM exhibitor x WHERE x.edition_id = e.id), "
	"(SELECT COALESCE(SUM(c.women_led), 0) FROM exhibitor x JOIN cooperative c ON "
	"c.id = x.cooperative_id WHERE x.edition_id = e.id), "
	"(SELECT COALESCE(SUM(s.amount), 0) FROM sale s WHERE s.edition_id = e.id AND "
	"s.removed = 0), "
	"(SELECT COUNT(*) FROM checkin k WHERE k.edition_id = e.id AND k.result = 'ok' AND "
	"k.direction = 'in') FROM edition e JOIN region g ON g.id = e.region_id "
	"ORDER BY g.name_fr, e.starts_on, e.id LIMIT 500";
static const char SQL_SPACES[] =
	"SELECT id, name_ar, name_fr, name_en FROM space WHERE edition_id = ? ORDER BY position, id";
static const char SQL_SESSION_SPACES[] =
	"SELECT id, COALESCE(space_id, 0) FROM prog_session WHERE edition_id = ?";
static const char SQL_PREV[] =
	"SELECT id FROM edition WHERE starts_on < (SELECT starts_on FROM edition WHERE id = ?) "
	"ORDER BY starts_on DESC, id DESC LIMIT 1";
static const char SQL_NEXT[] =
	"SELECT id FROM edition WHERE starts_on > (SELECT starts_on FROM edition WHERE id = ?) "
	"ORDER BY starts_on, id LIMIT 1";

static cf_err one_id(const char *sql, int64_t id, int64_t *out)
{
	*out = 0;
	db_stmt *s = db_prepare(db_thread(), sql);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e)
		*out = db_col_int(s, 0);
	db_done(s);
	return e == CF_ERR_NOTFOUND ? CF_OK : e;
}

cf_err impact_compare_default(int64_t edition_id, int64_t *vs)
{
	cf_err e = one_id(SQL_PREV, edition_id, vs);
	if (!e && !*vs)
		e = one_id(SQL_NEXT, edition_id, vs);
	return e;
}

static cf_err edition_of(arena *a, int64_t id, impact_edition *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_EDITION);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e) {
		out->id = db_col_int(s, 0);
		out->slug = arena_strdup(a, db_col_text(s, 1));
		out->name_ar = arena_strdup(a, db_col_text(s, 2));
		out->name_fr = arena_strdup(a, db_col_text(s, 3));
		out->name_en = arena_strdup(a, db_col_text(s, 4));
		out->starts_on = arena_strdup(a, db_col_text(s, 5));
		out->ends_on = arena_strdup(a, db_col_text(s, 6));
		out->region_ar = arena_strdup(a, db_col_text(s, 7));
		out->region_fr = arena_strdup(a, db_col_text(s, 8));
		out->region_en = arena_strdup(a, db_col_text(s, 9));
		out->number = (int)db_col_int(s, 10);
	}
	db_done(s);
	return e;
}

static impact_table *table(impact_report *r, const char *id, const char *title, const char *source,
			   int chart, int ncols, const char *c0, const char *c1, const char *c2,
			   const char *c3)
{
	impact_table *t = &r->t[r->nt++];
	memset(t, 0, sizeof *t);
	t->id = id, t->title = title, t->source = source, t->chart = chart, t->ncols = ncols;
	t->cols[0] = c0, t->cols[1] = c1, t->cols[2] = c2, t->cols[3] = c3;
	return t;
}

static impact_row *rows_alloc(arena *a, size_t n)
{
	impact_row *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
	memset(v, 0, (n ? n : 1) * sizeof *v);
	return v;
}

static void names(impact_row *x, const char *ar, const char *fr, const char *en)
{
	x->name_ar = ar, x->name_fr = fr, x->name_en = en;
	x->group_ar = x->group_fr = x->group_en = "";
}

/* rows of a query giving key, name_ar, name_fr, name_en, then ncols values */
static cf_err query_rows(arena *a, const char *sql, int64_t ed, impact_table *t)
{
	db_stmt *s = db_prepare(db_thread(), sql);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	size_t cap = 16, n = 0;
	impact_row *v = rows_alloc(a, cap);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			impact_row *w = rows_alloc(a, 2 * cap);
			memcpy(w, v, cap * sizeof *v);
			v = w, cap *= 2;
		}
		impact_row *x = &v[n++];
		x->key = arena_strdup(a, db_col_text(s, 0));
		names(x, arena_strdup(a, db_col_text(s, 1)), arena_strdup(a, db_col_text(s, 2)),
		      arena_strdup(a, db_col_text(s, 3)));
		for (int i = 0; i < t->ncols; i++)
			x->v[i] = (long)db_col_int(s, 4 + i);
	}
	db_done(s);
	t->rows = v, t->nrows = n;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

static void from_sums(arena *a, impact_table *t, const sales_sum *v, size_t n)
{
	t->rows = rows_alloc(a, n);
	t->nrows = n;
	for (size_t i = 0; i < n; i++) {
		impact_row *x = &t->rows[i];
		x->key = v[i].key;
		names(x, v[i].name_ar, v[i].name_fr, v[i].name_en);
		x->v[0] = v[i].amount, x->v[1] = v[i].items, x->v[2] = v[i].sales;
	}
}

/* The key figures of one edition, in the order of KEYS. */
enum {
	K_EXHIBITORS,
	K_WOMEN_LED,
	K_FIRST_TIME,
	K_WOMEN,
	K_MEN,
	K_YOUNG,
	K_VISITS,
	K_VISITORS,
	K_SALES,
	K_ITEMS,
	K_AVERAGE,
	K_WOMEN_SHARE,
	K_B2B_REQUESTS,
	K_B2B_ACCEPTED,
	K_B2B_HELD,
	K_WINNERS,
	K_PROG_HELD,
	K_PROG_BOOKED,
	K_PROG_PRESENT,
	K_PROG_WAITING,
	K__MAX
};
static const char *const KEYS[K__MAX] = {
	N_("Exhibitors"),
	N_("Women-led cooperatives"),
	N_("First-time exhibitors"),
	N_("Women members"),
	N_("Men members"),
	N_("Young members"),
	N_("Entries at the gate (badges)"),
	N_("Unique badges at the gate"),
	N_("Sales (dirhams)"),
	N_("Items sold"),
	N_("Average sales per exhibitor (dirhams)"),
	N_("Women-led cooperatives' share of sales (%)"),
	N_("B2B meetings requested"),
	N_("B2B meetings accepted"),
	N_("B2B meetings held"),
	N_("Prize winners"),
	N_("Programme sessions held"),
	N_("Places booked in the programme"),
	N_("Programme participants present"),
	N_("People on the programme's waiting lists"),
};
static const char *const KEY_CODES[K__MAX] = {
	"exhibitors",	 "women_led",	"first_time",	"members_women", "members_men",
	"members_young", "visits",	"visitors",	"sales",	 "items",
	"average",	 "women_share", "b2b_requests", "b2b_accepted",	 "b2b_held",
	"winners",	 "prog_held",	"prog_booked",	"prog_present",	 "prog_waiting",
};

typedef struct reads {
	long k[K__MAX];
	gate_stats gate;
	sales_totals sales;
	b2b_stats b2b;
	impact_table winners;
	impact_table prog_kind, prog_space; /* the programme, PROG_COLS columns */
	int sample;
} reads;

/* The programme's columns: every session, those held, places booked,
 * participants marked present, people on the waiting list. */
enum { P_SESSIONS, P_HELD, P_BOOKED, P_PRESENT, P_WAITING, P__MAX };
static const char *const KIND_NAMES[PROG_KIND__MAX] = {
	N_("Ceremony"), N_("Talk"), N_("Panel"), N_("Workshop"), N_("Meeting"), N_("Performance"),
};

static void prog_add(impact_row *x, const prog_session_count *c, int held)
{
	x->v[P_SESSIONS]++;
	x->v[P_HELD] += held;
	x->v[P_BOOKED] += c->booked;
	x->v[P_PRESENT] += c->attended;
	x->v[P_WAITING] += c->waiting;
}

/* space_of - the space (0: none) of session id, from the n pairs
 * (session, space) of map; *hint: where to look first (both lists come in
 * the same order, so the walk is linear). */
static int64_t space_of(const int64_t (*map)[2], size_t n, int64_t id, size_t *hint)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = (*hint + k) % n;
		if (map[i][0] == id) {
			*hint = i + 1;
			return map[i][1];
		}
	}
	return 0;
}

/* read_prog - the programme of edition ed from prog_counts: per kind (in
 * prog_kind order), per space (in the spaces' order, then one row "In no
 * space"), and its key figures. A session is held once it has begun: its
 * start is before now_slot. Rows without a session are left out. */
static cf_err read_prog(arena *a, int64_t ed, const char *now_slot, reads *o)
{
	prog_session_count *c;
	size_t n;
	cf_err e = prog_counts(a, ed, &c, &n);
	if (e)
		return e;
	int64_t(*map)[2] = arena_alloc(a, (n ? n : 1) * sizeof *map);
	size_t nmap = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_SESSION_SPACES);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	int rc;
	while ((rc = db_step(s)) == DB_ROW && nmap < n) {
		map[nmap][0] = db_col_int(s, 0);
		map[nmap][1] = db_col_int(s, 1);
		nmap++;
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;

	/* the edition's spaces, then the row of sessions in none (key "0") */
	s = db_prepare(db_thread(), SQL_SPACES);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	size_t cap = 16, ns = 0;
	impact_row *sp = rows_alloc(a, cap);
	int64_t *sid = arena_alloc(a, cap * sizeof *sid);
	while ((rc = db_step(s)) == DB_ROW) {
		if (ns + 1 == cap) {
			impact_row *w = rows_alloc(a, 2 * cap);
			int64_t *wid = arena_alloc(a, 2 * cap * sizeof *wid);
			memcpy(w, sp, ns * sizeof *sp);
			memcpy(wid, sid, ns * sizeof *sid);
			sp = w, sid = wid, cap *= 2;
		}
		sid[ns] = db_col_int(s, 0);
		impact_row *x = &sp[ns++];
		x->key = arena_printf(a, "%lld", (long long)sid[ns - 1]);
		names(x, arena_strdup(a, db_col_text(s, 1)), arena_strdup(a, db_col_text(s, 2)),
		      arena_strdup(a, db_col_text(s, 3)));
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	impact_row *none = &sp[ns];
	none->key = "0";
	names(none, N_("In no space"), N_("In no space"), N_("In no space"));
	none->msgid_name = 1;

	impact_row *kinds = rows_alloc(a, PROG_KIND__MAX);
	size_t hint = 0;
	for (size_t i = 0; i < n; i++) {
		int held = strcmp(c[i].starts_at, now_slot) < 0;
		int k = prog_kind_parse(c[i].kind);
		if (k >= 0 && k < PROG_KIND__MAX)
			prog_add(&kinds[k], &c[i], held);
		int64_t space = space_of((const int64_t(*)[2])map, nmap, c[i].session_id, &hint);
		impact_row *x = none;
		for (size_t j = 0; j < ns && space; j++)
			if (sid[j] == space)
				x = &sp[j];
		prog_add(x, &c[i], held);
		o->k[K_PROG_HELD] += held;
		o->k[K_PROG_BOOKED] += c[i].booked;
		o->k[K_PROG_PRESENT] += c[i].attended;
		o->k[K_PROG_WAITING] += c[i].waiting;
	}

	/* keep the rows that have sessions */
	o->prog_kind.rows = rows_alloc(a, PROG_KIND__MAX);
	for (int k = 0; k < PROG_KIND__MAX; k++)
		if (kinds[k].v[P_SESSIONS]) {
			impact_row *x = &o->prog_kind.rows[o->prog_kind.nrows++];
			*x = kinds[k];
			x->key = prog_kind_code((prog_kind)k);
			names(x, KIND_NAMES[k], KIND_NAMES[k], KIND_NAMES[k]);
			x->msgid_name = 1;
		}
	o->prog_space.rows = rows_alloc(a, ns + 1);
	for (size_t j = 0; j <= ns; j++)
		if (sp[j].v[P_SESSIONS])
			o->prog_space.rows[o->prog_space.nrows++] = sp[j];
	return CF_OK;
}

static cf_err read_all(arena *a, int64_t ed, const char *now_slot, reads *o)
{
	memset(o, 0, sizeof *o);
	db_stmt *s = db_prepare(db_thread(), SQL_EXHIBITORS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, ed);
	cf_err e = db_row(s);
	if (!e) {
		for (int i = 0; i < 6; i++)
			o->k[K_EXHIBITORS + i] = (long)db_col_int(s, i);
		o->sample |= (int)db_col_int(s, 6);
	}
	db_done(s);
	if (e)
		return e;
	if ((e = gate_days_read(a, ed, &o->gate)) || (e = sales_totals_read(a, ed, &o->sales)) ||
	    (e = b2b_stats_read(ed, now_slot, &o->b2b)))
		return e;
	o->sample |= o->gate.sample | o->sales.sample | o->b2b.sample;
	o->k[K_VISITS] = o->gate.entries;
	o->k[K_VISITORS] = o->gate.unique;
	o->k[K_SALES] = o->sales.amount;
	o->k[K_ITEMS] = o->sales.items;
	o->k[K_AVERAGE] = o->k[K_EXHIBITORS] ? o->sales.amount / o->k[K_EXHIBITORS] : 0;
	o->k[K_WOMEN_SHARE] =
		o->sales.amount
			? (long)((o->sales.women_led_amount * 100.0 / (double)o->sales.amount) +
				 0.5)
			: 0;
	o->k[K_B2B_REQUESTS] = o->b2b.requests;
	o->k[K_B2B_ACCEPTED] = o->b2b.accepted;
	o->k[K_B2B_HELD] = o->b2b.held;
	o->winners.ncols = 2;
	s = db_prepare(db_thread(), SQL_WINNERS);
	db_bind_int(s, 1, ed);
	size_t cap = 32, n = 0;
	impact_row *v = rows_alloc(a, cap);
	int rc;
	while ((rc = db_step(s)) == DB_ROW && n < cap) {
		impact_row *x = &v[n++];
		x->key = arena_strdup(a, db_col_text(s, 0));
		names(x, arena_strdup(a, db_col_text(s, 1)), arena_strdup(a, db_col_text(s, 2)),
		      arena_strdup(a, db_col_text(s, 3)));
		x->v[0] = (long)db_col_int(s, 4);
		x->v[1] = (long)db_col_int(s, 5);
		x->group_ar = arena_strdup(a, db_col_text(s, 6));
		x->group_fr = arena_strdup(a, db_col_text(s, 7));
		x->group_en = arena_strdup(a, db_col_text(s, 8));
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	o->winners.rows = v, o->winners.nrows = n;
	o->k[K_WINNERS] = (long)n;
	return read_prog(a, ed, now_slot, o);
}

static cf_err all_editions(arena *a, impact_table *t)
{
	db_stmt *s = db_prepare(db_thread(), SQL_ALL_EDITIONS);
	if (!s)
		return CF_ERR_DB;
	size_t cap = 500, n = 0;
	impact_row *v = rows_alloc(a, cap);
	int rc;
	while ((rc = db_step(s)) == DB_ROW && n < cap) {
		impact_row *x = &v[n++];
		x->key = arena_strdup(a, db_col_text(s, 1));
		names(x, arena_strdup(a, db_col_text(s, 2)), arena_strdup(a, db_col_text(s, 3)),
		      arena_strdup(a, db_col_text(s, 4)));
		x->group_ar = arena_strdup(a, db_col_text(s, 5));
		x->group_fr = arena_strdup(a, db_col_text(s, 6));
		x->group_en = arena_strdup(a, db_col_text(s, 7));
		for (int i = 0; i < 4; i++)
			x->v[i] = (long)db_col_int(s, 8 + i);
	}
	db_done(s);
	t->rows = v, t->nrows = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err impact_read(arena *a, int64_t edition_id, int64_t vs_id, const char *now_slot,
		   impact_report *out)
{
	memset(out, 0, sizeof *out);
	cf_err e = edition_of(a, edition_id, &out->ed);
	if (e)
		return e;
	if (vs_id == edition_id)
		vs_id = 0;
	if (vs_id && (e = edition_of(a, vs_id, &out->vs)))
		return e == CF_ERR_NOTFOUND ? CF_ERR_INVALID : e;
	reads *me = arena_alloc(a, sizeof *me), *other = arena_alloc(a, sizeof *other);
	if ((e = read_all(a, edition_id, now_slot, me)))
		return e;
	memset(other, 0, sizeof *other);
	if (vs_id && (e = read_all(a, vs_id, now_slot, other)))
		return e;
	out->sample = me->sample | other->sample;

	impact_table *t =
		table(out, "key_figures", N_("Key figures"),
		      "impact_read: exhibitor, cooperative, gate_days_read, "
		      "sales_totals_read, b2b_stats_read, prize_result, prog_counts",
		      0, vs_id ? 2 : 1, N_("This edition"), N_("Compared edition"), NULL, NULL);
	t->msgid_names = 1;
	t->rows = rows_alloc(a, K__MAX);
	t->nrows = K__MAX;
	for (int i = 0; i < K__MAX; i++) {
		names(&t->rows[i], KEYS[i], KEYS[i], KEYS[i]);
		t->rows[i].key = KEY_CODES[i];
		t->rows[i].v[0] = me->k[i];
		t->rows[i].v[1] = other->k[i];
	}

	static const char *const EXH_SRC[3] = {
		"impact.c SQL_BY_PROVINCE: exhibitor JOIN cooperative JOIN province",
		"impact.c SQL_BY_REGION: exhibitor JOIN cooperative JOIN province JOIN region",
		"impact.c SQL_BY_CATEGORY: exhibitor JOIN cooperative JOIN category",
	};
	static const char *const EXH_SQL[3] = { SQL_BY_PROVINCE, SQL_BY_REGION, SQL_BY_CATEGORY };
	static const char *const EXH_ID[3] = { "exhibitors_province", "exhibitors_region",
					       "exhibitors_category" };
	static const char *const EXH_TITLE[3] = { N_("Exhibitors by province"),
						  N_("Exhibitors by region"),
						  N_("Exhibitors by category") };
	for (int i = 0; i < 3; i++) {
		t = table(out, EXH_ID[i], EXH_TITLE[i], EXH_SRC[i], 1, 4, N_("Exhibitors"),
			  N_("Women-led cooperatives"), N_("First-time exhibitors"),
			  N_("Women members"));
		if ((e = query_rows(a, EXH_SQL[i], edition_id, t)))
			return e;
	}

	t = table(out, "visitors_day", N_("Visitors per day"),
		  "gate_days_read (gate.c SQL_PER_DAY): accepted entries of checkin", 1, 2,
		  N_("Entries at the gate (badges)"), N_("Unique badges at the gate"), NULL, NULL);
	t->rows = rows_alloc(a, me->gate.n_day);
	t->nrows = me->gate.n_day;
	for (size_t i = 0; i < me->gate.n_day; i++) {
		impact_row *x = &t->rows[i];
		x->key = me->gate.per_day[i].key;
		names(x, x->key, x->key, x->key);
		x->v[0] = me->gate.per_day[i].entries;
		x->v[1] = me->gate.per_day[i].unique;
	}

	static const char *const SALE_COLS[3] = { N_("Sales (dirhams)"), N_("Items sold"),
						  N_("Number of sales") };
	t = table(out, "sales_category", N_("Sales by category"),
		  "sales_totals_read (sales.c SQL_BY_CATEGORY)", 1, 3, SALE_COLS[0], SALE_COLS[1],
		  SALE_COLS[2], NULL);
	from_sums(a, t, me->sales.by_category, me->sales.n_category);
	t = table(out, "sales_day", N_("Sales by day"), "sales_totals_read (sales.c SQL_BY_DAY)", 1,
		  3, SALE_COLS[0], SALE_COLS[1], SALE_COLS[2], NULL);
	from_sums(a, t, me->sales.by_day, me->sales.n_day);
	t = table(out, "sales_province", N_("Sales by province"),
		  "sales_totals_read (sales.c SQL_BY_PROVINCE)", 1, 3, SALE_COLS[0], SALE_COLS[1],
		  SALE_COLS[2], NULL);
	from_sums(a, t, me->sales.by_province, me->sales.n_province);
	t = table(out, "sales_women_led", N_("Sales of women-led cooperatives and others"),
		  "sales_totals_read (sales.c SQL_BY_LEAD)", 1, 3, SALE_COLS[0], SALE_COLS[1],
		  SALE_COLS[2], NULL);
	from_sums(a, t, me->sales.by_lead, me->sales.n_lead);
	t->msgid_names = 1;
	for (size_t i = 0; i < t->nrows; i++) {
		const char *n = strcmp(t->rows[i].key, "1") ? N_("Other cooperatives")
							    : N_("Women-led cooperatives");
		names(&t->rows[i], n, n, n);
	}

	t = table(out, "b2b_outcomes", N_("B2B meetings: outcomes noted"),
		  "b2b_stats_read (b2b.c SQL_OUTCOMES): accepted meetings of b2b_meeting", 0, 2,
		  N_("By professionals"), N_("By exhibitors"), NULL, NULL);
	static const char *const OUTCOME_NAMES[4] = { N_("No result"), N_("Contact made"),
						      N_("Order"), N_("Follow-up planned") };
	t->msgid_names = 1;
	t->rows = rows_alloc(a, 4);
	t->nrows = 4;
	for (int i = 0; i < 4; i++) {
		t->rows[i].key = B2B_OUTCOMES[i];
		names(&t->rows[i], OUTCOME_NAMES[i], OUTCOME_NAMES[i], OUTCOME_NAMES[i]);
		t->rows[i].v[0] = me->b2b.by_pro[i];
		t->rows[i].v[1] = me->b2b.by_exhibitor[i];
	}

	static const char *const PROG_COLS[P__MAX] = { N_("Sessions"), N_("Sessions held"),
						       N_("Places booked"),
						       N_("Participants present"),
						       N_("Waiting list") };
	static const char *const PROG_ID[2] = { "programme_kind", "programme_space" };
	static const char *const PROG_TITLE[2] = { N_("Programme by kind of session"),
						   N_("Programme by space") };
	static const char *const PROG_SRC[2] = {
		"prog_counts (prog_session.c SQL_COUNTS): prog_session, prog_booking, by kind",
		"prog_counts (prog_session.c SQL_COUNTS) with impact.c SQL_SESSION_SPACES, "
		"SQL_SPACES, by space",
	};
	for (int i = 0; i < 2; i++) {
		t = table(out, PROG_ID[i], PROG_TITLE[i], PROG_SRC[i], 1, P__MAX, PROG_COLS[0],
			  PROG_COLS[1], PROG_COLS[2], PROG_COLS[3]);
		t->cols[4] = PROG_COLS[4];
		const impact_table *from = i ? &me->prog_space : &me->prog_kind;
		t->rows = from->rows, t->nrows = from->nrows;
	}

	t = table(out, "prize_winners", N_("Prize winners"),
		  "impact.c SQL_WINNERS: prize_result of published prize categories", 0, 2,
		  N_("Rank"), N_("Women-led"), NULL, NULL);
	t->group = N_("Category");
	t->rows = me->winners.rows, t->nrows = me->winners.nrows;

	t = table(out, "editions_regions", N_("Every edition, by region"),
		  "impact.c SQL_ALL_EDITIONS: edition JOIN region, with exhibitor, sale, checkin",
		  0, 4, N_("Exhibitors"), N_("Women-led cooperatives"), N_("Sales (dirhams)"),
		  N_("Entries at the gate (badges)"));
	t->group = N_("Region");
	return all_editions(a, t);
}
