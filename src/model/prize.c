/* prize.c - see prize.h: set-up, assignment, the juror's side, the log. */
#include "prize.h"
#include "rows.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_CRITERIA[] =
	"SELECT id, name_ar, name_fr, name_en, weight, scale_min, scale_max FROM prize_criterion "
	"WHERE category_id = ? ORDER BY position, id";
static const char SQL_ENTRIES_DEFAULT[] =
	"INSERT INTO prize_entry (category_id, exhibitor_id, is_sample) "
	"SELECT x.category_id, x.id, x.is_sample FROM exhibitor x JOIN prize_category pc ON pc.category_id = x.category_id "
	"WHERE x.edition_id = ? AND NOT EXISTS (SELECT 1 FROM prize_entry e WHERE e.exhibitor_id = x.id)";
static const char SQL_CAT_ENTRIES[] =
	"SELECT e.id, c.name_fr FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id "
	"JOIN cooperative c ON c.id = x.cooperative_id WHERE e.category_id = ? ORDER BY e.id";
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
#define SHEET_COLS                                                                                        \
	"SELECT e.id, e.category_id, c.name_ar, c.name_fr, c.name_en, pc.state, co.name_ar, co.name_fr, " \
	"co.products_ar, co.products_fr, p.name_ar, p.name_fr, e.is_sample, "                             \
	"(SELECT count(*) FROM prize_score s WHERE s.entry_id = e.id AND s.account_id = a.account_id) "   \
	"FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id "                                \
	"JOIN category c ON c.id = e.category_id JOIN prize_category pc ON pc.category_id = c.id "        \
	"JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = x.cooperative_id "      \
	"JOIN province p ON p.id = co.province_id "                                                       \
	"WHERE a.account_id = ?1 AND NOT EXISTS (SELECT 1 FROM prize_conflict_all v "                     \
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
static const char SQL_LOG_HEAD[] = "SELECT hash FROM prize_log ORDER BY id DESC LIMIT 1";
static const char SQL_LOG_APPEND[] =
	"INSERT INTO prize_log (at, account_id, entry_id, kind, content, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_LOG_ALL[] =
	"SELECT id, at, account_id, entry_id, kind, content, prev_hash, hash FROM prize_log ORDER BY id";
static const char SQL_LOG_LAST[] =
	"SELECT l.entry_id, l.account_id, l.content FROM prize_log l "
	"WHERE l.id = (SELECT max(id) FROM prize_log m WHERE m.entry_id = l.entry_id AND m.account_id = l.account_id) "
	"UNION ALL SELECT s.entry_id, s.account_id, NULL FROM prize_score s "
	"WHERE NOT EXISTS (SELECT 1 FROM prize_log m WHERE m.entry_id = s.entry_id AND m.account_id = s.account_id) "
	"UNION ALL SELECT c.entry_id, c.account_id, NULL FROM prize_comment c "
	"WHERE NOT EXISTS (SELECT 1 FROM prize_log m WHERE m.entry_id = c.entry_id AND m.account_id = c.account_id)";
static const char SQL_CONTENT_SCORES[] =
	"SELECT criterion_id, value FROM prize_score WHERE entry_id = ? AND account_id = ? ORDER BY criterion_id";
static const char SQL_CONFLICT_ADD[] =
	"INSERT INTO prize_conflict (account_id, entry_id, reason) VALUES (?, ?, ?) "
	"ON CONFLICT (account_id, entry_id) DO UPDATE SET reason = excluded.reason";
static const char SQL_ASSIGN_DROP[] =
	"DELETE FROM prize_assignment WHERE account_id = ? AND entry_id = ?";
static const char SQL_IS_ASSIGNED[] =
	"SELECT 1 FROM prize_assignment a WHERE a.account_id = ? AND a.entry_id = ?";

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
	"c.edition_id AS ed, c.position AS pos "
	"FROM category c JOIN prize_category pc ON pc.category_id = c.id) WHERE ed = ? ORDER BY pos";
static const char SQL_CATEGORY_ONE[] =
	"SELECT c.id, c.code, c.name_ar, c.name_fr, c.name_en, pc.k, pc.winners, pc.tie_rule, pc.state, "
	"(SELECT count(*) FROM prize_entry e WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_juror j WHERE j.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id), "
	"(SELECT count(*) FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id WHERE e.category_id = c.id "
	"   AND (SELECT count(*) FROM prize_score s WHERE s.entry_id = a.entry_id AND s.account_id = a.account_id) "
	"     = (SELECT count(*) FROM prize_criterion k WHERE k.category_id = c.id)), pc.is_sample "
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

cf_err prize_entries_default(int64_t edition_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_ENTRIES_DEFAULT);
	db_bind_int(s, 1, edition_id);
	return db_run(s);
}

/* ---- assignment ------------------------------------------------------- */

static int index_of(const int64_t *v, int n, int64_t x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return i;
	return -1;
}

cf_err prize_assign_category(arena *a, int64_t actor, int64_t category_id, prize_assign_info *info,
			     const char **entry_name)
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
	e = prize_assign(n, m, cat.k, allowed, (uint64_t)category_id * 7919u + 17u, as, info);
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
	return CF_OK;
}

/* ---- the log ---------------------------------------------------------- */

/* sheet_content - the canonical text of a juror's current sheet for an
 * entry, from the score tables: "criterion:value,..." (by criterion id),
 * "|", the comment. Into b. */
static void sheet_content(db *d, int64_t entry_id, int64_t account_id, const char *comment, buf *b)
{
	db_stmt *s = db_prepare(d, SQL_CONTENT_SCORES);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	int first = 1;
	while (db_step(s) == DB_ROW) {
		(void)buf_printf(b, "%s%lld:%lld", first ? "" : ",", (long long)db_col_int(s, 0),
				 (long long)db_col_int(s, 1));
		first = 0;
	}
	db_done(s);
	(void)buf_putc(b, '|');
	(void)buf_puts(b, comment);
}

/* record_hash - hex BLAKE2b-256 of the record: every field, each followed
 * by a newline, after the previous record's hash. */
static void record_hash(const char *prev, const char *at, int64_t account, int64_t entry,
			const char *kind, const char *content, char hex[65])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char num[48];
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)prev, strlen(prev));
	crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
	crypto_generichash_update(&st, (const unsigned char *)at, strlen(at));
	snprintf(num, sizeof num, "\n%lld\n%lld\n", (long long)account, (long long)entry);
	crypto_generichash_update(&st, (const unsigned char *)num, strlen(num));
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind));
	crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
	crypto_generichash_update(&st, (const unsigned char *)content, strlen(content));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

static cf_err log_append(db *d, int64_t account_id, int64_t entry_id, const char *kind,
			 const char *content)
{
	char prev[65] = "", hash[65], at[32];
	db_stmt *s = db_prepare(d, SQL_LOG_HEAD);
	if (db_step(s) == DB_ROW)
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
	db_done(s);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	record_hash(prev, at, account_id, entry_id, kind, content, hash);
	s = db_prepare(d, SQL_LOG_APPEND);
	db_bind_text(s, 1, at);
	db_bind_int(s, 2, account_id);
	db_bind_int(s, 3, entry_id);
	db_bind_text(s, 4, kind);
	db_bind_text(s, 5, content);
	db_bind_text(s, 6, prev);
	db_bind_text(s, 7, hash);
	return db_run(s);
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
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
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
		buf content;
		buf_init(&content, 64 * 1024);
		if (!e) {
			sheet_content(d, entry_id, account_id, comment, &content);
			e = content.overflow ? CF_ERR_TOOBIG
					     : log_append(d, account_id, entry_id,
							  sh.scored ? "change" : "create",
							  buf_cstr(&content));
		}
		buf_free(&content);
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
	int assigned = db_step(s) == DB_ROW;
	db_done(s);
	if (!assigned)
		return CF_ERR_NOTFOUND;
	cf_err e = db_begin(d);
	if (e)
		return e;
	s = db_prepare(d, SQL_CONFLICT_ADD);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, entry_id);
	db_bind_text(s, 3, reason);
	e = db_run(s);
	if (!e) {
		s = db_prepare(d, SQL_ASSIGN_DROP);
		db_bind_int(s, 1, account_id);
		db_bind_int(s, 2, entry_id);
		e = db_run(s);
	}
	if (!e)
		e = audit_record(account_id, "prize.conflict.declare", "prize_entry", entry_id,
				 NULL, NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

void prize_verify(arena *a, prize_chain *out)
{
	db *d = db_thread();
	memset(out, 0, sizeof *out);
	out->ok = 1;
	out->head = "";
	char prev[65] = "";
	db_stmt *s = db_prepare(d, SQL_LOG_ALL);
	while (db_step(s) == DB_ROW) {
		char h[65];
		int64_t id = db_col_int(s, 0);
		record_hash(prev, db_col_text(s, 1), db_col_int(s, 2), db_col_int(s, 3),
			    db_col_text(s, 4), db_col_text(s, 5), h);
		out->records++;
		if (strcmp(db_col_text(s, 6), prev)) {
			out->ok = 0, out->broken_id = id;
			out->why =
				"its link to the previous record is wrong (a record was removed or inserted)";
			break;
		}
		if (strcmp(db_col_text(s, 7), h)) {
			out->ok = 0, out->broken_id = id;
			out->why = "its content does not match its hash (the record was edited)";
			break;
		}
		snprintf(prev, sizeof prev, "%s", h);
	}
	db_done(s);
	out->head = arena_strdup(a, prev);
	if (!out->ok)
		return;
	/* The current scores must be what the log last recorded. */
	s = db_prepare(d, SQL_LOG_LAST);
	while (out->ok && db_step(s) == DB_ROW) {
		int64_t entry = db_col_int(s, 0), account = db_col_int(s, 1);
		if (db_col_is_null(s, 2)) {
			out->ok = 0, out->entry_id = entry, out->account_id = account;
			out->why = "a score exists that the log never recorded";
			break;
		}
		char *logged = arena_strdup(a, db_col_text(s, 2));
		out->entry_id = entry, out->account_id = account;
		{
			db_stmt *c = db_prepare(d, SQL_SHEET_COMMENT);
			db_bind_int(c, 1, entry);
			db_bind_int(c, 2, account);
			char *comment =
				arena_strdup(a, db_step(c) == DB_ROW ? db_col_text(c, 0) : "");
			db_done(c);
			buf now;
			buf_init(&now, 64 * 1024);
			sheet_content(d, entry, account, comment, &now);
			if (strcmp(buf_cstr(&now), logged)) {
				out->ok = 0;
				out->why =
					"the current scores differ from the last logged record of this sheet "
					"(a score was changed outside coopfair)";
			}
			buf_free(&now);
		}
	}
	db_done(s);
	if (out->ok)
		out->entry_id = out->account_id = 0;
}
