/*
 * badge.h - badges: one per person and role of an edition, with an
 * unguessable token (128 bits from libsodium, 32 hex digits) that the QR
 * code and the printed text carry. A badge can be revoked and re-issued: the
 * new badge gets a new token and the old one answers "revoked" at the gate.
 */
#ifndef CF_BADGE_H
#define CF_BADGE_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

#define BADGE_TOKEN_LEN 32

typedef struct badge {
	int64_t id, edition_id;
	const char *role; /* visitor, exhibitor, jury, official, press, staff */
	const char *name_ar, *name_latin, *organisation, *phone, *email;
	const char *token;
	int revoked, inside, is_sample;
	int64_t replaces_id;
} badge;

/* badge_role_valid - whether role is one of the six. */
int badge_role_valid(const char *role);
/* badge_create - a new badge; at least one name; phone and email optional.
 * *token receives the token (arena). CF_ERR_INVALID on bad input. */
cf_err badge_create(arena *a, int64_t edition_id, const char *role, const char *name_ar,
		    const char *name_latin, const char *organisation, const char *phone,
		    const char *email, int is_sample, int64_t *id, const char **token) CF_MUST_USE;
cf_err badge_by_token(arena *a, const char *token, badge *out) CF_MUST_USE;
cf_err badge_by_id(arena *a, int64_t id, badge *out) CF_MUST_USE;
/* badge_list - an edition's badges, role NULL for all, newest first, at
 * most limit. */
cf_err badge_list(arena *a, int64_t edition_id, const char *role, int limit, badge **out,
		  size_t *count) CF_MUST_USE;
/* badge_reissue - revoke badge id and issue its copy with a new token. */
cf_err badge_reissue(arena *a, int64_t id, int64_t *new_id, const char **token) CF_MUST_USE;
/* badge_revoke - revoke without a replacement. */
cf_err badge_revoke(int64_t id) CF_MUST_USE;

/* Badge sheets (8 per A4 page) of an edition's badges, drawn in the
 * background with their progress and their PDF in the database
 * (badge_batch.c): a restart forgets nothing, and a batch cut short by one
 * is drawn again when next shown. */
typedef struct badge_batch {
	int64_t id, edition_id;
	const char *role;  /* "" for every role */
	const char *state; /* drawing, ready, failed */
	long done, total;  /* badges drawn, badges to draw */
	int resumed;	   /* cut short, and taken over by this view */
} badge_batch;
/* badge_batch_start - a batch of the edition's badges of role (NULL or ""
 * for every role; revoked ones left out), oldest first. CF_ERR_INVALID for
 * an unknown role, CF_ERR_BUSY when this server draws enough batches
 * already. The edition keeps its last 16 batches. */
cf_err badge_batch_start(int64_t edition_id, const char *role, int64_t *id) CF_MUST_USE;
/* badge_batch_get - batch id (CF_ERR_NOTFOUND when gone); one cut short
 * is taken over and drawn again here. */
cf_err badge_batch_get(arena *a, int64_t id, badge_batch *out) CF_MUST_USE;
/* badge_batch_pdf - the PDF of a ready batch (a copy in a). */
cf_err badge_batch_pdf(arena *a, int64_t id, const void **pdf, size_t *len) CF_MUST_USE;

#endif
