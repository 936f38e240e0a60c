/*
 * audit.h - writing the audit log (reading it: audit_log.h).
 *
 * Every change made through the back office calls audit_record inside the
 * same transaction as the change, so the log and the data never disagree.
 * before/after are JSON texts of the object (NULL for a creation or a
 * deletion); build them with jansson or by hand with json_str().
 */
#ifndef CF_AUDIT_H
#define CF_AUDIT_H
#include <stdint.h>

#include "../util/err.h"

/* audit_record - actor is the account id (0 = system / command line). */
cf_err audit_record(int64_t actor, const char *action, const char *object_type, int64_t object_id,
		    const char *before_json, const char *after_json) CF_MUST_USE;
#endif
