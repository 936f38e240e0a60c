/*
 * catalog.h - the exhibitors' catalogue (issue 18): a cooperative's public
 * profile (presentation, products, up to six of the photos it uploaded with
 * its applications, the contact it chose to make public), the committee's
 * hiding of a photo or a text, and the reads behind the catalogue PDF and
 * the stand cards.
 *
 * Contact only by consent. A profile's phone, email and web page are each
 * private until the cooperative sets its *_public flag. Two reads exist:
 * catalog_profile_own (the cooperative's and the committee's view, private
 * values and hidden items included) and catalog_profile_public, which blanks
 * every contact value not made public and drops what the committee hid.
 * Public pages, the catalogue PDF and stand cards read the public one only;
 * the cooperative's private registry contact (cooperative.phone, email,
 * contact_name) is never read by this module.
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_CATALOG_H
#define CF_CATALOG_H
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "../util/err.h"
#include "exhibitor.h"

#define CATALOG_PHOTOS_MAX 6
#define CATALOG_ABOUT_MAX 1000
#define CATALOG_PRODUCTS_MAX 500
#define CATALOG_UPLOADED_MAX 64

typedef struct catalog_profile {
	int64_t coop_id;
	int exists; /* a profile was saved (else defaults) */
	const char *about_ar, *about_fr;
	const char *products_ar, *products_fr; /* public: the registry's when empty */
	const char *phone, *email, *web;
	int phone_public, whatsapp, email_public, web_public;
	int about_hidden; /* the committee hid the texts */
	int is_sample;
	int64_t photo_ids[CATALOG_PHOTOS_MAX];
	int photo_hidden[CATALOG_PHOTOS_MAX];
	int nphotos;
} catalog_profile;

/* catalog_profile_own - the whole profile of coop_id, private values and
 * hidden photos included (for the cooperative and the committee). A
 * cooperative without a saved profile gets defaults: texts empty,
 * every contact private. Strings arena-owned. */
cf_err catalog_profile_own(arena *a, int64_t coop_id, catalog_profile *out) CF_MUST_USE;
/* catalog_profile_public - what the public may see: contact values not
 * made public are "", hidden photos are left out, hidden texts are "",
 * products fall back to the registry's (cooperative.products_*). */
cf_err catalog_profile_public(arena *a, int64_t coop_id, catalog_profile *out) CF_MUST_USE;
/* catalog_publicise - the same blanking on a profile read with _own. */
void catalog_publicise(catalog_profile *p);

/* catalog_uploaded - the ids of the photos coop_id uploaded with any of
 * its applications (oldest first), at most CATALOG_UPLOADED_MAX. */
cf_err catalog_uploaded(arena *a, int64_t coop_id, int64_t **ids, size_t *n) CF_MUST_USE;

/* Which field of a submitted profile is wrong (0: none). */
typedef enum catalog_field {
	CATALOG_OK,
	CATALOG_BAD_ABOUT,
	CATALOG_BAD_PRODUCTS,
	CATALOG_BAD_PHONE,
	CATALOG_BAD_EMAIL,
	CATALOG_BAD_WEB,
	CATALOG_BAD_PHOTOS,
	CATALOG_FIELD__MAX
} catalog_field;

/* catalog_check - validate and normalise p in place (texts trimmed,
 * Arabic-Indic digits of the phone as 0-9; a public field must have a
 * value; photos must be among coop's uploads, at most six, no repeats).
 * Returns the first wrong field. */
catalog_field catalog_check(arena *a, catalog_profile *p);
/* catalog_save - store p (checked) for p->coop_id, audited as actor. The
 * committee's hidden flags of photos kept are kept; a changed text clears
 * nothing the committee hid. CF_ERR_INVALID when catalog_check fails. */
cf_err catalog_save(arena *a, int64_t actor, catalog_profile *p) CF_MUST_USE;

/* catalog_hide - the committee hides a photo (photo_id) or the texts
 * (photo_id 0) of coop_id's profile, for a reason (required:
 * CF_ERR_INVALID), audited, and the reason mailed to the cooperative
 * (registry_notify) in one transaction. CF_ERR_NOTFOUND for a photo not
 * in the profile. edition_id names the edition in the message. */
cf_err catalog_hide(int64_t actor, int64_t edition_id, int64_t coop_id, int64_t photo_id,
		    const char *reason) CF_MUST_USE;

/* catalog_photo_public - a photo the public may see: in a profile, not
 * hidden, of a cooperative exhibiting in a public edition. Bytes are
 * arena-owned. CF_ERR_NOTFOUND otherwise. */
cf_err catalog_photo_public(arena *a, int64_t photo_id, const void **data, size_t *len,
			    const char **mime) CF_MUST_USE;
/* An edition the cooperative took part in. */
typedef struct catalog_edition {
	const char *slug;
	text3 name;
	const char *starts_on;
} catalog_edition;
/* catalog_editions - the public editions coop_id exhibited at, latest
 * first, at most max. */
cf_err catalog_editions(arena *a, int64_t coop_id, int max, catalog_edition **out,
			size_t *n) CF_MUST_USE;

/* One exhibitor of the catalogue: the public row, the public profile and
 * the first public photo (JPEG bytes, or NULL). */
typedef struct catalog_entry {
	exhibitor_row row;
	int64_t coop_id;
	int category_rank; /* its category's place in the edition's order */
	catalog_profile prof;
	const void *photo;
	size_t photo_len;
	int photo_w, photo_h;
	const char *photo_mime;
} catalog_entry;
/* catalog_entries - every exhibitor of edition_id in catalogue order
 * (category order, then stand, then name), with photo bytes when
 * with_photos. Arena-owned. */
cf_err catalog_entries(arena *a, int64_t edition_id, int with_photos, catalog_entry **out,
		       size_t *n) CF_MUST_USE;
/* catalog_entry_of - one exhibitor (exhibitor id) as catalog_entries reads
 * it; the photo's bytes only when with_photo. */
cf_err catalog_entry_of(arena *a, int64_t edition_id, int64_t exhibitor_id, int with_photo,
			catalog_entry *out) CF_MUST_USE;

/* The public products of an exhibitor, for the list's search. */
typedef struct catalog_products_row {
	int64_t exhibitor_id;
	const char *products_ar, *products_fr; /* the profile's, else the registry's */
	int64_t photo_id;		       /* its first public photo, 0 when none */
} catalog_products_row;
/* catalog_products - one row per exhibitor of edition_id, by exhibitor id. */
cf_err catalog_products(arena *a, int64_t edition_id, catalog_products_row **out,
			size_t *n) CF_MUST_USE;
/* catalog_products_find - the row of exhibitor_id in rows (sorted by
 * catalog_products), or NULL. */
const catalog_products_row *catalog_products_find(const catalog_products_row *rows, size_t n,
						  int64_t exhibitor_id);

/* catalog_book_of - the catalogue of edition_id as export/catalog_pdf.h
 * draws it (a5: the booklet size): the edition, its partners and their
 * logos, every exhibitor with its public profile and first photo. */
struct catalog_book;
cf_err catalog_book_of(arena *a, int64_t edition_id, int a5, struct catalog_book *b) CF_MUST_USE;

/* A catalogue PDF built in the background (catalog_build_start): any
 * server of a deployment reads its progress and its result. */
typedef struct catalog_build {
	int64_t id, edition_id;
	int a5;
	const char *state; /* running, done, failed (also a run older than 10 minutes: its
			    * server stopped) */
	int done, total;   /* exhibitors drawn */
	size_t pdf_len;
	const char *started_at, *finished_at;
} catalog_build;
/* Builds kept per edition and size: the latest CATALOG_BUILDS_KEPT
 * finished ones and the latest CATALOG_BUILDS_KEPT of any state (so a
 * failure stays visible); every older one is deleted with its PDF when a
 * build ends. A build running is never deleted (one cut short is, after
 * ten minutes). */
#define CATALOG_BUILDS_KEPT 3
/* How long /catalogue.pdf serves a catalogue the server drew for a visitor
 * (no committee build being there), in seconds. */
#define CATALOG_AUTO_FRESH (5 * 60)
/* catalog_build_start - record a build of edition_id's catalogue (audited
 * as actor) and start it in a thread of its own; *id gets its id. */
cf_err catalog_build_start(int64_t actor, int64_t edition_id, int a5, int64_t *id) CF_MUST_USE;
cf_err catalog_build_get(arena *a, int64_t id, catalog_build *out) CF_MUST_USE;
/* catalog_builds - edition_id's builds, latest first, at most max. */
cf_err catalog_builds(arena *a, int64_t edition_id, int max, catalog_build **out,
		      size_t *n) CF_MUST_USE;
/* catalog_build_pdf - the PDF of a finished build (CF_ERR_NOTFOUND before). */
cf_err catalog_build_pdf(arena *a, int64_t id, const void **data, size_t *len) CF_MUST_USE;
/* catalog_build_latest - the PDF of edition_id's latest finished build of
 * that size; CF_ERR_NOTFOUND when none. */
cf_err catalog_build_latest(arena *a, int64_t edition_id, int a5, const void **data,
			    size_t *len) CF_MUST_USE;

/* catalog_public_pdf - the catalogue /catalogue.pdf serves: the latest
 * build the committee made; else one the server drew for a visitor less
 * than CATALOG_AUTO_FRESH ago; else it draws one now (in the calling
 * thread, stored as a build without an account, so every later request and
 * every server of a deployment reads it). Requests that find none wait for
 * the one drawing: a crowd does not draw the catalogue once per visitor. */
cf_err catalog_public_pdf(arena *a, int64_t edition_id, int a5, const void **data,
			  size_t *len) CF_MUST_USE;

/* catalog_whatsapp - the wa.me number of a phone (digits only, a Moroccan
 * 0XXXXXXXXX as 212XXXXXXXXX), arena-owned; NULL when it has too few digits. */
const char *catalog_whatsapp(arena *a, const char *phone);

#endif
