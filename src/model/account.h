/*
 * account.h - accounts, their roles, passwords and sessions.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str, the
 * "interactive" limits). Session tokens are 32 random bytes sent to the
 * browser as 64 hex digits and stored only as their BLAKE2b hash. A session
 * ends at sign-out, after SESSION_IDLE seconds without a request, and at
 * most SESSION_MAX seconds after sign-in. Model code: no HTTP here.
 */
#ifndef CF_ACCOUNT_H
#define CF_ACCOUNT_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

#define SESSION_IDLE (2 * 3600)
#define SESSION_MAX (7 * 24 * 3600)
#define PASSWORD_MIN 10
#define PASSWORD_MAX 256
#define EMAIL_MAX 254

typedef struct account {
	int64_t id;
	const char *email, *name, *lang;
	unsigned roles; /* ROLE_BIT()s that apply now: unscoped roles, and roles scoped to the
			 * current (latest public) edition; a role scoped to another edition gives
			 * nothing */
	int disabled;
	int64_t cooperative_id, organisation_id;
	int has_password;
} account;

/* account_email_valid - a plausible address: one '@', a dot in the domain,
 * no spaces or controls, at most EMAIL_MAX bytes. */
int account_email_valid(const char *email);
/* account_password_problem - NULL when the password is acceptable, else the
 * English msgid of what is wrong (for tr()). */
const char *account_password_problem(const char *password);

/* account_create - a new account with roles (ROLE_BIT()s, every edition).
 * password may be NULL (invited, to be set later). CF_ERR_CONFLICT when the
 * email is taken, CF_ERR_INVALID when email/password do not validate. */
cf_err account_create(const char *email, const char *name, const char *password, unsigned roles,
		      int64_t *id) CF_MUST_USE;
cf_err account_set_password(int64_t id, const char *password) CF_MUST_USE;
cf_err account_set_disabled(int64_t id, int disabled) CF_MUST_USE;
cf_err account_add_role(int64_t id, int role, int64_t edition_id) CF_MUST_USE;
cf_err account_get(arena *a, int64_t id, account *out) CF_MUST_USE;
cf_err account_by_email(arena *a, const char *email, account *out) CF_MUST_USE;
/* account_list - every account, by email; count returned, array in *out. */
cf_err account_list(arena *a, account **out, size_t *count) CF_MUST_USE;

/* account_authenticate - CF_OK and *id when email and password match an
 * enabled account, else CF_ERR_AUTH (CF_ERR_DB when the store failed). Takes the same time whether
 * or not the email exists (a dummy hash is verified), so timing tells nothing. */
cf_err account_authenticate(const char *email, const char *password, int64_t *id) CF_MUST_USE;

/* session_start - a new session for the account; the token (64 hex digits
 * plus NUL) goes to the browser. client is a short note (address). */
cf_err session_start(int64_t account_id, const char *client, char token[65]) CF_MUST_USE;
/* session_check - the account behind a live token (refreshing its idle
 * timer); CF_ERR_NOTFOUND when unknown, ended, expired, or disabled. */
cf_err session_check(arena *a, const char *token, account *out) CF_MUST_USE;
void session_end(const char *token);
/* session_end_all - end every session of an account (password change). */
void session_end_all(int64_t account_id);

#endif
