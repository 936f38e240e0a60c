/* prize_log_check.c - see prize_log.h: the check of the prize's chained log
 * (prize_verify: the chain, its anchors and mark, the sheets and the
 * categories' states against the tables) and finding a head by its prefix
 * (prize_head_find). The writing half is prize_log.c. */
#include "prize_log.h"
#include "prize_log_int.h"
#include "prize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_ALL[] =
	"SELECT id, at, account_id, category_id, entry_id, kind, content, prev_hash, hash, form "
	"FROM prize_log ORDER BY id";
/* Categories and whether the log has any record of their own: a category
 * set up before migration 035 has none until its next logged change. */
static const char SQL_CATEGORIES[] =
	"SELECT pc.category_id, EXISTS (SELECT 1 FROM prize_log l WHERE l.category_id = pc.category_id "
	"AND l.entry_id = 0) FROM prize_category pc ORDER BY pc.category_id";
/* The last record of every sheet, and every sheet the log never saw. */
static const char SQL_SHEETS_LAST[] =
	"SELECT l.entry_id, l.account_id, l.content FROM prize_log l "
	"WHERE l.kind IN ('create', 'change') AND l.id = (SELECT max(m.id) FROM prize_log m "
	"WHERE m.entry_id = l.entry_id AND m.account_id = l.account_id AND m.kind IN ('create', 'change')) "
	"UNION ALL SELECT DISTINCT s.entry_id, s.account_id, NULL FROM prize_score s "
	"WHERE NOT EXISTS (SELECT 1 FROM prize_log m WHERE m.entry_id = s.entry_id "
	"AND m.account_id = s.account_id AND m.kind IN ('create', 'change')) "
	"UNION ALL SELECT c.entry_id, c.account_id, NULL FROM prize_comment c "
	"WHERE NOT EXISTS (SELECT 1 FROM prize_log m WHERE m.entry_id = c.entry_id "
	"AND m.account_id = c.account_id AND m.kind IN ('create', 'change'))";
/* Anchors: the heads recorded in the audit log at close and publication,
 * and the ones kept on the categories (printed on results). */
static const char SQL_ANCHORS[] =
	"SELECT after_json FROM audit WHERE action IN ('prize.close', 'prize.publish') "
	"AND object_type = 'category' AND after_json IS NOT NULL ORDER BY id";
static const char SQL_CAT_HEADS[] =
	"SELECT COALESCE(closed_head, ''), COALESCE(published_head, '') FROM prize_category "
	"WHERE state <> 'open' ORDER BY category_id";
/* The category's last state record, and a record that decides the result
 * appended after a close: only an open category takes those. */
static const char SQL_LAST_STATE_ID[] =
	"SELECT id, content FROM prize_log WHERE category_id = ? AND entry_id = 0 AND kind = 'state' "
	"ORDER BY id DESC LIMIT 1";
static const char SQL_AFTER_CLOSE[] =
	"SELECT id FROM prize_log WHERE category_id = ? AND id > ? "
	"AND kind IN ('create', 'change', 'rules', 'jurors', 'conflicts', 'assign') ORDER BY id LIMIT 1";
static const char SQL_RECORD_IS[] = "SELECT 1 FROM prize_log WHERE id = ? AND hash = ?";
static const char SQL_HASH_IS[] = "SELECT id FROM prize_log WHERE hash = ?";
static const char SQL_HEAD_FIND[] =
	"SELECT id, at, kind, hash, category_id FROM prize_log WHERE substr(hash, 1, ?2) = ?1 "
	"ORDER BY id LIMIT 2";
static const char SQL_COUNT_AFTER[] = "SELECT count(*) FROM prize_log WHERE id > ?";
static const char SQL_MARK_GET[] = "SELECT value FROM setting WHERE key = 'prize_log_mark'";
static const char SQL_LAST[] = "SELECT id, hash FROM prize_log ORDER BY id DESC LIMIT 1";

static void broke(prize_chain *out, prize_break what, int64_t id, const char *why)
{
	out->ok = 0, out->what = what, out->broken_id = id, out->why = why;
}

/* mark_check - the log ends where the mark says: a record coopfair wrote
 * last is still there, unchanged, and nothing follows it. Catches a log cut
 * short after its last printed head (scores reverted to match), and records
 * appended outside coopfair, unless the mark was rewritten too (then only
 * the prize key or a printed head tells). */
static void mark_check(db *d, prize_chain *out)
{
	char mark[160] = "", last_hash[65] = "";
	int64_t last_id = 0;
	db_stmt *s = db_prepare(d, SQL_MARK_GET);
	int has_mark = plog_step(s) == DB_ROW;
	if (has_mark)
		snprintf(mark, sizeof mark, "%s", db_col_text(s, 0));
	db_done(s);
	s = db_prepare(d, SQL_LAST);
	if (plog_step(s) == DB_ROW) {
		last_id = db_col_int(s, 0);
		snprintf(last_hash, sizeof last_hash, "%s", db_col_text(s, 1));
	}
	db_done(s);
	if (!has_mark) {
		broke(out, PRIZE_BREAK_MARK, 0,
		      "the log's mark (its last record, kept apart) is missing: removed outside "
		      "coopfair");
		return;
	}
	long long mid = 0;
	char mhash[65] = "", mmac[65] = "";
	if (sscanf(mark, "%lld %64s %64s", &mid, mhash, mmac) < 1 || mid < 0) {
		broke(out, PRIZE_BREAK_MARK, 0,
		      "the log's mark is not readable: altered outside coopfair");
		return;
	}
	if (mid > last_id) {
		broke(out, PRIZE_BREAK_MARK, (int64_t)mid,
		      "the log ends before the last record coopfair wrote: records were removed "
		      "from its end");
		return;
	}
	if (mid < last_id) {
		broke(out, PRIZE_BREAK_MARK, (int64_t)mid + 1,
		      "the log goes on after the last record coopfair wrote: records were added "
		      "outside coopfair");
		return;
	}
	if (mid && strcmp(mhash, last_hash)) {
		broke(out, PRIZE_BREAK_MARK, (int64_t)mid,
		      "the log's last record is not the one coopfair wrote: the end of the log was "
		      "rewritten");
		return;
	}
	/* With the key, a keyed log's mark must carry its MAC: a mark moved
	 * to a shortened log without the key does not. */
	if (out->key_given && out->keyed > 0) {
		char want[160];
		plog_mark_text((int64_t)mid, mhash, want);
		if (strcmp(want, mark))
			broke(out, PRIZE_BREAK_MARK, (int64_t)mid,
			      "the log's mark is not sealed with the prize key: it was moved without "
			      "the key (records removed from the end of the log?)");
	}
}

/* chain_walk - every record's link, hash and key. */
static void chain_walk(arena *a, db *d, prize_chain *out)
{
	char prev[65] = "";
	int seen_key = 0, seen_new = 0, last_keyed = 0;
	int64_t last_id = 0;
	db_stmt *s = db_prepare(d, SQL_ALL);
	while (plog_step(s) == DB_ROW) {
		char h[65];
		int64_t id = db_col_int(s, 0);
		int form = (int)db_col_int(s, 9);
		out->records++;
		if (strcmp(db_col_text(s, 7), prev)) {
			broke(out, PRIZE_BREAK_LINK, id,
			      "its link to the previous record is wrong (a record was removed or inserted)");
			break;
		}
		if ((form == 0 && seen_new) || (form == 1 && seen_key)) {
			broke(out, PRIZE_BREAK_KEY, id,
			      form == 1
				      ? "it is not sealed with the prize key, though earlier records are "
					"(the log was rewritten without the key)"
				      : "it has the old form after newer records (the log was rewritten)");
			break;
		}
		if (!plog_record_hash(form, prev, db_col_text(s, 1), db_col_int(s, 2),
				      db_col_int(s, 3), db_col_int(s, 4), db_col_text(s, 5),
				      db_col_text(s, 6), h)) {
			broke(out, PRIZE_BREAK_KEY, id,
			      "it is sealed with the prize key, which this program was not given "
			      "(set COOPFAIR_PRIZE_KEY_FILE or COOPFAIR_PRIZE_KEY)");
			break;
		}
		if (strcmp(db_col_text(s, 8), h)) {
			broke(out, PRIZE_BREAK_HASH, id,
			      form == 2
				      ? "its content does not match its seal (the record was edited or "
					"forged without the key)"
				      : "its content does not match its hash (the record was edited)");
			break;
		}
		seen_new |= form > 0, seen_key |= form == 2;
		last_keyed = form == 2, last_id = id;
		out->keyed += form == 2;
		snprintf(prev, sizeof prev, "%s", h);
	}
	db_done(s);
	out->head = arena_strdup(a, prev);
	if (out->ok && out->key_given && out->records && !last_keyed)
		broke(out, PRIZE_BREAK_KEY, last_id,
		      "the last record is not sealed with the prize key (the end of the log was "
		      "rewritten without the key, or the server has not run with the key yet)");
}

/* anchors_hold - every head recorded at a close or a publication is still
 * the record it was: a log cut short or rewritten no longer has it. */
static void anchors_check(db *d, prize_chain *out)
{
	db_stmt *s = db_prepare(d, SQL_ANCHORS);
	while (out->ok && plog_step(s) == DB_ROW) {
		const char *j = db_col_text(s, 0), *h = strstr(j, "\"head\":\""),
			   *r = strstr(j, "\"record\":");
		if (!h || !r)
			continue;
		char head[65];
		snprintf(head, sizeof head, "%.64s", h + 8);
		long long rec = strtoll(r + 9, NULL, 10);
		db_stmt *c = db_prepare(d, SQL_RECORD_IS);
		db_bind_int(c, 1, rec);
		db_bind_text(c, 2, head);
		int there = plog_step(c) == DB_ROW;
		db_done(c);
		if (!there)
			broke(out, PRIZE_BREAK_ANCHOR, rec,
			      "the head recorded in the audit log at a close or a publication is no "
			      "longer in the log (the log was cut short or rewritten)");
	}
	db_done(s);
	s = db_prepare(d, SQL_CAT_HEADS);
	while (out->ok && plog_step(s) == DB_ROW)
		for (int c = 0; c < 2 && out->ok; c++) {
			const char *h = db_col_text(s, c);
			if (!*h)
				continue;
			db_stmt *q = db_prepare(d, SQL_HASH_IS);
			db_bind_text(q, 1, h);
			int there = plog_step(q) == DB_ROW;
			db_done(q);
			if (!there)
				broke(out, PRIZE_BREAK_ANCHOR, 0,
				      "a head printed on results or certificates is no longer in the log "
				      "(the log was cut short or rewritten)");
		}
	db_done(s);
}

/* states_check - each category's current state equals its last record. */
static void states_check(arena *a, db *d, prize_chain *out)
{
	int64_t cats[256];
	int n = 0;
	db_stmt *s = db_prepare(d, SQL_CATEGORIES);
	while (n < 256 && plog_step(s) == DB_ROW) {
		if (db_col_int(s, 1))
			cats[n++] = db_col_int(s, 0);
		else
			out->unlogged++;
	}
	db_done(s);
	for (int c = 0; c < n && out->ok; c++) {
		s = db_prepare(d, SQL_LAST_STATE_ID);
		db_bind_int(s, 1, cats[c]);
		int64_t shut = 0;
		if (plog_step(s) == DB_ROW && strncmp(db_col_text(s, 1), "open", 4))
			shut = db_col_int(s, 0);
		db_done(s);
		if (!shut)
			continue;
		s = db_prepare(d, SQL_AFTER_CLOSE);
		db_bind_int(s, 1, cats[c]);
		db_bind_int(s, 2, shut);
		if (plog_step(s) == DB_ROW) {
			broke(out, PRIZE_BREAK_STATE, db_col_int(s, 0),
			      "a record that changes the result was appended after the category was "
			      "closed (forged)");
			out->category_id = cats[c], out->kind = "state";
		}
		db_done(s);
	}
	buf now;
	buf_init(&now, 4u << 20);
	for (int c = 0; c < n && out->ok; c++)
		for (int k = 0; k < PLOG_NKINDS && out->ok; k++) {
			buf_reset(&now);
			if (plog_state_content(d, cats[c], plog_kinds[k], &now))
				continue;
			const char *last = plog_last_state(a, d, cats[c], plog_kinds[k]);
			if (strcmp(last ? last : plog_state_default(plog_kinds[k]),
				   buf_cstr(&now))) {
				broke(out, PRIZE_BREAK_STATE, 0,
				      "the category's current data differ from what the log last "
				      "recorded (changed outside coopfair)");
				out->category_id = cats[c], out->kind = plog_kinds[k];
			}
		}
	buf_free(&now);
}

/* sheets_check - the current scores are what the log last recorded. */
static void sheets_check(arena *a, db *d, prize_chain *out)
{
	db_stmt *s = db_prepare(d, SQL_SHEETS_LAST);
	buf now;
	buf_init(&now, 64 * 1024);
	while (out->ok && plog_step(s) == DB_ROW) {
		int64_t entry = db_col_int(s, 0), account = db_col_int(s, 1);
		if (db_col_is_null(s, 2)) {
			broke(out, PRIZE_BREAK_SCORE, 0,
			      "a score exists that the log never recorded");
		} else {
			char *logged = arena_strdup(a, db_col_text(s, 2));
			buf_reset(&now);
			plog_sheet_content(d, entry, account, &now);
			if (strcmp(buf_cstr(&now), logged))
				broke(out, PRIZE_BREAK_SCORE, 0,
				      "the current scores differ from the last logged record of this "
				      "sheet (a score was changed outside coopfair)");
		}
		if (!out->ok)
			out->entry_id = entry, out->account_id = account;
	}
	buf_free(&now);
	db_done(s);
}

void prize_verify(arena *a, prize_chain *out)
{
	db *d = db_thread();
	memset(out, 0, sizeof *out);
	out->ok = 1;
	out->head = "";
	out->key_given = prize_key_given();
	plog_read_err = 0;
	chain_walk(a, d, out);
	if (out->ok)
		anchors_check(d, out);
	if (out->ok)
		mark_check(d, out);
	if (out->ok)
		sheets_check(a, d, out);
	if (out->ok)
		states_check(a, d, out);
	if (plog_read_err) { /* whatever was found, a read failed: it does not hold */
		memset(out, 0, sizeof *out);
		out->head = "";
		broke(out, PRIZE_BREAK_READ, 0,
		      "the database could not be read (see the server's log)");
	}
}

cf_err prize_head_find(arena *a, const char *hex, prize_head *out)
{
	memset(out, 0, sizeof *out);
	size_t n = hex ? strlen(hex) : 0;
	if (n < 16 || n > 64 || strspn(hex, "0123456789abcdefABCDEF") != n)
		return CF_ERR_INVALID;
	char low[65];
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(hex[i] >= 'A' && hex[i] <= 'F' ? hex[i] - 'A' + 'a' : hex[i]);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_HEAD_FIND);
	db_bind_text(s, 1, low);
	db_bind_int(s, 2, (int64_t)n);
	int rows = 0;
	while (plog_step(s) == DB_ROW) {
		if (!rows++) {
			out->record = db_col_int(s, 0);
			out->at = arena_strdup(a, db_col_text(s, 1));
			out->kind = arena_strdup(a, db_col_text(s, 2));
			out->hash = arena_strdup(a, db_col_text(s, 3));
			out->category_id = db_col_int(s, 4);
		}
	}
	db_done(s);
	if (rows != 1)
		return rows ? CF_ERR_INVALID : CF_ERR_NOTFOUND;
	s = db_prepare(d, SQL_COUNT_AFTER);
	db_bind_int(s, 1, out->record);
	out->after = plog_step(s) == DB_ROW ? (long)db_col_int(s, 0) : 0;
	db_done(s);
	return CF_OK;
}
