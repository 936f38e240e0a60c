/*
 * routes.c - THE route table: every URL coopfair answers, one line each.
 *
 * Columns: method, pattern, handler, roles accepted (ROLES_PUBLIC = anyone),
 * changes state (1: the router demands a valid CSRF token from the same
 * origin), and optionally whether anonymous visitors may be served from the
 * page cache (public pages only; see cache.h). The router enforces roles and CSRF before any
 * handler runs, and the route x role test in tests/http walks this table. Keep each feature's
 * routes together under its heading.
 */
#include "../model/role.h"
#include "../pages/pages.h"
#include "../pages/admin.h"
#include "../pages/registry.h"
#include "../pages/prize.h"
#include "../pages/gate.h"
#include "../pages/sec.h"
#include "../pages/edition.h"
#include "../pages/stand.h"
#include "../pages/catalog.h"
#include "../pages/prog.h"
#include "../pages/sales.h"
#include "../pages/impact.h"
#include "../pages/b2b.h"
#include "router.h"

const struct route routes[] = {
	/* public site (issue 2) */
	{ HTTP_GET, "/", page_home, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/exhibitors", page_exhibitors, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/exhibitors/{id}", page_exhibitor, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/static/*", page_static, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/healthz", page_health, ROLES_PUBLIC, 0, 0 },

	/* accounts and back office (issue 3) */
	{ HTTP_GET, "/signin", page_signin_form, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/signin", page_signin, ROLES_PUBLIC, 1, 0 },
	{ HTTP_POST, "/signout", page_signout, ROLES_SIGNED_IN, 1, 0 },
	{ HTTP_GET, "/forgot", page_forgot_form, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/forgot", page_forgot, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/reset/*", page_reset_form, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/reset/*", page_reset, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/invite/*", page_invite_form, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/invite/*", page_invite_accept, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/logos/{id}", page_logo, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/admin", page_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/editions/new", page_admin_edition_new, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/editions", page_admin_edition_create, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/editions/{id}", page_admin_edition, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/editions/{id}", page_admin_edition_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/editions/{id}/spaces", page_admin_spaces_list, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/editions/{id}/spaces", page_admin_spaces_create, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/spaces/{id}", page_admin_spaces_edit, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/spaces/{id}", page_admin_spaces_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/spaces/{id}/delete", page_admin_spaces_delete, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/editions/{id}/categories", page_admin_categories_list, ROLES_ORGANISERS,
	  0, 0 },
	{ HTTP_POST, "/admin/editions/{id}/categories", page_admin_categories_create,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/categories/{id}", page_admin_categories_edit, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/categories/{id}", page_admin_categories_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/categories/{id}/delete", page_admin_categories_delete,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/editions/{id}/organisations", page_admin_orgs_list, ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_POST, "/admin/editions/{id}/organisations", page_admin_orgs_create, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_GET, "/admin/organisations/{id}", page_admin_orgs_edit, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/organisations/{id}", page_admin_orgs_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/organisations/{id}/delete", page_admin_orgs_delete, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/organisations/{id}/logo", page_admin_org_logo, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/cooperatives", page_admin_coops, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/cooperatives/new", page_admin_coop_new, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/cooperatives", page_admin_coop_create, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/cooperatives/{id}", page_admin_coop, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/cooperatives/{id}", page_admin_coop_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/cooperatives/{id}/exhibit", page_admin_coop_exhibit, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/exhibitors/{id}/delete", page_admin_exhibitor_delete, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_GET, "/admin/accounts", page_admin_accounts, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/accounts/{id}", page_admin_account, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/accounts/{id}/disable", page_admin_account_disable, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/accounts/{id}/enable", page_admin_account_enable, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/accounts/{id}/grant", page_admin_account_grant, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/accounts/{id}/revoke", page_admin_account_revoke, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/invite", page_admin_invite_form, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/invite", page_admin_invite, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/outbox", page_admin_outbox, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/outbox/{id}/sent", page_admin_outbox_sent, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/audit", page_admin_audit, ROLES_ORGANISERS, 0, 0 },

	/* registry, applications, selection (issue 4) */
	{ HTTP_GET, "/admin/registry", page_registry, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/registry/import", page_registry_import_form, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/registry/import", page_registry_import, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/registry/import/confirm", page_registry_import_confirm,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/registry/export", page_registry_export, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/registry/{id}", page_registry_coop, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/applications", page_applications, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/applications/{id}", page_application, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/applications/{id}/review", page_application_review, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/applications/{id}/status", page_application_status, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_GET, "/admin/photos/{id}", page_admin_photo, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/selection", page_selection, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/selection/rules", page_selection_rules, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/selection/apply", page_selection_apply, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/selection/publish", page_selection_publish, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/my", page_my, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/application", page_my_application, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_POST, "/my/application/withdraw", page_my_withdraw, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_GET, "/my/photos/{id}", page_my_photo, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/photos/{id}/delete", page_my_photo_delete, ROLE_BIT(ROLE_EXHIBITOR), 1,
	  0 },

	/* creativity prize (issue 5) */
	{ HTTP_GET, "/jury", page_prize_jury, ROLE_BIT(ROLE_JURY), 0, 0 },
	{ HTTP_GET, "/jury/entries/{id}", page_prize_sheet, ROLE_BIT(ROLE_JURY), 0, 0 },
	{ HTTP_POST, "/jury/entries/{id}", page_prize_sheet_save, ROLE_BIT(ROLE_JURY), 1, 0 },
	{ HTTP_POST, "/jury/entries/{id}/conflict", page_prize_conflict, ROLE_BIT(ROLE_JURY), 1,
	  0 },
	{ HTTP_GET, "/jury/photos/{id}", page_prize_jury_photo, ROLE_BIT(ROLE_JURY), 0, 0 },
	{ HTTP_GET, "/admin/prize", page_prize_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/prize/categories/{id}", page_prize_admin_category, ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_GET, "/admin/prize/categories/{id}/setup", page_prize_setup, ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/settings", page_prize_settings, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/criteria", page_prize_criterion_add,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/jurors", page_prize_jurors, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/rules", page_prize_rule_add, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/prize/criteria/{id}/delete", page_prize_criterion_delete,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/assign", page_prize_assign, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/close", page_prize_close, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/reopen", page_prize_reopen, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/publish", page_prize_publish, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/admin/prize/categories/{id}/unpublish", page_prize_unpublish,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/prize/certificates.pdf", page_prize_certificates_all, ROLES_ORGANISERS,
	  0, 0 },
	{ HTTP_GET, "/admin/prize/certificates/{id}", page_prize_certificate, ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_GET, "/prize", page_prize_public, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/prize/verify", page_prize_verify, ROLES_PUBLIC, 0, 0 },

	/* badges, gate check-in and visitor counts (issue 14) */
	{ HTTP_GET, "/badges/new", page_badge_new, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/badges/new", page_badge_register, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/badge/*", page_badge_show, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/desk", page_gate_desk, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/desk/badges.pdf", page_gate_sheets, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_POST, "/desk/badges", page_gate_walkin, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/desk/badges/{id}/reissue", page_gate_reissue,
	  ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/desk/gate/{id}", page_gate_page, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_POST, "/desk/gate/{id}", page_gate_scan, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/desk/gate/{id}/tap", page_gate_tap, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_POST, "/api/gate/checkin", page_gate_api_checkin, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/desk/batches", page_gate_batch_start, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_GET, "/desk/batches/{id}", page_gate_batch, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS,
	  0, 0 },
	{ HTTP_GET, "/desk/batches/{id}/badges.pdf", page_gate_batch_pdf,
	  ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/desk/counts", page_gate_admin, ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/desk/counts.csv", page_gate_counts_csv,
	  ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/desk/counts.xlsx", page_gate_counts_xlsx,
	  ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/gate/rules", page_gate_rule_add, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/gate/gates", page_gate_gate_add, ROLES_ORGANISERS, 1, 0 },

	/* security (issue 8) */
	{ HTTP_POST, "/admin/accounts/{id}/password", page_admin_account_password,
	  ROLE_BIT(ROLE_ADMIN), 1, 0 },

	/* the life of an edition, the back office's edition (issue 10) */
	{ HTTP_GET, "/editions/*", page_edition_public, ROLES_PUBLIC, 0, 1 },
	{ HTTP_POST, "/admin/edition", page_admin_edition_switch, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/selection/preview", page_selection_preview, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/messages", page_admin_messages, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/messages", page_admin_messages_post, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/mail", page_admin_mail, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/mail", page_admin_mail_post, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/editions/{id}/current", page_admin_edition_current, ROLES_ORGANISERS,
	  1, 0 },
	/* floor plan and stand allocation (issue 13) */
	{ HTTP_GET, "/plan", page_stand_plan, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/plan.pdf", page_stand_plan_pdf, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/admin/stands", page_stand_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/stands/assign", page_stand_assign, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/move", page_stand_move, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/publish", page_stand_publish, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/stands/venue", page_stand_venue, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/stands/venue/hall", page_stand_venue_hall, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/zone", page_stand_venue_zone, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/zone/delete", page_stand_venue_zone_delete,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/stand", page_stand_venue_stand, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/stand/delete", page_stand_venue_stand_delete,
	  ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/block", page_stand_venue_block, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/stands/venue/entrance", page_stand_venue_entrance, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_POST, "/admin/stands/venue/entrance/delete", page_stand_venue_entrance_delete,
	  ROLES_ORGANISERS, 1, 0 },
	/* the exhibitors' catalogue (issue 18) */
	{ HTTP_GET, "/catalog/photos/{id}", page_catalog_photo, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/catalogue.pdf", page_catalog_pdf, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/exhibitors/{id}/card.pdf", page_catalog_card, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/my/profile", page_catalog_my, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/profile", page_catalog_my_save, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_GET, "/admin/catalog", page_catalog_home, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/catalog/build", page_catalog_build, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/catalog/build/{id}", page_catalog_build_status, ROLES_ORGANISERS, 0,
	  0 },
	{ HTTP_GET, "/admin/catalog/build/{id}/catalogue.pdf", page_catalog_build_pdf,
	  ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/catalog/cards.pdf", page_catalog_cards, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/catalog/{id}", page_catalog_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/catalog/{id}/hide", page_catalog_hide, ROLES_ORGANISERS, 1, 0 },

	/* the programme, bookings and the fair's news (issue 15) */
	{ HTTP_GET, "/programme", page_prog, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/programme/now", page_prog_now, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/programme.ics", page_prog_ics, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/programme/{id}", page_prog_session, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/programme/{id}/calendar.ics", page_prog_session_ics, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/programme/{id}/book", page_prog_book, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/booking/*", page_prog_booking, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/booking/*", page_prog_cancel, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/admin/programme", page_prog_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/programme", page_prog_admin_create, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/programme/settings", page_prog_admin_settings, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/programme/{id}", page_prog_admin_session, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/programme/{id}", page_prog_admin_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/programme/{id}/delete", page_prog_admin_delete, ROLES_ORGANISERS, 1,
	  0 },
	{ HTTP_GET, "/admin/programme/{id}/participants.csv", page_prog_admin_csv, ROLES_ORGANISERS,
	  0, 0 },
	{ HTTP_GET, "/admin/programme/{id}/participants.xlsx", page_prog_admin_xlsx,
	  ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/programme/{id}/attended", page_prog_admin_attended, ROLES_ORGANISERS,
	  1, 0 },
	{ HTTP_GET, "/news", page_news, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/news/{id}", page_news_post, ROLES_PUBLIC, 0, 1 },
	{ HTTP_GET, "/news/{id}/picture.jpg", page_news_picture, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/news/{id}/comment", page_news_comment_form, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/news/{id}/comment", page_news_comment, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/admin/news", page_news_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/news", page_news_admin_create, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_GET, "/admin/news/{id}", page_news_admin_post, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/news/{id}", page_news_admin_save, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/news/{id}/picture", page_news_admin_picture, ROLES_ORGANISERS, 1, 0 },
	{ HTTP_POST, "/admin/comments/{id}", page_news_admin_comment, ROLES_ORGANISERS, 1, 0 },
	/* exhibitors' sales, B2B meetings, the impact report (issue 16) */
	{ HTTP_GET, "/my/sales", page_sales_my, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/sales", page_sales_add, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_POST, "/my/sales/fix", page_sales_fix, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_GET, "/my/orders", page_sales_orders, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/orders", page_sales_order_add, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_POST, "/my/orders/close", page_sales_order_close, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_GET, "/admin/sales", page_sales_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/impact", page_impact, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/impact.csv", page_impact_csv, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/impact.xlsx", page_impact_xlsx, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/admin/impact.pdf", page_impact_pdf, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_GET, "/b2b", page_b2b_home, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/b2b", page_b2b_register, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/b2b/p/*", page_b2b_pro, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/b2b/calendar.ics", page_b2b_pro_ics, ROLES_PUBLIC, 0, 0 },
	{ HTTP_GET, "/b2b/schedule.pdf", page_b2b_pro_pdf, ROLES_PUBLIC, 0, 0 },
	{ HTTP_POST, "/b2b/request", page_b2b_request, ROLES_PUBLIC, 1, 0 },
	{ HTTP_POST, "/b2b/outcome", page_b2b_pro_outcome, ROLES_PUBLIC, 1, 0 },
	{ HTTP_POST, "/b2b/cancel", page_b2b_pro_cancel, ROLES_PUBLIC, 1, 0 },
	{ HTTP_GET, "/my/b2b", page_b2b_my, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_GET, "/my/b2b.ics", page_b2b_my_ics, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_GET, "/my/b2b.pdf", page_b2b_my_pdf, ROLE_BIT(ROLE_EXHIBITOR), 0, 0 },
	{ HTTP_POST, "/my/b2b/answer", page_b2b_answer, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_POST, "/my/b2b/outcome", page_b2b_my_outcome, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_POST, "/my/b2b/cancel", page_b2b_my_cancel, ROLE_BIT(ROLE_EXHIBITOR), 1, 0 },
	{ HTTP_GET, "/admin/b2b", page_b2b_admin, ROLES_ORGANISERS, 0, 0 },
	{ HTTP_POST, "/admin/b2b/tables", page_b2b_table_add, ROLES_ORGANISERS, 1, 0 },
};

const size_t routes_count = sizeof routes / sizeof routes[0];

/* security (issue 8): what the {id} of each role-restricted route names, so
 * that the router checks roles in that object's edition (router.h). */
const struct route_object route_objects[] = {
	{ "/admin/editions/{id}", ACCESS_EDITION },
	{ "/admin/spaces/{id}", ACCESS_SPACE },
	{ "/admin/categories/{id}", ACCESS_CATEGORY },
	{ "/admin/prize/categories/{id}", ACCESS_CATEGORY },
	{ "/admin/prize/criteria/{id}", ACCESS_CRITERION },
	{ "/admin/prize/certificates/{id}", ACCESS_ENTRY },
	{ "/admin/exhibitors/{id}", ACCESS_EXHIBITOR },
	{ "/admin/applications/{id}", ACCESS_APPLICATION },
	{ "/admin/photos/{id}", ACCESS_PHOTO },
	{ "/jury/entries/{id}", ACCESS_ENTRY },
	{ "/jury/photos/{id}", ACCESS_PHOTO },
	{ "/my/photos/{id}", ACCESS_PHOTO },
	{ "/admin/catalog/{id}", ACCESS_EXHIBITOR }, /* issue 18 */
	/* shared by every edition */
	{ "/admin/organisations/{id}", ACCESS_GLOBAL },
	{ "/admin/cooperatives/{id}", ACCESS_GLOBAL },
	{ "/admin/accounts/{id}", ACCESS_GLOBAL },
	{ "/admin/outbox/{id}", ACCESS_GLOBAL },
	{ "/admin/registry/{id}", ACCESS_GLOBAL },
	/* issue 14: a gate and a badge belong to an edition, but no ACCESS_ kind
	 * for them exists yet; the desk role is granted per deployment today */
	{ "/desk/gate/{id}", ACCESS_GLOBAL },
	{ "/desk/badges/{id}", ACCESS_GLOBAL },
	{ "/desk/batches/{id}", ACCESS_GLOBAL },

	/* issue 18: a catalogue build belongs to its edition */
	{ "/admin/catalog/build/{id}", ACCESS_CATALOG_BUILD },

	/* issue 15 */
	{ "/admin/programme/{id}", ACCESS_SESSION },
	{ "/admin/news/{id}", ACCESS_POST },
	{ "/admin/comments/{id}", ACCESS_COMMENT },
};

const size_t route_objects_count = sizeof route_objects / sizeof route_objects[0];

/* security (issue 8): the routes that take uploads, and how much; every other
 * route reads BODY_CAP_FORM (BODY_CAP_PUBLIC when public). */
const struct route_upload route_uploads[] = {
	{ HTTP_POST, "/admin/organisations/{id}/logo", BODY_CAP_UPLOAD },
	{ HTTP_POST, "/admin/registry/import", BODY_CAP_UPLOAD },
	{ HTTP_POST, "/my/application", BODY_CAP_UPLOAD },
	{ HTTP_POST, "/admin/news/{id}/picture", BODY_CAP_UPLOAD },
};

const size_t route_uploads_count = sizeof route_uploads / sizeof route_uploads[0];

/* issue 15: routes with a `seen` hook (router.h): a news post's views are
 * counted in memory on every answer, from the page cache too. */
const struct route_seen route_seens[] = {
	{ "/news/{id}", page_news_post_seen },
};

const size_t route_seens_count = sizeof route_seens / sizeof route_seens[0];
