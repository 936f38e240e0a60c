/* signin_limit.c - see signin_limit.h. */
#include "signin_limit.h"
#include "../db/db.h"
#include "account.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

static const char SQL_NTH[] =
	"SELECT at FROM signin_failure WHERE scope = ? AND key = ? AND at > ? "
	"ORDER BY at DESC LIMIT 1 OFFSET ?";
static const char SQL_ADD[] = "INSERT INTO signin_failure (scope, key, at) VALUES (?, ?, ?)";
static const char SQL_PURGE[] = "DELETE FROM signin_failure WHERE at <= ?";
static const char SQL_CLEAR[] = "DELETE FROM signin_failure WHERE scope = 'email' AND key = ?";
static const char SQL_FORGET[] = "DELETE FROM signin_failure WHERE id = ?";

/* norm - the email as counted: ASCII lowercase, capped. */
static void norm(const char *email, char out[EMAIL_MAX + 1])
{
	size_t i = 0;
	for (; email && email[i] && i < EMAIL_MAX; i++) {
		char c = email[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[i] = 0;
}

/* wait_for - seconds until fewer than max failures of key fall in the
 * window: the max-th most recent failure must leave it. */
static long wait_for(const char *scope, const char *key, int max, int64_t now)
{
	db_stmt *s = db_prepare(db_thread(), SQL_NTH);
	db_bind_text(s, 1, scope);
	db_bind_text(s, 2, key);
	db_bind_int(s, 3, now - SIGNIN_WINDOW);
	db_bind_int(s, 4, max - 1);
	long wait = 0;
	if (db_step(s) == DB_ROW)
		wait = (long)(db_col_int(s, 0) + SIGNIN_WINDOW - now);
	db_done(s);
	return wait > 0 ? wait : 0;
}

long signin_limit_wait(const char *email, const char *addr)
{
	char key[EMAIL_MAX + 1];
	norm(email, key);
	int64_t now = (int64_t)time(NULL);
	long a = wait_for("email", key, SIGNIN_MAX_EMAIL, now);
	long b = addr && *addr ? wait_for("addr", addr, SIGNIN_MAX_ADDR, now) : 0;
	return a > b ? a : b;
}

void signin_limit_fail(const char *email, const char *addr)
{
	char key[EMAIL_MAX + 1];
	norm(email, key);
	int64_t now = (int64_t)time(NULL);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_PURGE);
	db_bind_int(s, 1, now - SIGNIN_WINDOW);
	(void)!db_run(s);
	s = db_prepare(d, SQL_ADD);
	db_bind_text(s, 1, "email");
	db_bind_text(s, 2, key);
	db_bind_int(s, 3, now);
	(void)!db_run(s);
	if (addr && *addr) {
		s = db_prepare(d, SQL_ADD);
		db_bind_text(s, 1, "addr");
		db_bind_text(s, 2, addr);
		db_bind_int(s, 3, now);
		(void)!db_run(s);
	}
}

void signin_limit_clear(const char *email)
{
	char key[EMAIL_MAX + 1];
	norm(email, key);
	db_stmt *s = db_prepare(db_thread(), SQL_CLEAR);
	db_bind_text(s, 1, key);
	(void)!db_run(s);
}

/* add_row - one failure row; its id, 0 on error. */
static int64_t add_row(db *d, const char *scope, const char *key, int64_t now)
{
	db_stmt *s = db_prepare(d, SQL_ADD);
	db_bind_text(s, 1, scope);
	db_bind_text(s, 2, key);
	db_bind_int(s, 3, now);
	return db_run(s) ? 0 : db_last_id(d);
}

long signin_limit_take(const char *email, const char *addr, int64_t ticket[2])
{
	ticket[0] = ticket[1] = 0;
	char key[EMAIL_MAX + 1];
	norm(email, key);
	int64_t now = (int64_t)time(NULL);
	db *d = db_thread();
	/* BEGIN IMMEDIATE: one attempt at a time reads and counts. */
	if (db_begin(d))
		return -1;
	db_stmt *s = db_prepare(d, SQL_PURGE);
	db_bind_int(s, 1, now - SIGNIN_WINDOW);
	cf_err e = db_run(s);
	long a = wait_for("email", key, SIGNIN_MAX_EMAIL, now);
	long b = addr && *addr ? wait_for("addr", addr, SIGNIN_MAX_ADDR, now) : 0;
	long wait = a > b ? a : b;
	if (!e && !wait) {
		ticket[0] = add_row(d, "email", key, now);
		if (addr && *addr)
			ticket[1] = add_row(d, "addr", addr, now);
		if (!ticket[0] || (addr && *addr && !ticket[1]))
			e = CF_ERR_DB;
	}
	if (e || db_commit(d)) {
		db_rollback(d);
		ticket[0] = ticket[1] = 0;
		return -1;
	}
	return wait;
}

void signin_limit_succeeded(const char *email, const int64_t ticket[2])
{
	signin_limit_clear(email);
	if (!ticket[1])
		return;
	db_stmt *s = db_prepare(db_thread(), SQL_FORGET);
	db_bind_int(s, 1, ticket[1]);
	(void)!db_run(s);
}
