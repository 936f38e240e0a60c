/*
 * news_public.c - the fair's news for the public.
 *
 *   GET  /news                   the current edition's published posts
 *   GET  /news/{id}              a post, its picture, its view counter and
 *                                its approved comments (never an email);
 *                                cacheable: it carries no form, and its
 *                                view is counted in memory (news_view) by
 *                                the route's `seen` hook, also on a hit
 *   GET  /news/{id}/picture.jpg    the post's picture (JPEG)
 *   GET  /news/{id}/comment      the comment form (name, email, text)
 *   POST /news/{id}/comment      name, email, body; website is a honeypot
 *                                that people leave empty: a filled one is
 *                                thanked and dropped. 429 past the rate
 *                                limit (news.h)
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/news.h"
#include "prog.h"

#include <string.h>

static void sample_note(request *r)
{
	html_printf(&r->out, "<p class=\"sample\" role=\"note\">%s</p>",
		    tr(r->lang, "Sample data: this post is an example."));
}

/* GET /news */
void page_news(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	news_post *v;
	size_t n = 0;
	if (req_fail(r, news_posts(r->a, ed.id, 1, &v, &n)))
		return;
	page_begin(r, tr(l, "News"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "News"));
	if (!n)
		html_printf(o, "<p>%s</p>", tr(l, "No news yet."));
	html_raw(o, "<ul class=\"news\">");
	for (size_t i = 0; i < n; i++)
		html_printf(o, "<li><a href=\"%s\"><bdi>%s</bdi></a> <small>%s · %s</small></li>",
			    site_href(r, "/news/%lld", (long long)v[i].id),
			    text3_get(&v[i].title, l), fmt_datetime(r, v[i].published_at),
			    arena_printf(r->a, tr(l, "Views: %ld"), v[i].views));
	html_raw(o, "</ul>");
	page_end(r);
}

static cf_err post_public(request *r, news_post *p)
{
	cf_err e = news_post_get(r->a, r->id, p);
	if (!e && !p->published)
		e = CF_ERR_NOTFOUND;
	edition ed;
	if (!e)
		e = edition_by_id(r->a, p->edition_id, &ed);
	if (!e && ed.state == EDITION_DRAFT)
		e = CF_ERR_NOTFOUND;
	return e;
}

/* paragraphs - a body, one <p> per paragraph (blank-line separated). */
static void paragraphs(request *r, const char *body)
{
	const char *p = body;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		html_raw(&r->out, "<p dir=\"auto\">");
		html_text_n(&r->out, p, n);
		html_raw(&r->out, "</p>");
		p += n;
		while (*p == '\n' || *p == '\r')
			p++;
	}
}

/* GET /news/{id} */
void page_news_post(request *r)
{
	lang l = r->lang;
	news_post p;
	if (req_fail(r, post_public(r, &p)))
		return;
	news_comment *c;
	size_t nc = 0;
	if (req_fail(r, news_comments_public(r->a, p.id, &c, &nc)))
		return;
	page_begin(r, text3_get(&p.title, l), 0);
	buf *o = &r->out;
	html_printf(o, "<article class=\"post\"><p><a href=\"%s\">%s</a></p><h1><bdi>%s</bdi></h1>",
		    site_href(r, "/news"), tr(l, "News"), text3_get(&p.title, l));
	if (p.sample)
		sample_note(r);
	html_printf(o, "<p class=\"meta\">%s · <span id=\"views\">%s</span> · %s</p>",
		    fmt_datetime(r, p.published_at),
		    arena_printf(r->a, tr(l, "Views: %ld"), p.views),
		    arena_printf(r->a, tr(l, "Comments: %d"), (int)nc));
	if (p.has_picture)
		html_printf(o, "<img class=\"post-picture\" src=\"%s\" alt=\"\" loading=\"lazy\">",
			    site_href(r, "/news/%lld/picture.jpg", (long long)p.id));
	paragraphs(r, text3_get(&p.body, l));
	html_printf(o, "</article><section id=\"comments\"><h2>%s</h2>", tr(l, "Comments"));
	for (size_t i = 0; i < nc; i++)
		html_printf(
			o,
			"<div class=\"comment\"><p><strong><bdi>%s</bdi></strong> <small>%s</small></p>"
			"<p dir=\"auto\">%s</p></div>",
			c[i].name, fmt_datetime(r, c[i].created_at), c[i].body);
	html_printf(o, "<p><a class=\"button\" href=\"%s\">%s</a></p></section>",
		    site_href(r, "/news/%lld/comment", (long long)p.id), tr(l, "Leave a comment"));
	page_end(r);
}

/* The route's `seen` hook for GET /news/{id}: every 200 answer, built or
 * from the cache, is one view (news_view decides whether it counts). */
void page_news_post_seen(request *r)
{
	(void)news_view(r->id, r->client, req_header(r, "User-Agent"));
}

/* GET /news/{id}/picture.jpg */
void page_news_picture(request *r)
{
	const void *data;
	size_t len = 0;
	news_post p;
	if (req_fail(r, post_public(r, &p)))
		return;
	if (req_fail(r, news_picture(r->a, r->id, 0, &data, &len)))
		return;
	buf_reset(&r->out);
	(void)buf_append(&r->out, data, len);
	r->content_type = "image/jpeg";
	resp_header(r, "Cache-Control", "public, max-age=3600");
}

static void comment_form(request *r, const news_post *p, const char *error)
{
	lang l = r->lang;
	buf *o = &r->out;
	page_begin(r, tr(l, "Leave a comment"), 0);
	html_printf(o, "<p><a href=\"%s\"><bdi>%s</bdi></a></p><h1>%s</h1>",
		    site_href(r, "/news/%lld", (long long)p->id), text3_get(&p->title, l),
		    tr(l, "Leave a comment"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	const char *name = req_form(r, "name"), *email = req_form(r, "email"),
		   *body = req_form(r, "body");
	html_printf(
		o,
		"<form method=\"post\" action=\"%s\" class=\"stack\"><p class=\"hint\">%s</p><label>%s <input name=\"name\" required maxlength=\"100\" value=\"%s\"></label><label>%s <input name=\"email\" type=\"email\" required maxlength=\"200\" dir=\"ltr\" value=\"%s\"></label><label>%s <textarea name=\"body\" required maxlength=\"4000\" rows=\"5\">%s</textarea></label><div class=\"hp\" aria-hidden=\"true\"><label>%s <input name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>",
		site_href(r, "/news/%lld/comment", (long long)p->id),
		tr(l, "Your email address will not be published."), tr(l, "Name"), name ? name : "",
		tr(l, "Email"), email ? email : "", tr(l, "Comment"), body ? body : "",
		tr(l, "Leave this field empty"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Send the comment"));
	page_end(r);
}

/* GET /news/{id}/comment?sent=pending|approved */
void page_news_comment_form(request *r)
{
	lang l = r->lang;
	news_post p;
	if (req_fail(r, post_public(r, &p)))
		return;
	const char *sent = req_query(r, "sent");
	if (sent) {
		page_begin(r, tr(l, "Thank you"), 0);
		html_printf(
			&r->out, "<h1>%s</h1><p role=\"status\">%s</p><p><a href=\"%s\">%s</a></p>",
			tr(l, "Thank you"),
			!strcmp(sent, "approved")
				? tr(l, "Your comment is published.")
				: tr(l,
				     "Your comment will be published once the committee has read it."),
			site_href(r, "/news/%lld", (long long)p.id), text3_get(&p.title, l));
		page_end(r);
		return;
	}
	comment_form(r, &p, NULL);
}

/* POST /news/{id}/comment  name, email, body, website (honeypot) */
void page_news_comment(request *r)
{
	lang l = r->lang;
	news_post p;
	if (req_fail(r, post_public(r, &p)))
		return;
	const char *hp = req_form(r, "website");
	if (hp && *hp) { /* a robot filled the field people do not see */
		resp_redirect(
			r, arena_printf(r->a, "/news/%lld/comment?sent=pending", (long long)p.id));
		return;
	}
	const char *fields[] = { req_form(r, "name"), req_form(r, "body") };
	for (size_t i = 0; i < 2; i++)
		if (fields[i] && !text_is_clean(fields[i])) {
			r->status = 400;
			comment_form(r, &p,
				     tr(l, "The text holds characters that are not allowed."));
			return;
		}
	news_comment_status st;
	cf_err e = news_comment_add(p.id, req_form(r, "name"), req_form(r, "email"),
				    req_form(r, "body"), r->client, &st);
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		comment_form(r, &p, tr(l, "Give your name, a valid email and a comment."));
		return;
	}
	if (e == CF_ERR_BUSY) {
		r->status = 429;
		resp_header(r, "Retry-After", "600");
		comment_form(
			r, &p,
			tr(l, "Too many comments from your connection: try again in ten minutes."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/news/%lld/comment?sent=%s", (long long)p.id,
				      news_comment_status_code(st)));
}
