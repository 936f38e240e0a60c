/* rows.c - see rows.h. */
#include "rows.h"

#include <string.h>

void rows_text3(arena *a, db_stmt *s, int col, text3 *t)
{
	for (int l = 0; l < LANG__MAX; l++)
		t->v[l] = arena_strdup(a, db_col_text(s, col + l));
}

void rows_text2(arena *a, db_stmt *s, int col, text3 *t)
{
	t->v[LANG_AR] = arena_strdup(a, db_col_text(s, col));
	t->v[LANG_FR] = arena_strdup(a, db_col_text(s, col + 1));
	t->v[LANG_EN] = t->v[LANG_FR];
}

void *rows_grow(arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	char *w = arena_alloc_raw(a, *cap * 2 * size);
	memcpy(w, v, n * size);
	memset(w + n * size, 0, (*cap * 2 - n) * size);
	*cap *= 2;
	return w;
}

struct kept_rows {
	void *v;
	size_t n;
};

static void *copy_rows(arena *a, const void *v, size_t n, size_t size)
{
	void *w = arena_alloc_raw(a, (n ? n : 1) * size);
	if (n)
		memcpy(w, v, n * size);
	else
		memset(w, 0, size);
	return w;
}

int rows_memo_get(arena *a, const char *key, int64_t arg, size_t size, void **out, size_t *count)
{
	const struct kept_rows *k = db_memo_get(db_thread(), key, arg);
	if (!k)
		return 0;
	*out = copy_rows(a, k->v, k->n, size);
	*count = k->n;
	return 1;
}

void rows_memo_keep(arena *a, arena *ma, const char *key, int64_t arg, size_t size, void **out,
		    size_t count)
{
	if (ma == a)
		return;
	struct kept_rows *k = arena_alloc(ma, sizeof *k);
	k->v = *out;
	k->n = count;
	*out = copy_rows(a, k->v, count, size);
	db_memo_keep(db_thread(), key, arg, ma, a, k);
}

cf_err rows_all(arena *a, db_stmt *s, size_t size, rows_reader *read, void *ctx, void **out,
		size_t *count)
{
	if (!s)
		return CF_ERR_DB;
	size_t n = 0, cap = 16;
	char *v = arena_alloc(a, cap * size);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, size);
		read(a, s, v + n * size, ctx);
		n++;
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	*out = v;
	*count = n;
	return CF_OK;
}
