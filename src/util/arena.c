/* arena.c - see arena.h. Chunks are linked; big requests get their own chunk. */
#include "arena.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (16 * 1024)

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

/* A heap block the arena owns (arena_adopt): the list is on the heap too,
 * so adopting never touches the cap. */
struct adopted {
	struct adopted *next;
	void *p;
};

struct arena {
	struct chunk *head;
	struct adopted *adopted;
	size_t cap, total;
	jmp_buf *escape;
	int escaped;
};

arena *arena_new(size_t cap)
{
	arena *a = xcalloc(1, sizeof *a);
	a->cap = cap;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	while (a->adopted) {
		struct adopted *n = a->adopted->next;
		free(a->adopted->p);
		free(a->adopted);
		a->adopted = n;
	}
	free(a);
}

void *arena_adopt(arena *a, void *p)
{
	if (!p)
		return NULL;
	struct adopted *n = xmalloc(sizeof *n);
	n->p = p;
	n->next = a->adopted;
	a->adopted = n;
	return p;
}

void *arena_alloc(arena *a, size_t n)
{
	void *p = arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

void *arena_alloc_raw(arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	/* Check against the room left before rounding: near SIZE_MAX the
	 * rounding and the sum would wrap and pass a huge request as a tiny
	 * block. (total <= cap always holds.) */
	if (n <= a->cap - a->total)
		n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (n > a->cap - a->total) {
		fprintf(stderr, "coopfair: request arena cap of %zu bytes passed\n", a->cap);
		if (!a->escape)
			abort();
		jmp_buf *jb = a->escape;
		a->escape = NULL;
		a->escaped = 1;
		a->cap += ARENA_RESERVE;
		longjmp(*jb, 1);
	}
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		/* A big one-off chunk goes behind the head so the head keeps its room. */
		if (a->head && size > CHUNK_SIZE) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	/* Most texts fit a small buffer: format once, then copy. */
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0, small[0] = 0;
	char *p = arena_alloc_raw(a, (size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const arena *a)
{
	return a->total;
}

void arena_set_escape(arena *a, jmp_buf *jb)
{
	a->escape = jb;
}

int arena_escaped(const arena *a)
{
	return a->escaped;
}
