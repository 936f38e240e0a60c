/*
 * arena.h - per-request memory pools, freed in one go (the h2o way).
 *
 * Everything a request needs (parsed parameters, rows read from the database,
 * strings built for the page) is allocated from the request's arena and freed
 * together when the response is sent. Nothing allocated here may outlive the
 * arena; nothing here is freed piecemeal. An arena has a hard cap: past it the
 * allocation aborts the process, because a cap is only reached through a bug
 * or an attack that slipped past the input caps -- unless an escape is set
 * (arena_set_escape): the router sets one around each request, so that a
 * request over its memory cap gets an error page and the server goes on.
 */
#ifndef CF_ARENA_H
#define CF_ARENA_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include "err.h"

typedef struct arena arena;

/* arena_new - an empty arena that may grow to cap bytes; free with arena_free. */
arena *arena_new(size_t cap);
void arena_free(arena *a);

/* arena_alloc - n bytes aligned for any type, zeroed; owned by the arena. */
void *arena_alloc(arena *a, size_t n);
/* arena_alloc_raw - the same, not zeroed: for memory the caller writes
 * whole before reading it (a copy, a row it clears itself). */
void *arena_alloc_raw(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* arena_printf - a formatted string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...) CF_PRINTF(2, 3);
char *arena_vprintf(arena *a, const char *fmt, va_list ap) CF_PRINTF(2, 0);
/* arena_adopt - the arena takes p (from malloc, may be NULL) and frees it
 * with itself: a heap block a request needs across allocations from its
 * arena is not lost when one of them passes the cap and escapes. Returns p. */
void *arena_adopt(arena *a, void *p);
/* arena_used - bytes handed out so far (for tests and limits). */
size_t arena_used(const arena *a);
/* arena_set_escape - past the cap, log and longjmp(*jb, 1) instead of
 * aborting (NULL: abort again). Before jumping, the escape is cleared and
 * the cap raised once by ARENA_RESERVE bytes, so that the caller can still
 * build an error page in the arena. Whatever the interrupted code held
 * outside the arena (malloc'd buffers, locks) is lost: code that holds a
 * lock must not allocate from a request's arena meanwhile. */
#define ARENA_RESERVE (256u * 1024)
void arena_set_escape(arena *a, jmp_buf *jb);
/* arena_escaped - 1 when this arena has passed its cap (and escaped). */
int arena_escaped(const arena *a);

#endif
