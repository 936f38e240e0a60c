/*
 * arena.h - per-request memory pools, freed in one go (the h2o way).
 *
 * Everything a request needs (parsed parameters, rows read from the database,
 * strings built for the page) is allocated from the request's arena and freed
 * together when the response is sent. Nothing allocated here may outlive the
 * arena; nothing here is freed piecemeal. An arena has a hard cap: past it the
 * allocation aborts the request's thread's work via abort(), because a cap is
 * only reached through a bug or an attack that slipped past the input caps.
 */
#ifndef CF_ARENA_H
#define CF_ARENA_H
#include <stdarg.h>
#include <stddef.h>

#include "err.h"

typedef struct arena arena;

/* arena_new - an empty arena that may grow to cap bytes; free with arena_free. */
arena *arena_new(size_t cap);
void arena_free(arena *a);

/* arena_alloc - n bytes aligned for any type, zeroed; owned by the arena. */
void *arena_alloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* arena_printf - a formatted string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...) CF_PRINTF(2, 3);
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* arena_used - bytes handed out so far (for tests and limits). */
size_t arena_used(const arena *a);

#endif
