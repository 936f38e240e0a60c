/* account_admin.c - see account_admin.h. */
#include "account_admin.h"
#include "../db/db.h"
#include "../util/text.h"
#include "access.h"
#include "rows.h"
#include "audit.h"
#include "outbox.h"
#include "role.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_ROLES[] =
	"SELECT r.role, coalesce(r.edition_id, 0), coalesce(e.name_fr, ''), coalesce(e.name_ar, '') "
	"FROM account_role r LEFT JOIN edition e ON e.id = r.edition_id WHERE r.account_id = ? "
	"ORDER BY r.role, r.edition_id";
static const char SQL_REVOKE[] =
	"DELETE FROM account_role WHERE account_id = ? AND role = ? AND coalesce(edition_id, 0) = ?";
static const char SQL_ACCOUNT_EXISTS[] = "SELECT disabled FROM account WHERE id = ?";
static const char SQL_EDITION_EXISTS[] = "SELECT 1 FROM edition WHERE id = ?";
static const char SQL_COOP_EXISTS[] = "SELECT 1 FROM cooperative WHERE id = ?";
static const char SQL_SET_COOP[] =
	"UPDATE account SET cooperative_id = ?, name = CASE WHEN ? <> '' THEN ? ELSE name END WHERE id = ?";
static const char SQL_TOKEN_NEW[] =
	"INSERT INTO account_token (kind, token_hash, account_id, created_by, created_at, expires_at) "
	"VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_TOKEN_GET[] =
	"SELECT t.id, t.account_id FROM account_token t JOIN account a ON a.id = t.account_id "
	"WHERE t.kind = ? AND t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND a.disabled = 0";
static const char SQL_TOKEN_USED[] = "UPDATE account_token SET used_at = ? WHERE id = ?";
static const char SQL_RECENT_RESETS[] =
	"SELECT count(*) FROM account_token WHERE account_id = ? AND kind = 'reset' AND created_at > ?";
/* A new token of a kind retires the older ones of that account. */
static const char SQL_TOKEN_RETIRE[] =
	"UPDATE account_token SET used_at = ? WHERE account_id = ? AND kind = ? AND used_at IS NULL";

static const char SQL_RESET_REQUEST[] =
	"INSERT INTO reset_request (email, token, subject, body, created_at) VALUES (?, ?, ?, ?, ?)";
static const char SQL_RESET_NEXT[] =
	"SELECT id, email, token, subject, body FROM reset_request ORDER BY id LIMIT 1";
static const char SQL_RESET_DONE[] = "DELETE FROM reset_request WHERE id = ?";
static const char SQL_RESET_EXISTS[] = "SELECT 1 FROM reset_request WHERE id = ?";

#define RESETS_PER_HOUR 3

static const char *const kind_names[TOKEN__MAX] = { "invite", "reset" };

void token_new(char token[65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, 65, raw, sizeof raw);
}

int token_wellformed(const char *t)
{
	return t && strlen(t) == 64 && strspn(t, "0123456789abcdef") == 64;
}

static void hash_of(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

cf_err acct_roles(arena *a, int64_t account_id, account_role_row **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_ROLES);
	db_bind_int(s, 1, account_id);
	size_t n = 0, cap = 32;
	account_role_row *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].role = role_parse(db_col_text(s, 0));
		v[n].edition_id = db_col_int(s, 1);
		v[n].edition_name_fr = arena_strdup(a, db_col_text(s, 2));
		v[n].edition_name_ar = arena_strdup(a, db_col_text(s, 3));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static int exists(db *d, const char *sql, int64_t id)
{
	db_stmt *s = db_prepare(d, sql);
	db_bind_int(s, 1, id);
	int yes = db_step(s) == DB_ROW;
	db_done(s);
	return yes;
}

/* finish - commit when e is CF_OK, else roll back; returns e. */
static cf_err finish(db *d, cf_err e)
{
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err acct_set_disabled(int64_t actor, int64_t id, int disabled)
{
	if (disabled && actor == id)
		return CF_ERR_PERM;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_ACCOUNT_EXISTS);
	db_bind_int(s, 1, id);
	int was = -1;
	if (db_step(s) == DB_ROW)
		was = (int)db_col_int(s, 0);
	db_done(s);
	if (was < 0)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = account_set_disabled(id, disabled);
	if (!e)
		e = audit_record(actor, disabled ? "account.disable" : "account.enable", "account",
				 id, was ? "{\"disabled\":1}" : "{\"disabled\":0}",
				 disabled ? "{\"disabled\":1}" : "{\"disabled\":0}");
	return finish(d, e);
}

cf_err acct_set_password(int64_t actor, int64_t id, const char *password)
{
	if (account_password_problem(password))
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	e = account_set_password(id, password); /* ends its sessions */
	if (!e)
		e = audit_record(actor, "account.set_password", "account", id, NULL,
				 actor ? "{\"by\":\"administrator\"}"
				       : "{\"by\":\"command line\"}");
	return finish(d, e);
}

static char *role_json(arena *a, int r, int64_t edition_id)
{
	return arena_printf(a, "{\"role\":\"%s\",\"edition_id\":%lld}", role_name((role)r),
			    (long long)edition_id);
}

cf_err acct_grant(int64_t actor, int admin_actor, int64_t id, int r, int64_t edition_id)
{
	if (r < 0 || r >= ROLE__MAX)
		return CF_ERR_INVALID;
	if (r == ROLE_ADMIN && !admin_actor)
		return CF_ERR_PERM;
	if (!access_may_grant(actor, r, edition_id))
		return CF_ERR_PERM;
	db *d = db_thread();
	arena *a = arena_new(4096);
	cf_err e = db_begin(d);
	if (!e && !exists(d, SQL_ACCOUNT_EXISTS, id))
		e = CF_ERR_NOTFOUND;
	if (!e && edition_id && !exists(d, SQL_EDITION_EXISTS, edition_id))
		e = CF_ERR_INVALID;
	if (!e)
		e = account_add_role(id, r, edition_id);
	if (!e)
		e = audit_record(actor, "account.grant", "account", id, NULL,
				 role_json(a, r, edition_id));
	e = finish(d, e);
	arena_free(a);
	return e;
}

cf_err acct_revoke(int64_t actor, int admin_actor, int64_t id, int r, int64_t edition_id)
{
	if (r < 0 || r >= ROLE__MAX)
		return CF_ERR_INVALID;
	if (r == ROLE_ADMIN && (!admin_actor || actor == id))
		return CF_ERR_PERM;
	if (!access_may_grant(actor, r, edition_id))
		return CF_ERR_PERM;
	db *d = db_thread();
	arena *a = arena_new(4096);
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_REVOKE);
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, role_name((role)r));
		db_bind_int(s, 3, edition_id);
		e = db_run(s);
		if (!e && db_changes(d) == 0)
			e = CF_ERR_NOTFOUND;
	}
	if (!e)
		e = audit_record(actor, "account.revoke", "account", id,
				 role_json(a, r, edition_id), NULL);
	e = finish(d, e);
	arena_free(a);
	return e;
}

static cf_err token_store(db *d, token_kind kind, const char *token, int64_t account_id, int64_t by)
{
	char hash[65];
	hash_of(token, hash);
	int64_t now = (int64_t)time(NULL);
	db_stmt *s = db_prepare(d, SQL_TOKEN_RETIRE);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, account_id);
	db_bind_text(s, 3, kind_names[kind]);
	cf_err e = db_run(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_TOKEN_NEW);
	db_bind_text(s, 1, kind_names[kind]);
	db_bind_text(s, 2, hash);
	db_bind_int(s, 3, account_id);
	if (by)
		db_bind_int(s, 4, by);
	else
		db_bind_null(s, 4);
	db_bind_int(s, 5, now);
	db_bind_int(s, 6, now + TOKEN_TTL);
	return db_run(s);
}

cf_err acct_invite(int64_t actor, const char *email, const char *name, int64_t coop_id,
		   const char *token, const char *subject, const char *body, int64_t *account_id)
{
	*account_id = 0;
	if (!account_email_valid(email) || !token_wellformed(token))
		return CF_ERR_INVALID;
	db *d = db_thread();
	arena *a = arena_new(64 * 1024);
	name = text_cleaned(a, name); /* the text rule, as for every way in */
	account acc;
	int64_t id = 0;
	cf_err e = db_begin(d);
	if (!e && !exists(d, SQL_COOP_EXISTS, coop_id))
		e = CF_ERR_INVALID;
	if (!e) {
		cf_err found = account_by_email(a, email, &acc);
		if (!found && acc.has_password)
			e = CF_ERR_CONFLICT;
		else if (!found)
			id = acc.id;
		else if (found == CF_ERR_NOTFOUND)
			e = account_create(email, name, NULL, 0, &id);
		else
			e = found;
	}
	if (!e)
		e = account_add_role(id, ROLE_EXHIBITOR, 0);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_SET_COOP);
		db_bind_int(s, 1, coop_id);
		db_bind_text(s, 2, name ? name : "");
		db_bind_text(s, 3, name ? name : "");
		db_bind_int(s, 4, id);
		e = db_run(s);
	}
	if (!e)
		e = token_store(d, TOKEN_INVITE, token, id, actor);
	if (!e)
		e = outbox_enqueue(email, subject, body, NULL);
	if (!e) {
		json_t *o = json_pack("{s:s, s:I, s:s}", "email", email, "cooperative_id",
				      (json_int_t)coop_id, "role", "exhibitor");
		char *after = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		e = audit_record(actor, "account.invite", "account", id, NULL, after);
		free(after);
		json_decref(o);
	}
	e = finish(d, e);
	if (!e)
		*account_id = id;
	arena_free(a);
	return e;
}

/* reset_gone - the request rid was dealt with. */
static int reset_gone(db *d, int64_t rid)
{
	return !exists(d, SQL_RESET_EXISTS, rid);
}

/* recent_resets - reset links made for the account in the last hour: past
 * RESETS_PER_HOUR, asking again queues nothing (no mail bombing through
 * /forgot), and the page answers the same. */
static int recent_resets(db *d, int64_t account_id)
{
	db_stmt *s = db_prepare(d, SQL_RECENT_RESETS);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, (int64_t)time(NULL) - 3600);
	int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	return n;
}

cf_err acct_reset_request(const char *email, const char *token, const char *subject,
			  const char *body)
{
	if (!account_email_valid(email) || !token_wellformed(token))
		return CF_OK;
	db_stmt *s = db_prepare(db_thread(), SQL_RESET_REQUEST);
	db_bind_text(s, 1, email);
	db_bind_text(s, 2, token);
	db_bind_text(s, 3, subject);
	db_bind_text(s, 4, body);
	db_bind_int(s, 5, (int64_t)time(NULL));
	return db_run(s);
}

/* reset_one - one waiting request: a token and a message when its email
 * names an enabled account (within RESETS_PER_HOUR); the request goes
 * either way. 1 when a message was queued. */
static int reset_one(db *d, arena *a, int64_t rid, const char *email, const char *token,
		     const char *subject, const char *body)
{
	account acc;
	int made = 0;
	if (db_begin(d))
		return 0;
	db_stmt *s = db_prepare(d, SQL_RESET_DONE);
	db_bind_int(s, 1, rid);
	cf_err e = db_run(s);
	int mine = !e && db_changes(d) == 1; /* not taken by another server's sender */
	if (mine && !account_by_email(a, email, &acc) && !acc.disabled &&
	    recent_resets(d, acc.id) < RESETS_PER_HOUR) {
		e = token_store(d, TOKEN_RESET, token, acc.id, 0);
		if (!e)
			e = outbox_enqueue_secret(acc.email, subject, body);
		if (!e)
			e = audit_record(acc.id, "account.reset_request", "account", acc.id, NULL,
					 NULL);
		made = !e;
	}
	return finish(d, e) ? 0 : made;
}

int acct_reset_process(void)
{
	db *d = db_thread();
	arena *a = arena_new(256 * 1024);
	int made = 0;
	for (;;) {
		db_stmt *s = db_prepare(d, SQL_RESET_NEXT);
		if (db_step(s) != DB_ROW) {
			db_done(s);
			break;
		}
		int64_t rid = db_col_int(s, 0);
		const char *email = arena_strdup(a, db_col_text(s, 1));
		const char *token = arena_strdup(a, db_col_text(s, 2));
		const char *subject = arena_strdup(a, db_col_text(s, 3));
		const char *body = arena_strdup(a, db_col_text(s, 4));
		db_done(s);
		int64_t before = made;
		made += reset_one(d, a, rid, email, token, subject, body);
		if (made == before && !reset_gone(d, rid))
			break; /* the store fails: try again at the next round */
	}
	arena_free(a);
	return made;
}

/* live_token - the token row id and account of a live token, or 0. */
static int64_t live_token(db *d, token_kind kind, const char *token, int64_t *account_id)
{
	if (!token_wellformed(token))
		return 0;
	char hash[65];
	hash_of(token, hash);
	db_stmt *s = db_prepare(d, SQL_TOKEN_GET);
	db_bind_text(s, 1, kind_names[kind]);
	db_bind_text(s, 2, hash);
	db_bind_int(s, 3, (int64_t)time(NULL));
	int64_t tid = 0;
	if (db_step(s) == DB_ROW) {
		tid = db_col_int(s, 0);
		*account_id = db_col_int(s, 1);
	}
	db_done(s);
	return tid;
}

cf_err token_peek(arena *a, token_kind kind, const char *token, account *out)
{
	int64_t aid = 0;
	if (!live_token(db_thread(), kind, token, &aid))
		return CF_ERR_NOTFOUND;
	return account_get(a, aid, out);
}

cf_err token_use(token_kind kind, const char *token, const char *password, int64_t *account_id)
{
	*account_id = 0;
	if (account_password_problem(password))
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	int64_t aid = 0, tid = live_token(d, kind, token, &aid);
	if (!tid)
		e = CF_ERR_NOTFOUND;
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_TOKEN_USED);
		db_bind_int(s, 1, (int64_t)time(NULL));
		db_bind_int(s, 2, tid);
		e = db_run(s);
	}
	if (!e)
		e = account_set_password(aid, password); /* also ends its sessions */
	if (!e)
		e = audit_record(aid,
				 kind == TOKEN_INVITE ? "account.accept_invite"
						      : "account.reset_password",
				 "account", aid, NULL, NULL);
	e = finish(d, e);
	if (!e)
		*account_id = aid;
	return e;
}
