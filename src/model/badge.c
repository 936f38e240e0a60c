/*
 * badge.c - badges: create, read, list, revoke, re-issue (badge.h).
 *
 * The token is stored as is, not hashed: it must be printable again (a lost
 * PDF, a sheet of 8 re-printed) and it opens nothing but the gate, where a
 * printed badge is a bearer pass anyway. 16 random bytes (128 bits) from
 * libsodium make it unguessable.
 */
#include "badge.h"
#include "rows.h"

#include "../db/db.h"
#include "../util/clock.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

static const char *const ROLES[] = { "visitor", "exhibitor", "jury", "official", "press", "staff" };

int badge_role_valid(const char *role)
{
	for (size_t i = 0; role && i < sizeof ROLES / sizeof *ROLES; i++)
		if (!strcmp(role, ROLES[i]))
			return 1;
	return 0;
}

static void new_token(char out[BADGE_TOKEN_LEN + 1])
{
	unsigned char raw[BADGE_TOKEN_LEN / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, BADGE_TOKEN_LEN + 1, raw, sizeof raw);
}

static const char SQL_INSERT[] =
	"INSERT INTO badge (edition_id, role, name_ar, name_latin, organisation, phone, email, token, "
	"is_sample, replaces_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static cf_err insert(db *d, const badge *b, int64_t replaces, const char *token, int64_t *id)
{
	char now[21];
	clock_now_iso(now);
	db_stmt *s = db_prepare(d, SQL_INSERT);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, b->edition_id);
	db_bind_text(s, 2, b->role);
	db_bind_text(s, 3, b->name_ar ? b->name_ar : "");
	db_bind_text(s, 4, b->name_latin ? b->name_latin : "");
	db_bind_text(s, 5, b->organisation ? b->organisation : "");
	db_bind_text(s, 6, b->phone ? b->phone : "");
	db_bind_text(s, 7, b->email ? b->email : "");
	db_bind_text(s, 8, token);
	db_bind_int(s, 9, b->is_sample);
	if (replaces)
		db_bind_int(s, 10, replaces);
	else
		db_bind_null(s, 10);
	db_bind_text(s, 11, now);
	cf_err e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

static int too_long(const char *s, size_t max)
{
	return s && strlen(s) > max;
}

cf_err badge_create(arena *a, int64_t edition_id, const char *role, const char *name_ar,
		    const char *name_latin, const char *organisation, const char *phone,
		    const char *email, int is_sample, int64_t *id, const char **token)
{
	if (!badge_role_valid(role) || ((!name_ar || !*name_ar) && (!name_latin || !*name_latin)))
		return CF_ERR_INVALID;
	if (too_long(name_ar, 150) || too_long(name_latin, 150) || too_long(organisation, 150) ||
	    too_long(phone, 40) || too_long(email, 150))
		return CF_ERR_INVALID;
	badge b = { .edition_id = edition_id,
		    .role = role,
		    .name_ar = name_ar,
		    .name_latin = name_latin,
		    .organisation = organisation,
		    .phone = phone,
		    .email = email,
		    .is_sample = is_sample };
	char tok[BADGE_TOKEN_LEN + 1];
	new_token(tok);
	cf_err e = insert(db_thread(), &b, 0, tok, id);
	if (!e)
		*token = arena_strdup(a, tok);
	return e;
}

#define COLS                                                                                      \
	"id, edition_id, role, name_ar, name_latin, organisation, phone, email, token, revoked, " \
	"inside, is_sample, COALESCE(replaces_id, 0) "

static void row(arena *a, db_stmt *s, badge *b)
{
	b->id = db_col_int(s, 0);
	b->edition_id = db_col_int(s, 1);
	b->role = arena_strdup(a, db_col_text(s, 2));
	b->name_ar = arena_strdup(a, db_col_text(s, 3));
	b->name_latin = arena_strdup(a, db_col_text(s, 4));
	b->organisation = arena_strdup(a, db_col_text(s, 5));
	b->phone = arena_strdup(a, db_col_text(s, 6));
	b->email = arena_strdup(a, db_col_text(s, 7));
	b->token = arena_strdup(a, db_col_text(s, 8));
	b->revoked = (int)db_col_int(s, 9);
	b->inside = (int)db_col_int(s, 10);
	b->is_sample = (int)db_col_int(s, 11);
	b->replaces_id = db_col_int(s, 12);
}

static const char SQL_BY_TOKEN[] = "SELECT " COLS "FROM badge WHERE token = ?";
static const char SQL_BY_ID[] = "SELECT " COLS "FROM badge WHERE id = ?";

cf_err badge_by_token(arena *a, const char *token, badge *out)
{
	if (!token || strlen(token) != BADGE_TOKEN_LEN)
		return CF_ERR_NOTFOUND;
	db_stmt *s = db_prepare(db_thread(), SQL_BY_TOKEN);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, token);
	cf_err e = db_row(s);
	if (!e)
		row(a, s, out);
	db_done(s);
	return e;
}

cf_err badge_by_id(arena *a, int64_t id, badge *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_BY_ID);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e)
		row(a, s, out);
	db_done(s);
	return e;
}

static const char SQL_LIST[] = "SELECT " COLS "FROM badge WHERE edition_id = ? "
			       "AND (? = '' OR role = ?) ORDER BY id DESC LIMIT ?";

cf_err badge_list(arena *a, int64_t edition_id, const char *role, int limit, badge **out,
		  size_t *count)
{
	*count = 0;
	*out = NULL;
	db_stmt *s = db_prepare(db_thread(), SQL_LIST);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, role ? role : "");
	db_bind_text(s, 3, role ? role : "");
	db_bind_int(s, 4, limit);
	size_t cap = 16, n = 0;
	badge *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		row(a, s, &v[n++]);
	}
	db_done(s);
	if (rc != DB_DONE)
		return CF_ERR_DB;
	*out = v;
	*count = n;
	return CF_OK;
}

static const char SQL_REVOKE[] = "UPDATE badge SET revoked = 1 WHERE id = ? AND revoked = 0";

cf_err badge_revoke(int64_t id)
{
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_REVOKE);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_STATE;
	return e;
}

cf_err badge_reissue(arena *a, int64_t id, int64_t *new_id, const char **token)
{
	badge b;
	cf_err e = badge_by_id(a, id, &b);
	if (e)
		return e;
	if (b.revoked)
		return CF_ERR_STATE;
	db *d = db_thread();
	if ((e = db_begin(d)))
		return e;
	char tok[BADGE_TOKEN_LEN + 1];
	new_token(tok);
	db_stmt *s = db_prepare(d, SQL_REVOKE);
	if (!s) {
		db_rollback(d);
		return CF_ERR_DB;
	}
	db_bind_int(s, 1, id);
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_STATE;
	if (!e)
		e = insert(d, &b, id, tok, new_id);
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		return e;
	}
	*token = arena_strdup(a, tok);
	return CF_OK;
}
