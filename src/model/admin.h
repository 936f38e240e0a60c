/*
 * admin.h - the objects the committee edits in the back office: editions,
 * spaces, prize categories, organisations (organiser and partners, with
 * their logos) and cooperatives with their participation in an edition.
 *
 * Each kind of object is described once (admin_kind): its columns, as text
 * values in a fixed order, and its literal SQL statements. Every statement
 * of a kind binds the same numbered parameters: ?1 the edition, ?2 the
 * object's id, ?3.. the columns in order, so one binder serves them all.
 * Every change runs in one transaction together with its audit_record
 * (before and after as JSON objects built with jansson): the log and the
 * data never disagree, and a refused change writes nothing.
 *
 * Validation of what people type belongs to the pages (they re-show each
 * field with its reason); the model relies on the database's constraints
 * as a last guard and reports them as CF_ERR_CONFLICT.
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_ADMIN_H
#define CF_ADMIN_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

#define ADMIN_REC_MAX 24
#define LOGO_MAX (512u * 1024u) /* bytes */

typedef struct admin_col {
	const char *name; /* the column, also the key in audit JSON */
	int is_int;	  /* bound and logged as an integer */
} admin_col;

/* One object: its id, the edition it belongs to (0 for none), and its
 * column values as text (arena-owned), in the kind's column order. */
typedef struct admin_rec {
	int64_t id, edition_id;
	const char *v[ADMIN_REC_MAX];
} admin_rec;

typedef struct admin_kind {
	const char *type; /* audit object type: "space", "edition"... */
	const admin_col *cols;
	int ncols;
	const char *sql_get;	 /* SELECT id, edition, cols... WHERE id = ?2 */
	const char *sql_list;	 /* SELECT id, edition, cols... for edition ?1 */
	const char *sql_insert;	 /* then rec->id = last id */
	const char *sql_insert2; /* optional, run after sql_insert with ?2 set */
	const char *sql_update;
	const char *sql_update2; /* optional */
	const char *sql_delete;
} admin_kind;

/* The kinds, and the index of each column (for pages and tests). */
enum {
	ED_SLUG,
	ED_NUMBER,
	ED_NAME_AR,
	ED_NAME_FR,
	ED_NAME_EN,
	ED_SLOGAN_AR,
	ED_SLOGAN_FR,
	ED_SLOGAN_EN,
	ED_CITY_AR,
	ED_CITY_FR,
	ED_CITY_EN,
	ED_REGION,
	ED_STARTS,
	ED_ENDS,
	ED_AREA,
	ED_STANDS,
	ED_EXHIBITORS,
	ED_OUTSIDE,
	ED_CHAIR_AR,
	ED_CHAIR_FR,
	ED_CHAIR_EN,
	ED_STATE,
	ED_CALL_OPENS,
	ED_CALL_CLOSES,
	ED__MAX
};
enum {
	SP_KIND,
	SP_NAME_AR,
	SP_NAME_FR,
	SP_NAME_EN,
	SP_ABOUT_AR,
	SP_ABOUT_FR,
	SP_ABOUT_EN,
	SP_POSITION,
	SP__MAX
};
enum { CAT_CODE, CAT_NAME_AR, CAT_NAME_FR, CAT_NAME_EN, CAT_POSITION, CAT__MAX };
enum { ORG_NAME_AR, ORG_NAME_FR, ORG_NAME_EN, ORG_SHORT, ORG_ROLE, ORG_POSITION, ORG__MAX };
enum {
	COOP_NAME_AR,
	COOP_NAME_FR,
	COOP_LEGAL_FORM,
	COOP_REG_NUMBER,
	COOP_PROVINCE,
	COOP_SECTOR,
	COOP_PRODUCTS_AR,
	COOP_PRODUCTS_FR,
	COOP_WOMEN,
	COOP_MEN,
	COOP_YOUNG,
	COOP_WOMEN_LED,
	COOP_CONTACT,
	COOP_PHONE,
	COOP_EMAIL,
	COOP__MAX
};

extern const admin_kind ADMIN_EDITION, ADMIN_SPACE, ADMIN_CATEGORY, ADMIN_ORG, ADMIN_COOP;

/* admin_get - one object; CF_ERR_NOTFOUND when there is none. */
cf_err admin_get(arena *a, const admin_kind *k, int64_t id, admin_rec *out) CF_MUST_USE;
/* admin_list - the objects of an edition (every object when the kind has
 * no edition); the count is returned, the array (arena-owned) in *out. */
cf_err admin_list(arena *a, const admin_kind *k, int64_t edition_id, admin_rec **out,
		  size_t *count) CF_MUST_USE;
/* admin_save - insert rec (rec->id == 0; rec->id is set) or update it, and
 * audit it as actor, in one transaction. CF_ERR_NOTFOUND when the object
 * to update is gone, CF_ERR_CONFLICT when a constraint refuses it. */
cf_err admin_save(int64_t actor, const admin_kind *k, admin_rec *rec) CF_MUST_USE;
/* admin_delete - delete (for organisations: take off the edition) and
 * audit. CF_ERR_CONFLICT when other objects still refer to it. */
cf_err admin_delete(int64_t actor, const admin_kind *k, int64_t id) CF_MUST_USE;

/* admin_rec_json - rec as a JSON object text (arena-owned). */
char *admin_rec_json(arena *a, const admin_kind *k, const admin_rec *rec);

/* A choice for a select: value and its names. */
typedef struct admin_choice {
	int64_t id;
	const char *code, *name_ar, *name_fr, *name_en;
} admin_choice;
cf_err admin_regions(arena *a, admin_choice **out, size_t *count) CF_MUST_USE;
cf_err admin_provinces(arena *a, admin_choice **out, size_t *count) CF_MUST_USE;
/* admin_editions - every edition, most recent first (name in name_*). */
cf_err admin_editions(arena *a, admin_choice **out, size_t *count) CF_MUST_USE;
/* admin_coop_choices - every cooperative (name_ar, name_fr), by French name. */
cf_err admin_coop_choices(arena *a, admin_choice **out, size_t *count) CF_MUST_USE;

/* Participation of a cooperative in editions (an exhibitor row). */
typedef struct admin_exhibit {
	int64_t id, edition_id, category_id;
	const char *edition_name_fr, *edition_name_ar, *category_code;
	const char *category_name_ar, *category_name_fr;
} admin_exhibit;
cf_err admin_coop_exhibits(arena *a, int64_t coop_id, admin_exhibit **out,
			   size_t *count) CF_MUST_USE;
/* admin_exhibit_add - the cooperative exhibits in the edition under the
 * category (which must belong to that edition: CF_ERR_INVALID otherwise);
 * CF_ERR_CONFLICT when it already does; CF_ERR_PERM when actor is no
 * organiser of that edition (access.h). */
cf_err admin_exhibit_add(int64_t actor, int64_t coop_id, int64_t edition_id, int64_t category_id,
			 int64_t *id) CF_MUST_USE;
/* admin_exhibit_delete - *coop_id gets the cooperative's id. */
cf_err admin_exhibit_delete(int64_t actor, int64_t exhibitor_id, int64_t *coop_id) CF_MUST_USE;

/* Logos. logo_kind - "image/png" or "image/jpeg" from the first bytes,
 * NULL for anything else (SVG and the rest are refused). */
const char *logo_kind(const void *data, size_t n);
/* logo_set - store a logo for the organisation (CF_ERR_TOOBIG past
 * LOGO_MAX, CF_ERR_INVALID when not PNG/JPEG), audited. */
cf_err logo_set(int64_t actor, int64_t org_id, const void *data, size_t n) CF_MUST_USE;
/* logo_get - the logo's bytes and type (arena-owned). */
cf_err logo_get(arena *a, int64_t org_id, const void **data, size_t *n,
		const char **type) CF_MUST_USE;
/* logo_has - whether the organisation has a logo. */
int logo_has(int64_t org_id);
/* logo_owners - the ids of every organisation with a logo, ascending, in
 * one query (a page with several organisations asks once). */
cf_err logo_owners(arena *a, int64_t **ids, size_t *n) CF_MUST_USE;

#endif
