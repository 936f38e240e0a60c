/* prize.c - see prize.h: set-up, assignment, the juror's side, the log. */
#include "prize.h"
#include "rows.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "audit.h"
#include "prize_log.h"
#include "../util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_CRITERIA[] =
	"SELECT id, name_ar, name_fr, name_en, weight, scale_min, scale_max FROM prize_criterion "
	"WHERE category_id = ? ORDER BY position, id";
/* A new entry per exhibitor of an open category whose cooperative has none
 * there yet (a withdrawn one returns through prize_entries_sync). */
static const char SQL_ENTRIES_DEFAULT[] =
	"INSERT INTO prize_entry (category_id, cooperative_id, exhibitor_id, is_sample) "
	"SELECT x.category_id, x.cooperative_id, x.id, x.is_sample FROM exhibitor x "
	"JOIN prize_category pc ON pc.category_id = x.category_id AND pc.state = 'open' "
	"WHERE x.edition_id = ? AND NOT EXISTS (SELECT 1 FROM prize_entry e WHERE e.exhibitor_id = x.id "
	"OR (e.cooperative_id = x.cooperative_id AND e.category_id = x.category_id))";
static const char SQL_EDITION_CATS[] =
	"SELECT pc.category_id FROM prize_category pc JOIN category c ON c.id = pc.category_id "
	"WHERE c.edition_id = ? ORDER BY pc.category_id";
/* Entries whose exhibitor the registry took off, not yet marked. */
static const char SQL_GONE[] =
	"SELECT e.id, e.category_id FROM prize_entry e JOIN category c ON c.id = e.category_id "
	"WHERE c.edition_id = ? AND e.exhibitor_id IS NULL AND e.withdrawn_at IS NULL ORDER BY e.id";
static const char SQL_WITHDRAW[] =
	"UPDATE prize_entry SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1";
/* Withdrawn entries of open categories whose cooperative exhibits again in
 * the same category. */
static const char SQL_BACK[] =
	"SELECT e.id, e.category_id, x.id FROM prize_entry e JOIN category c ON c.id = e.category_id "
	"JOIN prize_category pc ON pc.category_id = e.category_id AND pc.state = 'open' "
	"JOIN exhibitor x ON x.edition_id = c.edition_id AND x.cooperative_id = e.cooperative_id "
	"AND x.category_id = e.category_id "
	"WHERE c.edition_id = ? AND e.withdrawn_at IS NOT NULL AND e.exhibitor_id IS NULL "
	"AND NOT EXISTS (SELECT 1 FROM prize_entry o WHERE o.exhibitor_id = x.id) ORDER BY e.id";
static const char SQL_RETURN[] =
	"UPDATE prize_entry SET exhibitor_id = ?2, withdrawn_at = NULL, withdrawn_by = NULL WHERE id = ?1";
static const char SQL_CAT_ENTRIES[] =
	"SELECT e.id, c.name_fr FROM prize_entry e JOIN cooperative c ON c.id = e.cooperative_id "
	"WHERE e.category_id = ? AND e.withdrawn_at IS NULL ORDER BY e.id";
static const char SQL_CAT_JURORS[] =
	"SELECT j.account_id FROM prize_juror j JOIN account a ON a.id = j.account_id "
	"WHERE j.category_id = ? AND a.disabled = 0 ORDER BY j.account_id";
static const char SQL_CAT_CONFLICTS[] =
	"SELECT DISTINCT v.account_id, v.entry_id FROM prize_conflict_all v JOIN prize_entry e ON e.id = v.entry_id "
	"WHERE e.category_id = ?";
static const char SQL_CAT_HAS_SCORES[] =
	"SELECT 1 FROM prize_score s JOIN prize_entry e ON e.id = s.entry_id WHERE e.category_id = ? LIMIT 1";
static const char SQL_CAT_CLEAR[] =
	"DELETE FROM prize_assignment WHERE entry_id IN (SELECT id FROM prize_entry WHERE category_id = ?)";
static const char SQL_ASSIGN[] =
	"INSERT INTO prize_assignment (account_id, entry_id) VALUES (?, ?)";

/* The juror's entries: assigned AND not conflicted, enforced here. */
#define SHEET_COLS                                                                                               \
	"SELECT e.id, e.category_id, c.name_ar, c.name_fr, c.name_en, pc.state, co.name_ar, co.name_fr, "        \
	"co.products_ar, co.products_fr, p.name_ar, p.name_fr, e.is_sample, "                                    \
	"(SELECT count(*) FROM prize_score s WHERE s.entry_id = e.id AND s.account_id = a.account_id), "         \
	"COALESCE(st.code, '') "                                                                                 \
	"FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id "                                       \
	"JOIN category c ON c.id = e.category_id JOIN prize_category pc ON pc.category_id = c.id "               \
	"JOIN cooperative co ON co.id = e.cooperative_id "                                                       \
	"LEFT JOIN exhibitor x ON x.id = e.exhibitor_id LEFT JOIN stand st ON st.id = x.stand_id "               \
	"JOIN province p ON p.id = co.province_id "                                                              \
	"WHERE a.account_id = ?1 AND e.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM prize_conflict_all v " \
	"WHERE v.account_id = a.account_id AND v.entry_id = e.id) "
static const char SQL_JURY_ENTRIES[] = SHEET_COLS "AND c.edition_id = ?2 ORDER BY c.position, e.id";
static const char SQL_JURY_SHEET[] = SHEET_COLS "AND e.id = ?2";
static const char SQL_SHEET_VALUES[] =
	"SELECT criterion_id, value FROM prize_score WHERE entry_id = ? AND account_id = ?";
static const char SQL_SHEET_COMMENT[] =
	"SELECT body FROM prize_comment WHERE entry_id = ? AND account_id = ?";
static const char SQL_SCORE_UPSERT[] =
	"INSERT INTO prize_score (entry_id, account_id, criterion_id, value, updated_at) VALUES (?, ?, ?, ?, ?) "
	"ON CONFLICT (entry_id, account_id, criterion_id) DO UPDATE SET value = excluded.value, "
	"updated_at = excluded.updated_at";
static const char SQL_COMMENT_UPSERT[] =
	"INSERT INTO prize_comment (entry_id, account_id, body) VALUES (?, ?, ?) "
	"ON CONFLICT (entry_id, account_id) DO UPDATE SET body = excluded.body";
static const char SQL_CONFLICT_ADD[] =
	"INSERT INTO prize_conflict (account_id, entry_id, reason, declared_at) VALUES (?, ?, ?, ?) "
	"ON CONFLICT (account_id, entry_id) DO UPDATE SET reason = excluded.reason";
static const char SQL_ASSIGN_DROP[] =
	"DELETE FROM prize_assignment WHERE account_id = ? AND entry_id = ?";
/* The category's state is read here, in the model: a page that hides a
 * form protects nothing. */
static const char SQL_IS_ASSIGNED[] =
	"SELECT pc.state, e.category_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id "
	"JOIN prize_category pc ON pc.category_id = e.category_id "
	"WHERE a.account_id = ? AND a.entry_id = ?";

static const char SQL_SHEET_PHOTOS[] =
	"SELECT ph.id FROM application_photo ph JOIN application a ON a.id = ph.application_id "
	"JOIN prize_entry e ON e.cooperative_id = a.cooperative_id "
	"JOIN category c ON c.id = e.category_id AND c.edition_id = a.edition_id "
	"WHERE e.id = ? ORDER BY ph.id LIMIT 4";
static const char SQL_PHOTO_ALLOWED[] =
	"SELECT 1 FROM application_photo ph JOIN application a ON a.id = ph.application_id "
	"JOIN prize_entry e ON e.cooperative_id = a.cooperative_id AND e.withdrawn_at IS NULL "
	"JOIN category c ON c.id = e.category_id AND c.edition_id = a.edition_id "
	"JOIN prize_assignment pa ON pa.entry_id = e.id AND pa.account_id = ?1 "
	"WHERE ph.id = ?2 AND NOT EXISTS (SELECT 1 FROM prize_conflict_all v "
	"WHERE v.account_id = ?1 AND v.entry_id = e.id)";
static const char SQL_JURY_CONFLICT[] =
	"SELECT v.source, co.name_ar, co.name_fr FROM prize_conflict_all v "
	"JOIN prize_entry e ON e.id = v.entry_id JOIN cooperative co ON co.id = e.cooperative_id "
	"JOIN prize_juror j ON j.account_id = v.account_id AND j.category_id = e.category_id "
	"WHERE v.account_id = ? AND v.entry_id = ? ORDER BY v.source LIMIT 1";

static prize_state state_parse(const char *s)
{
	return !strcmp(s, "published") ? PRIZE_PUBLISHED
	       : !strcmp(s, "closed")  ? PRIZE_CLOSED
				       : PRIZE_OPEN;
}

static void read_category(arena *a, db_stmt *s, prize_category *c)
{
	c->id = db_col_int(s, 0);
	c->code = arena_strdup(a, db_col_text(s, 1));
	rows_text3(a, s, 2, &c->name);
	c->k = (int)db_col_int(s, 5);
	c->winners = (int)db_col_int(s, 6);
	c->tie_rule = arena_strdup(a, db_col_text(s, 7));
	c->state = state_parse(db_col_text(s, 8));
	c->entries = (int)db_col_int(s, 9);
	c->jurors = (int)db_col_int(s, 10);
	c->assignments = (int)db_col_int(s, 11);
	c->sheets_done = (int)db_col_int(s, 12);
	c->is_sample = (int)db_col_int(s, 13);
	c->unpublished_at = arena_strdup(a, db_col_text(s, 14));
	c->unpublish_reason = arena_strdup(a, db_col_text(s, 15));
	c->published_head = arena_strdup(a, db_col_text(s, 16));
	c->closed_head = arena_strdup(a, db_col_text(s, 17));
}

/* The two category queries share their columns; SQLite needs whole
 * literals, so the WHERE clauses are spelled out here. */
static const char SQL_CATEGORIES_OF[] =
	"SELECT * FROM (SELECT c.id, c.code, c.name_ar, c.name_fr, c.name_en, pc.k, pc.winners, pc.tie_rule, "
	"pc.state, (SELECT count(*) FROM prize_entry e WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_juror j WHERE j.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id "
	"   AND (SELECT count(*) FROM prize_score s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id) "
	"     = (SELECT count(*) FROM prize_criterion k WHERE k.category_id = c.id)), pc.is_sample, "
	"COALESCE(pc.unpublished_at, ''), COALESCE(pc.unpublish_reason, ''), "
	"COALESCE(pc.published_head, ''), COALESCE(pc.closed_head, ''), "
	"c.edition_id AS ed, c.position AS pos "
	"FROM category c JOIN prize_category pc ON pc.category_id = c.id) WHERE ed = ? ORDER BY pos";
static const char SQL_CATEGORY_ONE[] =
	"SELECT c.id, c.code, c.name_ar, c.name_fr, c.name_en, pc.k, pc.winners, pc.tie_rule, pc.state, "
	"(SELECT count(*) FROM prize_entry e WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_juror j WHERE j.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id "
	"   AND (SELECT count(*) FROM prize_score s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id) "
	"     = (SELECT count(*) FROM prize_criterion k WHERE k.category_id = c.id)), pc.is_sample, "
	"COALESCE(pc.unpublished_at, ''), COALESCE(pc.unpublish_reason, ''), "
	"COALESCE(pc.published_head, ''), COALESCE(pc.closed_head, '') "
	"FROM category c JOIN prize_category pc ON pc.category_id = c.id WHERE c.id = ?";

cf_err prize_categories(arena *a, int64_t edition_id, prize_category **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 64;
	prize_category *v = arena_alloc(a, cap * sizeof *v);
	db_stmt *s = db_prepare(db_thread(), SQL_CATEGORIES_OF);
	db_bind_int(s, 1, edition_id);
	while (n < cap && (rc = db_step(s)) == DB_ROW)
		read_category(a, s, &v[n++]);
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err prize_category_get(arena *a, int64_t category_id, prize_category *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_CATEGORY_ONE);
	db_bind_int(s, 1, category_id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		read_category(a, s, out);
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err prize_criteria(arena *a, int64_t category_id, prize_criterion **out, size_t *count)
{
	int rc = DB_DONE;
	prize_criterion *v = arena_alloc(a, PRIZE_CRITERIA_MAX * sizeof *v);
	size_t n = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_CRITERIA);
	db_bind_int(s, 1, category_id);
	while (n < PRIZE_CRITERIA_MAX && (rc = db_step(s)) == DB_ROW) {
		v[n].id = db_col_int(s, 0);
		rows_text3(a, s, 1, &v[n].name);
		v[n].weight = db_col_double(s, 4);
		v[n].min = (int)db_col_int(s, 5);
		v[n].max = (int)db_col_int(s, 6);
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* log_edition - log the kinds of every prize category of the edition. */
static cf_err log_edition(db *d, int64_t actor, int64_t edition_id, const char *const *kinds,
			  int nkinds)
{
	int64_t cats[64];
	int n = 0;
	db_stmt *s = db_prepare(d, SQL_EDITION_CATS);
	db_bind_int(s, 1, edition_id);
	while (n < 64 && db_step(s) == DB_ROW)
		cats[n++] = db_col_int(s, 0);
	db_done(s);
	cf_err e = CF_OK;
	for (int c = 0; c < n && !e; c++)
		for (int k = 0; k < nkinds && !e; k++)
			e = prize_log_state(d, actor, cats[c], kinds[k]);
	return e;
}

static const char *const entry_kinds[] = { "entries", "conflicts" };

cf_err prize_entries_default(int64_t edition_id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_ENTRIES_DEFAULT);
	db_bind_int(s, 1, edition_id);
	e = db_run(s);
	if (!e)
		e = log_edition(d, 0, edition_id, entry_kinds, 2);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err prize_entries_sync(int64_t actor, int64_t edition_id)
{
	db *d = db_thread();
	char at[32];
	clock_now_iso(at);
	int64_t ids[512][3];
	int n = 0, changed = 0;
	cf_err e = CF_OK;
	db_stmt *s = db_prepare(d, SQL_GONE);
	db_bind_int(s, 1, edition_id);
	while (n < 512 && db_step(s) == DB_ROW)
		ids[n][0] = db_col_int(s, 0), ids[n][1] = db_col_int(s, 1), n++;
	db_done(s);
	for (int i = 0; i < n && !e; i++) {
		s = db_prepare(d, SQL_WITHDRAW);
		db_bind_int(s, 1, ids[i][0]);
		db_bind_text(s, 2, at);
		db_bind_int(s, 3, actor);
		e = db_run(s);
		if (!e)
			e = audit_record(actor, "prize.entry.withdraw", "prize_entry", ids[i][0],
					 NULL, NULL);
		changed++;
	}
	n = 0;
	s = db_prepare(d, SQL_BACK);
	db_bind_int(s, 1, edition_id);
	while (!e && n < 512 && db_step(s) == DB_ROW)
		ids[n][0] = db_col_int(s, 0), ids[n][1] = db_col_int(s, 1),
		ids[n][2] = db_col_int(s, 2), n++;
	db_done(s);
	for (int i = 0; i < n && !e; i++) {
		s = db_prepare(d, SQL_RETURN);
		db_bind_int(s, 1, ids[i][0]);
		db_bind_int(s, 2, ids[i][2]);
		e = db_run(s);
		if (!e)
			e = audit_record(actor, "prize.entry.return", "prize_entry", ids[i][0],
					 NULL, NULL);
		changed++;
	}
	if (!e && changed)
		e = log_edition(d, actor, edition_id, entry_kinds, 2);
	return e;
}

/* ---- assignment ------------------------------------------------------- */

static int index_of(const int64_t *v, int n, int64_t x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return i;
	return -1;
}

static const char SQL_CAT_BY_CODE[] =
	"SELECT c.id FROM category c JOIN prize_category pc ON pc.category_id = c.id "
	"WHERE c.edition_id = ? AND c.code = ?";

cf_err prize_category_by_code(int64_t edition_id, const char *code, int64_t *id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_CAT_BY_CODE);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, code);
	*id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return *id ? CF_OK : CF_ERR_NOTFOUND;
}

cf_err prize_assign_category(arena *a, int64_t actor, int64_t category_id, prize_assign_info *info,
			     const char **entry_name)
{
	return prize_assign_category_progress(a, actor, category_id, info, entry_name, NULL, NULL);
}

cf_err prize_assign_category_progress(arena *a, int64_t actor, int64_t category_id,
				      prize_assign_info *info, const char **entry_name,
				      prize_progress fn, void *ctx)
{
	db *d = db_thread();
	memset(info, 0, sizeof *info);
	info->entry = -1;
	*entry_name = "";
	prize_category cat;
	cf_err e = prize_category_get(a, category_id, &cat);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_CAT_HAS_SCORES);
	db_bind_int(s, 1, category_id);
	int scored = db_step(s) == DB_ROW;
	db_done(s);
	if (scored || cat.state != PRIZE_OPEN)
		return CF_ERR_CONFLICT;
	int n = 0, m = 0, cap_n = cat.entries + 1, cap_m = cat.jurors + 1;
	int64_t *entries = arena_alloc(a, sizeof(int64_t) * (size_t)cap_n);
	const char **names = arena_alloc(a, sizeof(char *) * (size_t)cap_n);
	int64_t *jurors = arena_alloc(a, sizeof(int64_t) * (size_t)cap_m);
	s = db_prepare(d, SQL_CAT_ENTRIES);
	db_bind_int(s, 1, category_id);
	while (n < cap_n && db_step(s) == DB_ROW) {
		entries[n] = db_col_int(s, 0);
		names[n++] = arena_strdup(a, db_col_text(s, 1));
	}
	db_done(s);
	s = db_prepare(d, SQL_CAT_JURORS);
	db_bind_int(s, 1, category_id);
	while (m < cap_m && db_step(s) == DB_ROW)
		jurors[m++] = db_col_int(s, 0);
	db_done(s);
	unsigned char *allowed = xmalloc((size_t)n * (size_t)m + 1),
		      *as = xmalloc((size_t)n * (size_t)m + 1);
	memset(allowed, 1, (size_t)n * (size_t)m);
	s = db_prepare(d, SQL_CAT_CONFLICTS);
	db_bind_int(s, 1, category_id);
	while (db_step(s) == DB_ROW) {
		int j = index_of(jurors, m, db_col_int(s, 0)),
		    i = index_of(entries, n, db_col_int(s, 1));
		if (i >= 0 && j >= 0)
			allowed[i * m + j] = 0;
	}
	db_done(s);
	e = prize_assign_progress(n, m, cat.k, allowed, (uint64_t)category_id * 7919u + 17u, as,
				  info, fn, ctx);
	if (info->entry >= 0 && info->entry < n)
		*entry_name = names[info->entry];
	if (!e && !(e = db_begin(d))) {
		s = db_prepare(d, SQL_CAT_CLEAR);
		db_bind_int(s, 1, category_id);
		e = db_run(s);
		for (int i = 0; i < n && !e; i++)
			for (int j = 0; j < m && !e; j++)
				if (as[i * m + j]) {
					s = db_prepare(d, SQL_ASSIGN);
					db_bind_int(s, 1, jurors[j]);
					db_bind_int(s, 2, entries[i]);
					e = db_run(s);
				}
		if (!e)
			e = prize_log_state(d, actor, category_id, "assign");
		if (!e) {
			char after[160];
			snprintf(
				after, sizeof after,
				"{\"entries\":%d,\"jurors\":%d,\"k\":%d,\"max_load\":%d,\"min_load\":%d}",
				n, m, cat.k, info->max_load, info->min_load);
			e = audit_record(actor, "prize.assign", "category", category_id, NULL,
					 after);
		}
		if (!e)
			e = db_commit(d);
		if (e)
			db_rollback(d);
	}
	free(allowed), free(as);
	return e;
}

/* ---- the juror's side ------------------------------------------------- */

static void read_sheet(arena *a, db_stmt *s, prize_sheet *p)
{
	memset(p, 0, sizeof *p);
	p->entry_id = db_col_int(s, 0);
	p->category_id = db_col_int(s, 1);
	rows_text3(a, s, 2, &p->category);
	p->state = state_parse(db_col_text(s, 5));
	p->name_ar = arena_strdup(a, db_col_text(s, 6));
	p->name_fr = arena_strdup(a, db_col_text(s, 7));
	p->products_ar = arena_strdup(a, db_col_text(s, 8));
	p->products_fr = arena_strdup(a, db_col_text(s, 9));
	rows_text2(a, s, 10, &p->province);
	p->is_sample = (int)db_col_int(s, 12);
	p->scored = (int)db_col_int(s, 13);
	p->stand = arena_strdup(a, db_col_text(s, 14));
	p->comment = "";
}

cf_err prize_jury_entries(arena *a, int64_t account_id, int64_t edition_id, prize_sheet **out,
			  size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 256;
	prize_sheet *v = arena_alloc(a, cap * sizeof *v);
	db_stmt *s = db_prepare(db_thread(), SQL_JURY_ENTRIES);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, edition_id);
	while (n < cap && (rc = db_step(s)) == DB_ROW)
		read_sheet(a, s, &v[n++]);
	db_done(s);
	/* Criteria are per category: one query per category, not per entry. */
	for (size_t i = 0; i < n && rc != DB_ERR; i++) {
		size_t k = 0;
		while (k < i && v[k].category_id != v[i].category_id)
			k++;
		if (k < i) {
			v[i].ncrit = v[k].ncrit;
		} else {
			prize_criterion *c;
			size_t nc = 0;
			if (prize_criteria(a, v[i].category_id, &c, &nc))
				rc = DB_ERR;
			v[i].ncrit = (int)nc;
		}
	}
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err prize_jury_sheet(arena *a, int64_t account_id, int64_t entry_id, prize_sheet *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_JURY_SHEET);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, entry_id);
	int found = db_step(s) == DB_ROW;
	if (found)
		read_sheet(a, s, out);
	db_done(s);
	if (!found)
		return CF_ERR_NOTFOUND;
	prize_criterion *c;
	size_t nc = 0;
	if (prize_criteria(a, out->category_id, &c, &nc))
		return CF_ERR_DB;
	out->ncrit = (int)nc;
	for (int i = 0; i < out->ncrit; i++)
		out->crit[i] = c[i], out->value[i] = -1;
	s = db_prepare(db_thread(), SQL_SHEET_VALUES);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	while (db_step(s) == DB_ROW)
		for (int i = 0; i < out->ncrit; i++)
			if (out->crit[i].id == db_col_int(s, 0))
				out->value[i] = (int)db_col_int(s, 1);
	db_done(s);
	s = db_prepare(db_thread(), SQL_SHEET_COMMENT);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	if (db_step(s) == DB_ROW)
		out->comment = arena_strdup(a, db_col_text(s, 0));
	db_done(s);
	s = db_prepare(db_thread(), SQL_SHEET_PHOTOS);
	db_bind_int(s, 1, entry_id);
	while (out->nphotos < 4 && db_step(s) == DB_ROW)
		out->photo_ids[out->nphotos++] = db_col_int(s, 0);
	db_done(s);
	return CF_OK;
}

cf_err prize_jury_conflict(arena *a, int64_t account_id, int64_t entry_id, const char **source,
			   const char **name_ar, const char **name_fr)
{
	db_stmt *s = db_prepare(db_thread(), SQL_JURY_CONFLICT);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, entry_id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		*source = arena_strdup(a, db_col_text(s, 0));
		*name_ar = arena_strdup(a, db_col_text(s, 1));
		*name_fr = arena_strdup(a, db_col_text(s, 2));
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err prize_jury_photo_allowed(int64_t account_id, int64_t photo_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PHOTO_ALLOWED);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, photo_id);
	cf_err e = db_step(s) == DB_ROW ? CF_OK : CF_ERR_NOTFOUND;
	db_done(s);
	return e;
}

cf_err prize_score_save(int64_t account_id, int64_t entry_id, const int *values, int nvalues,
			const char *comment, int *bad)
{
	arena *a = arena_new(1 << 20);
	db *d = db_thread();
	prize_sheet sh;
	*bad = -2;
	cf_err e = prize_jury_sheet(a, account_id, entry_id, &sh);
	if (!e && sh.state != PRIZE_OPEN)
		e = CF_ERR_STATE;
	if (!e && nvalues != sh.ncrit)
		e = CF_ERR_INVALID;
	for (int i = 0; i < sh.ncrit && !e; i++)
		if (values[i] < sh.crit[i].min || values[i] > sh.crit[i].max) {
			*bad = i;
			e = CF_ERR_INVALID;
		}
	if (!e && strlen(comment) > PRIZE_COMMENT_MAX) {
		*bad = -1;
		e = CF_ERR_INVALID;
	}
	if (!e && !(e = db_begin(d))) {
		char at[32];
		clock_now_iso(at);
		for (int i = 0; i < sh.ncrit && !e; i++) {
			db_stmt *s = db_prepare(d, SQL_SCORE_UPSERT);
			db_bind_int(s, 1, entry_id);
			db_bind_int(s, 2, account_id);
			db_bind_int(s, 3, sh.crit[i].id);
			db_bind_int(s, 4, values[i]);
			db_bind_text(s, 5, at);
			e = db_run(s);
		}
		if (!e) {
			db_stmt *s = db_prepare(d, SQL_COMMENT_UPSERT);
			db_bind_int(s, 1, entry_id);
			db_bind_int(s, 2, account_id);
			db_bind_text(s, 3, comment);
			e = db_run(s);
		}
		if (!e)
			e = prize_log_sheet(d, sh.category_id, entry_id, account_id,
					    sh.scored ? "change" : "create");
		if (!e)
			e = db_commit(d);
		if (e)
			db_rollback(d);
	}
	arena_free(a);
	return e;
}

cf_err prize_declare_conflict(int64_t account_id, int64_t entry_id, const char *reason)
{
	db *d = db_thread();
	if (!reason || !*reason || strlen(reason) > PRIZE_REASON_MAX)
		return CF_ERR_INVALID;
	db_stmt *s = db_prepare(d, SQL_IS_ASSIGNED);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, entry_id);
	int assigned = 0, open = 0;
	int64_t category_id = 0;
	if (db_step(s) == DB_ROW)
		assigned = 1, open = !strcmp(db_col_text(s, 0), "open"),
		category_id = db_col_int(s, 1);
	db_done(s);
	if (!assigned)
		return CF_ERR_NOTFOUND;
	if (!open)
		return CF_ERR_STATE;
	char at[32];
	clock_now_iso(at);
	cf_err e = db_begin(d);
	if (e)
		return e;
	s = db_prepare(d, SQL_CONFLICT_ADD);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, entry_id);
	db_bind_text(s, 3, reason);
	db_bind_text(s, 4, at);
	e = db_run(s);
	if (!e) {
		s = db_prepare(d, SQL_ASSIGN_DROP);
		db_bind_int(s, 1, account_id);
		db_bind_int(s, 2, entry_id);
		e = db_run(s);
	}
	if (!e)
		e = prize_log_state(d, account_id, category_id, "conflicts");
	if (!e)
		e = prize_log_state(d, account_id, category_id, "assign");
	if (!e)
		e = audit_record(account_id, "prize.conflict.declare", "prize_entry", entry_id,
				 NULL, NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}
