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



	/* creativity prize (issue 5) */

};

const size_t routes_count = sizeof routes / sizeof routes[0];
