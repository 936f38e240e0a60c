/* prize_results.c - see prize.h: rankings, closing, publishing, and the
 * frozen public results and certificates. */
#include "../db/db.h"
#include "rows.h"
#include "../util/xalloc.h"
#include "audit.h"
#include "prize.h"
#include "prize_estimate.h"
#include "prize_log.h"
#include "../util/clock.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_ENTRIES[] =
	"SELECT e.id, co.name_ar, co.name_fr, e.is_sample, CASE WHEN e.withdrawn_at IS NULL THEN 0 ELSE 1 END "
	"FROM prize_entry e JOIN cooperative co ON co.id = e.cooperative_id WHERE e.category_id = ? ORDER BY e.id";
/* Scores of unconflicted, assigned sheets only. */
static const char SQL_SCORES[] =
	"SELECT s.entry_id, s.account_id, s.criterion_id, s.value FROM prize_score s "
	"JOIN prize_entry e ON e.id = s.entry_id "
	"JOIN prize_assignment a ON a.entry_id = s.entry_id AND a.account_id = s.account_id "
	"WHERE e.category_id = ? AND NOT EXISTS (SELECT 1 FROM prize_conflict_all v "
	"WHERE v.account_id = s.account_id AND v.entry_id = s.entry_id) ORDER BY s.entry_id, s.account_id";
static const char SQL_COMMENTS[] =
	"SELECT c.entry_id, c.account_id, c.body FROM prize_comment c JOIN prize_entry e ON e.id = c.entry_id "
	"WHERE e.category_id = ? AND c.body <> ''";
static const char SQL_JURORS[] =
	"SELECT a.id, a.name, coalesce(o.short_name, '') FROM prize_juror j JOIN account a ON a.id = j.account_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id WHERE j.category_id = ? ORDER BY a.id";
static const char SQL_SET_STATE[] =
	"UPDATE prize_category SET state = ?2, "
	"closed_at = CASE WHEN ?2 = 'closed' THEN ?4 ELSE closed_at END, "
	"published_at = CASE WHEN ?2 = 'published' THEN ?4 ELSE published_at END, "
	"unpublished_at = CASE WHEN ?2 = 'published' THEN NULL ELSE unpublished_at END "
	"WHERE category_id = ?1 AND state = ?3";
static const char SQL_CLOSED_HEAD[] =
	"UPDATE prize_category SET closed_head = ? WHERE category_id = ?";
static const char SQL_PUBLISHED_HEAD[] =
	"UPDATE prize_category SET published_head = ? WHERE category_id = ?";
static const char SQL_UNPUBLISH[] =
	"UPDATE prize_category SET state = 'closed', unpublished_at = ?2, unpublish_reason = ?3 "
	"WHERE category_id = ?1 AND state = 'published'";
static const char SQL_RESULT_CLEAR[] =
	"DELETE FROM prize_result WHERE entry_id IN (SELECT id FROM prize_entry WHERE category_id = ?)";
static const char SQL_RESULT_ADD[] =
	"INSERT INTO prize_result (entry_id, rank, quality, plain_mean, code) VALUES (?, ?, ?, ?, ?)";
static const char SQL_LOG_HEAD[] = "SELECT id, hash FROM prize_log ORDER BY id DESC LIMIT 1";
#define AWARD_COLS                                                                                        \
	"SELECT r.entry_id, x.id, r.rank, (SELECT count(*) FROM prize_result r2 JOIN prize_entry e2 "     \
	"ON e2.id = r2.entry_id WHERE e2.category_id = e.category_id), co.name_ar, co.name_fr, r.code, "  \
	"c.name_ar, c.name_fr, c.name_en, ed.name_ar, ed.name_fr, ed.name_en, ed.starts_on, ed.ends_on, " \
	"r.rank <= pc.winners, e.is_sample, e.category_id, COALESCE(pc.published_head, ''), "             \
	"COALESCE(pc.published_at, ''), CASE WHEN e.withdrawn_at IS NULL THEN 0 ELSE 1 END "              \
	"FROM prize_result r JOIN prize_entry e ON e.id = r.entry_id "                                    \
	"JOIN prize_category pc ON pc.category_id = e.category_id AND pc.state = 'published' "            \
	"JOIN category c ON c.id = e.category_id JOIN edition ed ON ed.id = c.edition_id "                \
	"LEFT JOIN exhibitor x ON x.id = e.exhibitor_id JOIN cooperative co ON co.id = e.cooperative_id "
static const char SQL_AWARDS[] =
	AWARD_COLS "WHERE ed.id = ?1 AND (?2 OR r.rank <= pc.winners) ORDER BY c.position, r.rank";
static const char SQL_AWARD_CODE[] = AWARD_COLS "WHERE r.code = ?";
static const char SQL_AWARD_ENTRY[] = AWARD_COLS "WHERE r.entry_id = ?";

/* ---- the ranking ------------------------------------------------------ */

struct sortctx {
	const char *rule;
	double *first_crit; /* per entry: mean of the first criterion */
};
static _Thread_local struct sortctx
	*g_sort; /* qsort has no context argument; one per server thread */

static int cmp_ranked(const void *pa, const void *pb)
{
	const prize_ranked *a = pa, *b = pb;
	if (a->withdrawn != b->withdrawn)
		return a->withdrawn ? 1 : -1; /* withdrawn entries come last, unranked */
	if ((a->nmarks > 0) != (b->nmarks > 0))
		return a->nmarks > 0 ? -1 : 1;
	long ra = lround(a->adjusted * 100), rb = lround(b->adjusted * 100);
	if (ra != rb)
		return ra > rb ? -1 : 1;
	/* A tie at the shown precision: the rule the committee declared. */
	if (!strcmp(g_sort->rule, "plain_mean") && fabs(a->plain - b->plain) > 1e-9)
		return a->plain > b->plain ? -1 : 1;
	if (!strcmp(g_sort->rule, "first_criterion")) {
		double fa = a->marks ? a->marks[0].value[0] : 0,
		       fb = b->marks ? b->marks[0].value[0] : 0;
		double sa = 0, sb = 0;
		for (int i = 0; i < a->nmarks; i++)
			sa += a->marks[i].value[0];
		for (int i = 0; i < b->nmarks; i++)
			sb += b->marks[i].value[0];
		fa = a->nmarks ? sa / a->nmarks : fa, fb = b->nmarks ? sb / b->nmarks : fb;
		if (fabs(fa - fb) > 1e-9)
			return fa > fb ? -1 : 1;
	}
	return a->entry_id < b->entry_id ? -1 : a->entry_id > b->entry_id;
}

/* diagnose - per juror: how far their scores stray from the other jurors'
 * mean on the same entries, and a plain flag. The thresholds are in score
 * points on 0..20: a favourite is an entry given 6 points or more above the
 * others while at least one other entry gets 5 or more below; noisy is
 * twice the median juror's noise; stray is an average distance of 3 points
 * or more, and twice the median juror's. */
static void diagnose(int n, int m, const prize_obs *obs, size_t no, prize_juror_fit *ju,
		     double *noise_median)
{
	double *sum = xcalloc((size_t)n + 1, sizeof(double)), *tmp;
	int *cnt = xcalloc((size_t)n + 1, sizeof(int)), *seen = xcalloc((size_t)m + 1, sizeof(int));
	for (size_t k = 0; k < no; k++)
		sum[obs[k].entry] += obs[k].y, cnt[obs[k].entry]++;
	for (int j = 0; j < m; j++)
		ju[j].stray = 0, ju[j].max_up = 0, ju[j].far_below = 0,
		ju[j].flag = PRIZE_FLAG_NONE;
	for (size_t k = 0; k < no; k++) {
		int i = obs[k].entry, j = obs[k].juror;
		if (cnt[i] < 2)
			continue;
		double d = obs[k].y - (sum[i] - obs[k].y) / (cnt[i] - 1);
		ju[j].stray += fabs(d), seen[j]++;
		if (d > ju[j].max_up)
			ju[j].max_up = d;
		ju[j].far_below += d <= -5;
	}
	tmp = xcalloc((size_t)m + 1, sizeof(double));
	double *tmp2 = xcalloc((size_t)m + 1, sizeof(double));
	int t = 0;
	for (int j = 0; j < m; j++)
		if (seen[j]) {
			ju[j].stray /= seen[j];
			tmp[t] = ju[j].noise, tmp2[t] = ju[j].stray, t++;
		}
	double mn = 0, ms = 0;
	if (t) {
		for (int x = 0; x < t; x++) /* a small insertion sort: m is small */
			for (int y = x; y > 0 && tmp[y] < tmp[y - 1]; y--) {
				double w = tmp[y];
				tmp[y] = tmp[y - 1], tmp[y - 1] = w;
			}
		for (int x = 0; x < t; x++)
			for (int y = x; y > 0 && tmp2[y] < tmp2[y - 1]; y--) {
				double w = tmp2[y];
				tmp2[y] = tmp2[y - 1], tmp2[y - 1] = w;
			}
		mn = t % 2 ? tmp[t / 2] : (tmp[t / 2 - 1] + tmp[t / 2]) / 2;
		ms = t % 2 ? tmp2[t / 2] : (tmp2[t / 2 - 1] + tmp2[t / 2]) / 2;
	}
	for (int j = 0; j < m; j++) {
		if (!seen[j])
			continue;
		if (ju[j].max_up >= 6 && ju[j].far_below >= 1)
			ju[j].flag = PRIZE_FLAG_FAVOURITE;
		else if (t >= 3 && ju[j].noise >= 2 * mn)
			ju[j].flag = PRIZE_FLAG_NOISY;
		else if (t >= 3 && ju[j].stray >= 3 && ju[j].stray >= 2 * ms)
			ju[j].flag = PRIZE_FLAG_STRAY;
	}
	*noise_median = mn;
	free(sum), free(cnt), free(seen), free(tmp), free(tmp2);
}

cf_err prize_compute(arena *a, int64_t category_id, prize_results *out)
{
	db *d = db_thread();
	memset(out, 0, sizeof *out);
	prize_category cat;
	cf_err e = prize_category_get(a, category_id, &cat);
	if (e)
		return e;
	prize_criterion *crit;
	size_t ncrit = 0;
	if ((e = prize_criteria(a, category_id, &crit, &ncrit)))
		return e;
	int nc = (int)ncrit;
	out->crit = crit, out->ncrit = nc;
	double wsum = 0;
	for (int c = 0; c < nc; c++)
		wsum += crit[c].weight;
	int cap = cat.entries + 1, n = 0;
	prize_ranked *en = arena_alloc(a, sizeof *en * (size_t)cap);
	db_stmt *s = db_prepare(d, SQL_ENTRIES);
	db_bind_int(s, 1, category_id);
	while (n < cap && db_step(s) == DB_ROW) {
		en[n].entry_id = db_col_int(s, 0);
		en[n].name_ar = arena_strdup(a, db_col_text(s, 1));
		en[n].name_fr = arena_strdup(a, db_col_text(s, 2));
		en[n].is_sample = (int)db_col_int(s, 3);
		en[n].withdrawn = (int)db_col_int(s, 4);
		en[n].marks = arena_alloc(a, sizeof(prize_mark) * (size_t)(cat.jurors + 1));
		n++;
	}
	db_done(s);
	int mcap = cat.jurors + 1, m = 0;
	prize_juror_fit *ju = arena_alloc(a, sizeof *ju * (size_t)mcap);
	s = db_prepare(d, SQL_JURORS);
	db_bind_int(s, 1, category_id);
	while (m < mcap && db_step(s) == DB_ROW) {
		ju[m].account_id = db_col_int(s, 0);
		ju[m].name = arena_strdup(a, db_col_text(s, 1));
		ju[m].organisation = arena_strdup(a, db_col_text(s, 2));
		ju[m].scale = 1;
		m++;
	}
	db_done(s);
	/* Marks: one per (entry, juror) sheet; complete sheets only count. */
	int *filled = arena_alloc(a, sizeof(int) * (size_t)n * (size_t)(m ? m : 1));
	s = db_prepare(d, SQL_SCORES);
	db_bind_int(s, 1, category_id);
	while (db_step(s) == DB_ROW) {
		int i = 0, j = 0, c = 0;
		while (i < n && en[i].entry_id != db_col_int(s, 0))
			i++;
		while (j < m && ju[j].account_id != db_col_int(s, 1))
			j++;
		while (c < nc && crit[c].id != db_col_int(s, 2))
			c++;
		if (i == n || j == m || c == nc)
			continue;
		prize_mark *mk = NULL;
		for (int t = 0; t < en[i].nmarks; t++)
			if (en[i].marks[t].account_id == ju[j].account_id)
				mk = &en[i].marks[t];
		if (!mk) {
			mk = &en[i].marks[en[i].nmarks++];
			mk->account_id = ju[j].account_id;
			mk->juror = ju[j].name;
			mk->comment = "";
		}
		int v = (int)db_col_int(s, 3);
		mk->value[c] = v;
		mk->y += crit[c].weight * (v - crit[c].min) / (double)(crit[c].max - crit[c].min) *
			 20.0 / wsum;
		filled[i * m + j]++;
	}
	db_done(s);
	s = db_prepare(d, SQL_COMMENTS);
	db_bind_int(s, 1, category_id);
	while (db_step(s) == DB_ROW)
		for (int i = 0; i < n; i++)
			if (en[i].entry_id == db_col_int(s, 0))
				for (int t = 0; t < en[i].nmarks; t++)
					if (en[i].marks[t].account_id == db_col_int(s, 1))
						en[i].marks[t].comment =
							arena_strdup(a, db_col_text(s, 2));
	db_done(s);
	prize_obs *obs = xmalloc(sizeof *obs * ((size_t)n * (size_t)(m ? m : 1) + 1));
	size_t no = 0;
	for (int i = 0; i < n; i++) {
		int kept = 0;
		for (int t = 0; t < en[i].nmarks; t++) {
			int j = 0;
			while (ju[j].account_id != en[i].marks[t].account_id)
				j++;
			if (filled[i * m + j] != nc)
				continue; /* an unfinished sheet does not count yet */
			en[i].marks[kept++] = en[i].marks[t];
			obs[no++] = (prize_obs){ i, j, en[i].marks[t].y };
			ju[j].load++;
		}
		en[i].nmarks = kept;
	}
	double *q = xcalloc((size_t)n + 1, sizeof(double)),
	       *pm = xcalloc((size_t)n + 1, sizeof(double));
	double *b = xcalloc((size_t)m + 1, sizeof(double)),
	       *sc = xcalloc((size_t)m + 1, sizeof(double));
	prize_fit fit;
	double *nz = xcalloc((size_t)m + 1, sizeof(double));
	prize_estimate_noise(n, m, obs, no, NULL, q, b, sc, nz, &fit);
	prize_plain_mean(n, obs, no, pm);
	out->mu = fit.mu, out->sigma = fit.sigma;
	for (int j = 0; j < m; j++)
		ju[j].offset = b[j], ju[j].scale = sc[j], ju[j].noise = nz[j];
	diagnose(n, m, obs, no, ju, &out->noise_median);
	free(nz);
	unsigned char *as = xcalloc((size_t)n * (size_t)(m ? m : 1) + 1, 1);
	for (size_t k = 0; k < no; k++)
		as[obs[k].entry * m + obs[k].juror] = 1;
	out->components = prize_components(n, m, as);
	for (int i = 0; i < n; i++) {
		en[i].adjusted = en[i].nmarks ? fit.mu + q[i] : 0;
		en[i].plain = pm[i];
		double big = 0;
		for (int t = 0; t < en[i].nmarks; t++) {
			int j = 0;
			while (ju[j].account_id != en[i].marks[t].account_id)
				j++;
			if (fabs(b[j]) > fabs(big) && fabs(b[j]) >= 0.5) {
				big = b[j];
				en[i].reason_juror = ju[j].account_id;
				en[i].reason_name = ju[j].name;
			}
		}
		en[i].reason_offset = big;
	}
	free(obs), free(q), free(pm), free(b), free(sc), free(as);
	/* The plain ranks, then the corrected ranking. */
	for (int i = 0; i < n; i++) {
		en[i].plain_rank = 1;
		for (int t = 0; t < n; t++)
			if (en[t].nmarks && !en[t].withdrawn &&
			    (en[t].plain > en[i].plain + 1e-9 ||
			     (fabs(en[t].plain - en[i].plain) <= 1e-9 &&
			      en[t].entry_id < en[i].entry_id)))
				en[i].plain_rank++;
	}
	struct sortctx ctx = { cat.tie_rule, NULL };
	g_sort = &ctx;
	qsort(en, (size_t)n, sizeof *en, cmp_ranked);
	for (int i = 0; i < n; i++)
		en[i].rank = en[i].withdrawn ? 0 : i + 1;
	out->n = n, out->entries = en, out->njurors = m, out->jurors = ju;
	return CF_OK;
}

/* ---- state changes ---------------------------------------------------- */

static cf_err set_state(db *d, int64_t category_id, const char *to, const char *from)
{
	char at[32];
	clock_now_iso(at);
	db_stmt *s = db_prepare(d, SQL_SET_STATE);
	db_bind_int(s, 1, category_id);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, at);
	cf_err e = db_run(s);
	return e ? e : db_changes(d) == 1 ? CF_OK : CF_ERR_CONFLICT;
}

/* anchor - log the new state, keep the head on the category (head_sql; may
 * be NULL) and in the audit log with the record's number. */
static cf_err anchor(db *d, int64_t actor, int64_t category_id, const char *action,
		     const char *head_sql)
{
	cf_err e = prize_log_state(d, actor, category_id, "state");
	char head[65] = "";
	int64_t id = 0;
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_LOG_HEAD);
		if (db_step(s) == DB_ROW) {
			id = db_col_int(s, 0);
			snprintf(head, sizeof head, "%s", db_col_text(s, 1));
		}
		db_done(s);
	}
	if (!e && head_sql) {
		db_stmt *s = db_prepare(d, head_sql);
		db_bind_text(s, 1, head);
		db_bind_int(s, 2, category_id);
		e = db_run(s);
	}
	if (!e) {
		char after[160];
		snprintf(after, sizeof after, "{\"head\":\"%s\",\"record\":%lld,\"keyed\":%d}",
			 head, (long long)id, prize_key_given());
		e = audit_record(actor, action, "category", category_id, NULL, after);
	}
	return e;
}

static cf_err change(int64_t actor, int64_t category_id, const char *to, const char *from,
		     const char *action, const char *head_sql)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	e = set_state(d, category_id, to, from);
	if (!e)
		e = anchor(d, actor, category_id, action, head_sql);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err prize_warn(int64_t category_id, int publishing, prize_warning *w)
{
	memset(w, 0, sizeof *w);
	arena *a = arena_new(8u << 20);
	prize_category cat;
	prize_results res;
	cf_err e = prize_category_get(a, category_id, &cat);
	if (!e && cat.state != (publishing ? PRIZE_CLOSED : PRIZE_OPEN))
		e = CF_ERR_CONFLICT;
	if (!e)
		e = prize_compute(a, category_id, &res);
	if (!e && !publishing) {
		w->sheets = cat.assignments;
		w->missing_sheets = cat.assignments - cat.sheets_done;
		for (int j = 0; j < res.njurors; j++)
			w->flagged_jurors += res.jurors[j].flag != PRIZE_FLAG_NONE;
		w->k = cat.k;
	} else if (!e) {
		w->k = cat.k, w->fewest = cat.k;
		for (int i = 0; i < res.n; i++)
			if (res.entries[i].rank >= 1 && res.entries[i].rank <= cat.winners &&
			    res.entries[i].nmarks < cat.k) {
				w->podium_short++;
				if (res.entries[i].nmarks < w->fewest)
					w->fewest = res.entries[i].nmarks;
			}
	}
	arena_free(a);
	return e;
}

cf_err prize_close(int64_t actor, int64_t category_id, int confirm, prize_warning *w)
{
	prize_warning tmp;
	if (!w)
		w = &tmp;
	cf_err e = prize_warn(category_id, 0, w);
	if (!e && !confirm && (w->missing_sheets > 0 || w->flagged_jurors > 0))
		e = CF_ERR_PERM;
	return e ? e : change(actor, category_id, "closed", "open", "prize.close", SQL_CLOSED_HEAD);
}

cf_err prize_reopen(int64_t actor, int64_t category_id)
{
	return change(actor, category_id, "open", "closed", "prize.reopen", NULL);
}

cf_err prize_unpublish(int64_t actor, int64_t category_id, const char *reason)
{
	if (!reason || !*reason || strlen(reason) > PRIZE_REASON_MAX)
		return CF_ERR_INVALID;
	db *d = db_thread();
	char at[32];
	clock_now_iso(at);
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_UNPUBLISH);
	db_bind_int(s, 1, category_id);
	db_bind_text(s, 2, at);
	db_bind_text(s, 3, reason);
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_CONFLICT;
	if (!e)
		e = anchor(d, actor, category_id, "prize.unpublish", NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

/* new_code - a verification code: 12 characters of Crockford base32
 * (no I, L, O, U) from 60 random bits, grouped 4-4-4 with dashes. */
static void new_code(char out[16])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char r[12];
	randombytes_buf(r, sizeof r);
	int o = 0;
	for (int i = 0; i < 12; i++) {
		if (i == 4 || i == 8)
			out[o++] = '-';
		out[o++] = alphabet[r[i] & 31];
	}
	out[o] = 0;
}

cf_err prize_publish(int64_t actor, int64_t category_id, int confirm, prize_warning *w)
{
	prize_warning tmp;
	if (!w)
		w = &tmp;
	memset(w, 0, sizeof *w);
	arena *a = arena_new(8u << 20);
	db *d = db_thread();
	prize_results res;
	prize_category cat;
	cf_err e = prize_warn(category_id, 1, w);
	if (!e && !confirm && w->podium_short)
		e = CF_ERR_PERM;
	if (!e)
		e = prize_category_get(a, category_id, &cat);
	if (!e)
		e = prize_compute(a, category_id, &res);
	if (!e && !(e = db_begin(d))) {
		e = set_state(d, category_id, "published", "closed");
		if (!e) {
			db_stmt *s = db_prepare(d, SQL_RESULT_CLEAR);
			db_bind_int(s, 1, category_id);
			e = db_run(s);
		}
		for (int i = 0; i < res.n && !e; i++) {
			if (!res.entries[i].rank)
				continue; /* withdrawn: not in the result */
			char code[16];
			new_code(code);
			db_stmt *s = db_prepare(d, SQL_RESULT_ADD);
			db_bind_int(s, 1, res.entries[i].entry_id);
			db_bind_int(s, 2, res.entries[i].rank);
			/* db.h binds no doubles: the REAL columns take the text */
			char qv[32], pv[32];
			snprintf(qv, sizeof qv, "%.4f", res.entries[i].adjusted);
			snprintf(pv, sizeof pv, "%.4f", res.entries[i].plain);
			db_bind_text(s, 3, qv);
			db_bind_text(s, 4, pv);
			db_bind_text(s, 5, code);
			e = db_run(s);
		}
		if (!e)
			e = prize_log_state(d, actor, category_id, "result");
		if (!e)
			e = anchor(d, actor, category_id, "prize.publish", SQL_PUBLISHED_HEAD);
		if (!e)
			e = db_commit(d);
		if (e)
			db_rollback(d);
	}
	arena_free(a);
	return e;
}

/* ---- public reads ----------------------------------------------------- */

static void read_award(arena *a, db_stmt *s, prize_award *w)
{
	w->entry_id = db_col_int(s, 0);
	w->exhibitor_id = db_col_int(s, 1);
	w->rank = (int)db_col_int(s, 2);
	w->of = (int)db_col_int(s, 3);
	w->name_ar = arena_strdup(a, db_col_text(s, 4));
	w->name_fr = arena_strdup(a, db_col_text(s, 5));
	w->code = arena_strdup(a, db_col_text(s, 6));
	rows_text3(a, s, 7, &w->category);
	rows_text3(a, s, 10, &w->edition);
	w->edition_dates_from = arena_strdup(a, db_col_text(s, 13));
	w->edition_dates_to = arena_strdup(a, db_col_text(s, 14));
	w->winner = (int)db_col_int(s, 15);
	w->is_sample = (int)db_col_int(s, 16);
	w->category_id = db_col_int(s, 17);
	w->head = arena_strdup(a, db_col_text(s, 18));
	w->published_at = arena_strdup(a, db_col_text(s, 19));
	w->withdrawn = (int)db_col_int(s, 20);
}

cf_err prize_public_awards(arena *a, int64_t edition_id, int all, prize_award **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 2048;
	prize_award *v = arena_alloc(a, sizeof *v * cap);
	db_stmt *s = db_prepare(db_thread(), SQL_AWARDS);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, all);
	while (n < cap && (rc = db_step(s)) == DB_ROW)
		read_award(a, s, &v[n++]);
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static cf_err award_one(arena *a, const char *sql, const char *code, int64_t id, prize_award *out)
{
	db_stmt *s = db_prepare(db_thread(), sql);
	if (code)
		db_bind_text(s, 1, code);
	else
		db_bind_int(s, 1, id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		read_award(a, s, out);
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err prize_award_by_code(arena *a, const char *code, prize_award *out)
{
	return award_one(a, SQL_AWARD_CODE, code, 0, out);
}

cf_err prize_award_by_entry(arena *a, int64_t entry_id, prize_award *out)
{
	return award_one(a, SQL_AWARD_ENTRY, NULL, entry_id, out);
}
