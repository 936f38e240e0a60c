/* text.c - see text.h. */
#include "text.h"

#include <string.h>

size_t text_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int text_dropped(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	if (c >= 0x7F && c < 0xA0)
		return 1;
	if (c >= 0x202A && c <= 0x202E)
		return 1;
	if (c >= 0x2066 && c <= 0x2069)
		return 1;
	return 0;
}

int text_is_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		/* the common cases first: printable ASCII, and two-byte letters
		 * from U+00C0 on (Latin accents, Arabic), none of them dropped */
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		if (p[i] >= 0xC3 && p[i] <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		if (!len || text_dropped(c))
			return 0;
		i += len;
	}
	return 1;
}

/* Two passes (measure, then write into the arena): no heap buffer is live
 * while the arena allocates, so a request that passes its memory cap here
 * (the arena escapes by longjmp) leaks nothing. */
char *text_clean(arena *a, const char *s)
{
	if (!s)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), out = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		if (!len)
			out += 3, len = 1;
		else if (!text_dropped(c))
			out += len;
		i += len;
	}
	char *r = arena_alloc(a, out + 1), *w = r;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		if (!len)
			memcpy(w, "\xEF\xBF\xBD", 3), w += 3, len = 1;
		else if (!text_dropped(c))
			memcpy(w, p + i, len), w += len;
		i += len;
	}
	*w = 0;
	return r;
}

const char *text_cleaned(arena *a, const char *s)
{
	return !s || text_is_clean(s) ? s : text_clean(a, s);
}
