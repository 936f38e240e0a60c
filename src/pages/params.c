/*
 * params.c - typed readers for request values (see pages.h): a handler gets
 * a number in range or a clear "not one", never strtol's silent 0 or a
 * half-parsed "12abc". Arabic-Indic digits (U+0660..0669) and Eastern
 * Arabic-Indic ones (U+06F0..06F9), which phones in Arabic type, count as
 * digits.
 */
#include "pages.h"

#include <stdint.h>
#include <string.h>

int page_int(const char *s, long long lo, long long hi, long long *out)
{
	if (!s || !*s)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	int neg = 0, digits = 0;
	long long v = 0;
	if (*p == '-')
		neg = 1, p++;
	while (*p) {
		int d;
		if (*p >= '0' && *p <= '9') {
			d = *p - '0';
			p++;
		} else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) { /* U+0660.. */
			d = p[1] - 0xA0;
			p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) { /* U+06F0.. */
			d = p[1] - 0xB0;
			p += 2;
		} else {
			return 0;
		}
		if (++digits > 18)
			return 0;
		v = v * 10 + d;
	}
	if (!digits)
		return 0;
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

int page_int_param(const request *r, const char *key, long long lo, long long hi, long long *out)
{
	return page_int(req_param(r, key), lo, hi, out);
}

int page_id_param(const request *r, const char *key, int64_t *id)
{
	long long v;
	if (!page_int_param(r, key, 1, INT64_MAX, &v))
		return 0;
	*id = v;
	return 1;
}
