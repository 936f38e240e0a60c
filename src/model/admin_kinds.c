/*
 * admin_kinds.c - the kinds of objects the back office edits: their columns
 * and their literal SQL (see admin.h for the parameter convention: ?1 the
 * edition, ?2 the object's id, ?3.. the columns in order).
 */
#include "admin.h"

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

static const admin_col edition_cols[] = {
	{ "slug", 0 },
	{ "number", 1 },
	{ "name_ar", 0 },
	{ "name_fr", 0 },
	{ "name_en", 0 },
	{ "slogan_ar", 0 },
	{ "slogan_fr", 0 },
	{ "slogan_en", 0 },
	{ "city_ar", 0 },
	{ "city_fr", 0 },
	{ "city_en", 0 },
	{ "region_id", 1 },
	{ "starts_on", 0 },
	{ "ends_on", 0 },
	{ "area_m2", 1 },
	{ "stands_planned", 1 },
	{ "exhibitors_planned", 1 },
	{ "outside_region_planned", 1 },
	{ "chair_ar", 0 },
	{ "chair_fr", 0 },
	{ "chair_en", 0 },
	{ "state", 0 },
	{ "call_opens_on", 0 },
	{ "call_closes_on", 0 },
};
static const char SQL_EDITION_GET[] =
	"SELECT id, id, slug, number, name_ar, name_fr, name_en, slogan_ar, slogan_fr, "
	"slogan_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, "
	"stands_planned, exhibitors_planned, outside_region_planned, chair_ar, chair_fr, "
	"chair_en, state, call_opens_on, call_closes_on FROM edition WHERE id = ?2";
static const char SQL_EDITION_LIST[] =
	"SELECT id, id, slug, number, name_ar, name_fr, name_en, slogan_ar, slogan_fr, "
	"slogan_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, "
	"stands_planned, exhibitors_planned, outside_region_planned, chair_ar, chair_fr, "
	"chair_en, state, call_opens_on, call_closes_on FROM edition WHERE ?1 >= 0 "
	"ORDER BY starts_on DESC, id DESC";
static const char SQL_EDITION_INSERT[] =
	"INSERT INTO edition (slug, number, name_ar, name_fr, name_en, slogan_ar, "
	"slogan_fr, slogan_en, city_ar, city_fr, city_en, region_id, starts_on, ends_on, "
	"area_m2, stands_planned, exhibitors_planned, outside_region_planned, chair_ar, "
	"chair_fr, chair_en, state, call_opens_on, call_closes_on, is_public) VALUES (?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
	"?24, ?25, ?26, CASE WHEN ?24 = 'draft' THEN 0 ELSE 1 END)";
static const char SQL_EDITION_UPDATE[] =
	"UPDATE edition SET slug = ?3, number = ?4, name_ar = ?5, name_fr = ?6, name_en = "
	"?7, slogan_ar = ?8, slogan_fr = ?9, slogan_en = ?10, city_ar = ?11, city_fr = "
	"?12, city_en = ?13, region_id = ?14, starts_on = ?15, ends_on = ?16, area_m2 = "
	"?17, stands_planned = ?18, exhibitors_planned = ?19, outside_region_planned = "
	"?20, chair_ar = ?21, chair_fr = ?22, chair_en = ?23, state = ?24, call_opens_on = ?25, "
	"call_closes_on = ?26, is_public = CASE WHEN ?24 = 'draft' THEN 0 ELSE 1 END WHERE id = ?2";
static const admin_col space_cols[] = {
	{ "kind", 0 },	   { "name_ar", 0 },  { "name_fr", 0 },	 { "name_en", 0 },
	{ "about_ar", 0 }, { "about_fr", 0 }, { "about_en", 0 }, { "position", 1 },
};
static const char SQL_SPACE_GET[] =
	"SELECT id, edition_id, kind, name_ar, name_fr, name_en, about_ar, about_fr, "
	"about_en, position FROM space WHERE id = ?2";
static const char SQL_SPACE_LIST[] =
	"SELECT id, edition_id, kind, name_ar, name_fr, name_en, about_ar, about_fr, "
	"about_en, position FROM space WHERE edition_id = ?1 ORDER BY position, id";
static const char SQL_SPACE_INSERT[] =
	"INSERT INTO space (edition_id, kind, name_ar, name_fr, name_en, about_ar, "
	"about_fr, about_en, position) VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_SPACE_UPDATE[] =
	"UPDATE space SET kind = ?3, name_ar = ?4, name_fr = ?5, name_en = ?6, about_ar = "
	"?7, about_fr = ?8, about_en = ?9, position = ?10 WHERE id = ?2";
static const admin_col category_cols[] = {
	{ "code", 0 }, { "name_ar", 0 }, { "name_fr", 0 }, { "name_en", 0 }, { "position", 1 },
};
static const char SQL_CATEGORY_GET[] =
	"SELECT id, edition_id, code, name_ar, name_fr, name_en, position FROM category "
	"WHERE id = ?2";
static const char SQL_CATEGORY_LIST[] =
	"SELECT id, edition_id, code, name_ar, name_fr, name_en, position FROM category "
	"WHERE edition_id = ?1 ORDER BY position, id";
static const char SQL_CATEGORY_INSERT[] =
	"INSERT INTO category (edition_id, code, name_ar, name_fr, name_en, position) "
	"VALUES (?1, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CATEGORY_UPDATE[] =
	"UPDATE category SET code = ?3, name_ar = ?4, name_fr = ?5, name_en = ?6, "
	"position = ?7 WHERE id = ?2";
static const admin_col coop_cols[] = {
	{ "name_ar", 0 },	{ "name_fr", 0 },     { "legal_form", 0 },    { "reg_number", 0 },
	{ "province_id", 1 },	{ "sector", 0 },      { "products_ar", 0 },   { "products_fr", 0 },
	{ "members_women", 1 }, { "members_men", 1 }, { "members_young", 1 }, { "women_led", 1 },
	{ "contact_name", 0 },	{ "phone", 0 },	      { "email", 0 },
};
static const char SQL_COOP_GET[] =
	"SELECT id, 0, name_ar, name_fr, legal_form, coalesce(reg_number, ''), "
	"province_id, sector, products_ar, products_fr, members_women, members_men, "
	"members_young, women_led, contact_name, phone, email FROM cooperative WHERE id = "
	"?2";
static const char SQL_COOP_LIST[] =
	"SELECT id, 0, name_ar, name_fr, legal_form, coalesce(reg_number, ''), "
	"province_id, sector, products_ar, products_fr, members_women, members_men, "
	"members_young, women_led, contact_name, phone, email FROM cooperative WHERE ?1 "
	">= 0 ORDER BY name_fr, id";
static const char SQL_COOP_INSERT[] =
	"INSERT INTO cooperative (name_ar, name_fr, legal_form, reg_number, province_id, "
	"sector, products_ar, products_fr, members_women, members_men, members_young, "
	"women_led, contact_name, phone, email) VALUES (?3, ?4, ?5, NULLIF(?6, ''), ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
static const char SQL_COOP_UPDATE[] =
	"UPDATE cooperative SET name_ar = ?3, name_fr = ?4, legal_form = ?5, reg_number = "
	"NULLIF(?6, ''), province_id = ?7, sector = ?8, products_ar = ?9, products_fr = "
	"?10, members_women = ?11, members_men = ?12, members_young = ?13, women_led = "
	"?14, women_led_known = 1, members_known = 1, contact_name = ?15, phone = ?16, "
	"email = ?17 WHERE id = ?2";
static const char SQL_SPACE_DELETE[] = "DELETE FROM space WHERE id = ?2";
static const char SQL_CATEGORY_DELETE[] = "DELETE FROM category WHERE id = ?2";

static const admin_col org_cols[] = {
	{ "name_ar", 0 },    { "name_fr", 0 }, { "name_en", 0 },
	{ "short_name", 0 }, { "role", 0 },    { "position", 1 },
};
static const char SQL_ORG_GET[] =
	"SELECT o.id, eo.edition_id, o.name_ar, o.name_fr, o.name_en, o.short_name, eo.role, "
	"eo.position FROM organisation o JOIN edition_organisation eo ON eo.organisation_id = o.id "
	"WHERE o.id = ?2 ORDER BY eo.edition_id DESC LIMIT 1";
static const char SQL_ORG_LIST[] =
	"SELECT o.id, eo.edition_id, o.name_ar, o.name_fr, o.name_en, o.short_name, eo.role, "
	"eo.position FROM organisation o JOIN edition_organisation eo ON eo.organisation_id = o.id "
	"WHERE eo.edition_id = ?1 ORDER BY eo.role, eo.position, o.id";
static const char SQL_ORG_INSERT[] =
	"INSERT INTO organisation (name_ar, name_fr, name_en, short_name) VALUES (?3, ?4, ?5, ?6)";
static const char SQL_ORG_INSERT2[] =
	"INSERT INTO edition_organisation (edition_id, organisation_id, role, position) "
	"VALUES (?1, ?2, ?7, ?8)";
static const char SQL_ORG_UPDATE[] =
	"UPDATE organisation SET name_ar = ?3, name_fr = ?4, name_en = ?5, short_name = ?6 WHERE id = ?2";
static const char SQL_ORG_UPDATE2[] = "UPDATE edition_organisation SET role = ?7, position = ?8 "
				      "WHERE organisation_id = ?2 AND edition_id = ?1";
static const char SQL_ORG_DELETE[] =
	"DELETE FROM edition_organisation WHERE organisation_id = ?2 AND edition_id = ?1";

const admin_kind ADMIN_EDITION = { "edition",
				   edition_cols,
				   N(edition_cols),
				   SQL_EDITION_GET,
				   SQL_EDITION_LIST,
				   SQL_EDITION_INSERT,
				   NULL,
				   SQL_EDITION_UPDATE,
				   NULL,
				   NULL };
const admin_kind ADMIN_SPACE = { "space",	 space_cols,	   N(space_cols), SQL_SPACE_GET,
				 SQL_SPACE_LIST, SQL_SPACE_INSERT, NULL,	  SQL_SPACE_UPDATE,
				 NULL,		 SQL_SPACE_DELETE };
const admin_kind ADMIN_CATEGORY = { "category",
				    category_cols,
				    N(category_cols),
				    SQL_CATEGORY_GET,
				    SQL_CATEGORY_LIST,
				    SQL_CATEGORY_INSERT,
				    NULL,
				    SQL_CATEGORY_UPDATE,
				    NULL,
				    SQL_CATEGORY_DELETE };
const admin_kind ADMIN_ORG = { "organisation",	org_cols,	N(org_cols),	 SQL_ORG_GET,
			       SQL_ORG_LIST,	SQL_ORG_INSERT, SQL_ORG_INSERT2, SQL_ORG_UPDATE,
			       SQL_ORG_UPDATE2, SQL_ORG_DELETE };
const admin_kind ADMIN_COOP = { "cooperative", coop_cols,	N(coop_cols),
				SQL_COOP_GET,  SQL_COOP_LIST,	SQL_COOP_INSERT,
				NULL,	       SQL_COOP_UPDATE, NULL,
				NULL };

_Static_assert(N(edition_cols) == ED__MAX, "edition columns");
_Static_assert(N(space_cols) == SP__MAX, "space columns");
_Static_assert(N(category_cols) == CAT__MAX, "category columns");
_Static_assert(N(org_cols) == ORG__MAX, "organisation columns");
_Static_assert(N(coop_cols) == COOP__MAX, "cooperative columns");
_Static_assert(ED__MAX <= ADMIN_REC_MAX, "record size");
