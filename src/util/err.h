/*
 * err.h - the one error enum of coopfair.
 *
 * Every function that can fail returns a cf_err and is marked CF_MUST_USE so a
 * caller cannot drop a failure on the floor. CF_OK is zero so `if (err)` reads
 * naturally. Never add a second error type beside this one.
 */
#ifndef CF_ERR_H
#define CF_ERR_H

#define CF_MUST_USE __attribute__((warn_unused_result))
#define CF_PRINTF(f, a) __attribute__((format(printf, f, a)))

typedef enum cf_err {
	CF_OK = 0,
	CF_ERR_NOMEM,	 /* never returned: allocation aborts (see xalloc.h) */
	CF_ERR_IO,	 /* a file or socket could not be read or written */
	CF_ERR_DB,	 /* the database refused or failed */
	CF_ERR_BUSY,	 /* a resource (port, database lock) is in use */
	CF_ERR_INVALID,	 /* input did not validate */
	CF_ERR_NOTFOUND, /* no such object */
	CF_ERR_TOOBIG,	 /* a capped buffer or upload would pass its cap */
	CF_ERR_CONFLICT, /* a uniqueness or reference rule refused the change */
	CF_ERR_PERM,	 /* the caller, known, may not do this (HTTP 403) */
	CF_ERR_VERSION,	 /* the database is newer than this binary, or a migration changed */
	CF_ERR_AUTH,	 /* credentials not accepted: who the caller is is unproven (401) */
	CF_ERR_STATE,	 /* the object's state refuses it now, e.g. a closed category (409) */
	CF_ERR__MAX
} cf_err;

/* cf_strerror - a short English description for logs; never NULL.
 * The HTTP status of each value is decided in one place: http_status()
 * (src/http/request.h). */
const char *cf_strerror(cf_err e);

#endif
