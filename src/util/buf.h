/*
 * buf.h - a growable byte buffer with a hard cap (the curl way).
 *
 * Pages, exports and API answers are built in a buf. Every append checks the
 * cap and fails with CF_ERR_TOOBIG rather than growing without bound; after a
 * failed append the buffer is marked overflowed and further appends are no-ops,
 * so a page builder can append freely and check once at the end.
 * The buffer owns its bytes: free with buf_free.
 */
#ifndef CF_BUF_H
#define CF_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "err.h"

typedef struct buf {
	char *data; /* always NUL-terminated when len > 0 */
	size_t len, size, cap;
	int overflow;
} buf;

void buf_init(buf *b, size_t cap);
void buf_free(buf *b);
void buf_reset(buf *b);
/* buf_append_slow - buf_append when the bytes do not fit in the room
 * already allocated: grows (up to the cap) or marks the overflow. */
cf_err buf_append_slow(buf *b, const void *p, size_t n);

/* buf_append, buf_puts, buf_putc - inline: a page is built from thousands
 * of small pieces, and most fit in the room the buffer already has. */
static inline cf_err buf_append(buf *b, const void *p, size_t n)
{
	/* (the bound on n also tells the compiler the copy is small) */
	if (n < 65536 && !b->overflow && n < b->size - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = 0;
		return CF_OK;
	}
	return buf_append_slow(b, p, n);
}

static inline cf_err buf_puts(buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

static inline cf_err buf_putc(buf *b, char c)
{
	return buf_append(b, &c, 1);
}

cf_err buf_printf(buf *b, const char *fmt, ...) CF_PRINTF(2, 3);
cf_err buf_vprintf(buf *b, const char *fmt, va_list ap) CF_PRINTF(2, 0);
/* buf_detach - the contents (malloc'd, NUL-terminated; NULL when nothing
 * was ever written), now the caller's; b is left empty. */
char *buf_detach(buf *b);
/* buf_cstr - the contents as a C string ("" when empty); owned by b. */
const char *buf_cstr(buf *b);

#endif
