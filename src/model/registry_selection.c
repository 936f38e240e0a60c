/* registry_selection.c - an edition's selection rules, the assistant's
 * inputs, applying its proposal, and publication; see registry_selection.h. */
#include "../db/db.h"
#include "rows.h"
#include "audit.h"
#include "prize.h"
#include "registry_selection.h"
#include "../i18n/i18n.h"

#include <stdio.h>
#include <string.h>

static const char SQL_RULES[] =
	"SELECT stands, per_stand, max_outside, min_women_pct, min_first_pct, coalesce(published_at, '') "
	"FROM selection_rules WHERE edition_id = ?";
static const char SQL_PLAN[] =
	"SELECT stands_planned, outside_region_planned FROM edition WHERE id = ?";
static const char SQL_CATS[] =
	"SELECT k.id, k.code, k.name_ar, k.name_fr, k.name_en, coalesce(sc.seats, -1) FROM category k "
	"LEFT JOIN selection_category sc ON sc.category_id = k.id AND sc.edition_id = k.edition_id "
	"WHERE k.edition_id = ? ORDER BY k.position, k.id LIMIT 20";
static const char SQL_RULES_SET[] =
	"INSERT INTO selection_rules (edition_id, stands, per_stand, max_outside, min_women_pct, min_first_pct) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (edition_id) DO UPDATE SET stands = ?2, per_stand = ?3, "
	"max_outside = ?4, min_women_pct = ?5, min_first_pct = ?6";
static const char SQL_SEATS_CLEAR[] = "DELETE FROM selection_category WHERE edition_id = ?";
static const char SQL_SEATS_SET[] =
	"INSERT INTO selection_category (edition_id, category_id, seats) VALUES (?, ?, ?)";
static const char SQL_PUBLISH_ADD[] =
	"INSERT INTO exhibitor (edition_id, cooperative_id, category_id, stand_id, is_sample) "
	"SELECT a.edition_id, a.cooperative_id, a.category_id, NULL, a.is_sample FROM application a "
	"WHERE a.edition_id = ?1 AND a.status = 'accepted' AND a.category_id IS NOT NULL "
	"AND NOT EXISTS (SELECT 1 FROM exhibitor x WHERE x.edition_id = a.edition_id "
	"AND x.cooperative_id = a.cooperative_id)";
static const char SQL_PUBLISH_REMOVE[] =
	"DELETE FROM exhibitor WHERE edition_id = ?1 AND cooperative_id IN (SELECT cooperative_id "
	"FROM application WHERE edition_id = ?1 AND status IN ('withdrawn', 'rejected', 'waitlisted'))";
static const char SQL_TO_NOTIFY[] =
	"SELECT id, cooperative_id, status FROM application WHERE edition_id = ? "
	"AND status IN ('accepted', 'waitlisted', 'rejected') "
	"AND (published_status IS NULL OR published_status <> status) ORDER BY id";
static const char SQL_LAST_REASON[] =
	"SELECT reason FROM application_event WHERE application_id = ? ORDER BY id DESC LIMIT 1";
static const char SQL_MARK_PUBLISHED[] =
	"UPDATE application SET published_status = status WHERE id = ?";
static const char SQL_PUBLISHED_AT[] =
	"INSERT INTO selection_rules (edition_id, stands, per_stand, max_outside, published_at) "
	"VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
	"ON CONFLICT (edition_id) DO UPDATE SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/* bind_limit - an optional limit: -1 (no limit) is stored as NULL. */
static void bind_limit(db_stmt *s, int idx, int v)
{
	if (v < 0)
		db_bind_null(s, idx);
	else
		db_bind_int(s, idx, v);
}

cf_err sel_rules_get(arena *a, int64_t edition_id, sel_edition *out)
{
	memset(out, 0, sizeof *out);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_RULES);
	db_bind_int(s, 1, edition_id);
	if (db_step(s) == DB_ROW) {
		out->stands = (int)db_col_int(s, 0);
		out->per_stand = (int)db_col_int(s, 1);
		out->rules.max_outside = db_col_is_null(s, 2) ? -1 : (int)db_col_int(s, 2);
		out->rules.min_women_pct = (int)db_col_int(s, 3);
		out->rules.min_first_pct = (int)db_col_int(s, 4);
		out->published_at = arena_strdup(a, db_col_text(s, 5));
		db_done(s);
	} else {
		db_done(s);
		s = db_prepare(d, SQL_PLAN);
		db_bind_int(s, 1, edition_id);
		cf_err found = db_row(s);
		if (found) {
			db_done(s);
			return found;
		}
		out->stands = (int)db_col_int(s, 0);
		out->per_stand = 2;
		out->rules.max_outside = db_col_is_null(s, 1) ? -1 : (int)db_col_int(s, 1);
		out->published_at = "";
		db_done(s);
	}
	out->rules.places = out->stands * out->per_stand;
	s = db_prepare(d, SQL_CATS);
	db_bind_int(s, 1, edition_id);
	while (out->rules.ncat < SEL_CATS && db_step(s) == DB_ROW) {
		int k = out->rules.ncat++;
		out->cat_ids[k] = db_col_int(s, 0);
		out->cat_codes[k] = arena_strdup(a, db_col_text(s, 1));
		rows_text3(a, s, 2, &out->cat_names[k]);
		out->rules.seats[k] = (int)db_col_int(s, 5);
	}
	db_done(s);
	return CF_OK;
}

cf_err sel_rules_set(int64_t actor, int64_t edition_id, const sel_edition *in)
{
	const sel_rules *r = &in->rules;
	if (in->stands < 0 || in->stands > 10000 || in->per_stand < 1 || in->per_stand > 20 ||
	    r->max_outside < -1 || r->min_women_pct < 0 || r->min_women_pct > 100 ||
	    r->min_first_pct < 0 || r->min_first_pct > 100)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_RULES_SET);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, in->stands);
	db_bind_int(s, 3, in->per_stand);
	bind_limit(s, 4, r->max_outside);
	db_bind_int(s, 5, r->min_women_pct);
	db_bind_int(s, 6, r->min_first_pct);
	e = db_run(s);
	if (!e) {
		s = db_prepare(d, SQL_SEATS_CLEAR);
		db_bind_int(s, 1, edition_id);
		e = db_run(s);
	}
	for (int k = 0; k < r->ncat && !e; k++) {
		if (r->seats[k] < 0)
			continue;
		s = db_prepare(d, SQL_SEATS_SET);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, in->cat_ids[k]);
		db_bind_int(s, 3, r->seats[k]);
		e = db_run(s);
	}
	if (!e) {
		char after[160];
		snprintf(
			after, sizeof after,
			"{\"stands\":%d,\"per_stand\":%d,\"max_outside\":%d,\"min_women_pct\":%d,\"min_first_pct\":%d}",
			in->stands, in->per_stand, r->max_outside, r->min_women_pct,
			r->min_first_pct);
		e = audit_record(actor, "selection.rules", "edition", edition_id, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

static int cat_index(const sel_edition *ed, int64_t cat_id)
{
	for (int k = 0; k < ed->rules.ncat; k++)
		if (ed->cat_ids[k] == cat_id)
			return k;
	return -1;
}

/* load - applications of the edition as candidates: with `scored` the
 * assistant's set, else the accepted and wait-listed ones whatever their
 * score; -1 when the applications could not be read. */
static int load(arena *a, int64_t edition_id, const sel_edition *ed, int scored,
		sel_candidate **cand, application **apps)
{
	application *all;
	app_filter f = { NULL, NULL, -1, -1, -1 };
	size_t n = 0;
	if (app_list(a, edition_id, &f, &all, &n))
		return -1;
	*cand = arena_alloc(a, (n + 1) * sizeof **cand);
	*apps = arena_alloc(a, (n + 1) * sizeof **apps);
	int m = 0;
	for (size_t i = 0; i < n; i++) {
		application *x = &all[i];
		int k = cat_index(ed, x->category_id);
		if (k < 0)
			continue;
		if (scored) {
			if (x->score < 0 ||
			    !(x->status == APP_SUBMITTED || x->status == APP_UNDER_REVIEW ||
			      x->status == APP_ACCEPTED || x->status == APP_WAITLISTED))
				continue;
		} else if (x->status != APP_ACCEPTED && x->status != APP_WAITLISTED) {
			continue;
		}
		(*cand)[m] = (sel_candidate){ .id = x->id,
					      .category = k,
					      .outside = x->outside_region,
					      .women_led = x->women_led,
					      .first_time = x->first_time,
					      .score = x->score < 0 ? 0 : x->score };
		(*apps)[m] = *x;
		m++;
	}
	return m;
}

cf_err sel_candidates(arena *a, int64_t edition_id, const sel_edition *ed, sel_candidate **cand,
		      application **apps, int *count)
{
	*count = load(a, edition_id, ed, 1, cand, apps);
	if (*count < 0) {
		*count = 0;
		return CF_ERR_DB;
	}
	return CF_OK;
}

cf_err sel_apply(int64_t actor, int64_t edition_id, const application *apps, const char *chosen,
		 int n)
{
	(void)edition_id;
	db *d = db_thread();
	cf_err e = db_begin(d);
	for (int i = 0; i < n && !e; i++) {
		app_status to = chosen[i] ? APP_ACCEPTED : APP_WAITLISTED;
		if (apps[i].status == to)
			continue;
		/* the reason reaches the cooperative: in Arabic and French */
		const char *why =
			chosen[i]
				? "The organising committee selected the application, by its score and within the fair's rules."
				: "The organising committee put the application on the waiting list: the places went to higher scores within the fair's rules.";
		char reason[1000];
		snprintf(reason, sizeof reason, "%s — %s", tr(LANG_AR, why), tr(LANG_FR, why));
		e = app_set_status(actor, apps[i].id, to, reason, 1);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err sel_accepted_breaks(arena *a, int64_t edition_id, const sel_edition *ed, int *accepted,
			   unsigned *broken)
{
	sel_candidate *c;
	application *apps;
	*accepted = 0;
	*broken = 0;
	int n = load(a, edition_id, ed, 0, &c, &apps);
	if (n < 0)
		return CF_ERR_DB;
	char *chosen = arena_alloc(a, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		if ((chosen[i] = apps[i].status == APP_ACCEPTED))
			(*accepted)++;
	*broken = selection_check(&ed->rules, c, n, chosen);
	return CF_OK;
}

/* find_next - sel_next_waitlisted's answer, or -1 when nothing could be read. */
static int64_t find_next(arena *a, int64_t edition_id, const sel_edition *ed)
{
	sel_candidate *c;
	application *apps;
	int n = load(a, edition_id, ed, 0, &c, &apps);
	if (n < 0)
		return -1;
	char *chosen = arena_alloc(a, (size_t)n + 1);
	int accepted = 0;
	for (int i = 0; i < n; i++)
		if ((chosen[i] = apps[i].status == APP_ACCEPTED))
			accepted++;
	if (accepted >= ed->rules.places)
		return 0;
	/* apps come best-scored first (app_list's order) */
	for (int i = 0; i < n; i++) {
		if (apps[i].status != APP_WAITLISTED)
			continue;
		chosen[i] = 1;
		unsigned broken = selection_check(&ed->rules, c, n, chosen);
		chosen[i] = 0;
		if (!broken)
			return apps[i].id;
	}
	return 0;
}

cf_err sel_next_waitlisted(arena *a, int64_t edition_id, const sel_edition *ed, int64_t *next)
{
	*next = find_next(a, edition_id, ed);
	if (*next >= 0)
		return CF_OK;
	*next = 0;
	return CF_ERR_DB;
}

cf_err sel_publish(int64_t actor, int64_t edition_id, int *added, int *removed)
{
	db *d = db_thread();
	*added = *removed = 0;
	arena *a = arena_new(8u << 20);
	sel_edition ed;
	cf_err e = sel_rules_get(a, edition_id, &ed);
	if (!e)
		e = db_begin(d);
	if (e) {
		arena_free(a);
		return e;
	}
	db_stmt *s = db_prepare(d, SQL_PUBLISH_REMOVE);
	db_bind_int(s, 1, edition_id);
	e = db_run(s);
	if (!e) {
		*removed = db_changes(d);
		s = db_prepare(d, SQL_PUBLISH_ADD);
		db_bind_int(s, 1, edition_id);
		e = db_run(s);
		if (!e)
			*added = db_changes(d);
		if (!e) /* prize entries of those removed stay, marked withdrawn (issue 9) */
			e = prize_entries_sync(actor, edition_id);
	}
	struct todo {
		int64_t id, coop;
		app_status st;
	} *todo = NULL;
	int n = 0, cap = 0;
	if (!e) {
		s = db_prepare(d, SQL_TO_NOTIFY);
		db_bind_int(s, 1, edition_id);
		while (db_step(s) == DB_ROW) {
			if (n == cap) {
				struct todo *w =
					arena_alloc(a, (size_t)(cap ? cap * 2 : 64) * sizeof *w);
				if (n)
					memcpy(w, todo, (size_t)n * sizeof *w);
				todo = w, cap = cap ? cap * 2 : 64;
			}
			todo[n].id = db_col_int(s, 0);
			todo[n].coop = db_col_int(s, 1);
			int st = app_status_parse(db_col_text(s, 2));
			todo[n++].st = st < 0 ? APP_SUBMITTED : (app_status)st;
		}
		db_done(s);
	}
	for (int i = 0; i < n && !e; i++) {
		const char *reason = "";
		s = db_prepare(d, SQL_LAST_REASON);
		db_bind_int(s, 1, todo[i].id);
		if (db_step(s) == DB_ROW)
			reason = arena_strdup(a, db_col_text(s, 0));
		db_done(s);
		e = registry_notify(todo[i].coop, edition_id, "Your application to %s",
				    "The list of exhibitors is published. Your application: %s.",
				    app_status_label(todo[i].st),
				    todo[i].st == APP_ACCEPTED ? "" : reason);
		if (!e) {
			s = db_prepare(d, SQL_MARK_PUBLISHED);
			db_bind_int(s, 1, todo[i].id);
			e = db_run(s);
		}
	}
	if (!e) {
		s = db_prepare(d, SQL_PUBLISHED_AT);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, ed.stands);
		db_bind_int(s, 3, ed.per_stand);
		bind_limit(s, 4, ed.rules.max_outside);
		e = db_run(s);
	}
	if (!e) {
		char after[96];
		snprintf(after, sizeof after, "{\"added\":%d,\"removed\":%d,\"notified\":%d}",
			 *added, *removed, n);
		e = audit_record(actor, "selection.publish", "edition", edition_id, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}
