/*
 * rows.h - reading query rows into arena memory: the few steps every model
 * file repeated (a name in three or two language columns, an array of rows
 * that grows as rows come).
 */
#ifndef CF_ROWS_H
#define CF_ROWS_H
#include "../db/db.h"
#include "../util/arena.h"
#include "text.h"

#include <stddef.h>

/* rows_text3 - t from the columns col, col+1, col+2 of the current row
 * (Arabic, French, English, the order of every *_ar, *_fr, *_en column
 * triple); the strings are copied into a. */
void rows_text3(arena *a, db_stmt *s, int col, text3 *t);

/* rows_text2 - t from the columns col (Arabic) and col+1 (French); English
 * is the French text (the tables that hold no English name). */
void rows_text2(arena *a, db_stmt *s, int col, text3 *t);

/* rows_grow - make room for element n of the array v of *cap elements of
 * size bytes: v itself while n < *cap, else a copy in a with twice the room
 * (*cap updated). Use as v = rows_grow(a, v, n, &cap, sizeof *v). */
void *rows_grow(arena *a, void *v, size_t n, size_t *cap, size_t size);

/* rows_reader - copy the current row of s into *elem (strings into a). */
typedef void rows_reader(arena *a, db_stmt *s, void *elem, void *ctx);

/* rows_all - every row of s (already bound), each read by read(a, s,
 * element, ctx) into a new element of size bytes of an array in a; s is
 * finished. *out gets the array (never NULL), *count its length.
 * CF_ERR_DB when s is NULL (it did not prepare) or a step fails. Use as
 *   void *v; e = rows_all(a, s, sizeof **out, read_x, NULL, &v, count);
 *   if (!e) *out = v; */
cf_err rows_all(arena *a, db_stmt *s, size_t size, rows_reader *read, void *ctx, void **out,
		size_t *count) CF_MUST_USE;

#endif
