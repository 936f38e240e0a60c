/* access.c - see access.h. */
#include "access.h"
#include "../db/db.h"
#include "role.h"

#include <stddef.h>

/* The edition of each kind of object, one statement per kind, indexed by
 * access_kind (ACCESS_GLOBAL has none). */
static const char *const SQL_EDITION_OF[ACCESS__MAX] = {
	[ACCESS_EDITION] = "SELECT id FROM edition WHERE id = ?",
	[ACCESS_SPACE] = "SELECT edition_id FROM space WHERE id = ?",
	[ACCESS_CATEGORY] = "SELECT edition_id FROM category WHERE id = ?",
	[ACCESS_CRITERION] = "SELECT c.edition_id FROM prize_criterion p "
			     "JOIN category c ON c.id = p.category_id WHERE p.id = ?",
	[ACCESS_EXHIBITOR] = "SELECT edition_id FROM exhibitor WHERE id = ?",
	[ACCESS_APPLICATION] = "SELECT edition_id FROM application WHERE id = ?",
	[ACCESS_PHOTO] = "SELECT a.edition_id FROM application_photo p "
			 "JOIN application a ON a.id = p.application_id WHERE p.id = ?",
	[ACCESS_ENTRY] = "SELECT c.edition_id FROM prize_entry e "
			 "JOIN category c ON c.id = e.category_id WHERE e.id = ?",
	[ACCESS_SESSION] = "SELECT edition_id FROM prog_session WHERE id = ?",
	[ACCESS_POST] = "SELECT edition_id FROM news_post WHERE id = ?",
	[ACCESS_COMMENT] = "SELECT p.edition_id FROM news_comment c "
			   "JOIN news_post p ON p.id = c.post_id WHERE c.id = ?",
	[ACCESS_CATALOG_BUILD] = "SELECT edition_id FROM catalog_build WHERE id = ?",
};
static const char *const names[ACCESS__MAX] = {
	[ACCESS_GLOBAL] = "global",
	[ACCESS_EDITION] = "edition",
	[ACCESS_SPACE] = "space",
	[ACCESS_CATEGORY] = "category",
	[ACCESS_CRITERION] = "criterion",
	[ACCESS_EXHIBITOR] = "exhibitor",
	[ACCESS_APPLICATION] = "application",
	[ACCESS_PHOTO] = "photo",
	[ACCESS_ENTRY] = "entry",
	[ACCESS_SESSION] = "session",
	[ACCESS_POST] = "post",
	[ACCESS_COMMENT] = "comment",
	[ACCESS_CATALOG_BUILD] = "catalog_build",
};
static const char SQL_ROLES_IN[] =
	"SELECT role FROM account_role WHERE account_id = ? AND (edition_id IS NULL OR edition_id = ?)";

const char *access_kind_name(access_kind k)
{
	return (unsigned)k < ACCESS__MAX ? names[k] : "?";
}

cf_err access_edition_of(access_kind k, int64_t id, int64_t *edition_id)
{
	*edition_id = 0;
	if ((unsigned)k >= ACCESS__MAX || !SQL_EDITION_OF[k])
		return CF_ERR_NOTFOUND;
	db_stmt *s = db_prepare(db_thread(), SQL_EDITION_OF[k]);
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		*edition_id = db_col_int(s, 0);
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	return *edition_id ? CF_OK : CF_ERR_NOTFOUND;
}

cf_err access_roles_in(int64_t account_id, int64_t edition_id, unsigned *roles)
{
	*roles = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_ROLES_IN);
	db_bind_int(s, 1, account_id);
	db_bind_int(s, 2, edition_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int r = role_parse(db_col_text(s, 0));
		if (r >= 0)
			*roles |= ROLE_BIT(r);
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

int access_may_grant(int64_t actor, int r, int64_t edition_id)
{
	unsigned held = 0;
	if (access_roles_in(actor, edition_id, &held))
		return 0;
	if (r == ROLE_ADMIN || !edition_id)
		return (held & ROLE_BIT(ROLE_ADMIN)) != 0;
	return (held & ROLES_ORGANISERS) != 0;
}
