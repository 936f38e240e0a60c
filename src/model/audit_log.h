/*
 * audit_log.h - reading the audit log (the writes are in audit.h; the mail
 * outbox is outbox.h). Model code: no HTML, no HTTP.
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
cf_err audit_list(arena *a, const audit_filter *f, audit_entry **out, int *total,
		  size_t *count) CF_MUST_USE;
/* audit_object_types - the object types present in the log. */
cf_err audit_object_types(arena *a, const char ***out, size_t *count) CF_MUST_USE;

#endif
