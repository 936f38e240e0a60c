/* prize_log.c - see prize_log.h: the chained log of the prize, its key,
 * its check (prize_verify) and the check of a printed head. */
#include "prize_log.h"
#include "prize.h"
#include "../util/buf.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_HEAD[] = "SELECT hash, form FROM prize_log ORDER BY id DESC LIMIT 1";
static const char SQL_APPEND[] =
	"INSERT INTO prize_log (at, account_id, category_id, entry_id, kind, content, prev_hash, hash, form) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ALL[] =
	"SELECT id, at, account_id, category_id, entry_id, kind, content, prev_hash, hash, form "
	"FROM prize_log ORDER BY id";
static const char SQL_LAST_STATE[] =
	"SELECT content FROM prize_log WHERE category_id = ? AND entry_id = 0 AND kind = ? "
	"ORDER BY id DESC LIMIT 1";
/* Categories and whether the log has any record of their own: a category
 * set up before migration 035 has none until its next logged change. */
static const char SQL_CATEGORIES[] =
	"SELECT pc.category_id, EXISTS (SELECT 1 FROM prize_log l WHERE l.category_id = pc.category_id "
	"AND l.entry_id = 0) FROM prize_category pc ORDER BY pc.category_id";
/* The canonical text of each kind of a category's state. */
static const char SQL_ST_RULES[] =
	"SELECT k, winners, tie_rule FROM prize_category WHERE category_id = ?";
static const char SQL_ST_CRITERIA[] =
	"SELECT id, weight, scale_min, scale_max FROM prize_criterion WHERE category_id = ? "
	"ORDER BY position, id";
static const char SQL_ST_STATE[] =
	"SELECT state, CASE WHEN unpublished_at IS NULL THEN 0 ELSE 1 END FROM prize_category "
	"WHERE category_id = ?";
static const char SQL_ST_JURORS[] =
	"SELECT account_id FROM prize_juror WHERE category_id = ? ORDER BY account_id";
static const char SQL_ST_ENTRIES[] =
	"SELECT id, cooperative_id, CASE WHEN withdrawn_at IS NULL THEN 0 ELSE 1 END FROM prize_entry "
	"WHERE category_id = ? ORDER BY id";
static const char SQL_ST_CONFLICTS[] =
	"SELECT DISTINCT v.account_id, v.entry_id FROM prize_conflict_all v "
	"JOIN prize_entry e ON e.id = v.entry_id "
	"JOIN prize_juror j ON j.account_id = v.account_id AND j.category_id = e.category_id "
	"WHERE e.category_id = ? ORDER BY v.account_id, v.entry_id";
static const char SQL_ST_ASSIGN[] =
	"SELECT a.account_id, a.entry_id FROM prize_assignment a JOIN prize_entry e ON e.id = a.entry_id "
	"WHERE e.category_id = ? ORDER BY a.account_id, a.entry_id";
static const char SQL_ST_RESULT[] =
	"SELECT r.entry_id, r.rank, r.quality, r.plain_mean, r.code FROM prize_result r "
	"JOIN prize_entry e ON e.id = r.entry_id WHERE e.category_id = ? ORDER BY r.rank, r.entry_id";
/* A sheet: the scores by criterion id, then the comment. */
static const char SQL_SHEET_SCORES[] =
	"SELECT criterion_id, value FROM prize_score WHERE entry_id = ? AND account_id = ? "
	"ORDER BY criterion_id";
static const char SQL_SHEET_COMMENT[] =
	"SELECT body FROM prize_comment WHERE entry_id = ? AND account_id = ?";
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
/* The mark: the log's last record as coopfair wrote it (migration 100). */
static const char SQL_MARK_SET[] = "INSERT INTO setting (key, value) VALUES ('prize_log_mark', ?) "
				   "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char SQL_MARK_GET[] = "SELECT value FROM setting WHERE key = 'prize_log_mark'";
static const char SQL_LAST[] = "SELECT id, hash FROM prize_log ORDER BY id DESC LIMIT 1";

/* step - db_step that remembers a database error: a log that cannot be
 * read does not hold, and a state that cannot be read is not logged. */
static _Thread_local int g_read_err;
static int step(db_stmt *s)
{
	int rc = db_step(s);
	if (rc == DB_ERR)
		g_read_err = 1;
	return rc;
}

/* ---- the key ----------------------------------------------------------- */

static unsigned char g_key[crypto_generichash_KEYBYTES];
static int g_has_key;
static pthread_once_t g_key_once = PTHREAD_ONCE_INIT;

static void key_from(const void *p, size_t n)
{
	crypto_generichash(g_key, sizeof g_key, p, n, NULL, 0);
	g_has_key = 1;
}

/* The deployment's key: a file (COOPFAIR_PRIZE_KEY_FILE) or the text of
 * COOPFAIR_PRIZE_KEY, hashed to 32 bytes. Read once. */
static void key_load(void)
{
	const char *file = getenv("COOPFAIR_PRIZE_KEY_FILE"), *text = getenv("COOPFAIR_PRIZE_KEY");
	if (file && *file) {
		FILE *f = fopen(file, "rb");
		unsigned char b[4096];
		size_t n = f ? fread(b, 1, sizeof b, f) : 0;
		if (f)
			fclose(f);
		if (n) {
			key_from(b, n);
			sodium_memzero(b, sizeof b);
		} else {
			fprintf(stderr,
				"coopfair: the prize key file %s cannot be read or is empty\n",
				file);
		}
	} else if (text && *text) {
		key_from(text, strlen(text));
	}
}

void prize_key_set(const char *secret)
{
	pthread_once(&g_key_once, key_load);
	if (secret && *secret)
		key_from(secret, strlen(secret));
	else
		g_has_key = 0, sodium_memzero(g_key, sizeof g_key);
}

int prize_key_given(void)
{
	pthread_once(&g_key_once, key_load);
	return g_has_key;
}

/* ---- records ----------------------------------------------------------- */

void prize_now(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void upd(crypto_generichash_state *st, const char *s)
{
	crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
}

/* record_hash - hex BLAKE2b-256 of a record: the previous hash, then every
 * field, newline-separated. Form 0 (records of migration 030) has no
 * category; form 2 is keyed with the prize key. 0 when form 2 is asked
 * without a key. */
static int record_hash(int form, const char *prev, const char *at, int64_t account,
		       int64_t category, int64_t entry, const char *kind, const char *content,
		       char hex[65])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char num[80];
	if (form == 2 && !prize_key_given())
		return 0;
	crypto_generichash_init(&st, form == 2 ? g_key : NULL, form == 2 ? sizeof g_key : 0,
				sizeof h);
	upd(&st, prev);
	upd(&st, "\n");
	upd(&st, at);
	if (form == 0)
		snprintf(num, sizeof num, "\n%lld\n%lld\n", (long long)account, (long long)entry);
	else
		snprintf(num, sizeof num, "\n%lld\n%lld\n%lld\n", (long long)account,
			 (long long)category, (long long)entry);
	upd(&st, num);
	upd(&st, kind);
	upd(&st, "\n");
	upd(&st, content);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, 65, h, sizeof h);
	return 1;
}

/* mark_text - the mark of record id with hash: "ID HASH", and with the
 * prize key " MAC" of both, so that moving the mark needs the key too. */
static void mark_text(int64_t id, const char *hash, char out[160])
{
	int n = snprintf(out, 160, "%lld %s", (long long)id, hash);
	if (prize_key_given() && n > 0 && n < 90) {
		unsigned char h[32];
		char hex[65];
		crypto_generichash(h, sizeof h, (const unsigned char *)out, (size_t)n, g_key,
				   sizeof g_key);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		snprintf(out + n, (size_t)(160 - n), " %s", hex);
	}
}

cf_err prize_log_append(db *d, int64_t actor, int64_t category_id, int64_t entry_id,
			const char *kind, const char *content, char head[65], int64_t *id)
{
	char prev[65] = "", hash[65], at[32];
	db_stmt *s = db_prepare(d, SQL_HEAD);
	int rc = step(s);
	if (rc == DB_ROW)
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB; /* never chain to a head that could not be read */
	prize_now(at);
	int form = prize_key_given() ? 2 : 1;
	(void)record_hash(form, prev, at, actor, category_id, entry_id, kind, content, hash);
	s = db_prepare(d, SQL_APPEND);
	db_bind_text(s, 1, at);
	db_bind_int(s, 2, actor);
	db_bind_int(s, 3, category_id);
	db_bind_int(s, 4, entry_id);
	db_bind_text(s, 5, kind);
	db_bind_text(s, 6, content);
	db_bind_text(s, 7, prev);
	db_bind_text(s, 8, hash);
	db_bind_int(s, 9, form);
	cf_err e = db_run(s);
	int64_t new_id = e ? 0 : db_last_id(d);
	if (!e) {
		char mark[160];
		mark_text(new_id, hash, mark);
		s = db_prepare(d, SQL_MARK_SET);
		db_bind_text(s, 1, mark);
		e = db_run(s);
	}
	if (!e && head)
		memcpy(head, hash, 65);
	if (!e && id)
		*id = new_id;
	return e;
}

/* pairs - "a:b,..." of the two integer columns of every row of sql. */
static void pairs(db *d, const char *sql, int64_t category_id, int ncol, buf *b)
{
	db_stmt *s = db_prepare(d, sql);
	db_bind_int(s, 1, category_id);
	int first = 1;
	while (step(s) == DB_ROW) {
		(void)buf_puts(b, first ? "" : ",");
		for (int c = 0; c < ncol; c++)
			(void)buf_printf(b, "%s%lld", c ? ":" : "", (long long)db_col_int(s, c));
		first = 0;
	}
	db_done(s);
}

/* state_content - the canonical text of the category's kind, into b.
 * CF_ERR_INVALID for an unknown kind. */
static cf_err state_content(db *d, int64_t category_id, const char *kind, buf *b)
{
	db_stmt *s;
	if (!strcmp(kind, "rules")) {
		s = db_prepare(d, SQL_ST_RULES);
		db_bind_int(s, 1, category_id);
		if (step(s) == DB_ROW)
			(void)buf_printf(b, "k=%lld;winners=%lld;tie=%s|",
					 (long long)db_col_int(s, 0), (long long)db_col_int(s, 1),
					 db_col_text(s, 2));
		db_done(s);
		s = db_prepare(d, SQL_ST_CRITERIA);
		db_bind_int(s, 1, category_id);
		for (int first = 1; step(s) == DB_ROW; first = 0)
			(void)buf_printf(b, "%s%lld:%.4f:%lld:%lld", first ? "" : ",",
					 (long long)db_col_int(s, 0), db_col_double(s, 1),
					 (long long)db_col_int(s, 2), (long long)db_col_int(s, 3));
		db_done(s);
	} else if (!strcmp(kind, "state")) {
		s = db_prepare(d, SQL_ST_STATE);
		db_bind_int(s, 1, category_id);
		if (step(s) == DB_ROW)
			(void)buf_printf(b, "%s%s", db_col_text(s, 0),
					 db_col_int(s, 1) ? ";publication withdrawn" : "");
		db_done(s);
	} else if (!strcmp(kind, "jurors")) {
		pairs(d, SQL_ST_JURORS, category_id, 1, b);
	} else if (!strcmp(kind, "entries")) {
		pairs(d, SQL_ST_ENTRIES, category_id, 3, b);
	} else if (!strcmp(kind, "conflicts")) {
		pairs(d, SQL_ST_CONFLICTS, category_id, 2, b);
	} else if (!strcmp(kind, "assign")) {
		pairs(d, SQL_ST_ASSIGN, category_id, 2, b);
	} else if (!strcmp(kind, "result")) {
		s = db_prepare(d, SQL_ST_RESULT);
		db_bind_int(s, 1, category_id);
		for (int first = 1; step(s) == DB_ROW; first = 0)
			(void)buf_printf(b, "%s%lld:%lld:%.4f:%.4f:%s", first ? "" : ",",
					 (long long)db_col_int(s, 0), (long long)db_col_int(s, 1),
					 db_col_double(s, 2), db_col_double(s, 3),
					 db_col_text(s, 4));
		db_done(s);
	} else {
		return CF_ERR_INVALID;
	}
	return b->overflow ? CF_ERR_TOOBIG : CF_OK;
}

/* What a category nobody touched yet looks like (the column defaults). */
static const char *state_default(const char *kind)
{
	return !strcmp(kind, "rules")	? "k=3;winners=3;tie=plain_mean|"
	       : !strcmp(kind, "state") ? "open"
					: "";
}

static const char *const g_kinds[] = { "rules",	 "jurors", "entries", "conflicts",
				       "assign", "state",  "result" };
#define NKINDS (int)(sizeof g_kinds / sizeof g_kinds[0])

/* last_state - the last logged text of the kind (arena), or NULL. */
static char *last_state(arena *a, db *d, int64_t category_id, const char *kind)
{
	db_stmt *s = db_prepare(d, SQL_LAST_STATE);
	db_bind_int(s, 1, category_id);
	db_bind_text(s, 2, kind);
	char *r = step(s) == DB_ROW ? arena_strdup(a, db_col_text(s, 0)) : NULL;
	db_done(s);
	return r;
}

cf_err prize_log_state(db *d, int64_t actor, int64_t category_id, const char *kind)
{
	arena *a = arena_new(1u << 20);
	buf now;
	buf_init(&now, 4u << 20);
	g_read_err = 0;
	cf_err e = state_content(d, category_id, kind, &now);
	if (!e) {
		const char *last = last_state(a, d, category_id, kind);
		if (g_read_err)
			e = CF_ERR_DB;
		if (!last)
			last = state_default(kind);
		if (!e && strcmp(last, buf_cstr(&now)))
			e = prize_log_append(d, actor, category_id, 0, kind, buf_cstr(&now), NULL,
					     NULL);
	}
	buf_free(&now);
	arena_free(a);
	return e;
}

cf_err prize_log_seal(void)
{
	if (!prize_key_given())
		return CF_OK;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_HEAD);
	int sealed = step(s) == DB_ROW && db_col_int(s, 1) == 2;
	db_done(s);
	if (!sealed)
		e = prize_log_append(d, 0, 0, 0, "key", "sealed with the prize key from here", NULL,
				     NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err prize_log_all(int64_t actor, int64_t category_id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	for (int k = 0; k < NKINDS && !e; k++)
		e = prize_log_state(d, actor, category_id, g_kinds[k]);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

static void sheet_content(db *d, int64_t entry_id, int64_t account_id, buf *b)
{
	db_stmt *s = db_prepare(d, SQL_SHEET_SCORES);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	for (int first = 1; step(s) == DB_ROW; first = 0)
		(void)buf_printf(b, "%s%lld:%lld", first ? "" : ",", (long long)db_col_int(s, 0),
				 (long long)db_col_int(s, 1));
	db_done(s);
	(void)buf_putc(b, '|');
	s = db_prepare(d, SQL_SHEET_COMMENT);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	if (step(s) == DB_ROW)
		(void)buf_puts(b, db_col_text(s, 0));
	db_done(s);
}

cf_err prize_log_sheet(db *d, int64_t category_id, int64_t entry_id, int64_t account_id,
		       const char *kind)
{
	buf b;
	buf_init(&b, 64 * 1024);
	g_read_err = 0;
	sheet_content(d, entry_id, account_id, &b);
	cf_err e = g_read_err	? CF_ERR_DB
		   : b.overflow ? CF_ERR_TOOBIG
				: prize_log_append(d, account_id, category_id, entry_id, kind,
						   buf_cstr(&b), NULL, NULL);
	buf_free(&b);
	return e;
}

/* ---- the check --------------------------------------------------------- */

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
	int has_mark = step(s) == DB_ROW;
	if (has_mark)
		snprintf(mark, sizeof mark, "%s", db_col_text(s, 0));
	db_done(s);
	s = db_prepare(d, SQL_LAST);
	if (step(s) == DB_ROW) {
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
		mark_text((int64_t)mid, mhash, want);
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
	while (step(s) == DB_ROW) {
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
		if (!record_hash(form, prev, db_col_text(s, 1), db_col_int(s, 2), db_col_int(s, 3),
				 db_col_int(s, 4), db_col_text(s, 5), db_col_text(s, 6), h)) {
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
	while (out->ok && step(s) == DB_ROW) {
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
		int there = step(c) == DB_ROW;
		db_done(c);
		if (!there)
			broke(out, PRIZE_BREAK_ANCHOR, rec,
			      "the head recorded in the audit log at a close or a publication is no "
			      "longer in the log (the log was cut short or rewritten)");
	}
	db_done(s);
	s = db_prepare(d, SQL_CAT_HEADS);
	while (out->ok && step(s) == DB_ROW)
		for (int c = 0; c < 2 && out->ok; c++) {
			const char *h = db_col_text(s, c);
			if (!*h)
				continue;
			db_stmt *q = db_prepare(d, SQL_HASH_IS);
			db_bind_text(q, 1, h);
			int there = step(q) == DB_ROW;
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
	while (n < 256 && step(s) == DB_ROW) {
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
		if (step(s) == DB_ROW && strncmp(db_col_text(s, 1), "open", 4))
			shut = db_col_int(s, 0);
		db_done(s);
		if (!shut)
			continue;
		s = db_prepare(d, SQL_AFTER_CLOSE);
		db_bind_int(s, 1, cats[c]);
		db_bind_int(s, 2, shut);
		if (step(s) == DB_ROW) {
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
		for (int k = 0; k < NKINDS && out->ok; k++) {
			buf_reset(&now);
			if (state_content(d, cats[c], g_kinds[k], &now))
				continue;
			const char *last = last_state(a, d, cats[c], g_kinds[k]);
			if (strcmp(last ? last : state_default(g_kinds[k]), buf_cstr(&now))) {
				broke(out, PRIZE_BREAK_STATE, 0,
				      "the category's current data differ from what the log last "
				      "recorded (changed outside coopfair)");
				out->category_id = cats[c], out->kind = g_kinds[k];
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
	while (out->ok && step(s) == DB_ROW) {
		int64_t entry = db_col_int(s, 0), account = db_col_int(s, 1);
		if (db_col_is_null(s, 2)) {
			broke(out, PRIZE_BREAK_SCORE, 0,
			      "a score exists that the log never recorded");
		} else {
			char *logged = arena_strdup(a, db_col_text(s, 2));
			buf_reset(&now);
			sheet_content(d, entry, account, &now);
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
	g_read_err = 0;
	chain_walk(a, d, out);
	if (out->ok)
		anchors_check(d, out);
	if (out->ok)
		mark_check(d, out);
	if (out->ok)
		sheets_check(a, d, out);
	if (out->ok)
		states_check(a, d, out);
	if (g_read_err) { /* whatever was found, a read failed: it does not hold */
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
	while (step(s) == DB_ROW) {
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
	out->after = step(s) == DB_ROW ? (long)db_col_int(s, 0) : 0;
	db_done(s);
	return CF_OK;
}
