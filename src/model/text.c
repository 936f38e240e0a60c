/* text.c - see text.h. */
#include "text.h"

#include <string.h>

const char *text3_get(const text3 *t, lang l)
{
	static const lang order[] = { LANG_FR, LANG_EN, LANG_AR };
	if (t->v[l] && *t->v[l])
		return t->v[l];
	for (int i = 0; i < 3; i++)
		if (t->v[order[i]] && *t->v[order[i]])
			return t->v[order[i]];
	return "";
}

/* has_arabic - whether s[0..n) holds a letter of the Arabic block
 * (U+0600..U+06FF: lead bytes 0xD8..0xDB). */
static int has_arabic(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xD8 && (unsigned char)s[i] <= 0xDB)
			return 1;
	return 0;
}

const char *text_pick(const char *s, lang l, char *out, size_t cap)
{
	static const char sep[] = " \xe2\x80\x94 "; /* " — " */
	const char *m = s ? strstr(s, sep) : NULL;
	if (!m || strstr(m + 1, sep) || !cap)
		return s ? s : "";
	const char *fr = m + strlen(sep);
	if (!has_arabic(s, (size_t)(m - s)) || has_arabic(fr, strlen(fr)))
		return s;
	const char *from = l == LANG_AR ? s : fr;
	size_t n = l == LANG_AR ? (size_t)(m - s) : strlen(fr);
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)from[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, from, n);
	out[n] = 0;
	return out;
}
