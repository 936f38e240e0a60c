/*
 * audit.h - the audit log and the mail outbox.
 *
 * Every change made through the back office calls audit_record inside the
 * same transaction as the change, so the log and the data never disagree.
 * before/after are JSON texts of the object (NULL for a creation or a
 * deletion); build them with jansson or by hand with json_str().
 * Messages to users go through outbox_enqueue, also inside the change's
 * transaction; a sender (a sendmail-compatible command) delivers them later.
 */
#ifndef CF_AUDIT_H
#define CF_AUDIT_H
#include <stdint.h>

#include "../util/err.h"

/* audit_record - actor is the account id (0 = system / command line). */
cf_err audit_record(int64_t actor, const char *action, const char *object_type, int64_t object_id,
		    const char *before_json, const char *after_json) CF_MUST_USE;
/* outbox_enqueue - queue one message; *id gets its id (may be NULL). */
cf_err outbox_enqueue(const char *to_email, const char *subject, const char *body,
		      int64_t *id) CF_MUST_USE;
/* outbox_enqueue_secret - the same for a message holding a link that signs
 * its reader in (a password reset): only the mail sender delivers it, the
 * back office never shows its body. */
cf_err outbox_enqueue_secret(const char *to_email, const char *subject,
			     const char *body) CF_MUST_USE;

#endif
