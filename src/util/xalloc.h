/*
 * xalloc.h - allocation that aborts on out-of-memory (the Redis way).
 *
 * coopfair never tries to limp on after malloc fails: a server that cannot
 * allocate a few bytes cannot answer correctly either. Callers therefore
 * never check these for NULL. Memory returned is owned by the caller, freed
 * with free().
 */
#ifndef CF_XALLOC_H
#define CF_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
