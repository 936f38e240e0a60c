/*
 * text.h - the one rule for text that comes in or goes out: invalid UTF-8
 * becomes U+FFFD; C0 controls other than tab and newlines, DEL, C1
 * controls, and the bidirectional embedding/override/isolate controls
 * (U+202A-U+202E, U+2066-U+2069), which could reorder the text around a
 * person's string, are dropped. The HTML emitters apply it to every %s
 * (html.h); web forms refuse text it would change (admin_form.c); the CSV
 * import, the accounts (CLI, invitations), the CSV/XLSX exports and the PDF
 * certificates apply it to what they store or write. Pure functions.
 */
#ifndef CF_UTIL_TEXT_H
#define CF_UTIL_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* text_utf8_next - decode one code point at s (n bytes left): its length in
 * bytes, or 0 for an invalid or truncated sequence (overlongs and
 * surrogates are invalid). *cp receives the code point. */
size_t text_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
/* text_dropped - 1 when the rule drops code point c. */
int text_dropped(uint32_t c);
/* text_is_clean - 1 when the rule leaves s as it is. */
int text_is_clean(const char *s);
/* text_clean - s after the rule, owned by arena a (NULL for NULL). */
char *text_clean(arena *a, const char *s);
/* text_cleaned - s itself when clean, else text_clean(a, s): no copy for
 * the common case (imports of many rows). */
const char *text_cleaned(arena *a, const char *s);

/* text_ymd - s starts with a day written YYYY-MM-DD (digits exactly
 * there): 1 and the three numbers, read without scanf (pages format dates
 * on every request). 0 otherwise: the caller falls back to sscanf. */
int text_ymd(const char *s, int *y, int *m, int *d);

#endif
