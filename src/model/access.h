/*
 * access.h - edition-scoped roles: which edition an object belongs to, which
 * roles an account holds in an edition, and who may grant a role where.
 *
 * A role is held in every edition (account_role.edition_id NULL) or in one
 * edition. The router (router.c) is the one caller that enforces it on the
 * objects named by a route's {id}: it asks access_edition_of for the
 * object's edition and checks the route's roles against access_roles_in for
 * that edition, before any handler runs. Model code: no HTTP, no HTML.
 */
#ifndef CF_ACCESS_H
#define CF_ACCESS_H
#include <stdint.h>

#include "../util/err.h"

/* What a route's {id} names. ACCESS_GLOBAL: an object that belongs to no
 * edition (a cooperative, an account, an organisation, a message). */
typedef enum access_kind {
	ACCESS_GLOBAL,
	ACCESS_EDITION,
	ACCESS_SPACE,
	ACCESS_CATEGORY, /* also a prize category: same id */
	ACCESS_CRITERION,
	ACCESS_EXHIBITOR,
	ACCESS_APPLICATION,
	ACCESS_PHOTO,	      /* an application's photo */
	ACCESS_ENTRY,	      /* a prize entry */
	ACCESS_SESSION,	      /* a session of the programme (issue 15) */
	ACCESS_POST,	      /* a news post */
	ACCESS_COMMENT,	      /* a comment on a news post */
	ACCESS_CATALOG_BUILD, /* a build of the exhibitors' catalogue (issue 18) */
	ACCESS__MAX
} access_kind;

/* access_kind_name - "edition", "space", ... ("global" for ACCESS_GLOBAL). */
const char *access_kind_name(access_kind k);
/* access_edition_of - the edition object id of kind k belongs to.
 * CF_ERR_NOTFOUND when there is no such object (or k is ACCESS_GLOBAL). */
cf_err access_edition_of(access_kind k, int64_t id, int64_t *edition_id) CF_MUST_USE;
/* access_roles_in - the ROLE_BIT()s account holds in edition: the roles it
 * holds in every edition and those scoped to that one. */
cf_err access_roles_in(int64_t account_id, int64_t edition_id, unsigned *roles) CF_MUST_USE;
/* access_may_grant - 1 when actor may grant or revoke role r in edition_id
 * (0: every edition): admin only for the admin role and for every edition;
 * otherwise an organiser (admin or committee) of that edition. */
int access_may_grant(int64_t actor, int r, int64_t edition_id);

#endif
