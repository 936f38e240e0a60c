/*
 * news_admin.c - the committee's news and comments.
 *
 *   GET  /admin/news                 the posts of the edition shown, the
 *                                    comments (pending first), a new post form
 *   POST /admin/news                 title_ar/fr/en, body_ar/fr/en, published
 *   GET  /admin/news/{id}            a post's form and picture
 *   POST /admin/news/{id}            save it (same fields)
 *   POST /admin/news/{id}/picture    picture (JPEG or PNG): made fit and
 *                                    stored as a JPEG without metadata
 *   POST /admin/comments/{id}        action=approve|reject|delete
 */
#include "../export/photo.h"
#include "../html/html.h"
#include "../model/news.h"
#include "admin_form.h"
#include "edition.h"
#include "prog.h"

#include <string.h>

static const char *const TITLE[] = { "title_ar", "title_fr", "title_en" };
static const char *const BODY[] = { "body_ar", "body_fr", "body_en" };

static const char *read_form(request *r, news_post *p)
{
	const char *bad = NULL;
	for (int i = 0; i < LANG__MAX; i++) {
		const char *t = req_form(r, TITLE[i]), *b = req_form(r, BODY[i]);
		p->title.v[i] = t ? t : "";
		p->body.v[i] = b ? b : "";
		if (!text_is_clean(p->title.v[i]) || !text_is_clean(p->body.v[i]) ||
		    strlen(p->title.v[i]) > 300 || strlen(p->body.v[i]) > 60000)
			bad = tr(
				r->lang,
				"A title or text holds characters that are not allowed, or is too long.");
	}
	p->published = req_form(r, "published") != NULL;
	if (!bad && !*p->title.v[0] && !*p->title.v[1] && !*p->title.v[2])
		bad = tr(r->lang, "Give the post a title in at least one language.");
	return bad;
}

static void post_form(request *r, const news_post *p, const char *action)
{
	lang l = r->lang;
	buf *o = &r->out;
	const char *tl[] = { tr(l, "Title (Arabic)"), tr(l, "Title (French)"),
			     tr(l, "Title (English)") };
	const char *bl[] = { tr(l, "Text (Arabic)"), tr(l, "Text (French)"),
			     tr(l, "Text (English)") };
	static const char *const DIR[] = { "rtl", "ltr", "ltr" };
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "%s", action));
	page_csrf_field(r);
	for (int i = 0; i < LANG__MAX; i++)
		html_printf(
			o,
			"<label>%s <input name=\"%s\" maxlength=\"300\" dir=\"%s\" value=\"%s\"></label>"
			"<label>%s <textarea name=\"%s\" rows=\"8\" dir=\"%s\">%s</textarea></label>",
			tl[i], TITLE[i], DIR[i], p->title.v[i] ? p->title.v[i] : "", bl[i], BODY[i],
			DIR[i], p->body.v[i] ? p->body.v[i] : "");
	html_printf(o,
		    "<label><input type=\"checkbox\" name=\"published\" value=\"1\"%s> %s</label>"
		    "<button type=\"submit\">%s</button></form>",
		    p->published ? " checked" : "", tr(l, "Published"), tr(l, "Save the post"));
}

static void list(request *r, const news_post *draft, const char *error)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	news_post *v;
	size_t n = 0;
	if (req_fail(r, news_posts(r->a, ed.id, 0, &v, &n)))
		return;
	news_comment *c;
	size_t nc = 0;
	if (req_fail(r, news_comments_all(r->a, ed.id, &c, &nc)))
		return;
	admin_begin(r, tr(l, "News"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a href=\"%s\">%s</a></p><ul class=\"admin-list\">",
		    tr(l, "News"), site_href(r, "/news"), tr(l, "The public news"));
	for (size_t i = 0; i < n; i++)
		html_printf(o, "<li><a href=\"%s\"><bdi>%s</bdi></a> <small>%s · %s</small></li>",
			    site_href(r, "/admin/news/%lld", (long long)v[i].id),
			    text3_get(&v[i].title, l),
			    v[i].published ? tr(l, "Published") : tr(l, "Draft"),
			    arena_printf(r->a, tr(l, "Views: %ld"), v[i].views));
	html_printf(o, "</ul><h2 id=\"comments\">%s</h2>", tr(l, "Comments"));
	if (!nc)
		html_printf(o, "<p>%s</p>", tr(l, "No comment yet."));
	for (size_t i = 0; i < nc; i++) {
		const char *state = c[i].status == NEWS_PENDING	   ? tr(l, "Waiting for moderation")
				    : c[i].status == NEWS_APPROVED ? tr(l, "Approved")
								   : tr(l, "Rejected");
		html_printf(
			o,
			"<div class=\"comment %s\"><p><strong><bdi>%s</bdi></strong> <span dir=\"ltr\">&lt;%s&gt;</span> · %s · <a href=\"%s\">%s</a></p><p dir=\"auto\">%s</p><form method=\"post\" action=\"%s\">",
			news_comment_status_code(c[i].status), c[i].name, c[i].email, state,
			site_href(r, "/news/%lld", (long long)c[i].post_id),
			fmt_datetime(r, c[i].created_at), c[i].body,
			site_href(r, "/admin/comments/%lld", (long long)c[i].id));
		page_csrf_field(r);
		html_printf(
			o,
			"<button name=\"action\" value=\"approve\">%s</button> "
			"<button name=\"action\" value=\"reject\">%s</button> "
			"<button name=\"action\" value=\"delete\" class=\"danger\">%s</button></form></div>",
			tr(l, "Approve"), tr(l, "Reject"), tr(l, "Delete"));
	}
	html_printf(o, "<h2 id=\"new\">%s</h2>", tr(l, "New post"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	news_post empty = { 0 };
	post_form(r, draft ? draft : &empty, "/admin/news");
	page_end(r);
}

/* GET /admin/news */
void page_news_admin(request *r)
{
	list(r, NULL, NULL);
}

/* POST /admin/news */
void page_news_admin_create(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	news_post p = { .edition_id = ed.id };
	const char *bad = read_form(r, &p);
	if (bad) {
		r->status = 400;
		list(r, &p, bad);
		return;
	}
	int64_t id = 0;
	cf_err e = news_post_save(r->user_id, &p, &id);
	if (e) {
		list(r, &p, admin_save_error(r, e));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/news/%lld?done=created", (long long)id));
}

static void post_admin(request *r, const news_post *p, const char *error)
{
	lang l = r->lang;
	admin_begin(r, text3_get(&p->title, l));
	buf *o = &r->out;
	html_printf(o, "<p><a href=\"%s\">%s</a></p><h1><bdi>%s</bdi></h1>",
		    site_href(r, "/admin/news"), tr(l, "News"), text3_get(&p->title, l));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	if (p->published)
		html_printf(o, "<p><a href=\"%s\">%s</a> · %s</p>",
			    site_href(r, "/news/%lld", (long long)p->id), tr(l, "The public page"),
			    arena_printf(r->a, tr(l, "Views: %ld"), p->views));
	post_form(r, p, arena_printf(r->a, "/admin/news/%lld", (long long)p->id));
	html_printf(o, "<h2>%s</h2>", tr(l, "Picture"));
	if (p->has_picture && p->published)
		html_printf(o, "<p><img class=\"post-picture\" src=\"%s\" alt=\"\"></p>",
			    site_href(r, "/news/%lld/picture.jpg", (long long)p->id));
	html_printf(
		o,
		"<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\"><label>%s <input type=\"file\" name=\"picture\" accept=\"image/jpeg,image/png\" required></label>",
		site_href(r, "/admin/news/%lld/picture.jpg", (long long)p->id),
		tr(l, "A picture (JPEG or PNG)"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Save the picture"));
	page_end(r);
}

/* GET /admin/news/{id} */
void page_news_admin_post(request *r)
{
	news_post p;
	if (req_fail(r, news_post_get(r->a, r->id, &p)))
		return;
	post_admin(r, &p, NULL);
}

/* POST /admin/news/{id} */
void page_news_admin_save(request *r)
{
	news_post p;
	if (req_fail(r, news_post_get(r->a, r->id, &p)))
		return;
	const char *bad = read_form(r, &p);
	if (bad) {
		r->status = 400;
		post_admin(r, &p, bad);
		return;
	}
	int64_t id;
	cf_err e = news_post_save(r->user_id, &p, &id);
	if (e) {
		post_admin(r, &p, admin_save_error(r, e));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/news/%lld?done=saved", (long long)id));
}

/* POST /admin/news/{id}/picture  picture */
void page_news_admin_picture(request *r)
{
	news_post p;
	if (req_fail(r, news_post_get(r->a, r->id, &p)))
		return;
	const kv *f = req_form_kv(r, "picture");
	buf jpeg;
	buf_init(&jpeg, 4u << 20);
	int w = 0, h = 0;
	cf_err e = f && f->len ? photo_catalogue((const unsigned char *)f->value, f->len,
						 PHOTO_SIDE_MAX, &jpeg, &w, &h)
			       : CF_ERR_INVALID;
	if (!e)
		e = news_picture_set(r->user_id, p.id, jpeg.data, jpeg.len);
	buf_free(&jpeg);
	if (e == CF_ERR_INVALID || e == CF_ERR_TOOBIG) {
		r->status = 400;
		post_admin(
			r, &p,
			tr(r->lang, "The file is not a picture coopfair can read (JPEG or PNG)."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/admin/news/%lld?done=saved", (long long)p.id));
}

/* POST /admin/comments/{id}  action=approve|reject|delete */
void page_news_admin_comment(request *r)
{
	const char *a = req_form(r, "action");
	cf_err e;
	if (a && !strcmp(a, "approve"))
		e = news_comment_set(r->user_id, r->id, NEWS_APPROVED, 0);
	else if (a && !strcmp(a, "reject"))
		e = news_comment_set(r->user_id, r->id, NEWS_REJECTED, 0);
	else if (a && !strcmp(a, "delete"))
		e = news_comment_set(r->user_id, r->id, NEWS_PENDING, 1);
	else {
		page_error(r, 400, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/news?done=saved#comments");
}
