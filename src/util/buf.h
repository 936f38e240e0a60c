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

#include "err.h"

typedef struct buf {
	char *data; /* always NUL-terminated when len > 0 */
	size_t len, size, cap;
	int overflow;
} buf;

void buf_init(buf *b, size_t cap);
void buf_free(buf *b);
void buf_reset(buf *b);
cf_err buf_append(buf *b, const void *p, size_t n);
cf_err buf_puts(buf *b, const char *s);
cf_err buf_putc(buf *b, char c);
cf_err buf_printf(buf *b, const char *fmt, ...) CF_PRINTF(2, 3);
cf_err buf_vprintf(buf *b, const char *fmt, va_list ap) CF_PRINTF(2, 0);
/* buf_detach - the contents (malloc'd, NUL-terminated; NULL when nothing
 * was ever written), now the caller's; b is left empty. */
char *buf_detach(buf *b);
/* buf_cstr - the contents as a C string ("" when empty); owned by b. */
const char *buf_cstr(buf *b);

#endif
