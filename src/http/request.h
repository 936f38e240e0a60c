/*
 * request.h - one HTTP request and its response, as pages see them.
 *
 * Filled by the HTTP adapter (server.c, the only file that knows
 * libmicrohttpd) and the router (router.c). Everything hangs off the
 * request's arena and is freed when the response has been sent. Pages read
 * parameters through req_* and write their body into r->out; they never see
 * the HTTP library.
 */
#ifndef CF_REQUEST_H
#define CF_REQUEST_H
#include <stddef.h>
#include <stdint.h>

#include "../i18n/i18n.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/err.h"

struct account;
struct route;

typedef enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_OTHER,
	HTTP_METHOD__MAX
} http_method;

/* A parameter, header or cookie. For an uploaded file, value holds len bytes
 * (not NUL-terminated in general) and filename/content_type are set. */
typedef struct kv {
	const char *key, *value;
	size_t len;
	const char *filename, *content_type;
} kv;

#define RESP_HEADERS_MAX 16

typedef struct request {
	arena *a;
	http_method method;
	const char *path;
	const char *query_string; /* the arguments, canonical and percent-encoded; "" when none */
	kv *query;
	size_t nquery;
	kv *form;
	size_t nform;
	kv *headers;
	size_t nheaders;
	kv *cookies;
	size_t ncookies;
	const char *body; /* raw body when it was not a form */
	size_t body_len;
	int secure;	    /* served over TLS */
	const char *client; /* the peer's address as text ("" when unknown) */

	/* Set by the router before the handler runs. */
	int admitted;		   /* router_admit ran */
	const struct route *route; /* the route admitted, NULL when refused */
	lang lang;
	int64_t id;		 /* the {id} of the route pattern, when it has one */
	const char *tail;	 /* what a trailing '*' of the pattern matched */
	int64_t user_id;	 /* 0 when anonymous */
	unsigned roles;		 /* ROLE_BIT()s of the signed-in user */
	struct account *account; /* the signed-in account, NULL when anonymous */
	const char *session;	 /* the session token, NULL when anonymous */
	const char *csrf;	 /* the token forms carry; read it with router_csrf() */
	const char *visitor;	 /* the visitor cookie's value */
	int personal;		 /* the page carries something of this visitor's
				    (a CSRF token): never share it from the cache */

	/* The response. */
	cf_err fail; /* set by req_fail: the router answers with an error page */
	int status;
	const char *content_type;
	buf out;
	kv resp_headers[RESP_HEADERS_MAX];
	size_t nresp_headers;
	/* Suspended (req_suspend): what finishes the answer, and the server's
	 * side of it (server.c). */
	void (*then)(struct request *r, void *arg);
	void *then_arg;
	const struct req_server *server;
} request;

/* Waiting without holding a thread. A handler whose answer waits for work
 * done elsewhere (a check-in waits for its group commit's fsync) calls
 * req_suspend(r, then, arg) and hands the work over; whoever finishes the
 * work calls req_resume(r) once, from any thread; then the router runs
 * then(r, arg) on the connection's thread, which writes the answer as the
 * handler would have (req_fail included). Meanwhile the connection's
 * thread serves its other connections. req_suspend returns 0 (and the
 * handler must wait in place) where the request cannot be suspended: a
 * request not from server.c, or COOPFAIR_SUSPEND=0. */
struct req_server {
	int (*suspend)(request *r);
	void (*resume)(request *r);
};
int req_suspend(request *r, void (*then)(request *r, void *arg), void *arg);
void req_resume(request *r);

/* Lookups return NULL when absent. Names of headers are case-insensitive. */
const char *req_query(const request *r, const char *key);
const char *req_form(const request *r, const char *key);
const kv *req_form_kv(const request *r, const char *key);
const char *req_header(const request *r, const char *name);
const char *req_cookie(const request *r, const char *name);
/* req_param - a form value, else a query value. */
const char *req_param(const request *r, const char *key);

/* req_fail - record that the page cannot be built because of e (a reader
 * failed): the first failure wins. After the handler returns, the router
 * answers with the error page of http_status(e) instead of whatever the
 * handler wrote, logs it, and never caches it. Returns e, so a handler can
 * stop early: if (req_fail(r, reader(...))) return;  CF_OK records nothing. */
cf_err req_fail(request *r, cf_err e);

/* http_status - the one mapping of cf_err to an HTTP status: CF_OK 200,
 * INVALID 400, AUTH 401, PERM 403, NOTFOUND 404, CONFLICT and STATE 409,
 * TOOBIG 413, BUSY 503, anything else (DB, IO, VERSION, NOMEM) 500. */
int http_status(cf_err e);

/* resp_header - add a response header; both strings must outlive the
 * request (literals or arena strings). Past RESP_HEADERS_MAX it is dropped
 * with a log line. */
void resp_header(request *r, const char *name, const char *value);
/* The site's paths: the one place that knows where the site is mounted.
 * Every link, form action, asset and redirect a page writes is a local path
 * ("/jury/entries/12") turned into a URL by site_href (resp_redirect does it
 * itself), so mounting the site under a prefix touches nothing else.
 * site_set_base - mount under base: "" (the default) or "/fair" (a leading
 * '/', no trailing one); call once at start-up, before serving; 0 when base
 * is not such a path. site_base - the base ("" by default).
 * site_href - base + the local path printf-formatted from fmt (which starts
 * with '/'), owned by r's arena; the caller url_arg()-encodes query values.
 * Pass the result to html_printf as a %s (it escapes '&').
 * site_local - url (as received) without the base: the local path the
 * router matches; NULL when url is outside the base. */
int site_set_base(const char *base);
const char *site_base(void);
const char *site_href(request *r, const char *fmt, ...) CF_PRINTF(2, 3);
const char *site_local(const char *url);

/* resp_redirect - 303 See Other to a local path (must start with '/'); the
 * Location carries the site's base (site_href). */
void resp_redirect(request *r, const char *local_path);
/* resp_cookie - Set-Cookie with Path=/ (the site's base when it has one), HttpOnly, SameSite=Lax,
 * Secure under TLS; max_age < 0 for a session cookie, 0 to delete it. */
void resp_cookie(request *r, const char *name, const char *value, long max_age);

#endif
