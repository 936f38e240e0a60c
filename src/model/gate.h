/*
 * gate.h - the gate: check-ins of badges (entry and exit), the rules per role
 * and day, the tap counter for visitors without a badge, and the counts.
 *
 * Check-ins are durable when acknowledged: one writer thread (gate.c) takes
 * every pending check-in, applies them in one transaction on its own
 * connection, which runs with synchronous=FULL on SQLite (the WAL is fsynced
 * at each commit; a PostgreSQL commit is durable already), and only then
 * answers each waiting request (group commit).
 */
#ifndef CF_GATE_H
#define CF_GATE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../util/arena.h"
#include "../util/err.h"

/* The answer to a scan: GATE_OK is green, every other is red. */
typedef enum gate_result {
	GATE_OK,
	GATE_UNKNOWN, /* no such badge (or another edition's) */
	GATE_REVOKED, /* the badge was revoked (lost, re-issued) */
	GATE_INSIDE,  /* an entry while already inside */
	GATE_OUTSIDE, /* an exit without an entry */
	GATE_DAY,     /* the role may not enter today */
	GATE_HOURS,   /* today, but not at this time of day */
	GATE__MAX
} gate_result;

/* gate_result_code - "ok", "unknown", "revoked", "inside", "outside", "day",
 * "hours". */
const char *gate_result_code(gate_result g);

typedef struct gate_answer {
	gate_result result;
	int replay; /* the idempotency key was seen: this is the first answer */
	int64_t badge_id;
	char role[16];
	char name_ar[160], name_latin[160], organisation[160];
} gate_answer;

/* gate_checkin - scan token at gate_id, entry (in=1) or exit (in=0). idem:
 * the client's idempotency key (at most 64 bytes of [A-Za-z0-9_-]) or NULL.
 * Returns when the scan is committed durably: CF_OK with the answer (green
 * or red: both are recorded), CF_ERR_NOTFOUND for an unknown gate,
 * CF_ERR_INVALID for a malformed idem, CF_ERR_DB / CF_ERR_BUSY when the batch
 * could not be committed (then nothing of it was). */
cf_err gate_checkin(int64_t gate_id, const char *token, int in, const char *idem,
		    gate_answer *out) CF_MUST_USE;

typedef struct gate_info {
	int64_t id, edition_id;
	const char *name, *api_key;
} gate_info;
cf_err gate_list(arena *a, int64_t edition_id, gate_info **out, size_t *count) CF_MUST_USE;
cf_err gate_by_id(arena *a, int64_t id, gate_info *out) CF_MUST_USE;
/* gate_by_key - the gate a dedicated scanner's bearer key names. */
cf_err gate_by_key(arena *a, const char *key, gate_info *out) CF_MUST_USE;
/* gate_create - a new gate with a fresh 128-bit API key. */
cf_err gate_create(int64_t edition_id, const char *name, int64_t *id) CF_MUST_USE;

/* gate_tap - one tap of a gate's counter (visitors without a badge). */
cf_err gate_tap(int64_t gate_id, int in) CF_MUST_USE;

/* Rules: when a role has rules, its badges enter only on the listed days,
 * and on such a day only from opens until closes (HH:MM, Moroccan time; ""
 * for the start or the end of the day): jurors in judging hours. */
typedef struct gate_rule_row {
	int64_t id;
	const char *role, *day, *opens, *closes;
} gate_rule_row;
cf_err gate_rules(arena *a, int64_t edition_id, gate_rule_row **out, size_t *count) CF_MUST_USE;
/* gate_rule_add - the rule of role on day (replacing its hours when the
 * day has a rule already); opens/closes NULL or "" for none. */
cf_err gate_rule_add(int64_t edition_id, const char *role, const char *day, const char *opens,
		     const char *closes) CF_MUST_USE;
/* gate_in_hours - 1 when the time of day now ("HH:MM") is in [opens,
 * closes), either bound "" or NULL for none. */
int gate_in_hours(const char *now, const char *opens, const char *closes);
cf_err gate_rule_delete(int64_t edition_id, int64_t id) CF_MUST_USE;

/* Counts (the dashboard). A series is (key, entries, unique badges). */
typedef struct gate_count {
	const char *key;
	long entries, unique;
} gate_count;
typedef struct gate_stats {
	long inside_now;      /* badges inside now */
	long taps_inside_now; /* tap counter: in - out */
	long entries, unique, taps_in;
	int sample; /* some of it is sample data */
	gate_count *per_day, *per_gate, *per_role, *per_hour;
	size_t n_day, n_gate, n_role, n_hour;
} gate_stats;
/* gate_stats_read - the counts of an edition; day (YYYY-MM-DD) restricts
 * per_hour to that day (NULL: all days). */
cf_err gate_stats_read(arena *a, int64_t edition_id, const char *day, gate_stats *out) CF_MUST_USE;
/* gate_days_read - the light counts a report needs: accepted entries and
 * unique badges in all and per day, and whether any is sample data (the
 * entries, unique, sample, per_day and n_day of gate_stats_read; the other
 * fields stay 0). Two queries where gate_stats_read runs seven. */
cf_err gate_days_read(arena *a, int64_t edition_id, gate_stats *out) CF_MUST_USE;
/* gate_entries_on - entries (accepted) of an edition on its day_index'th day
 * (0 = first day): for comparing with the same day of a previous edition. */
cf_err gate_entries_on(int64_t edition_id, int day_index, long *entries) CF_MUST_USE;

/* gate_previous_edition - the edition before edition_id (by start date), 0
 * when there is none. */
cf_err gate_previous_edition(int64_t edition_id, int64_t *prev) CF_MUST_USE;

/* gate_local_day - a UTC time as the Moroccan date (YYYY-MM-DD) and hour. */
void gate_local_day(time_t t, char day[11], int *hour);

#endif
