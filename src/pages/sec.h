/*
 * sec.h - page parts of issue 8 (security hardening). Each handler's
 * comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_SEC_H
#define CF_PAGES_SEC_H
#include "../model/account.h"
#include "pages.h"

/* sec_password.c: an administrator sets a password with the person present */
void page_admin_account_password(request *r);
/* sec_password_form - the form on an account's page (administrators only). */
void sec_password_form(request *r, const account *acc);

#endif
