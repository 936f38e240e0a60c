/* account.c - see account.h. */
#include "account.h"
#include "../db/db.h"
#include "../util/text.h"
#include "rows.h"
#include "role.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_INSERT[] =
	"INSERT INTO account (email, name, password_hash) VALUES (?, ?, ?)";
static const char SQL_ADD_ROLE[] =
	"INSERT OR IGNORE INTO account_role (account_id, role, edition_id) VALUES (?, ?, ?)";
static const char SQL_SET_PASSWORD[] = "UPDATE account SET password_hash = ? WHERE id = ?";
static const char SQL_SET_DISABLED[] = "UPDATE account SET disabled = ? WHERE id = ?";
#define ACCOUNT_COLS                                                                                          \
	"SELECT a.id, a.email, a.name, a.lang, a.disabled, coalesce(a.cooperative_id, 0), "                   \
	"coalesce(a.organisation_id, 0), a.password_hash <> '', "                                             \
	"(SELECT group_concat(role) FROM account_role r WHERE r.account_id = a.id AND (r.edition_id IS NULL " \
	"OR r.edition_id = (SELECT id FROM current_edition))) "                                               \
	"FROM account a "
static const char SQL_GET[] = ACCOUNT_COLS "WHERE a.id = ?";
static const char SQL_BY_EMAIL[] = ACCOUNT_COLS "WHERE a.email = ?";
static const char SQL_LIST[] = ACCOUNT_COLS "ORDER BY a.email";
static const char SQL_AUTH[] = "SELECT id, password_hash, disabled FROM account WHERE email = ?";
static const char SQL_SIGNED_IN[] =
	"UPDATE account SET last_signin_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?";
static const char SQL_SESSION_NEW[] =
	"INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, client) "
	"VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_SESSION_GET[] =
	"SELECT s.id, s.account_id, s.last_seen_at, s.expires_at FROM session s "
	"JOIN account a ON a.id = s.account_id WHERE s.token_hash = ? AND a.disabled = 0";
static const char SQL_SESSION_TOUCH[] = "UPDATE session SET last_seen_at = ? WHERE id = ?";
static const char SQL_SESSION_END[] = "DELETE FROM session WHERE token_hash = ?";
static const char SQL_SESSION_END_ALL[] = "DELETE FROM session WHERE account_id = ?";
static const char SQL_SESSION_PURGE[] =
	"DELETE FROM session WHERE expires_at < ? OR last_seen_at < ?";

int account_email_valid(const char *e)
{
	size_t n = e ? strlen(e) : 0;
	if (n < 3 || n > EMAIL_MAX)
		return 0;
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return 0;
	for (const unsigned char *p = (const unsigned char *)e; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == ',')
			return 0;
	return 1;
}

const char *account_password_problem(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < PASSWORD_MIN)
		return "The password must have at least 10 characters.";
	if (n > PASSWORD_MAX)
		return "The password must have at most 256 characters.";
	return NULL;
}

static cf_err hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return CF_ERR_NOMEM;
	return CF_OK;
}

static cf_err add_roles(db *d, int64_t id, unsigned roles)
{
	for (int r = 0; r < ROLE__MAX; r++) {
		if (!(roles & ROLE_BIT(r)))
			continue;
		db_stmt *s = db_prepare(d, SQL_ADD_ROLE);
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, role_name((role)r));
		db_bind_null(s, 3);
		cf_err e = db_run(s);
		if (e)
			return e;
	}
	return CF_OK;
}

cf_err account_create(const char *email, const char *name, const char *password, unsigned roles,
		      int64_t *id)
{
	*id = 0;
	if (!account_email_valid(email) || (password && account_password_problem(password)))
		return CF_ERR_INVALID;
	char hash[crypto_pwhash_STRBYTES] = "";
	if (password && hash_password(password, hash))
		return CF_ERR_NOMEM;
	/* The text rule (util/text.h) for every way in: the command line and
	 * invitations pass names through here. */
	arena *clean = arena_new(4096);
	name = text_cleaned(clean, name ? name : "");
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e) {
		arena_free(clean);
		return e;
	}
	db_stmt *s = db_prepare(d, SQL_INSERT);
	db_bind_text(s, 1, email);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, hash);
	e = db_run(s);
	if (!e) {
		*id = db_last_id(d);
		e = add_roles(d, *id, roles);
	}
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		*id = 0;
	}
	arena_free(clean);
	return e;
}

cf_err account_add_role(int64_t id, int r, int64_t edition_id)
{
	if (r < 0 || r >= ROLE__MAX)
		return CF_ERR_INVALID;
	db_stmt *s = db_prepare(db_thread(), SQL_ADD_ROLE);
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, role_name((role)r));
	if (edition_id)
		db_bind_int(s, 3, edition_id);
	else
		db_bind_null(s, 3);
	return db_run(s);
}

cf_err account_set_password(int64_t id, const char *password)
{
	if (account_password_problem(password))
		return CF_ERR_INVALID;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(password, hash))
		return CF_ERR_NOMEM;
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_SET_PASSWORD);
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, id);
	cf_err e = db_run(s);
	if (!e && db_changes(d) == 0)
		e = CF_ERR_NOTFOUND;
	if (!e)
		session_end_all(id);
	return e;
}

cf_err account_set_disabled(int64_t id, int disabled)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_SET_DISABLED);
	db_bind_int(s, 1, disabled ? 1 : 0);
	db_bind_int(s, 2, id);
	cf_err e = db_run(s);
	if (!e && db_changes(d) == 0)
		e = CF_ERR_NOTFOUND;
	if (!e && disabled)
		session_end_all(id);
	return e;
}

static void read_account(arena *a, db_stmt *s, account *out)
{
	memset(out, 0, sizeof *out);
	out->id = db_col_int(s, 0);
	out->email = arena_strdup(a, db_col_text(s, 1));
	out->name = arena_strdup(a, db_col_text(s, 2));
	out->lang = arena_strdup(a, db_col_text(s, 3));
	out->disabled = (int)db_col_int(s, 4);
	out->cooperative_id = db_col_int(s, 5);
	out->organisation_id = db_col_int(s, 6);
	out->has_password = (int)db_col_int(s, 7);
	const char *roles = db_col_text(s, 8);
	for (int r = 0; r < ROLE__MAX; r++) {
		const char *n = role_name((role)r), *p = roles;
		size_t len = strlen(n);
		while ((p = strstr(p, n)) != NULL) {
			if ((p == roles || p[-1] == ',') && (p[len] == 0 || p[len] == ','))
				out->roles |= ROLE_BIT(r);
			p += len;
		}
	}
}

/* get_one - the account of s's one row; a database error is CF_ERR_DB, not
 * "no such account" (a sign-in would otherwise say the email is unknown). */
static cf_err get_one(arena *a, db_stmt *s, account *out)
{
	cf_err e = db_row(s);
	if (!e)
		read_account(a, s, out);
	db_done(s);
	return e;
}

cf_err account_get(arena *a, int64_t id, account *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_GET);
	db_bind_int(s, 1, id);
	return get_one(a, s, out);
}

cf_err account_by_email(arena *a, const char *email, account *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_BY_EMAIL);
	db_bind_text(s, 1, email);
	return get_one(a, s, out);
}

cf_err account_list(arena *a, account **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_LIST);
	size_t n = 0, cap = 16;
	account *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		read_account(a, s, &v[n++]);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* A hash of a password nobody knows, verified when the email is unknown so
 * that a wrong email costs as much time as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	unsigned char rnd[16];
	char pw[33];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(pw, sizeof pw, rnd, sizeof rnd);
	if (hash_password(pw, dummy_hash))
		dummy_hash[0] = 0;
}

cf_err account_authenticate(const char *email, const char *password, int64_t *id)
{
	*id = 0;
	pthread_once(&dummy_once, make_dummy_hash);
	if (!dummy_hash[0])
		return CF_ERR_NOMEM;
	if (!email || !password || strlen(password) > PASSWORD_MAX || strlen(email) > EMAIL_MAX)
		return CF_ERR_AUTH;
	db_stmt *s = db_prepare(db_thread(), SQL_AUTH);
	db_bind_text(s, 1, email);
	int64_t found = 0;
	int disabled = 1;
	char hash[crypto_pwhash_STRBYTES + 1] = "";
	if (db_step(s) == DB_ROW) {
		found = db_col_int(s, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(s, 1));
		disabled = (int)db_col_int(s, 2);
	}
	db_done(s);
	int ok = crypto_pwhash_str_verify(hash[0] ? hash : dummy_hash, password,
					  strlen(password)) == 0;
	if (!found || !hash[0] || !ok || disabled)
		return CF_ERR_AUTH;
	*id = found;
	s = db_prepare(db_thread(), SQL_SIGNED_IN);
	db_bind_int(s, 1, found);
	return db_run(s);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

cf_err session_start(int64_t account_id, const char *client, char token[65])
{
	unsigned char raw[32];
	char hash[65];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, 65, raw, sizeof raw);
	token_hash(token, hash);
	int64_t now = (int64_t)time(NULL);
	db *d = db_thread();
	/* Housekeeping: expired sessions go when a new one starts. */
	db_stmt *s = db_prepare(d, SQL_SESSION_PURGE);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, now - SESSION_IDLE);
	cf_err e = db_run(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_SESSION_NEW);
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, account_id);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, now + SESSION_MAX);
	db_bind_text(s, 6, client ? client : "");
	return db_run(s);
}

/* A live session's row, kept in the memo (db.h: exact, dropped by any
 * commit, so a sign-out, a disabled account or the idle timer's touch shows
 * at once); found under the first hex digits of its token's hash. */
struct kept_session {
	char hash[65];
	int64_t sid, aid, seen, expires;
};

static int64_t hash_arg(const char *hash)
{
	int64_t v = 0;
	for (int i = 0; i < 15; i++)
		v = v * 16 + (hash[i] <= '9' ? hash[i] - '0' : hash[i] - 'a' + 10);
	return v;
}

/* session_row - the session of hash (live or not: the caller checks its
 * times), through the memo. */
static cf_err session_row(arena *a, const char *hash, struct kept_session *out)
{
	db *d = db_thread();
	int64_t arg = hash_arg(hash);
	const struct kept_session *k = db_memo_get(d, SQL_SESSION_GET, arg);
	if (k && !strcmp(k->hash, hash)) {
		*out = *k;
		return CF_OK;
	}
	db_stmt *s = db_prepare(d, SQL_SESSION_GET);
	db_bind_text(s, 1, hash);
	cf_err found = db_row(s);
	if (found) {
		db_done(s);
		return found;
	}
	memcpy(out->hash, hash, sizeof out->hash);
	out->sid = db_col_int(s, 0), out->aid = db_col_int(s, 1);
	out->seen = db_col_int(s, 2), out->expires = db_col_int(s, 3);
	db_done(s);
	arena *ma = db_memo_arena(d, a);
	if (ma != a) {
		struct kept_session *keep = arena_alloc(ma, sizeof *keep);
		*keep = *out;
		db_memo_keep(d, SQL_SESSION_GET, arg, ma, a, keep);
	}
	return CF_OK;
}

/* account_kept - account_get through the memo; the strings are copied into
 * a (the router keeps the account past its session snapshot). */
static cf_err account_kept(arena *a, int64_t id, account *out)
{
	db *d = db_thread();
	const account *k = db_memo_get(d, SQL_GET, id);
	if (!k) {
		arena *ma = db_memo_arena(d, a);
		account *got = arena_alloc(ma, sizeof *got);
		cf_err e = account_get(ma, id, got);
		if (e) {
			db_memo_drop(ma, a);
			return e;
		}
		if (ma == a) {
			*out = *got;
			return CF_OK;
		}
		db_memo_keep(d, SQL_GET, id, ma, a, got);
		k = got;
	}
	*out = *k;
	out->email = arena_strdup(a, k->email);
	out->name = arena_strdup(a, k->name);
	out->lang = arena_strdup(a, k->lang);
	return CF_OK;
}

cf_err session_check(arena *a, const char *token, account *out)
{
	if (!token || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
		return CF_ERR_NOTFOUND;
	char hash[65];
	token_hash(token, hash);
	db *d = db_thread();
	db_stmt *s;
	struct kept_session row;
	cf_err found = session_row(a, hash, &row);
	if (found)
		return found;
	int64_t sid = row.sid, aid = row.aid, seen = row.seen, expires = row.expires;
	int64_t now = (int64_t)time(NULL);
	if (now > expires || now - seen > SESSION_IDLE) {
		session_end(token);
		return CF_ERR_NOTFOUND;
	}
	/* Refresh the idle timer at most once a minute: reads stay reads. */
	if (now - seen >= 60) {
		s = db_prepare(d, SQL_SESSION_TOUCH);
		db_bind_int(s, 1, now);
		db_bind_int(s, 2, sid);
		if (db_run(s))
			return CF_ERR_DB;
	}
	return account_kept(a, aid, out);
}

void session_end(const char *token)
{
	char hash[65];
	if (!token)
		return;
	token_hash(token, hash);
	db_stmt *s = db_prepare(db_thread(), SQL_SESSION_END);
	db_bind_text(s, 1, hash);
	(void)!db_run(s);
}

void session_end_all(int64_t account_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_SESSION_END_ALL);
	db_bind_int(s, 1, account_id);
	(void)!db_run(s);
}
