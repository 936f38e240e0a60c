/*
 * registry.h - page handlers of issue 4: cooperatives registry, applications, selection.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_REGISTRY_H
#define CF_PAGES_REGISTRY_H
#include "pages.h"

/* registry_admin.c: the registry (organisers) */
void page_registry(request *r);
void page_registry_coop(request *r);
void page_registry_export(request *r);

/* registry_import.c: the import (files in every form organisers have) */
void page_registry_import_form(request *r);
void page_registry_import(request *r);
void page_registry_import_confirm(request *r);

/* registry_my.c: a cooperative's own application (exhibitor accounts) */
void page_my(request *r);
void page_my_application(request *r);
void page_my_withdraw(request *r);
void page_my_photo(request *r);
void page_my_photo_delete(request *r);

/* registry_review.c: the committee's review */
void page_applications(request *r);
void page_application(request *r);
void page_application_review(request *r);
void page_application_status(request *r);
void page_admin_photo(request *r);

/* registry_selection.c: rules, the assistant, publication */
void page_selection(request *r);
void page_selection_rules(request *r);
void page_selection_apply(request *r);
void page_selection_publish(request *r);

/* Shared by the pages above (registry_admin.c). */
struct application;
struct sel_edition;
/* reg_photo - serve application photo r->id (404 when none, or when
 * only_coop is set and the photo is another cooperative's). */
void reg_photo(request *r, int64_t only_coop);
/* reg_rule_name - one selection rule (a bit of sel_check's answer) in words. */
const char *reg_rule_name(request *r, const struct sel_edition *ed, unsigned bit);
/* reg_breaks_box - the warning listing the rules the accepted set breaks. */
void reg_breaks_box(request *r, const struct sel_edition *ed, unsigned broken, int accepted);
/* reg_subnav - the links between the registry's back-office pages. */
void reg_subnav(request *r, const char *current);
/* reg_names - a cooperative's name in the page's script first, each in <bdi>. */
void reg_names(request *r, const char *ar, const char *fr);
/* reg_refuse - a page saying why a request cannot be done now (409, 422...),
 * with a link back to where the user came from. */
void reg_refuse(request *r, int status, const char *message, const char *back);
/* reg_status_tag - a status as a coloured tag (class status-CODE). */
void reg_status_tag(request *r, int status);

#endif
