/*
 * registry_update.h - the import's "update known cooperatives" mode: a
 * checked line of a file that names a cooperative already in the registry
 * (same registration number key) is compared with it field by field; what
 * the file gives and differs becomes a change, listed for the organiser
 * and, once confirmed, written. What the file leaves empty or has no
 * column for is kept: an empty cell never erases. Used by
 * registry_import.c only; no HTML.
 */
#ifndef CF_REGISTRY_UPDATE_H
#define CF_REGISTRY_UPDATE_H
#include <stdint.h>

#include "registry.h"

/* The values of one checked line; header NULL when the file has no such
 * column, value "" when the cell is empty (both: keep what is stored). */
typedef struct reg_line {
	const char *header[REG_LINE__MAX];
	const char *value[REG_LINE__MAX]; /* as stored: codes, ISO dates, +212 phones */
	int64_t province_id;		  /* with value[REG_LINE_PROVINCE] its French name */
} reg_line;

/* registry_update_known - the changes line `line` makes to cooperative id
 * (appended to rep->changes; rep->updated counts the lines that change
 * something), written when apply. CF_ERR_DB when the registry refused. */
cf_err registry_update_known(arena *a, int64_t id, const reg_line *ln, long line, int apply,
			     import_report *rep) CF_MUST_USE;

#endif
