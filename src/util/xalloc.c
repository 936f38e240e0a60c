/* xalloc.c - see xalloc.h. */
#include "xalloc.h"
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "coopfair: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

const char *cf_strerror(cf_err e)
{
	static const char *const names[CF_ERR__MAX] = {
		[CF_OK] = "ok",
		[CF_ERR_NOMEM] = "out of memory",
		[CF_ERR_IO] = "input/output error",
		[CF_ERR_DB] = "database error",
		[CF_ERR_BUSY] = "resource busy",
		[CF_ERR_INVALID] = "invalid input",
		[CF_ERR_NOTFOUND] = "not found",
		[CF_ERR_TOOBIG] = "too large",
		[CF_ERR_CONFLICT] = "conflict",
		[CF_ERR_PERM] = "permission denied",
		[CF_ERR_VERSION] = "database newer than this program",
		[CF_ERR_AUTH] = "credentials not accepted",
		[CF_ERR_STATE] = "not allowed in the object's current state",
	};
	if ((unsigned)e >= CF_ERR__MAX || !names[e])
		return "unknown error";
	return names[e];
}
