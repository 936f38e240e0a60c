/* buf.c - see buf.h. */
#include "buf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t cap)
{
	memset(b, 0, sizeof *b);
	b->cap = cap;
}

void buf_free(buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

char *buf_detach(buf *b)
{
	char *p = b->data;
	size_t cap = b->cap;
	memset(b, 0, sizeof *b);
	b->cap = cap;
	return p;
}

void buf_reset(buf *b)
{
	b->len = 0;
	b->overflow = 0;
	if (b->data)
		b->data[0] = 0;
}

static cf_err reserve(buf *b, size_t extra)
{
	if (b->overflow)
		return CF_ERR_TOOBIG;
	if (extra > b->cap || b->len + extra + 1 > b->cap) {
		b->overflow = 1;
		return CF_ERR_TOOBIG;
	}
	size_t need = b->len + extra + 1;
	if (need > b->size) {
		size_t size = b->size ? b->size : 1024;
		while (size < need)
			size *= 2;
		if (size > b->cap)
			size = b->cap;
		b->data = xrealloc(b->data, size);
		b->size = size;
	}
	return CF_OK;
}

cf_err buf_append_slow(buf *b, const void *p, size_t n)
{
	cf_err e = reserve(b, n);
	if (e)
		return e;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return CF_OK;
}

cf_err buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return CF_ERR_INVALID;
	cf_err e = reserve(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return CF_OK;
}

cf_err buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cf_err e = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

const char *buf_cstr(buf *b)
{
	return b->len ? b->data : "";
}
