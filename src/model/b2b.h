/*
 * b2b.h - the partners hub's B2B meetings (issue 16).
 *
 * Professionals (buyers, shop owners, partners, exporters) register for an
 * edition and get a private link (their token: /b2b/p/TOKEN), from which
 * they browse exhibitors and request a meeting in a slot (30 minutes,
 * 10:00 to 17:00 Moroccan time, on a day of the fair). The exhibitor
 * accepts or declines; accepting books a free table of the partners hub.
 * No one is double-booked: a professional, an exhibitor and a table hold at
 * most one accepted meeting per slot (unique indexes of 080_sales.sql, so a
 * race between two servers ends in CF_ERR_CONFLICT for one of them, never in
 * two bookings). After the meeting each side notes its outcome.
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_B2B_H
#define CF_B2B_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

#define B2B_TOKEN_LEN 32
#define B2B_FIRST_HOUR 10
#define B2B_LAST_HOUR 17 /* the last slot starts half an hour before */

/* b2b_kind_valid - buyer, shop, partner, exporter. */
int b2b_kind_valid(const char *k);
/* b2b_outcome_valid - none, contact, order, follow_up. */
int b2b_outcome_valid(const char *o);
/* b2b_slot_valid - slot ('YYYY-MM-DDTHH:MM') is a slot of edition_id's
 * days (1) or not (0); CF_ERR_DB reading the edition gives 0 too. */
int b2b_slot_valid(int64_t edition_id, const char *slot);

typedef struct b2b_pro {
	int64_t id, edition_id;
	const char *kind, *name, *organisation, *email, *phone, *token;
	int sample;
} b2b_pro;

/* b2b_register - a new professional of edition_id, who reads language ("ar",
 * "fr", "en": the mails they get); token gets its key. CF_ERR_INVALID for
 * an unknown kind or an empty name. */
cf_err b2b_register(int64_t edition_id, const char *kind, const char *name, const char *org,
		    const char *email, const char *phone, const char *language,
		    char token[B2B_TOKEN_LEN + 1], int64_t *id) CF_MUST_USE;
/* b2b_pro_by_token - CF_ERR_NOTFOUND for a malformed or unknown token. */
cf_err b2b_pro_by_token(arena *a, const char *token, b2b_pro *out) CF_MUST_USE;

/* b2b_request - pro_id asks exhibitor_id (of the same edition) for slot.
 * CF_ERR_INVALID for a bad slot or exhibitor; CF_ERR_CONFLICT when the
 * professional already has a meeting in the slot, or asked this exhibitor
 * for it already. */
cf_err b2b_request(int64_t pro_id, int64_t exhibitor_id, const char *slot, const char *note,
		   int64_t *id) CF_MUST_USE;
/* b2b_answer - exhibitor_id accepts (books a table) or declines its
 * requested meeting_id; audited as actor. CF_ERR_NOTFOUND: not its meeting;
 * CF_ERR_STATE: not waiting for an answer, or no table free in the slot;
 * CF_ERR_CONFLICT: the exhibitor or the professional is booked then. */
cf_err b2b_answer(int64_t actor, int64_t exhibitor_id, int64_t meeting_id, int accept) CF_MUST_USE;
/* b2b_outcome - one side's outcome of its accepted meeting: by the
 * professional (pro_id, exhibitor_id 0) or the exhibitor (pro_id 0). */
cf_err b2b_outcome(int64_t pro_id, int64_t exhibitor_id, int64_t meeting_id,
		   const char *outcome) CF_MUST_USE;

/* b2b_cancel - one side cancels its accepted meeting_id (the professional
 * also a request not answered yet: withdrawn, no mail), with a reason (1
 * to 500 bytes): the professional (pro_id; exhibitor_id 0) or the exhibitor
 * (exhibitor_id; pro_id 0). The meeting becomes 'cancelled', which frees
 * its slot and table; audited as actor (b2b.cancel, with the reason); the
 * other side, when it has an email, is told by mail in its language
 * through the outbox, in the same transaction (b2b_cancel.c).
 * CF_ERR_INVALID: no reason, or both or neither side named;
 * CF_ERR_NOTFOUND: not their meeting; CF_ERR_STATE: not accepted (nor, for
 * the professional, requested). */
cf_err b2b_cancel(int64_t actor, int64_t pro_id, int64_t exhibitor_id, int64_t meeting_id,
		  const char *reason) CF_MUST_USE;

typedef struct b2b_meeting {
	int64_t id, exhibitor_id;
	const char *slot, *status, *table, *note;
	const char *pro_kind, *pro_name, *pro_org;
	const char *coop_ar, *coop_fr;
	const char *outcome_pro, *outcome_exhibitor;
	const char *cancelled_by, *cancel_reason; /* '' unless cancelled: 'pro', 'exhibitor' */
} b2b_meeting;

/* b2b_meetings - the meetings of one professional (pro_id) or exhibitor
 * (exhibitor_id), or of an edition (edition_id), by slot. Arena-owned. */
cf_err b2b_meetings(arena *a, int64_t pro_id, int64_t exhibitor_id, int64_t edition_id,
		    b2b_meeting **out, size_t *n) CF_MUST_USE;

typedef struct b2b_exhibitor {
	int64_t id;
	const char *name_ar, *name_fr, *category_ar, *category_fr, *category_en;
} b2b_exhibitor;
cf_err b2b_exhibitors(arena *a, int64_t edition_id, b2b_exhibitor **out, size_t *n) CF_MUST_USE;

typedef struct b2b_stats {
	long pros, requests, accepted, declined, waiting, held;
	/* outcomes noted, per side: none, contact, order, follow_up */
	long by_pro[4], by_exhibitor[4];
	long tables;
	int sample;
} b2b_stats;
/* b2b_stats_read - held: accepted meetings whose slot is before now_slot. */
cf_err b2b_stats_read(int64_t edition_id, const char *now_slot, b2b_stats *out) CF_MUST_USE;
extern const char *const B2B_OUTCOMES[4];

cf_err b2b_table_add(int64_t edition_id, const char *name) CF_MUST_USE;

#endif
