/* registry_app_photo.c - an application's photos: their type and size read
 * from their bytes, added, deleted, served; see registry_app.h. (Moved out
 * of registry_app.c as is.) */
#include "registry_app.h"
#include "../db/db.h"
#include "audit.h"

#include <string.h>

static const char SQL_PHOTO_COUNT[] =
	"SELECT count(*) FROM application_photo WHERE application_id = ?";
static const char SQL_PHOTO_INSERT[] =
	"INSERT INTO application_photo (application_id, mime, width, height, data) VALUES (?, ?, ?, ?, ?)";
static const char SQL_PHOTO_GET[] =
	"SELECT ph.mime, ph.data, a.cooperative_id FROM application_photo ph "
	"JOIN application a ON a.id = ph.application_id WHERE ph.id = ?";
static const char SQL_PHOTO_DELETE[] =
	"DELETE FROM application_photo WHERE id = ? AND application_id = ?";
const char *app_photo_type(const unsigned char *p, size_t len, int *w, int *h)
{
	*w = *h = 0;
	if (len >= 24 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8) && !memcmp(p + 12, "IHDR", 4)) {
		*w = (int)((unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 |
			   p[19]);
		*h = (int)((unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 |
			   p[23]);
		return *w > 0 && *h > 0 ? "image/png" : NULL;
	}
	if (len >= 4 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		/* walk the segments to a start-of-frame for the size */
		size_t i = 2;
		while (i + 9 < len) {
			if (p[i] != 0xff)
				return NULL;
			unsigned m = p[i + 1];
			if (m == 0xd8 || (m >= 0xd0 && m <= 0xd7) || m == 0x01 || m == 0xff) {
				i += m == 0xff ? 1 : 2;
				continue;
			}
			size_t seg = (size_t)p[i + 2] << 8 | p[i + 3];
			if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
				*h = p[i + 5] << 8 | p[i + 6];
				*w = p[i + 7] << 8 | p[i + 8];
				return *w > 0 && *h > 0 ? "image/jpeg" : NULL;
			}
			if (seg < 2)
				return NULL;
			i += 2 + seg;
		}
	}
	return NULL;
}

cf_err app_add_photo(int64_t actor, int64_t app_id, const void *data, size_t len)
{
	if (len > APP_PHOTO_MAX_BYTES)
		return CF_ERR_TOOBIG;
	int w, h;
	const char *mime = app_photo_type(data, len, &w, &h);
	if (!mime)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_PHOTO_COUNT);
	db_bind_int(s, 1, app_id);
	int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_done(s);
	if (n >= APP_PHOTOS_MAX) {
		db_rollback(d);
		return CF_ERR_CONFLICT;
	}
	s = db_prepare(d, SQL_PHOTO_INSERT);
	db_bind_int(s, 1, app_id);
	db_bind_text(s, 2, mime);
	db_bind_int(s, 3, w);
	db_bind_int(s, 4, h);
	db_bind_blob(s, 5, data, len);
	e = db_run(s);
	if (!e)
		e = audit_record(actor, "application.photo.add", "application", app_id, NULL, NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err app_delete_photo(int64_t actor, int64_t app_id, int64_t photo_id)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_PHOTO_DELETE);
	db_bind_int(s, 1, photo_id);
	db_bind_int(s, 2, app_id);
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor, "application.photo.delete", "application", app_id, NULL,
				 NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err app_photo(arena *a, int64_t photo_id, const void **data, size_t *len, const char **mime,
		 int64_t *coop_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PHOTO_GET);
	db_bind_int(s, 1, photo_id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		*mime = arena_strdup(a, db_col_text(s, 0));
		const void *p = db_col_blob(s, 1, len);
		void *copy = arena_alloc(a, *len + 1);
		if (*len)
			memcpy(copy, p, *len);
		*data = copy;
		*coop_id = db_col_int(s, 2);
		e = CF_OK;
	}
	db_done(s);
	return e;
}
