/*
 * account_admin.h - what the committee does to accounts (disable, enable,
 * grant and revoke roles, invite a cooperative's member), and the one-time
 * links that let someone set a password (invitation, password reset).
 *
 * One-time tokens are 32 random bytes sent as 64 hex digits inside a link;
 * only their BLAKE2b hash is stored, with an expiry (TOKEN_TTL) and the time
 * they were used, so a leaked database or an old mail opens nothing. Using a
 * token sets the password, ends the account's sessions and the token, in
 * one transaction. Every change is audited in its own transaction.
 * Model code: no HTML, no HTTP; the pages compose the messages.
 */
#ifndef CF_ACCOUNT_ADMIN_H
#define CF_ACCOUNT_ADMIN_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "account.h"

#define TOKEN_TTL (7 * 24 * 3600)

typedef enum token_kind { TOKEN_INVITE, TOKEN_RESET, TOKEN__MAX } token_kind;

/* token_new - a fresh random token (64 hex digits and NUL). */
void token_new(char token[65]);
/* token_wellformed - 64 lowercase hex digits. */
int token_wellformed(const char *token);

/* A role held by an account, in one edition or in every edition (0). */
typedef struct account_role_row {
	int role;
	int64_t edition_id;
	const char *edition_name_fr, *edition_name_ar; /* "" for every edition */
} account_role_row;

cf_err acct_roles(arena *a, int64_t account_id, account_role_row **out, size_t *count) CF_MUST_USE;
/* acct_set_disabled - disable (ending its sessions) or enable, audited.
 * An account cannot disable itself (CF_ERR_PERM). */
cf_err acct_set_disabled(int64_t actor, int64_t id, int disabled) CF_MUST_USE;
/* acct_grant / acct_revoke - a role in an edition (0: every edition),
 * audited. Only an admin may grant or revoke admin (admin_actor), or a role
 * in every edition; a committee member only in the editions it runs
 * (access_may_grant). An admin cannot revoke its own admin role
 * (CF_ERR_PERM). */
cf_err acct_grant(int64_t actor, int admin_actor, int64_t id, int role,
		  int64_t edition_id) CF_MUST_USE;
cf_err acct_revoke(int64_t actor, int admin_actor, int64_t id, int role,
		   int64_t edition_id) CF_MUST_USE;

/* acct_set_password - an administrator (actor; 0: the command line) sets
 * the account's password, with the person present: no link is made, the
 * account's sessions end, and the change is audited as the actor's.
 * CF_ERR_INVALID when the password is not acceptable. */
cf_err acct_set_password(int64_t actor, int64_t id, const char *password) CF_MUST_USE;

/* acct_invite - an exhibitor account for email in cooperative coop_id (made
 * without a password, or an existing one without a password yet), a new
 * invitation token, and the message (subject, body: composed by the page
 * with the link) in the outbox, audited. CF_ERR_CONFLICT when the email
 * already belongs to an account that has a password; CF_ERR_INVALID when
 * the email or the cooperative is not valid. */
cf_err acct_invite(int64_t actor, const char *email, const char *name, int64_t coop_id,
		   const char *token, const char *subject, const char *body,
		   int64_t *account_id) CF_MUST_USE;
/* acct_reset_request - record a request for a reset link for email, with
 * its token and message, doing the same work whether or not an account has
 * that email (so that neither the answer nor its timing tells). The mail
 * sender makes the links (acct_reset_process). CF_OK unless the store
 * fails. */
cf_err acct_reset_request(const char *email, const char *token, const char *subject,
			  const char *body) CF_MUST_USE;
/* acct_reset_process - turn waiting reset requests into reset tokens and
 * messages for the mail sender only (outbox_enqueue_secret), when the email
 * names an enabled account and fewer than three links were asked for it in
 * the last hour; drop the others. Returns how many were made. */
int acct_reset_process(void);
/* token_peek - the account a live token of kind opens (not used, not
 * expired, account enabled); CF_ERR_NOTFOUND otherwise. */
cf_err token_peek(arena *a, token_kind kind, const char *token, account *out) CF_MUST_USE;
/* token_use - set the password with a live token, ending the token and the
 * account's sessions; *account_id gets the account. CF_ERR_INVALID when the
 * password is not acceptable (token kept), CF_ERR_NOTFOUND when the token is
 * not live. */
cf_err token_use(token_kind kind, const char *token, const char *password,
		 int64_t *account_id) CF_MUST_USE;

#endif
