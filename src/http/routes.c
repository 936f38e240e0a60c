/*
 * routes.c - THE route table: every URL coopfair answers, one line each.
 *
 * Columns: method, pattern, handler, roles accepted (ROLES_PUBLIC = anyone),
 * changes state (1: the router demands a valid CSRF token from the same
 * origin), and optionally whether anonymous visitors may be served from the
 * page cache (public pages only; see cache.h). The router enforces roles and CSRF before any handler runs, and
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
	{HTTP_GET, "/", page_home, ROLES_PUBLIC, 0, 1},
	{HTTP_GET, "/exhibitors", page_exhibitors, ROLES_PUBLIC, 0, 1},
	{HTTP_GET, "/exhibitors/{id}", page_exhibitor, ROLES_PUBLIC, 0, 1},
	{HTTP_GET, "/static/*", page_static, ROLES_PUBLIC, 0, 0},
	{HTTP_GET, "/healthz", page_health, ROLES_PUBLIC, 0, 0},

	/* accounts and back office (issue 3) */
	{HTTP_GET, "/signin", page_signin_form, ROLES_PUBLIC, 0, 0},
	{HTTP_POST, "/signin", page_signin, ROLES_PUBLIC, 1, 0},
	{HTTP_POST, "/signout", page_signout, ROLES_SIGNED_IN, 1, 0},


	/* registry, applications, selection (issue 4) */



	/* creativity prize (issue 5) */
	{HTTP_GET, "/jury", page_prize_jury, ROLE_BIT(ROLE_JURY), 0, 0},
	{HTTP_GET, "/jury/entries/{id}", page_prize_sheet, ROLE_BIT(ROLE_JURY), 0, 0},
	{HTTP_POST, "/jury/entries/{id}", page_prize_sheet_save, ROLE_BIT(ROLE_JURY), 1, 0},
	{HTTP_POST, "/jury/entries/{id}/conflict", page_prize_conflict, ROLE_BIT(ROLE_JURY), 1, 0},
	{HTTP_GET, "/admin/prize", page_prize_admin, ROLES_ORGANISERS, 0, 0},
	{HTTP_GET, "/admin/prize/categories/{id}", page_prize_admin_category, ROLES_ORGANISERS, 0, 0},
	{HTTP_GET, "/admin/prize/categories/{id}/setup", page_prize_setup, ROLES_ORGANISERS, 0, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/settings", page_prize_settings, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/criteria", page_prize_criterion_add, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/jurors", page_prize_jurors, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/rules", page_prize_rule_add, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/criteria/{id}/delete", page_prize_criterion_delete, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/assign", page_prize_assign, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/close", page_prize_close, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/reopen", page_prize_reopen, ROLES_ORGANISERS, 1, 0},
	{HTTP_POST, "/admin/prize/categories/{id}/publish", page_prize_publish, ROLES_ORGANISERS, 1, 0},
	{HTTP_GET, "/admin/prize/certificates.pdf", page_prize_certificates_all, ROLES_ORGANISERS, 0, 0},
	{HTTP_GET, "/admin/prize/certificates/{id}", page_prize_certificate, ROLES_ORGANISERS, 0, 0},
	{HTTP_GET, "/prize", page_prize_public, ROLES_PUBLIC, 0, 1},
	{HTTP_GET, "/prize/verify", page_prize_verify, ROLES_PUBLIC, 0, 0},

};

const size_t routes_count = sizeof routes / sizeof routes[0];
