/* prize_setup.c - see prize.h: the committee's set-up of a prize category. */
#include "../db/db.h"
#include "audit.h"
#include "prize.h"
#include "prize_log.h"

#include <stdio.h>
#include <string.h>

static const char SQL_HAS_SCORES[] =
	"SELECT 1 FROM prize_score s JOIN prize_entry e ON e.id = s.entry_id WHERE e.category_id = ? LIMIT 1";
static const char SQL_STATE[] = "SELECT state FROM prize_category WHERE category_id = ?";
/* Would a rule on the province add a conflict in one of the juror's
 * categories that is no longer open? */
static const char SQL_JUROR_SHUT[] =
	"SELECT 1 FROM prize_juror j JOIN prize_category pc ON pc.category_id = j.category_id "
	"JOIN category c ON c.id = j.category_id JOIN prize_entry e ON e.category_id = j.category_id "
	"JOIN cooperative co ON co.id = e.cooperative_id JOIN province p ON p.id = co.province_id "
	"WHERE j.account_id = ?1 AND c.edition_id = ?2 AND p.code = ?3 AND pc.state <> 'open' LIMIT 1";
static const char SQL_EDITION_CATS[] =
	"SELECT pc.category_id FROM prize_category pc JOIN category c ON c.id = pc.category_id "
	"WHERE c.edition_id = ? ORDER BY pc.category_id";
static const char SQL_SETTINGS[] =
	"UPDATE prize_category SET k = ?, winners = ?, tie_rule = ? WHERE category_id = ? AND state = 'open'";
static const char SQL_CRIT_ADD[] =
	"INSERT INTO prize_criterion (category_id, name_ar, name_fr, name_en, weight, scale_min, scale_max, position) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(position), -1) + 1 FROM prize_criterion WHERE category_id = ?1))";
static const char SQL_CRIT_COUNT[] = "SELECT count(*) FROM prize_criterion WHERE category_id = ?";
static const char SQL_CRIT_CAT[] = "SELECT category_id FROM prize_criterion WHERE id = ?";
static const char SQL_CRIT_DEL[] = "DELETE FROM prize_criterion WHERE id = ?";
static const char SQL_MEMBERS[] =
	"SELECT DISTINCT a.id, a.name, a.email, coalesce(o.short_name, ''), "
	"EXISTS (SELECT 1 FROM prize_juror j WHERE j.account_id = a.id AND j.category_id = ?1), "
	"EXISTS (SELECT 1 FROM prize_score s JOIN prize_entry e ON e.id = s.entry_id "
	"        WHERE s.account_id = a.id AND e.category_id = ?1) "
	"FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'jury' "
	"LEFT JOIN organisation o ON o.id = a.organisation_id WHERE a.disabled = 0 ORDER BY a.name, a.id";
static const char SQL_JUROR_DEL[] =
	"DELETE FROM prize_juror WHERE category_id = ? AND account_id = ?";
static const char SQL_JUROR_ADD[] =
	"INSERT INTO prize_juror (account_id, category_id) "
	"SELECT a.id, ?2 FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'jury' WHERE a.id = ?1 "
	"ON CONFLICT (account_id, category_id) DO NOTHING";
static const char SQL_ASSIGN_END[] =
	"DELETE FROM prize_assignment WHERE account_id = ? AND entry_id IN (SELECT id FROM prize_entry WHERE category_id = ?)";
static const char SQL_CONFLICTS[] =
	"SELECT v.account_id, v.entry_id, a.name, co.name_fr, v.source, v.reason, co.name_ar FROM prize_conflict_all v "
	"JOIN prize_entry e ON e.id = v.entry_id JOIN account a ON a.id = v.account_id "
	"JOIN cooperative co ON co.id = e.cooperative_id "
	"WHERE e.category_id = ? ORDER BY a.name, e.id";
static const char SQL_RULE_ADD[] =
	"INSERT INTO prize_rule (edition_id, kind, account_id, province_id, reason) "
	"SELECT ?, 'province', ?, p.id, ? FROM province p WHERE p.code = ?";
/* The same, scoped to each open category of the edition. */
static const char SQL_RULE_ADD_OPEN[] =
	"INSERT INTO prize_rule (edition_id, kind, account_id, province_id, reason, category_id) "
	"SELECT ?1, 'province', ?2, p.id, ?3, pc.category_id FROM province p, prize_category pc "
	"JOIN category c ON c.id = pc.category_id "
	"WHERE p.code = ?4 AND c.edition_id = ?1 AND pc.state = 'open'";
static const char SQL_PROVINCE_IS[] = "SELECT 1 FROM province WHERE code = ?";

/* is_open - the category's state, checked by every set-up change: once
 * closed, nothing that decides the result moves. */
static int is_open(int64_t category_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_STATE);
	db_bind_int(s, 1, category_id);
	int r = db_step(s) == DB_ROW && !strcmp(db_col_text(s, 0), "open");
	db_done(s);
	return r;
}

static int has_scores(int64_t category_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_HAS_SCORES);
	db_bind_int(s, 1, category_id);
	int r = db_step(s) == DB_ROW;
	db_done(s);
	return r;
}

/* in_tx - run the prepared change s, log the category's kind, then audit
 * it, in one transaction; CF_ERR_NOTFOUND when s changed no row. */
static cf_err in_tx(db_stmt *s, int64_t actor, const char *action, const char *type, int64_t id,
		    const char *after, int64_t category_id, const char *kind)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e) {
		db_done(s);
		return e;
	}
	e = db_run(s);
	if (!e && db_changes(d) == 0)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = prize_log_state(d, actor, category_id, kind);
	if (!e)
		e = audit_record(actor, action, type, id, NULL, after);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err prize_settings_set(int64_t actor, int64_t category_id, int k, int winners,
			  const char *tie_rule)
{
	if (k < 1 || k > 50 || winners < 1 || winners > 10 ||
	    (strcmp(tie_rule, "plain_mean") && strcmp(tie_rule, "first_criterion") &&
	     strcmp(tie_rule, "registration")))
		return CF_ERR_INVALID;
	if (has_scores(category_id))
		return CF_ERR_CONFLICT;
	db_stmt *s = db_prepare(db_thread(), SQL_SETTINGS);
	db_bind_int(s, 1, k);
	db_bind_int(s, 2, winners);
	db_bind_text(s, 3, tie_rule);
	db_bind_int(s, 4, category_id);
	char after[128];
	snprintf(after, sizeof after, "{\"k\":%d,\"winners\":%d,\"tie_rule\":\"%s\"}", k, winners,
		 tie_rule);
	return in_tx(s, actor, "prize.settings", "category", category_id, after, category_id,
		     "rules");
}

cf_err prize_criterion_add(int64_t actor, int64_t category_id, const text3 *name, double weight,
			   int min, int max)
{
	if (!(weight > 0 && weight <= 100) || min < 0 || max > 100 || min >= max)
		return CF_ERR_INVALID;
	if (has_scores(category_id) || !is_open(category_id))
		return CF_ERR_CONFLICT;
	db_stmt *s = db_prepare(db_thread(), SQL_CRIT_COUNT);
	db_bind_int(s, 1, category_id);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (n >= PRIZE_CRITERIA_MAX)
		return CF_ERR_TOOBIG;
	char w[32];
	snprintf(w, sizeof w, "%.4f", weight);
	s = db_prepare(db_thread(), SQL_CRIT_ADD);
	db_bind_int(s, 1, category_id);
	db_bind_text(s, 2, name->v[LANG_AR]);
	db_bind_text(s, 3, name->v[LANG_FR]);
	db_bind_text(s, 4,
		     name->v[LANG_EN] && *name->v[LANG_EN] ? name->v[LANG_EN] : name->v[LANG_FR]);
	db_bind_text(s, 5, w);
	db_bind_int(s, 6, min);
	db_bind_int(s, 7, max);
	return in_tx(s, actor, "prize.criterion.add", "category", category_id, NULL, category_id,
		     "rules");
}

cf_err prize_criterion_delete(int64_t actor, int64_t criterion_id, int64_t *category_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_CRIT_CAT);
	db_bind_int(s, 1, criterion_id);
	*category_id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (!*category_id)
		return CF_ERR_NOTFOUND;
	if (has_scores(*category_id) || !is_open(*category_id))
		return CF_ERR_CONFLICT;
	s = db_prepare(db_thread(), SQL_CRIT_DEL);
	db_bind_int(s, 1, criterion_id);
	return in_tx(s, actor, "prize.criterion.delete", "prize_criterion", criterion_id, NULL,
		     *category_id, "rules");
}

cf_err prize_jury_members(arena *a, int64_t category_id, prize_jury_member **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 512;
	prize_jury_member *v = arena_alloc(a, sizeof *v * cap);
	db_stmt *s = db_prepare(db_thread(), SQL_MEMBERS);
	db_bind_int(s, 1, category_id);
	while (n < cap && (rc = db_step(s)) == DB_ROW) {
		v[n].account_id = db_col_int(s, 0);
		v[n].name = arena_strdup(a, db_col_text(s, 1));
		v[n].email = arena_strdup(a, db_col_text(s, 2));
		v[n].organisation = arena_strdup(a, db_col_text(s, 3));
		v[n].selected = (int)db_col_int(s, 4);
		v[n].scored = (int)db_col_int(s, 5);
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err prize_jurors_set(int64_t actor, int64_t category_id, const int64_t *ids, size_t n)
{
	arena *a = arena_new(1u << 20);
	prize_jury_member *m;
	size_t nm = 0;
	cf_err e = prize_jury_members(a, category_id, &m, &nm);
	db *d = db_thread();
	if (!e && !is_open(category_id))
		e = CF_ERR_CONFLICT;
	for (size_t i = 0; i < nm && !e; i++) {
		int keep = 0;
		for (size_t t = 0; t < n; t++)
			keep |= ids[t] == m[i].account_id;
		if (m[i].selected && !keep && m[i].scored)
			e = CF_ERR_CONFLICT;
	}
	if (!e && !(e = db_begin(d))) {
		for (size_t i = 0; i < nm && !e; i++) {
			int keep = 0;
			for (size_t t = 0; t < n; t++)
				keep |= ids[t] == m[i].account_id;
			if (m[i].selected && !keep) {
				db_stmt *s = db_prepare(d, SQL_JUROR_DEL);
				db_bind_int(s, 1, category_id);
				db_bind_int(s, 2, m[i].account_id);
				e = db_run(s);
				if (!e) {
					s = db_prepare(d, SQL_ASSIGN_END);
					db_bind_int(s, 1, m[i].account_id);
					db_bind_int(s, 2, category_id);
					e = db_run(s);
				}
			}
		}
		for (size_t t = 0; t < n && !e; t++) {
			db_stmt *s = db_prepare(d, SQL_JUROR_ADD);
			db_bind_int(s, 1, ids[t]);
			db_bind_int(s, 2, category_id);
			e = db_run(s);
		}
		if (!e)
			e = prize_log_state(d, actor, category_id, "jurors");
		if (!e)
			e = prize_log_state(d, actor, category_id, "assign");
		if (!e)
			e = prize_log_state(d, actor, category_id, "conflicts");
		if (!e)
			e = audit_record(actor, "prize.jurors", "category", category_id, NULL,
					 NULL);
		if (!e)
			e = db_commit(d);
		if (e)
			db_rollback(d);
	}
	arena_free(a);
	return e;
}

cf_err prize_conflicts(arena *a, int64_t category_id, prize_conflict_row **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 1024;
	prize_conflict_row *v = arena_alloc(a, sizeof *v * cap);
	db_stmt *s = db_prepare(db_thread(), SQL_CONFLICTS);
	db_bind_int(s, 1, category_id);
	while (n < cap && (rc = db_step(s)) == DB_ROW) {
		v[n].account_id = db_col_int(s, 0);
		v[n].entry_id = db_col_int(s, 1);
		v[n].juror = arena_strdup(a, db_col_text(s, 2));
		v[n].entry_name = arena_strdup(a, db_col_text(s, 3));
		v[n].source = arena_strdup(a, db_col_text(s, 4));
		v[n].reason = arena_strdup(a, db_col_text(s, 5));
		v[n].entry_name_ar = arena_strdup(a, db_col_text(s, 6));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err prize_rule_add(int64_t actor, int64_t edition_id, int64_t account_id, const char *province,
		      const char *reason)
{
	if (!reason || strlen(reason) > PRIZE_REASON_MAX)
		return CF_ERR_INVALID;
	db *d = db_thread();
	/* A rule must not change the conflicts of a closed category: when it
	 * would, it is stored for each open category only. */
	db_stmt *s = db_prepare(d, SQL_JUROR_SHUT);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, edition_id);
	db_bind_text(s, 3, province);
	int shut = db_step(s) == DB_ROW;
	db_done(s);
	s = db_prepare(d, SQL_PROVINCE_IS);
	db_bind_text(s, 1, province);
	int known = db_step(s) == DB_ROW;
	db_done(s);
	if (!known)
		return CF_ERR_INVALID;
	cf_err e = db_begin(d);
	if (e)
		return e;
	s = db_prepare(d, shut ? SQL_RULE_ADD_OPEN : SQL_RULE_ADD);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, account_id);
	db_bind_text(s, 3, reason);
	db_bind_text(s, 4, province);
	e = db_run(s);
	int64_t cats[64];
	int n = 0;
	s = db_prepare(d, SQL_EDITION_CATS);
	db_bind_int(s, 1, edition_id);
	while (n < 64 && db_step(s) == DB_ROW)
		cats[n++] = db_col_int(s, 0);
	db_done(s);
	for (int c = 0; c < n && !e; c++)
		e = prize_log_state(d, actor, cats[c], "conflicts");
	if (!e)
		e = audit_record(actor, "prize.rule.add", "account", account_id, NULL, NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}
