/*
 * prize_log.h - the prize's chained log, inside the model (the public
 * reads are in prize.h: prize_verify, prize_head_find).
 *
 * Every event that decides a result appends one record, in the same
 * transaction as the change: a juror's sheet (kind "create"/"change", per
 * entry and juror), and for a category the canonical text of what changed
 * (kind "rules": k, winners, tie rule, criteria and weights; "jurors";
 * "entries" with their withdrawn mark; "conflicts"; "assign"; "state";
 * "result": the frozen ranking). Each record's hash covers the previous
 * one's; with a prize key (COOPFAIR_PRIZE_KEY_FILE or COOPFAIR_PRIZE_KEY)
 * the hash is keyed, a MAC, so a rewrite of the chain needs the key.
 * prize_verify compares the current tables with the last record of each
 * kind: what was changed behind coopfair's back shows there.
 * These functions never open a transaction: the caller's change does.
 */
#ifndef CF_PRIZE_LOG_H
#define CF_PRIZE_LOG_H
#include <stdint.h>

#include "../db/db.h"
#include "../util/err.h"

/* prize_log_append - append one record; head (may be NULL) gets its hash,
 * *id (may be NULL) its id. */
cf_err prize_log_append(db *d, int64_t actor, int64_t category_id, int64_t entry_id,
			const char *kind, const char *content, char head[65],
			int64_t *id) CF_MUST_USE;

/* prize_log_state - append the category's current kind ("rules",
 * "jurors", "entries", "conflicts", "assign", "state", "result") when it
 * differs from the last one logged. */
cf_err prize_log_state(db *d, int64_t actor, int64_t category_id, const char *kind) CF_MUST_USE;

/* prize_log_sheet - append the juror's current sheet for the entry (the
 * record's account is the juror's). */
cf_err prize_log_sheet(db *d, int64_t category_id, int64_t entry_id, int64_t account_id,
		       const char *kind) CF_MUST_USE;

#endif
