/*
 * admin.h - page handlers of the back office (admin*.c, invite.c).
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_ADMIN_H
#define CF_PAGES_ADMIN_H
#include "pages.h"

/* admin.c: dashboard and editions */
void page_admin(request *r);
void page_admin_edition_new(request *r);
void page_admin_edition_create(request *r);
void page_admin_edition(request *r);
void page_admin_edition_save(request *r);

/* admin_parts.c: spaces, categories, organisations and logos */
void page_admin_spaces_list(request *r);
void page_admin_spaces_create(request *r);
void page_admin_spaces_edit(request *r);
void page_admin_spaces_save(request *r);
void page_admin_spaces_delete(request *r);
void page_admin_categories_list(request *r);
void page_admin_categories_create(request *r);
void page_admin_categories_edit(request *r);
void page_admin_categories_save(request *r);
void page_admin_categories_delete(request *r);
void page_admin_orgs_list(request *r);
void page_admin_orgs_create(request *r);
void page_admin_orgs_edit(request *r);
void page_admin_orgs_save(request *r);
void page_admin_orgs_delete(request *r);
void page_admin_org_logo(request *r);
void page_logo(request *r);

/* admin_coops.c: cooperatives and exhibitors (issue 4 extends them) */
void page_admin_coops(request *r);
void page_admin_coop_new(request *r);
void page_admin_coop_create(request *r);
void page_admin_coop(request *r);
void page_admin_coop_save(request *r);
void page_admin_coop_exhibit(request *r);
void page_admin_exhibitor_delete(request *r);

/* admin_accounts.c */
void page_admin_accounts(request *r);
void page_admin_account(request *r);
void page_admin_account_disable(request *r);
void page_admin_account_enable(request *r);
void page_admin_account_grant(request *r);
void page_admin_account_revoke(request *r);

/* invite.c: invitations and password resets */
void page_admin_invite_form(request *r);
void page_admin_invite(request *r);
void page_invite_form(request *r);
void page_invite_accept(request *r);
void page_forgot_form(request *r);
void page_forgot(request *r);
void page_reset_form(request *r);
void page_reset(request *r);

/* admin_log.c: audit log and outbox */
void page_admin_audit(request *r);
void page_admin_outbox(request *r);
void page_admin_outbox_sent(request *r);

#endif
