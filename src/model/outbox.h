/*
 * outbox.h - the mail outbox: messages to users wait here until a sender (a
 * sendmail-compatible command, cli/outbox.c) delivers them, or an organiser
 * copies them by hand from /admin/outbox. Queue a message with
 * outbox_enqueue inside the transaction of the change it reports, so that a
 * change and its message are never one without the other.
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_OUTBOX_H
#define CF_OUTBOX_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

/* outbox_enqueue - queue one message; *id gets its id (may be NULL). */
cf_err outbox_enqueue(const char *to_email, const char *subject, const char *body,
		      int64_t *id) CF_MUST_USE;
/* outbox_enqueue_secret - the same for a message holding a link that signs
 * its reader in (a password reset): only the mail sender delivers it, the
 * back office never shows its body. */
cf_err outbox_enqueue_secret(const char *to_email, const char *subject,
			     const char *body) CF_MUST_USE;

typedef struct outbox_msg {
	int64_t id;
	const char *created_at, *to_email, *subject, *body, *sent_at, *last_error;
	int attempts;
	int to_admin;	  /* the recipient holds the admin role */
	int holds_secret; /* a link that signs someone in: for the sender only */
} outbox_msg;

/* outbox_list - pending messages first, then the most recent sent ones,
 * at most max. */
cf_err outbox_list(arena *a, int max, outbox_msg **out, size_t *count) CF_MUST_USE;
/* outbox_pending - pending messages, oldest first, at most max. */
cf_err outbox_pending(arena *a, int max, outbox_msg **out, size_t *count) CF_MUST_USE;
/* outbox_mark_sent - the message was delivered (by the sender, or copied
 * by hand by actor; 0 = the sender), audited when actor is set. */
cf_err outbox_mark_sent(int64_t actor, int64_t id) CF_MUST_USE;
/* outbox_claim - 1 when this caller may send message id now: it is still
 * pending and no other sender claimed it in the last 5 minutes. */
int outbox_claim(int64_t id);
/* outbox_mark_failed - count a failed attempt with its reason. */
cf_err outbox_mark_failed(int64_t id, const char *why) CF_MUST_USE;

#endif
