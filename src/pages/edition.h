/*
 * edition.h - pages of issue 10: the life of an edition, the edition the
 * back office shows, the public address of every edition, the dashboard.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_EDITION_H
#define CF_PAGES_EDITION_H
#include "../model/edition.h"
#include "pages.h"

/* admin_edition - the edition the back office shows to this request: the
 * address's ?edition=ID, else the one chosen with the switcher (cookie
 * cf_edition, kept for the browser session), else the current edition,
 * else the most recent one. CF_ERR_NOTFOUND when there is no edition. */
cf_err admin_edition(request *r, edition *out) CF_MUST_USE;
/* admin_edition_banner - "Edition shown: NAME (state)" and the switcher;
 * page_begin writes it on every organiser page (/admin...). */
void admin_edition_banner(request *r);
/* edition_state_name - a state in words, in the page's language. */
const char *edition_state_name(lang l, edition_state s);
/* edition_call_text - where the call for applications of e stands today,
 * in words ("open until 30 December 2026", "closed on ..."). */
const char *edition_call_text(request *r, const edition *e);

/* home.c: the public page of one edition */
void home_show(request *r, const edition *e);

/* edition_admin.c */
void page_admin_edition_switch(request *r);
void page_admin_edition_current(request *r);
void page_edition_public(request *r);

/* edition_message.c: edition_site_address - the deployment's address for
 * links in mails (setting base_url, else COOPFAIR_BASE_URL), "" when none. */
const char *edition_site_address(request *r);
void page_admin_messages(request *r);
void page_admin_messages_post(request *r);
/* edition_mail.c: the committee's wording of the mail about an application */
void page_admin_mail(request *r);
void page_admin_mail_post(request *r);

/* edition_publish.c */
void page_selection_preview(request *r);

/* edition_dashboard.c: admin_dashboard - the figures of the edition the
 * back office shows, at the top of GET /admin. */
void admin_dashboard(request *r);

#endif
