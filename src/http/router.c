/* router.c - see router.h. */
#include "router.h"
#include "cache.h"
#include "../db/db.h"
#include "../html/html.h"
#include "../model/account.h"
#include "../model/role.h"
#include "../pages/pages.h"

#include <setjmp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char csrf_key[crypto_auth_KEYBYTES];

void router_init(const unsigned char key[32])
{
	memcpy(csrf_key, key, sizeof csrf_key);
}

int route_match(const char *pat, const char *path, int64_t *id, const char **tail)
{
	while (*pat) {
		if (pat[0] == '*' && pat[1] == 0) {
			*tail = path;
			return 1;
		}
		if (!strncmp(pat, "{id}", 4)) {
			int64_t v = 0;
			int digits = 0;
			while (*path >= '0' && *path <= '9') {
				if (v > (INT64_MAX - 9) / 10)
					return 0;
				v = v * 10 + (*path++ - '0');
				digits++;
			}
			if (!digits || v <= 0)
				return 0;
			*id = v;
			pat += 4;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *path == 0;
}

void router_csrf_token(const char *visitor, char out[65])
{
	unsigned char mac[crypto_auth_BYTES];
	crypto_auth(mac, (const unsigned char *)visitor, strlen(visitor), csrf_key);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}

/* settle_lang - ?lang= (remembered in a cookie), then the cookie, then
 * Accept-Language on a first visit, then Arabic. */
static void settle_lang(request *r)
{
	int l = lang_parse(req_query(r, "lang"));
	if (l >= 0) {
		resp_cookie(r, "lang", lang_code((lang)l), 365L * 24 * 3600);
	} else {
		l = lang_parse(req_cookie(r, "lang"));
		if (l < 0)
			l = lang_accept(req_header(r, "Accept-Language"));
	}
	r->lang = l >= 0 ? (lang)l : LANG_AR;
}

/* settle_visitor - a browser that has a visitor id gets the CSRF token of
 * anonymous forms bound to it. New visitors get an id only when a page
 * actually shows a form (router_csrf), so plain readers carry no cookie. */
static void settle_visitor(request *r)
{
	const char *v = req_cookie(r, "cf_visitor");
	if (v && strlen(v) == 32 && strspn(v, "0123456789abcdef") == 32) {
		r->visitor = v;
		char *tok = arena_alloc(r->a, 65);
		router_csrf_token(r->visitor, tok);
		r->csrf = tok;
	}
}

const char *router_csrf(request *r)
{
	r->personal = 1;
	if (r->csrf)
		return r->csrf;
	unsigned char raw[16];
	char *hex = arena_alloc(r->a, 33);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, 33, raw, sizeof raw);
	r->visitor = hex;
	resp_cookie(r, "cf_visitor", hex, 365L * 24 * 3600);
	char *tok = arena_alloc(r->a, 65);
	router_csrf_token(r->visitor, tok);
	r->csrf = tok;
	return tok;
}

/* settle_session - the signed-in account, if the session cookie is live.
 * Forms of a signed-in user carry a token bound to the session instead. */
static void settle_session(request *r)
{
	const char *tok = req_cookie(r, "cf_session");
	if (!tok)
		return;
	account *acc = arena_alloc(r->a, sizeof *acc);
	if (session_check(r->a, tok, acc)) {
		resp_cookie(r, "cf_session", "", 0);
		return;
	}
	r->account = acc;
	r->user_id = acc->id;
	r->roles = acc->roles;
	r->session = tok;
	char *csrf = arena_alloc(r->a, 65);
	router_csrf_token(tok, csrf);
	r->csrf = csrf;
}

/* same_origin - an Origin (or, lacking it, Referer) header naming another
 * host than ours means a cross-site request. Absent both, rely on the token. */
static int same_origin(const request *r)
{
	const char *host = req_header(r, "Host");
	const char *o = req_header(r, "Origin");
	if (!o || !strcmp(o, "null"))
		o = req_header(r, "Referer");
	if (!o)
		return 1;
	if (!host)
		return 0;
	const char *p = strstr(o, "://");
	if (!p)
		return 0;
	p += 3;
	size_t n = strcspn(p, "/?#");
	return strlen(host) == n && !strncmp(p, host, n);
}

static int csrf_ok(const request *r)
{
	const char *t = req_form(r, "csrf");
	if (!t)
		t = req_header(r, "X-CSRF-Token");
	if (!t || strlen(t) != 64 || !r->csrf)
		return 0;
	return sodium_memcmp(t, r->csrf, 64) == 0 && same_origin(r);
}

/* over_cap - the request passed its memory cap (arena.h): whatever it was
 * doing is dropped and rolled back; it gets an error page, the server goes
 * on. 413 when what it sent was large, else 500 (a bug: logged). */
static void over_cap(request *r)
{
	if (db_thread_abandoned())
		cache_clear();
	size_t sent = strlen(r->query_string ? r->query_string : "") + r->body_len;
	fprintf(stderr, "coopfair: %s: request over its memory cap (%zu bytes sent)\n", r->path,
		sent);
	r->nquery = 0; /* the page's links must not copy what overflowed */
	r->query_string = "";
	r->nresp_headers = 0;
	r->fail = CF_OK;
	page_error(r, sent > 16 * 1024 ? 413 : 500, NULL);
	resp_header(r, "Cache-Control", "no-store");
}

static void dispatch(request *r);
static void route(request *r);

void router_dispatch(request *r)
{
	jmp_buf over;
	if (setjmp(over)) {
		over_cap(r);
		return;
	}
	arena_set_escape(r->a, &over);
	dispatch(r);
	arena_set_escape(r->a, NULL);
}

/* dispatch - when the database server cannot be reached (down, restarting,
 * or the connection broke under the request: whatever the request did may
 * not have been written), the answer is a 503 whatever the route said, even
 * a redirect to sign in; the next request reconnects. */
static void dispatch(request *r)
{
	settle_lang(r);
	if (!db_thread_revive())
		route(r);
	if (db_thread_lost()) {
		r->nresp_headers = 0; /* no Location, no cookie from a half answer */
		r->fail = CF_OK;
		resp_header(r, "Retry-After", "2");
		page_error(r, 503, NULL);
		cache_clear();
	}
}

static void route(request *r)
{
	settle_visitor(r);
	settle_session(r);

	const struct route *hit = NULL;
	int path_known = 0;
	http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
	for (size_t i = 0; i < routes_count; i++) {
		int64_t id = 0;
		const char *tail = NULL;
		if (!route_match(routes[i].pattern, r->path, &id, &tail))
			continue;
		path_known = 1;
		if (routes[i].method == m) {
			hit = &routes[i];
			r->id = id;
			r->tail = tail;
			break;
		}
	}
	if (!hit) {
		if (path_known) {
			page_error(r, 405, NULL);
			char *allow = "";
			for (size_t i = 0; i < routes_count; i++) {
				int64_t id;
				const char *tail;
				if (route_match(routes[i].pattern, r->path, &id, &tail))
					allow = arena_printf(
						r->a, "%s%s%s", allow, *allow ? ", " : "",
						routes[i].method == HTTP_GET	? "GET, HEAD"
						: routes[i].method == HTTP_POST ? "POST"
						: routes[i].method == HTTP_PUT	? "PUT"
										: "DELETE");
			}
			resp_header(r, "Allow", allow);
		} else {
			page_error(r, 404, NULL);
		}
		return;
	}
	if (hit->roles && !(hit->roles & r->roles)) {
		if (!r->user_id) {
			/* Anonymous: ask to sign in, then come back. */
			resp_redirect(
				r, arena_printf(r->a, "/signin?next=%s", url_arg(r->a, r->path)));
		} else {
			page_error(r, 403, NULL);
		}
		return;
	}
	if (hit->changes_state && !csrf_ok(r)) {
		page_error(
			r, 403,
			tr(r->lang,
			   "This form has expired or came from another site. Go back, reload the page and send it again."));
		return;
	}
	int cacheable = hit->cache && !r->account && m == HTTP_GET;
	if (cacheable && cache_lookup(r))
		return;
	r->status = 200;
	hit->fn(r);
	if (db_thread_lost())
		return; /* router_dispatch answers 503 */
	if (r->fail) {
		/* a reader failed: the page would show a fair with rows missing */
		fprintf(stderr, "coopfair: %s %s: %s\n", m == HTTP_GET ? "GET" : "POST", r->path,
			cf_strerror(r->fail));
		page_error(r, http_status(r->fail), NULL);
		resp_header(r, "Cache-Control", "no-store");
	}
	if (db_thread_abandoned()) {
		/* Whatever the handler meant to write was rolled back: say so. */
		page_error(r, 500, NULL);
		cache_clear();
		return;
	}
	if (cacheable)
		cache_store(r);
	else if (r->method != HTTP_GET && r->method != HTTP_HEAD)
		cache_clear(); /* whatever it changed, public pages may show it */
}
