/* news_post.c - posts, pictures and comments (news.h). */
#include "../db/db.h"
#include "audit.h"
#include "news.h"
#include "rows.h"
#include "prog.h"
#include "setting.h"
#include "../util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const STATUS[NEWS_STATUS__MAX] = {
	[NEWS_PENDING] = "pending",
	[NEWS_APPROVED] = "approved",
	[NEWS_REJECTED] = "rejected",
};

const char *news_comment_status_code(news_comment_status s)
{
	return s < NEWS_STATUS__MAX ? STATUS[s] : "pending";
}

static news_comment_status status_parse(const char *s)
{
	for (int i = 0; i < NEWS_STATUS__MAX; i++)
		if (!strcmp(s, STATUS[i]))
			return (news_comment_status)i;
	return NEWS_PENDING;
}

#define POST_COLS                                                                                   \
	"p.id, p.edition_id, p.title_ar, p.title_fr, p.title_en, p.body_ar, p.body_fr, p.body_en, " \
	"p.published, p.published_at, CASE WHEN p.picture IS NULL THEN 0 ELSE 1 END, p.views, "     \
	"(SELECT COUNT(*) FROM news_comment c WHERE c.post_id = p.id AND c.status = 'approved'), "  \
	"p.is_sample "

static const char SQL_POSTS[] = "SELECT " POST_COLS "FROM news_post p WHERE p.edition_id = ? "
				"AND (? = 0 OR p.published = 1) "
				"ORDER BY p.published DESC, p.published_at DESC, p.id DESC";
static const char SQL_POST[] = "SELECT " POST_COLS "FROM news_post p WHERE p.id = ?";
static const char SQL_INSERT[] =
	"INSERT INTO news_post (edition_id, title_ar, title_fr, title_en, body_ar, body_fr, "
	"body_en, published, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_UPDATE[] =
	"UPDATE news_post SET title_ar = ?, title_fr = ?, title_en = ?, body_ar = ?, body_fr = ?, "
	"body_en = ?, published = ?, published_at = CASE WHEN published_at = '' AND ? = 1 THEN ? "
	"ELSE published_at END WHERE id = ?";
static const char SQL_PICTURE_SET[] =
	"UPDATE news_post SET picture = ?, picture_type = 'image/jpeg' WHERE id = ?";
static const char SQL_PICTURE[] =
	"SELECT picture FROM news_post WHERE id = ? AND picture IS NOT NULL AND (? = 1 OR published = 1)";

/* read_post - a rows_reader (rows.h) of news_post. */
static void read_post(arena *a, db_stmt *s, void *elem, void *ctx)
{
	(void)ctx;
	news_post *o = elem;
	memset(o, 0, sizeof *o);
	o->id = db_col_int(s, 0);
	o->edition_id = db_col_int(s, 1);
	for (int l = 0; l < LANG__MAX; l++) {
		o->title.v[l] = arena_strdup(a, db_col_text(s, 2 + l));
		o->body.v[l] = arena_strdup(a, db_col_text(s, 5 + l));
	}
	o->published = (int)db_col_int(s, 8);
	o->published_at = arena_strdup(a, db_col_text(s, 9));
	o->has_picture = (int)db_col_int(s, 10);
	o->views = (long)db_col_int(s, 11);
	o->comments = (int)db_col_int(s, 12);
	o->sample = (int)db_col_int(s, 13);
}

cf_err news_posts(arena *a, int64_t edition_id, int published_only, news_post **out, size_t *count)
{
	db_stmt *s = db_prepare(db_thread(), SQL_POSTS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, published_only ? 1 : 0);
	void *v;
	cf_err e = rows_all(a, s, sizeof **out, read_post, NULL, &v, count);
	if (!e)
		*out = v;
	return e;
}

cf_err news_post_get(arena *a, int64_t id, news_post *out)
{
	db_stmt *s = db_prepare(db_thread(), SQL_POST);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, id);
	cf_err e = db_row(s);
	if (!e)
		read_post(a, s, out, NULL);
	db_done(s);
	return e;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

cf_err news_post_save(int64_t actor, const news_post *p, int64_t *id)
{
	if (!*nz(p->title.v[0]) && !*nz(p->title.v[1]) && !*nz(p->title.v[2]))
		return CF_ERR_INVALID;
	char now[21];
	clock_iso(time(NULL), now);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, p->id ? SQL_UPDATE : SQL_INSERT);
	if (!q) {
		db_rollback(d);
		return CF_ERR_DB;
	}
	int i = 1;
	if (!p->id)
		db_bind_int(q, i++, p->edition_id);
	for (int l = 0; l < LANG__MAX; l++)
		db_bind_text(q, i++, nz(p->title.v[l]));
	for (int l = 0; l < LANG__MAX; l++)
		db_bind_text(q, i++, nz(p->body.v[l]));
	db_bind_int(q, i++, p->published ? 1 : 0);
	if (p->id) {
		db_bind_int(q, i++, p->published ? 1 : 0);
		db_bind_text(q, i++, now);
		db_bind_int(q, i++, p->id);
	} else {
		db_bind_text(q, i++, p->published ? now : "");
	}
	e = db_run(q);
	int64_t got = p->id ? p->id : db_last_id(d);
	if (!e && p->id && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor, p->id ? "news.post.update" : "news.post.create",
				 "news_post", got, NULL, NULL);
	if ((e = db_end(d, e)))
		return e;
	*id = got;
	return CF_OK;
}

cf_err news_picture_set(int64_t actor, int64_t id, const void *jpeg, size_t len)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, SQL_PICTURE_SET);
	if (!q)
		e = CF_ERR_DB;
	else {
		db_bind_blob(q, 1, jpeg, len);
		db_bind_int(q, 2, id);
		e = db_run(q);
	}
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor, "news.picture", "news_post", id, NULL, NULL);
	e = db_end(d, e);
	return e;
}

cf_err news_picture(arena *a, int64_t id, int any_state, const void **data, size_t *len)
{
	db_stmt *q = db_prepare(db_thread(), SQL_PICTURE);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, any_state ? 1 : 0);
	cf_err e = db_row(q);
	if (!e) {
		size_t n = 0;
		const void *p = db_col_blob(q, 0, &n);
		void *c = arena_alloc(a, n ? n : 1);
		if (n)
			memcpy(c, p, n);
		*data = c;
		*len = n;
	}
	db_done(q);
	return e;
}

/* ---- comments ---- */

static const char SQL_POST_OPEN[] =
	"SELECT p.edition_id FROM news_post p WHERE p.id = ? AND p.published = 1";
static const char SQL_RATE[] =
	"SELECT COUNT(*) FROM news_comment WHERE client = ? AND created_at >= ?";
static const char SQL_COMMENT_ADD[] =
	"INSERT INTO news_comment (post_id, name, email, body, status, client, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_COMMENTS_PUBLIC[] =
	"SELECT id, post_id, name, body, created_at, status FROM news_comment "
	"WHERE post_id = ? AND status = 'approved' ORDER BY id";
static const char SQL_COMMENTS_ALL[] =
	"SELECT c.id, c.post_id, c.name, c.body, c.created_at, c.status, c.email "
	"FROM news_comment c JOIN news_post p ON p.id = c.post_id WHERE p.edition_id = ? "
	"ORDER BY CASE c.status WHEN 'pending' THEN 0 ELSE 1 END, c.id DESC";
static const char SQL_COMMENT_SET[] = "UPDATE news_comment SET status = ? WHERE id = ?";
static const char SQL_COMMENT_DEL[] = "DELETE FROM news_comment WHERE id = ?";

static int email_ok(const char *e)
{
	const char *at = strchr(e, '@');
	return at && at > e && strchr(at + 1, '.') && !strchr(at + 1, '@') && strlen(e) <= 200 &&
	       !strpbrk(e, " \t\r\n<>\"");
}

/* client_key - the sender, as a hash keyed with the deployment's secret. */
static void client_key(const char *client, char out[33])
{
	unsigned char key[32], h[16];
	int keyed = !setting_key32("csrf_key", key);
	crypto_generichash(h, sizeof h, (const unsigned char *)client, strlen(client),
			   keyed ? key : NULL, keyed ? sizeof key : 0);
	sodium_bin2hex(out, 33, h, sizeof h);
}

cf_err news_comment_add(int64_t post_id, const char *name, const char *email, const char *body,
			const char *client, news_comment_status *status)
{
	name = nz(name);
	email = nz(email);
	body = nz(body);
	if (!*name || strlen(name) > 100 || !*body || strlen(body) > 4000 || !email_ok(email))
		return CF_ERR_INVALID;
	char who[33], now[21], since[21];
	client_key(nz(client), who);
	time_t t = time(NULL);
	clock_iso(t, now);
	clock_iso(t - NEWS_RATE_WINDOW, since);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, SQL_POST_OPEN);
	int64_t edition = 0;
	if (!q)
		e = CF_ERR_DB;
	else {
		db_bind_int(q, 1, post_id);
		e = db_row(q);
		if (!e)
			edition = db_col_int(q, 0);
		db_done(q);
	}
	if (!e) { /* counted inside the write lock: parallel posts cannot outrun it */
		q = db_prepare(d, SQL_RATE);
		if (!q)
			e = CF_ERR_DB;
		else {
			db_bind_text(q, 1, who);
			db_bind_text(q, 2, since);
			e = db_row(q);
			if (!e && db_col_int(q, 0) >= NEWS_RATE_MAX)
				e = CF_ERR_BUSY;
			db_done(q);
		}
	}
	prog_settings set;
	if (!e)
		e = prog_settings_get(edition, &set);
	news_comment_status st = NEWS_PENDING;
	if (!e) {
		st = set.moderate ? NEWS_PENDING : NEWS_APPROVED;
		q = db_prepare(d, SQL_COMMENT_ADD);
		if (!q)
			e = CF_ERR_DB;
		else {
			db_bind_int(q, 1, post_id);
			db_bind_text(q, 2, name);
			db_bind_text(q, 3, email);
			db_bind_text(q, 4, body);
			db_bind_text(q, 5, news_comment_status_code(st));
			db_bind_text(q, 6, who);
			db_bind_text(q, 7, now);
			e = db_run(q);
		}
	}
	if ((e = db_end(d, e)))
		return e;
	*status = st;
	return CF_OK;
}

/* read_comment - a rows_reader (rows.h) of news_comment; *with_email
 * (ctx) says whether column 6 holds the email (the committee's reads). */
static void read_comment(arena *a, db_stmt *q, void *elem, void *ctx)
{
	news_comment *c = elem;
	c->id = db_col_int(q, 0);
	c->post_id = db_col_int(q, 1);
	c->name = arena_strdup(a, db_col_text(q, 2));
	c->body = arena_strdup(a, db_col_text(q, 3));
	c->created_at = arena_strdup(a, db_col_text(q, 4));
	c->status = status_parse(db_col_text(q, 5));
	c->email = *(const int *)ctx ? arena_strdup(a, db_col_text(q, 6)) : "";
}

static cf_err read_comments(arena *a, db_stmt *q, int with_email, news_comment **out, size_t *count)
{
	void *v;
	cf_err e = rows_all(a, q, sizeof **out, read_comment, &with_email, &v, count);
	if (!e)
		*out = v;
	return e;
}

cf_err news_comments_public(arena *a, int64_t post_id, news_comment **out, size_t *count)
{
	db_stmt *q = db_prepare(db_thread(), SQL_COMMENTS_PUBLIC);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, post_id);
	return read_comments(a, q, 0, out, count);
}

cf_err news_comments_all(arena *a, int64_t edition_id, news_comment **out, size_t *count)
{
	db_stmt *q = db_prepare(db_thread(), SQL_COMMENTS_ALL);
	if (!q)
		return CF_ERR_DB;
	db_bind_int(q, 1, edition_id);
	return read_comments(a, q, 1, out, count);
}

cf_err news_comment_set(int64_t actor, int64_t id, news_comment_status status, int del)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *q = db_prepare(d, del ? SQL_COMMENT_DEL : SQL_COMMENT_SET);
	if (!q)
		e = CF_ERR_DB;
	else {
		if (del) {
			db_bind_int(q, 1, id);
		} else {
			db_bind_text(q, 1, news_comment_status_code(status));
			db_bind_int(q, 2, id);
		}
		e = db_run(q);
	}
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e)
		e = audit_record(actor,
				 del			   ? "news.comment.delete"
				 : status == NEWS_APPROVED ? "news.comment.approve"
				 : status == NEWS_REJECTED ? "news.comment.reject"
							   : "news.comment.pending",
				 "news_comment", id, NULL, NULL);
	e = db_end(d, e);
	return e;
}
