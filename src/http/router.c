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
#include <strings.h>

static unsigned char csrf_key[crypto_auth_KEYBYTES];
static int trust_proxy;

void router_init(const unsigned char key[32])
{
	memcpy(csrf_key, key, sizeof csrf_key);
}

void router_trust_proxy(int on)
{
	trust_proxy = on;
}

size_t route_body_cap(const struct route *rt)
{
	for (size_t i = 0; i < route_uploads_count; i++)
		if (route_uploads[i].method == rt->method &&
		    !strcmp(route_uploads[i].pattern, rt->pattern))
			return route_uploads[i].body_cap;
	return rt->roles ? BODY_CAP_FORM : BODY_CAP_PUBLIC;
}

int route_object_of(const char *pattern)
{
	if (!strstr(pattern, "{id}"))
		return -1;
	for (size_t i = 0; i < route_objects_count; i++) {
		size_t n = strlen(route_objects[i].prefix);
		if (!strncmp(pattern, route_objects[i].prefix, n) &&
		    (pattern[n] == 0 || pattern[n] == '/'))
			return (int)route_objects[i].kind;
	}
	return -1;
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

/* Visitor ids: VISITOR_ID_HEX random hex digits, then the first
 * VISITOR_TAG_HEX hex digits of a keyed hash of them (the server's secret):
 * an id nobody got from this server does not verify, so a cookie planted
 * by a sibling site cannot make two browsers share a CSRF token. */
#define VISITOR_ID_HEX 32
#define VISITOR_TAG_HEX 32

static void visitor_tag(const char *id, char out[VISITOR_TAG_HEX + 1])
{
	unsigned char h[VISITOR_TAG_HEX / 2];
	crypto_generichash_state st;
	crypto_generichash_init(&st, csrf_key, sizeof csrf_key, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"cf_visitor:", 11);
	crypto_generichash_update(&st, (const unsigned char *)id, VISITOR_ID_HEX);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, VISITOR_TAG_HEX + 1, h, sizeof h);
}

/* visitor_ok - the cookie is an id this server made. */
static int visitor_ok(const char *v)
{
	if (!v || strlen(v) != VISITOR_ID_HEX + VISITOR_TAG_HEX ||
	    strspn(v, "0123456789abcdef") != VISITOR_ID_HEX + VISITOR_TAG_HEX)
		return 0;
	char tag[VISITOR_TAG_HEX + 1];
	visitor_tag(v, tag);
	return sodium_memcmp(tag, v + VISITOR_ID_HEX, VISITOR_TAG_HEX) == 0;
}

/* new_visitor - a fresh, signed visitor id, sent as the cf_visitor cookie,
 * and the CSRF token bound to it. */
static void new_visitor(request *r)
{
	unsigned char raw[VISITOR_ID_HEX / 2];
	char *v = arena_alloc(r->a, VISITOR_ID_HEX + VISITOR_TAG_HEX + 1);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(v, VISITOR_ID_HEX + 1, raw, sizeof raw);
	visitor_tag(v, v + VISITOR_ID_HEX);
	r->visitor = v;
	r->personal = 1; /* a page that sets someone's cookie is never shared */
	resp_cookie(r, "cf_visitor", v, 365L * 24 * 3600);
	char *tok = arena_alloc(r->a, 65);
	router_csrf_token(r->visitor, tok);
	r->csrf = tok;
}

/* settle_visitor - a browser that has a visitor id gets the CSRF token of
 * anonymous forms bound to it. New visitors get an id only when a page
 * actually shows a form (router_csrf), so plain readers carry no cookie; a
 * cookie that does not verify is replaced at once. */
static void settle_visitor(request *r)
{
	const char *v = req_cookie(r, "cf_visitor");
	if (!v)
		return;
	if (!visitor_ok(v)) {
		new_visitor(r);
		return;
	}
	r->visitor = v;
	char *tok = arena_alloc(r->a, 65);
	router_csrf_token(r->visitor, tok);
	r->csrf = tok;
}

const char *router_csrf(request *r)
{
	r->personal = 1;
	if (!r->csrf)
		new_visitor(r);
	return r->csrf;
}

/* settle_proxy - behind a trusted reverse proxy (router_trust_proxy), the
 * scheme the visitor used (X-Forwarded-Proto) and the address the proxy
 * saw, the last of X-Forwarded-For (the one it appended). Without that
 * setting both headers are ignored: anyone could send them. */
static void settle_proxy(request *r)
{
	if (!trust_proxy)
		return;
	const char *proto = req_header(r, "X-Forwarded-Proto");
	if (proto && !strcasecmp(proto, "https"))
		r->secure = 1;
	const char *xff = req_header(r, "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " ");
	size_t n = strcspn(last, " ");
	if (n == 0 || n > 45 || strspn(last, "0123456789abcdefABCDEF.:") < n)
		return;
	r->client = arena_strndup(r->a, last, n);
}

/* settle_session - the signed-in account, if the session cookie is live.
 * Forms of a signed-in user carry a token bound to the session instead. */
static void settle_session(request *r)
{
	const char *tok = req_cookie(r, "cf_session");
	if (!tok)
		return;
	account *acc = arena_alloc(r->a, sizeof *acc);
	/* the session and its account's roles from one snapshot: one read
	 * transaction instead of one per statement (a write, the idle timer's
	 * touch, ends it first: db.h) */
	db *d = db_thread();
	int reading = !db_read_begin(d);
	cf_err e = session_check(r->a, tok, acc);
	if (reading)
		db_read_end(d);
	if (e) {
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

/* object_roles - the roles that count for route hit: r->roles, or, when
 * its {id} names an existing object of an edition, the roles the account
 * holds in that edition (an object that does not exist is the handler's
 * 404). 0 with the response filled (500) when the store fails. */
static int object_roles(request *r, const struct route *hit, unsigned *roles)
{
	*roles = r->roles;
	int kind = route_object_of(hit->pattern);
	if (kind <= ACCESS_GLOBAL || !r->user_id)
		return 1;
	int64_t edition = 0;
	cf_err e = access_edition_of((access_kind)kind, r->id, &edition);
	if (e == CF_ERR_NOTFOUND)
		return 1;
	if (!e)
		e = access_roles_in(r->user_id, edition, roles);
	if (e) {
		page_error(r, 500, NULL);
		return 0;
	}
	return 1;
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
	r->route = NULL;
	r->nquery = 0; /* the page's links must not copy what overflowed */
	r->query_string = "";
	r->nresp_headers = 0;
	r->fail = CF_OK;
	page_error(r, sent > 16 * 1024 ? 413 : 500, NULL);
	resp_header(r, "Cache-Control", "no-store");
}

/* db_lost - the database server cannot be reached (down, restarting, or
 * the connection broke under the request: whatever the request did may not
 * have been written): a 503 whatever the route said, even a redirect to
 * sign in; the next request reconnects. */
static void db_lost(request *r)
{
	r->route = NULL;
	r->nresp_headers = 0; /* no Location, no cookie from a half answer */
	r->fail = CF_OK;
	resp_header(r, "Retry-After", "2");
	page_error(r, 503, NULL);
	cache_clear();
}

static size_t admit(request *r);

size_t router_admit(request *r)
{
	r->admitted = 1;
	r->route = NULL;
	jmp_buf over;
	if (setjmp(over)) {
		over_cap(r);
		return 0;
	}
	arena_set_escape(r->a, &over);
	settle_proxy(r);
	settle_lang(r);
	size_t cap = db_thread_revive() ? 0 : admit(r);
	if (db_thread_lost()) {
		db_lost(r);
		cap = 0;
	}
	arena_set_escape(r->a, NULL);
	return cap;
}

static size_t admit(request *r)
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
		return 0;
	}
	unsigned roles = r->roles;
	if (hit->roles && !r->user_id) {
		/* Anonymous: ask to sign in, then come back. */
		resp_redirect(r, arena_printf(r->a, "/signin?next=%s", url_arg(r->a, r->path)));
		return 0;
	}
	if (hit->roles && !object_roles(r, hit, &roles))
		return 0;
	if (hit->roles && !(hit->roles & roles)) {
		page_error(r, 403, NULL);
		return 0;
	}
	r->roles = roles; /* the handler sees the roles of the object's edition */
	r->route = hit;
	return route_body_cap(hit);
}

static void dispatch(request *r);
static void finish(request *r, const struct route *hit, int cacheable);

void router_dispatch(request *r)
{
	if (!r->admitted)
		(void)router_admit(r);
	if (!r->route)
		return;
	jmp_buf over;
	if (setjmp(over)) {
		over_cap(r);
		return;
	}
	arena_set_escape(r->a, &over);
	if (!db_thread_revive()) {
		/* A GET reads one snapshot (db.h): one read lock, a consistent page. */
		int reading = (r->method == HTTP_GET || r->method == HTTP_HEAD) &&
			      !db_read_begin(db_thread());
		dispatch(r);
		if (reading)
			db_read_end(db_thread());
	}
	if (!r->then && db_thread_lost()) /* suspended: router_resumed answers */
		db_lost(r);
	arena_set_escape(r->a, NULL);
}

void router_resumed(request *r)
{
	jmp_buf over;
	if (setjmp(over)) {
		over_cap(r);
		return;
	}
	arena_set_escape(r->a, &over);
	void (*then)(request *, void *) = r->then;
	r->then = NULL;
	then(r, r->then_arg);
	finish(r, r->route, 0);
	if (db_thread_lost())
		db_lost(r);
	arena_set_escape(r->a, NULL);
}

/* seen - the route's `seen` hook, if it has one, after a 200 answer. */
static void seen(request *r, const struct route *hit)
{
	if (r->status != 200)
		return;
	for (size_t i = 0; i < route_seens_count; i++)
		if (!strcmp(route_seens[i].pattern, hit->pattern))
			route_seens[i].seen(r);
}

static void dispatch(request *r)
{
	const struct route *hit = r->route;
	http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
	if (hit->changes_state && !csrf_ok(r)) {
		page_error(
			r, 403,
			tr(r->lang,
			   "This form has expired or came from another site. Go back, reload the page and send it again."));
		return;
	}
	int cacheable = hit->cache && !r->account && m == HTTP_GET;
	if (cacheable && cache_lookup(r)) {
		seen(r, hit);
		return;
	}
	r->status = 200;
	hit->fn(r);
	if (r->then)
		return; /* suspended: router_resumed finishes */
	finish(r, hit, cacheable);
}

/* finish - what follows a handler (or its req_suspend continuation). */
static void finish(request *r, const struct route *hit, int cacheable)
{
	http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
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
	if (m == HTTP_GET && !r->fail)
		seen(r, hit);
	if (cacheable)
		cache_store(r);
	else if (r->method != HTTP_GET && r->method != HTTP_HEAD)
		cache_clear(); /* whatever it changed, public pages may show it */
}
