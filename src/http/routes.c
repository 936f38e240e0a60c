/*
 * routes.c - THE route table: every URL coopfair answers, one line each.
 *
 * Columns: method, pattern, handler, roles accepted (ROLES_PUBLIC = anyone),
 * changes state (1: the router demands a valid CSRF token from the same
 * origin). The router enforces roles and CSRF before any handler runs, and
 * the route x role test in tests/http walks this table.
 * Keep each feature's routes together under its heading.
 */
#include "../model/role.h"
#include "../pages/pages.h"
#include "../pages/accounts.h"
#include "../pages/registry.h"
#include "../pages/prize.h"
#include "router.h"

const struct route routes[] = {
	/* public site (issue 2) */
	{HTTP_GET, "/", page_home, ROLES_PUBLIC, 0},
	{HTTP_GET, "/exhibitors", page_exhibitors, ROLES_PUBLIC, 0},
	{HTTP_GET, "/exhibitors/{id}", page_exhibitor, ROLES_PUBLIC, 0},
	{HTTP_GET, "/static/*", page_static, ROLES_PUBLIC, 0},
	{HTTP_GET, "/healthz", page_health, ROLES_PUBLIC, 0},

	/* accounts and back office (issue 3) */
	{HTTP_GET, "/signin", page_signin_form, ROLES_PUBLIC, 0},
	{HTTP_POST, "/signin", page_signin, ROLES_PUBLIC, 1},
	{HTTP_POST, "/signout", page_signout, ROLES_SIGNED_IN, 1},


	/* registry, applications, selection (issue 4) */
	{HTTP_GET, "/admin/registry", page_registry, ROLES_ORGANISERS, 0},
	{HTTP_GET, "/admin/registry/import", page_registry_import_form, ROLES_ORGANISERS, 0},
	{HTTP_POST, "/admin/registry/import", page_registry_import, ROLES_ORGANISERS, 1},
	{HTTP_GET, "/admin/registry/export", page_registry_export, ROLES_ORGANISERS, 0},
	{HTTP_GET, "/admin/registry/{id}", page_registry_coop, ROLES_ORGANISERS, 0},
	{HTTP_GET, "/admin/applications", page_applications, ROLES_ORGANISERS, 0},
	{HTTP_GET, "/admin/applications/{id}", page_application, ROLES_ORGANISERS, 0},
	{HTTP_POST, "/admin/applications/{id}/review", page_application_review, ROLES_ORGANISERS, 1},
	{HTTP_POST, "/admin/applications/{id}/status", page_application_status, ROLES_ORGANISERS, 1},
	{HTTP_GET, "/admin/photos/{id}", page_admin_photo, ROLES_ORGANISERS, 0},
	{HTTP_GET, "/admin/selection", page_selection, ROLES_ORGANISERS, 0},
	{HTTP_POST, "/admin/selection/rules", page_selection_rules, ROLES_ORGANISERS, 1},
	{HTTP_POST, "/admin/selection/apply", page_selection_apply, ROLES_ORGANISERS, 1},
	{HTTP_POST, "/admin/selection/publish", page_selection_publish, ROLES_ORGANISERS, 1},
	{HTTP_GET, "/my", page_my, ROLE_BIT(ROLE_EXHIBITOR), 0},
	{HTTP_POST, "/my/application", page_my_application, ROLE_BIT(ROLE_EXHIBITOR), 1},
	{HTTP_POST, "/my/application/withdraw", page_my_withdraw, ROLE_BIT(ROLE_EXHIBITOR), 1},
	{HTTP_GET, "/my/photos/{id}", page_my_photo, ROLE_BIT(ROLE_EXHIBITOR), 0},
	{HTTP_POST, "/my/photos/{id}/delete", page_my_photo_delete, ROLE_BIT(ROLE_EXHIBITOR), 1},



	/* creativity prize (issue 5) */

};

const size_t routes_count = sizeof routes / sizeof routes[0];
