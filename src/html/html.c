/* html.c - the escaping emitters; see html.h for the contract. */
#include "html.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The class of each byte for emit_clean's fast path: 0 is copied as is
 * (printable ASCII other than the HTML specials), 1 is looked at (controls,
 * DEL, & < > " '), 2 starts a multi-byte sequence (or is not UTF-8), 3
 * leads a two-byte character that is never a C1 control (U+00C0..U+07FF:
 * accented Latin, Arabic). */
static const unsigned char byte_class[256] = {
	[0x00 ... 0x1F] = 1, ['&'] = 1,		  ['<'] = 1,  ['>'] = 1,
	['"'] = 1,	     ['\''] = 1,	  [0x7F] = 1, [0x80 ... 0xC2] = 2,
	[0xC3 ... 0xDF] = 3, [0xE0 ... 0xFF] = 2,
};

/* emit_clean - html_text's loop: the text rule (util/text.h), and, when
 * escape is set, HTML specials as entities. Runs of plain ASCII and of
 * two-byte characters (Arabic, accented Latin) that the rule keeps are
 * skipped without decoding; everything else goes through text_utf8_next.
 * n == SIZE_MAX: up to the terminating NUL, found on the way (a string is
 * read once, not measured first); text_utf8_next stops at the NUL too. */
static void emit_clean(buf *b, const char *s, size_t n, int escape)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned char k = byte_class[p[i]];
		if (!k) {
			i++;
			continue;
		}
		/* a two-byte character kept as is (i + 1 < n: p[i] is no NUL) */
		if (k == 3 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if (!p[i] && n == SIZE_MAX)
			break;
		/* U+0080..U+07FF, well formed; only U+0080..U+009F are dropped */
		if (k == 2 && p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < n &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i] != 0xC2 || p[i + 1] >= 0xA0)) {
			i += 2;
			continue;
		}
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		const char *rep = NULL;
		if (len == 0) {
			rep = "\xEF\xBF\xBD";
			len = 1;
		} else if (text_dropped(c)) {
			rep = "";
		} else if (escape) {
			switch (c) {
			case '&':
				rep = "&amp;";
				break;
			case '<':
				rep = "&lt;";
				break;
			case '>':
				rep = "&gt;";
				break;
			case '"':
				rep = "&quot;";
				break;
			case '\'':
				rep = "&#39;";
				break;
			default:
				break;
			}
		}
		if (rep) {
			if (i > run)
				(void)buf_append(b, p + run, i - run);
			(void)buf_puts(b, rep);
			run = i + len;
		}
		i += len;
	}
	if (i > run)
		(void)buf_append(b, p + run, i - run);
}

void html_text_n(buf *b, const char *s, size_t n)
{
	if (s)
		emit_clean(b, s, n, 1);
}

void html_text(buf *b, const char *s)
{
	if (s)
		emit_clean(b, s, SIZE_MAX, 1);
}

void html_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt, *lit = fmt;
	while (*p) {
		if (*p != '%') {
			const char *pct = strchr(p, '%');
			p = pct ? pct : p + strlen(p);
			continue;
		}
		if (p > lit)
			(void)buf_append(b, lit, (size_t)(p - lit));
		const char *d = p + 1;
		char tmp[64];
		if (*d == '%') {
			(void)buf_putc(b, '%');
			p = d + 1;
		} else if (*d == 's') {
			html_text(b, va_arg(ap, const char *));
			p = d + 1;
		} else {
			/* integer directives: [l|ll|z](d|i|u|x) */
			int longs = 0, z = 0;
			const char *q = d;
			while (*q == 'l' && longs < 2)
				longs++, q++;
			if (*q == 'z')
				z = 1, q++;
			char conv = *q;
			size_t slen = (size_t)(q - p) + 1;
			/* conv == 0 is a trailing '%': strchr would find the
			 * terminator and the loop would run past the format. */
			if (!conv || !strchr("diux", conv) || slen > 6) {
				assert(!"html_printf: unsupported directive");
				break;
			}
			int signd = conv == 'd' || conv == 'i';
			unsigned long long u;
			int neg = 0;
			if (z) {
				u = va_arg(ap, size_t);
			} else if (signd) {
				long long v = longs == 2   ? va_arg(ap, long long)
					      : longs == 1 ? va_arg(ap, long)
							   : va_arg(ap, int);
				neg = v < 0;
				u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
			} else {
				u = longs == 2	 ? va_arg(ap, unsigned long long)
				    : longs == 1 ? va_arg(ap, unsigned long)
						 : va_arg(ap, unsigned);
			}
			/* digits from the end of tmp: no printf for a number */
			char *t = tmp + sizeof tmp - 1;
			unsigned base = conv == 'x' ? 16 : 10;
			*t = 0;
			do
				*--t = "0123456789abcdef"[u % base];
			while (u /= base);
			if (neg)
				*--t = '-';
			(void)buf_puts(b, t);
			p = q + 1;
		}
		lit = p;
	}
	if (p > lit)
		(void)buf_append(b, lit, (size_t)(p - lit));
	va_end(ap);
}

char *url_arg(arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, n * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = 0;
	return out;
}

void json_str(buf *b, const char *s)
{
	(void)buf_putc(b, '"');
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), i = 0;
	while (i < n) {
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		if (len == 0) {
			(void)buf_puts(b, "\\ufffd");
			i++;
			continue;
		}
		switch (c) {
		case '"':
			(void)buf_puts(b, "\\\"");
			break;
		case '\\':
			(void)buf_puts(b, "\\\\");
			break;
		case '\n':
			(void)buf_puts(b, "\\n");
			break;
		case '\r':
			(void)buf_puts(b, "\\r");
			break;
		case '\t':
			(void)buf_puts(b, "\\t");
			break;
		case '<':
			(void)buf_puts(b, "\\u003c");
			break;
		case '>':
			(void)buf_puts(b, "\\u003e");
			break;
		case '&':
			(void)buf_puts(b, "\\u0026");
			break;
		case 0x2028:
			(void)buf_puts(b, "\\u2028");
			break;
		case 0x2029:
			(void)buf_puts(b, "\\u2029");
			break;
		default:
			if (c < 0x20)
				(void)buf_printf(b, "\\u%04x", (unsigned)c);
			else
				(void)buf_append(b, p + i, len);
		}
		i += len;
	}
	(void)buf_putc(b, '"');
}
