/*
 * html.h - output only through escaping emitters, one per context (cgit/Fossil).
 *
 * html_printf is the workhorse: its format string is emitted raw and must be a
 * literal (the compiler checks it, -Wformat-nonliteral), while every %s
 * argument is escaped for HTML text *and* quoted attribute context (& < > " '
 * all become entities), and cleaned: invalid UTF-8 becomes U+FFFD, control
 * characters and the bidirectional embedding/override/isolate controls
 * (U+202A-U+202E, U+2066-U+2069) are dropped so that a name can never flip the
 * text around it. Integers (%d %i %u %ld %lu %lld %llu %zu %x) are formatted as
 * printf would. Nothing else is accepted: an unknown directive aborts in tests.
 *
 * For a URL argument use url_arg() (percent-encoding, into the arena) and pass
 * the result as a %s; for JSON use json_str(). html_raw() takes literals only.
 */
#ifndef CF_HTML_H
#define CF_HTML_H
#include <stddef.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/text.h"

void html_printf(buf *b, const char *fmt, ...) CF_PRINTF(2, 3);
/* html_raw - append a trusted literal as is. Never pass user data.
 * Inline, so that a literal's length is known when compiling. */
static inline void html_raw(buf *b, const char *literal)
{
	(void)buf_puts(b, literal);
}
/* html_text - append s escaped for text or quoted-attribute context. */
void html_text(buf *b, const char *s);
/* html_text_n - the same for the first n bytes of s. */
void html_text_n(buf *b, const char *s, size_t n);
/* url_arg - s percent-encoded for a URL query argument (RFC 3986 unreserved
 * characters kept); owned by arena a. */
char *url_arg(arena *a, const char *s);
/* json_str - append s as a JSON string literal with quotes, escaped so that
 * it is also safe inside a <script> element (<, >, & and U+2028/9 escaped). */
void json_str(buf *b, const char *s);
/* text_clean (util/text.h) - s after the same rule html_text applies. */

#endif
