/*
 * setting.h - deployment-wide settings kept in the database, so that every
 * server of a deployment shares them (e.g. the CSRF key).
 */
#ifndef CF_SETTING_H
#define CF_SETTING_H
#include <stddef.h>

#include "../util/arena.h"

/* setting_get - the value of key, arena-owned, or NULL when unset. */
const char *setting_get(arena *a, const char *key);
/* setting_key32 - a 32-byte key stored as 64 hex digits; CF_ERR_NOTFOUND or
 * CF_ERR_INVALID when missing or malformed. */
cf_err setting_key32(const char *key, unsigned char out[32]) CF_MUST_USE;

#endif
