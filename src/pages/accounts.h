/*
 * accounts.h - page handlers of issue 3: accounts, roles, back office.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_ACCOUNTS_H
#define CF_PAGES_ACCOUNTS_H
#include "pages.h"

#endif
