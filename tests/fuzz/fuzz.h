/*
 * fuzz.h - what the libFuzzer targets share: the input as a C string, and
 * the properties every cleaned output must have (valid UTF-8, no bidi
 * embedding/override/isolate control). A broken property aborts, which
 * libFuzzer reports as a crash with the input that caused it.
 */
#ifndef CF_FUZZ_H
#define CF_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_cstr - data as a NUL-terminated string (stops at an inner NUL, as C
 * strings from the HTTP library do); free() it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = 0;
	return s;
}

#define FUZZ_CHECK(cond)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz: %s:%d: %s does not hold\n", __FILE__, __LINE__, \
				#cond);                                                        \
			abort();                                                               \
		}                                                                              \
	} while (0)

/* fuzz_utf8_ok - s is valid UTF-8; when clean is set, also with no bidi
 * control (U+202A-202E, U+2066-2069) and no C0 control but tab and
 * newlines (what html_text and text_clean promise). */
static inline int fuzz_utf8_ok(const char *s, size_t n, int clean)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		uint32_t c;
		int k;
		if (*p < 0x80) {
			if (clean && *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				return 0;
			p++;
			continue;
		} else if ((*p & 0xE0) == 0xC0) {
			k = 1, c = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			k = 2, c = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			k = 3, c = *p & 0x07;
		} else {
			return 0;
		}
		if (end - p <= k)
			return 0;
		for (int i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3F);
		}
		static const uint32_t min[4] = { 0, 0x80, 0x800, 0x10000 };
		if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		if (clean && ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)))
			return 0;
		p += k + 1;
	}
	return 1;
}

#endif
