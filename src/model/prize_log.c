/* prize_log.c - see prize_log.h: the chained log of the prize, its key and
 * the writing of records. Its check (prize_verify, prize_head_find) is
 * prize_log_check.c; what the two share is in prize_log_int.h. */
#include "prize_log.h"
#include "prize_log_int.h"
#include "prize.h"
#include "../util/buf.h"
#include "../util/clock.h"

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
static const char SQL_LAST_STATE[] =
	"SELECT content FROM prize_log WHERE category_id = ? AND entry_id = 0 AND kind = ? "
	"ORDER BY id DESC LIMIT 1";
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
/* The mark: the log's last record as coopfair wrote it (migration 100). */
static const char SQL_MARK_SET[] = "INSERT INTO setting (key, value) VALUES ('prize_log_mark', ?) "
				   "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/* plog_step - db_step that remembers a database error: a log that cannot be
 * read does not hold, and a state that cannot be read is not logged. */
_Thread_local int plog_read_err;
int plog_step(db_stmt *s)
{
	int rc = db_step(s);
	if (rc == DB_ERR)
		plog_read_err = 1;
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

static void upd(crypto_generichash_state *st, const char *s)
{
	crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
}

/* plog_record_hash - hex BLAKE2b-256 of a record: the previous hash, then every
 * field, newline-separated. Form 0 (records of migration 030) has no
 * category; form 2 is keyed with the prize key. 0 when form 2 is asked
 * without a key. */
int plog_record_hash(int form, const char *prev, const char *at, int64_t account, int64_t category,
		     int64_t entry, const char *kind, const char *content, char hex[65])
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

/* plog_mark_text - the mark of record id with hash: "ID HASH", and with the
 * prize key " MAC" of both, so that moving the mark needs the key too. */
void plog_mark_text(int64_t id, const char *hash, char out[160])
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
	int rc = plog_step(s);
	if (rc == DB_ROW)
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB; /* never chain to a head that could not be read */
	clock_now_iso(at);
	int form = prize_key_given() ? 2 : 1;
	(void)plog_record_hash(form, prev, at, actor, category_id, entry_id, kind, content, hash);
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
		plog_mark_text(new_id, hash, mark);
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
	while (plog_step(s) == DB_ROW) {
		(void)buf_puts(b, first ? "" : ",");
		for (int c = 0; c < ncol; c++)
			(void)buf_printf(b, "%s%lld", c ? ":" : "", (long long)db_col_int(s, c));
		first = 0;
	}
	db_done(s);
}

/* plog_state_content - the canonical text of the category's kind, into b.
 * CF_ERR_INVALID for an unknown kind. */
cf_err plog_state_content(db *d, int64_t category_id, const char *kind, buf *b)
{
	db_stmt *s;
	if (!strcmp(kind, "rules")) {
		s = db_prepare(d, SQL_ST_RULES);
		db_bind_int(s, 1, category_id);
		if (plog_step(s) == DB_ROW)
			(void)buf_printf(b, "k=%lld;winners=%lld;tie=%s|",
					 (long long)db_col_int(s, 0), (long long)db_col_int(s, 1),
					 db_col_text(s, 2));
		db_done(s);
		s = db_prepare(d, SQL_ST_CRITERIA);
		db_bind_int(s, 1, category_id);
		for (int first = 1; plog_step(s) == DB_ROW; first = 0)
			(void)buf_printf(b, "%s%lld:%.4f:%lld:%lld", first ? "" : ",",
					 (long long)db_col_int(s, 0), db_col_double(s, 1),
					 (long long)db_col_int(s, 2), (long long)db_col_int(s, 3));
		db_done(s);
	} else if (!strcmp(kind, "state")) {
		s = db_prepare(d, SQL_ST_STATE);
		db_bind_int(s, 1, category_id);
		if (plog_step(s) == DB_ROW)
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
		for (int first = 1; plog_step(s) == DB_ROW; first = 0)
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
const char *plog_state_default(const char *kind)
{
	return !strcmp(kind, "rules")	? "k=3;winners=3;tie=plain_mean|"
	       : !strcmp(kind, "state") ? "open"
					: "";
}

const char *const plog_kinds[PLOG_NKINDS] = { "rules",	"jurors", "entries", "conflicts",
					      "assign", "state",  "result" };

/* plog_last_state - the last logged text of the kind (arena), or NULL. */
char *plog_last_state(arena *a, db *d, int64_t category_id, const char *kind)
{
	db_stmt *s = db_prepare(d, SQL_LAST_STATE);
	db_bind_int(s, 1, category_id);
	db_bind_text(s, 2, kind);
	char *r = plog_step(s) == DB_ROW ? arena_strdup(a, db_col_text(s, 0)) : NULL;
	db_done(s);
	return r;
}

cf_err prize_log_state(db *d, int64_t actor, int64_t category_id, const char *kind)
{
	arena *a = arena_new(1u << 20);
	buf now;
	buf_init(&now, 4u << 20);
	plog_read_err = 0;
	cf_err e = plog_state_content(d, category_id, kind, &now);
	if (!e) {
		const char *last = plog_last_state(a, d, category_id, kind);
		if (plog_read_err)
			e = CF_ERR_DB;
		if (!last)
			last = plog_state_default(kind);
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
	int sealed = plog_step(s) == DB_ROW && db_col_int(s, 1) == 2;
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
	for (int k = 0; k < PLOG_NKINDS && !e; k++)
		e = prize_log_state(d, actor, category_id, plog_kinds[k]);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

void plog_sheet_content(db *d, int64_t entry_id, int64_t account_id, buf *b)
{
	db_stmt *s = db_prepare(d, SQL_SHEET_SCORES);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	for (int first = 1; plog_step(s) == DB_ROW; first = 0)
		(void)buf_printf(b, "%s%lld:%lld", first ? "" : ",", (long long)db_col_int(s, 0),
				 (long long)db_col_int(s, 1));
	db_done(s);
	(void)buf_putc(b, '|');
	s = db_prepare(d, SQL_SHEET_COMMENT);
	db_bind_int(s, 1, entry_id);
	db_bind_int(s, 2, account_id);
	if (plog_step(s) == DB_ROW)
		(void)buf_puts(b, db_col_text(s, 0));
	db_done(s);
}

cf_err prize_log_sheet(db *d, int64_t category_id, int64_t entry_id, int64_t account_id,
		       const char *kind)
{
	buf b;
	buf_init(&b, 64 * 1024);
	plog_read_err = 0;
	plog_sheet_content(d, entry_id, account_id, &b);
	cf_err e = plog_read_err ? CF_ERR_DB
		   : b.overflow	 ? CF_ERR_TOOBIG
				 : prize_log_append(d, account_id, category_id, entry_id, kind,
						    buf_cstr(&b), NULL, NULL);
	buf_free(&b);
	return e;
}
