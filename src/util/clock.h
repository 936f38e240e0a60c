/*
 * clock.h - time as the database keeps it: ISO-8601 UTC text,
 * "2024-02-20T09:30:00Z" (20 characters), made in C and bound to
 * statements (the SQL has no time functions, so that SQLite and PostgreSQL
 * store the same text). Sorting the text sorts the times.
 */
#ifndef CF_CLOCK_H
#define CF_CLOCK_H
#include <time.h>

#define CLOCK_ISO_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* clock_iso - t as "YYYY-MM-DDTHH:MM:SSZ" into out. */
void clock_iso(time_t t, char out[CLOCK_ISO_SIZE]);
/* clock_now_iso - the present moment, the same way. */
void clock_now_iso(char out[CLOCK_ISO_SIZE]);

#endif
