/* clock.c - see clock.h. */
#include "clock.h"

void clock_iso(time_t t, char out[CLOCK_ISO_SIZE])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, CLOCK_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = 0;
}

void clock_now_iso(char out[CLOCK_ISO_SIZE])
{
	clock_iso(time(NULL), out);
}
