/*
 * signin_limit.h - sign-in rate limiting, per account and per client
 * address. Failures are counted in the database (table signin_failure) so
 * that every server of a deployment shares the counters. The email is
 * counted whether or not an account has it, so the limit itself tells
 * nothing about which emails exist. Model code: no HTTP.
 */
#ifndef CF_SIGNIN_LIMIT_H
#define CF_SIGNIN_LIMIT_H
#include <stdint.h>

#define SIGNIN_WINDOW (15 * 60) /* seconds over which failures count */
#define SIGNIN_MAX_EMAIL 5	/* failures per email in the window */
#define SIGNIN_MAX_ADDR 20	/* failures per client address (a venue shares one) */

/* signin_limit_wait - 0 when email and addr may try to sign in now, else
 * the number of seconds before the next try is allowed. */
long signin_limit_wait(const char *email, const char *addr);
/* signin_limit_take - check the limits and count this attempt as a failure
 * in one transaction, before the password is checked, so that parallel
 * attempts cannot all pass a check none of them has counted yet. Returns 0
 * when the attempt may go on (ticket identifies it for
 * signin_limit_succeeded), else the seconds to wait (nothing counted), or
 * -1 when the store failed (refuse the attempt). */
long signin_limit_take(const char *email, const char *addr, int64_t ticket[2]);
/* signin_limit_succeeded - the attempt of ticket signed in: it was no
 * failure, and the email's earlier failures are forgotten. */
void signin_limit_succeeded(const char *email, const int64_t ticket[2]);
/* signin_limit_fail - count one failure for email and for addr. */
void signin_limit_fail(const char *email, const char *addr);
/* signin_limit_clear - forget the email's failures (after a success). */
void signin_limit_clear(const char *email);

#endif
