/*
 * registry_app.h - applications of cooperatives to an edition, their
 * review by the committee, and the edition's selection (rules, the
 * assistant's proposal, publication).
 *
 * Every change is one transaction with its audit record and, when the
 * cooperative must know, a message in the outbox to its accounts (in each
 * account's language). Model code: no HTML, no HTTP; results in the arena.
 */
#ifndef CF_REGISTRY_APP_H
#define CF_REGISTRY_APP_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "registry_solve.h"
#include "text.h"

#define APP_PHOTOS_MAX 4
#define APP_PHOTO_MAX_BYTES (2u << 20)	/* stored, after resizing for the catalogue */
#define APP_PHOTO_UPLOAD_MAX (8u << 20) /* as sent from a phone, before resizing */
#define APP_PRODUCTS_MAX 2000
#define APP_REASON_MAX 1000

typedef enum app_status {
	APP_DRAFT,
	APP_SUBMITTED,
	APP_UNDER_REVIEW,
	APP_ACCEPTED,
	APP_WAITLISTED,
	APP_REJECTED,
	APP_WITHDRAWN,
	APP__MAX
} app_status;

/* app_status_code - "draft", "submitted", ...; app_status_parse - the
 * inverse, -1 when unknown. app_status_label - the English msgid. */
const char *app_status_code(app_status s);
int app_status_parse(const char *code);
const char *app_status_label(app_status s);

typedef struct application {
	int64_t id, edition_id, cooperative_id, category_id;
	const char *category_code;
	text3 category;
	app_status status;
	int published; /* the status last published, or -1 */
	const char *products, *share_with;
	int needs_power, needs_water, needs_accessible, first_time;
	int score; /* -1: not scored */
	const char *note;
	const char *submitted_at, *updated_at;
	int is_sample, is_exhibitor;
	const char *name_ar, *name_fr, *province_code, *reg_number;
	text3 province;
	int outside_region, women_led;
	int women_led_known; /* 0: the registry does not know (counted as not women-led) */
	int nphotos;
	int64_t photo_ids[APP_PHOTOS_MAX];
} application;

typedef struct app_event {
	const char *at, *from, *to, *reason;
} app_event;

typedef struct app_form {
	int64_t category_id; /* 0: not chosen yet */
	const char *products, *share_with;
	int needs_power, needs_water, needs_accessible, first_time;
	/* the partner cooperative to share a stand with (issue 13), saved in
	 * the same transaction: 0 leaves it as it is, APP_SHARE_NONE clears it */
	int64_t share_coop;
} app_form;
#define APP_SHARE_NONE (-1)

typedef struct app_filter {
	const char *category, *province; /* codes or NULL */
	int status;			 /* app_status or -1 (every status but drafts) */
	int women_led, first_time;	 /* 0/1 or -1 */
} app_filter;

/* app_visible_status - what the cooperative sees: a decision (accepted,
 * wait-listed, rejected) only once published; until then "under review". */
app_status app_visible_status(const application *a);

/* app_of_cooperative - the cooperative's application to the edition. */
cf_err app_of_cooperative(arena *a, int64_t edition_id, int64_t coop_id,
			  application *out) CF_MUST_USE;
cf_err app_get(arena *a, int64_t id, application *out) CF_MUST_USE;
typedef struct app_photo_in {
	const void *data;
	size_t len;
} app_photo_in;

/* app_editable - whether the cooperative may still change x (while the
 * call is open): any status until a decision is published, and a
 * withdrawn application (applying again). */
int app_editable(const application *x);
/* app_save - create or update the cooperative's application and add photos
 * (all in one transaction); with submit, also submit a draft (the category
 * and the products must then be set: CF_ERR_INVALID). A withdrawn
 * application becomes a draft again. Only while the edition's call is open
 * (edition_call_open): CF_ERR_STATE otherwise. CF_ERR_CONFLICT when the
 * application is not app_editable, changed meanwhile, or would pass
 * APP_PHOTOS_MAX photos. */
cf_err app_save(int64_t actor, int64_t edition_id, int64_t coop_id, const app_form *f, int submit,
		const app_photo_in *photos, int nphotos, int64_t *id) CF_MUST_USE;
/* app_add_photo - a JPEG or PNG (type from the bytes, not the name) of at
 * most APP_PHOTO_MAX_BYTES; CF_ERR_INVALID when not one, CF_ERR_TOOBIG,
 * CF_ERR_CONFLICT past APP_PHOTOS_MAX. */
cf_err app_add_photo(int64_t actor, int64_t app_id, const void *data, size_t len) CF_MUST_USE;
/* app_photo_type - "image/jpeg" or "image/png" from the first bytes, with
 * the picture's size; NULL when data is neither. */
const char *app_photo_type(const unsigned char *data, size_t len, int *w, int *h);
cf_err app_photo(arena *a, int64_t photo_id, const void **data, size_t *len, const char **mime,
		 int64_t *coop_id) CF_MUST_USE;
cf_err app_delete_photo(int64_t actor, int64_t app_id, int64_t photo_id) CF_MUST_USE;

/* app_set_status - a status change with its reason (required for
 * waitlisted and rejected: CF_ERR_INVALID), audited and notified.
 * by_committee selects the allowed transitions (the cooperative may only
 * withdraw). The committee's changes are neither public nor mailed until
 * sel_publish; the cooperative's own withdrawal after publication removes
 * the exhibitor at once (CF_ERR_CONFLICT when other records still hold it)
 * and is acknowledged by mail. */
cf_err app_set_status(int64_t actor, int64_t app_id, app_status to, const char *reason,
		      int by_committee) CF_MUST_USE;
/* app_allowed - whether from -> to is a change the committee (or the
 * cooperative) may make. */
int app_allowed(app_status from, app_status to, int by_committee);
/* app_review - the committee's score (0..100, -1 to clear) and note. */
cf_err app_review(int64_t actor, int64_t app_id, int score, const char *note) CF_MUST_USE;

cf_err app_list(arena *a, int64_t edition_id, const app_filter *f, application **out,
		size_t *count) CF_MUST_USE;
cf_err app_events(arena *a, int64_t app_id, app_event **out, size_t *count) CF_MUST_USE;

/* registry_notify - a message to every account of the cooperative (in its
 * language), or to the cooperative's own email when it has no account.
 * subject/body are English msgids with one %s: the edition's name and the
 * status label; reason is added when not empty. Inside the caller's transaction. */
cf_err registry_notify(int64_t coop_id, int64_t edition_id, const char *subject_id,
		       const char *body_id, const char *status_label,
		       const char *reason) CF_MUST_USE;

#endif
