/* registry_upload.c - uploaded import files kept until the organiser
 * confirms how they read (see registry.h), and the preview of their first
 * rows. */
#include "../db/db.h"
#include "../util/xalloc.h"
#include "registry.h"
#include "registry_csv.h"
#include "../util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_KEEP[] =
	"INSERT INTO registry_upload (account_id, created_at, filename, data) VALUES (?, ?, ?, ?)";
static const char SQL_EXPIRE[] = "DELETE FROM registry_upload WHERE created_at < ?";
static const char SQL_GET[] =
	"SELECT filename, data FROM registry_upload WHERE id = ? AND account_id = ?";
static const char SQL_DROP[] = "DELETE FROM registry_upload WHERE id = ?";

cf_err registry_upload_keep(int64_t account, const char *filename, const char *data, size_t len,
			    int64_t *id)
{
	db *d = db_thread();
	char now[21], old[21];
	time_t t = time(NULL);
	clock_iso(t, now);
	clock_iso(t - 86400, old);
	db_stmt *s = db_prepare(d, SQL_EXPIRE);
	db_bind_text(s, 1, old);
	cf_err e = db_run(s);
	if (e)
		return e;
	s = db_prepare(d, SQL_KEEP);
	db_bind_int(s, 1, account);
	db_bind_text(s, 2, now);
	db_bind_text(s, 3, filename ? filename : "");
	db_bind_blob(s, 4, data, len);
	e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

cf_err registry_upload_get(arena *a, int64_t id, int64_t account, const char **filename,
			   char **data, size_t *len)
{
	db_stmt *s = db_prepare(db_thread(), SQL_GET);
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, account);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		size_t n;
		const void *p = db_col_blob(s, 1, &n);
		*filename = arena_strdup(a, db_col_text(s, 0));
		*data = xmalloc(n + 1);
		if (n)
			memcpy(*data, p, n);
		(*data)[n] = 0;
		*len = n;
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err registry_upload_drop(int64_t id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_DROP);
	db_bind_int(s, 1, id);
	return db_run(s);
}

size_t registry_preview(arena *a, const char *text, size_t len, int maxrows,
			registry_preview_row **out)
{
	registry_preview_row *v = arena_alloc(a, (size_t)(maxrows > 0 ? maxrows : 1) * sizeof *v);
	size_t n = 0;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		text += 3, len -= 3;
	regcsv c = { .p = text, .end = text + len, .line = 1 };
	c.sep = regcsv_separator(text, text + len);
	buf_init(&c.field, 1u << 20);
	long line;
	while ((int)n < maxrows && regcsv_next(&c, &line) == 1) {
		int k = c.n < 12 ? c.n : 12; /* enough columns to judge the text */
		v[n].n = k;
		v[n].cells = arena_alloc(a, (size_t)(k ? k : 1) * sizeof *v[n].cells);
		for (int i = 0; i < k; i++) {
			const char *f = regcsv_field(&c, i);
			size_t fl = strlen(f);
			v[n].cells[i] = arena_strndup(a, f, fl > 60 ? 60 : fl);
		}
		n++;
	}
	buf_free(&c.field);
	*out = v;
	return n;
}
