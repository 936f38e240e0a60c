/*
 * audit_log.h - reading the audit log and the mail outbox (the writes are
 * in audit.h). Model code: no HTML, no HTTP.
 */
#ifndef CF_AUDIT_LOG_H
#define CF_AUDIT_LOG_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct audit_entry {
	int64_t id, account_id, object_id;
	const char *at, *email, *action, *object_type;
	const char *before, *after; /* JSON text, "" when none */
} audit_entry;

typedef struct audit_filter {
	int64_t account_id;	 /* 0: anyone */
	const char *object_type; /* NULL or "": any */
	int64_t object_id;	 /* 0: any */
	int page, per_page;	 /* page is 1-based */
} audit_filter;

/* audit_list - one page of the log, newest first; *total gets the count
 * of every matching entry. Arrays and strings are arena-owned. */
size_t audit_list(arena *a, const audit_filter *f, audit_entry **out, int *total);
/* audit_object_types - the object types present in the log. */
size_t audit_object_types(arena *a, const char ***out);

typedef struct outbox_msg {
	int64_t id;
	const char *created_at, *to_email, *subject, *body, *sent_at, *last_error;
	int attempts;
	int to_admin;	  /* the recipient holds the admin role */
	int holds_secret; /* a link that signs someone in: for the sender only */
} outbox_msg;

/* outbox_list - pending messages first, then the most recent sent ones,
 * at most max. */
size_t outbox_list(arena *a, int max, outbox_msg **out);
/* outbox_pending - pending messages, oldest first, at most max. */
size_t outbox_pending(arena *a, int max, outbox_msg **out);
/* outbox_mark_sent - the message was delivered (by the sender, or copied
 * by hand by actor; 0 = the sender), audited when actor is set. */
cf_err outbox_mark_sent(int64_t actor, int64_t id) CF_MUST_USE;
/* outbox_claim - 1 when this caller may send message id now: it is still
 * pending and no other sender claimed it in the last 5 minutes. */
int outbox_claim(int64_t id);
/* outbox_mark_failed - count a failed attempt with its reason. */
cf_err outbox_mark_failed(int64_t id, const char *why) CF_MUST_USE;

#endif
