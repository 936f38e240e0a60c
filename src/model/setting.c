/* setting.c - see setting.h. */
#include "setting.h"
#include "../db/db.h"

#include <sodium.h>
#include <string.h>

static const char SQL_GET[] = "SELECT value FROM setting WHERE key = ?";

const char *setting_get(arena *a, const char *key)
{
	db_stmt *s = db_prepare(db_thread(), SQL_GET);
	db_bind_text(s, 1, key);
	const char *v = db_step(s) == DB_ROW ? arena_strdup(a, db_col_text(s, 0)) : NULL;
	db_done(s);
	return v;
}

cf_err setting_key32(const char *key, unsigned char out[32])
{
	arena *a = arena_new(4096);
	const char *hex = setting_get(a, key);
	cf_err e = CF_OK;
	size_t n = 0;
	if (!hex)
		e = CF_ERR_NOTFOUND;
	else if (strlen(hex) != 64 || sodium_hex2bin(out, 32, hex, 64, NULL, &n, NULL) || n != 32)
		e = CF_ERR_INVALID;
	arena_free(a);
	return e;
}
