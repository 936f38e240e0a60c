/* request.c - parameter lookups and response helpers; see request.h. */
#include "request.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

cf_err req_fail(request *r, cf_err e)
{
	if (e && !r->fail)
		r->fail = e;
	return e;
}

int http_status(cf_err e)
{
	switch (e) {
	case CF_OK:
		return 200;
	case CF_ERR_INVALID:
		return 400;
	case CF_ERR_AUTH:
		return 401;
	case CF_ERR_PERM:
		return 403;
	case CF_ERR_NOTFOUND:
		return 404;
	case CF_ERR_CONFLICT:
	case CF_ERR_STATE:
		return 409;
	case CF_ERR_TOOBIG:
		return 413;
	case CF_ERR_BUSY:
		return 503;
	default:
		return 500;
	}
}

static const kv *find(const kv *v, size_t n, const char *key, int nocase)
{
	for (size_t i = 0; i < n; i++)
		if (nocase ? !strcasecmp(v[i].key, key) : !strcmp(v[i].key, key))
			return &v[i];
	return NULL;
}

const char *req_query(const request *r, const char *key)
{
	const kv *p = find(r->query, r->nquery, key, 0);
	return p ? p->value : NULL;
}

const kv *req_form_kv(const request *r, const char *key)
{
	return find(r->form, r->nform, key, 0);
}

const char *req_form(const request *r, const char *key)
{
	const kv *p = find(r->form, r->nform, key, 0);
	return p ? p->value : NULL;
}

const char *req_header(const request *r, const char *name)
{
	const kv *p = find(r->headers, r->nheaders, name, 1);
	return p ? p->value : NULL;
}

const char *req_cookie(const request *r, const char *name)
{
	const kv *p = find(r->cookies, r->ncookies, name, 0);
	return p ? p->value : NULL;
}

const char *req_param(const request *r, const char *key)
{
	const char *v = req_form(r, key);
	return v ? v : req_query(r, key);
}

void resp_header(request *r, const char *name, const char *value)
{
	if (r->nresp_headers == RESP_HEADERS_MAX) {
		fprintf(stderr, "coopfair: too many response headers, dropped %s\n", name);
		return;
	}
	r->resp_headers[r->nresp_headers].key = name;
	r->resp_headers[r->nresp_headers].value = value;
	r->nresp_headers++;
}

void resp_redirect(request *r, const char *local_path)
{
	/* Only local paths: "//host" would leave the site. */
	if (!local_path || local_path[0] != '/' || local_path[1] == '/' || local_path[1] == '\\')
		local_path = "/";
	r->status = 303;
	resp_header(r, "Location", site_href(r, "%s", local_path));
}

static const char *base = "";
static size_t base_len;

int site_set_base(const char *b)
{
	size_t n = b ? strlen(b) : 0;
	if (n && (b[0] != '/' || b[n - 1] == '/' ||
		  strspn(b, "/abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~") != n))
		return 0;
	base = n ? b : "";
	base_len = n;
	return 1;
}

const char *site_base(void)
{
	return base;
}

/* href_format - the base then fmt's text into out (cap bytes) when fmt
 * has only the directives links use (%s, %d, %lld, %%) and it fits: the
 * length, else 0 (then site_href formats with vsnprintf). A page makes
 * dozens of links; this skips printf's machinery for each. */
static size_t href_format(char *out, size_t cap, const char *fmt, va_list ap)
{
	size_t n = 0;
	char num[24];
	if (base_len >= cap)
		return 0;
	memcpy(out, base, base_len);
	n = base_len;
	for (const char *f = fmt; *f; f++) {
		const char *piece;
		size_t len;
		if (*f != '%') {
			if (n + 1 >= cap)
				return 0;
			out[n++] = *f;
			continue;
		}
		if (f[1] == 's') {
			piece = va_arg(ap, const char *);
			if (!piece)
				return 0;
			len = strlen(piece);
			f++;
		} else if (f[1] == 'd' || (f[1] == 'l' && f[2] == 'l' && f[3] == 'd')) {
			long long v = f[1] == 'd' ? va_arg(ap, int) : va_arg(ap, long long);
			unsigned long long u =
				v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			char *e = num + sizeof num, *q = e;
			do
				*--q = (char)('0' + u % 10);
			while (u /= 10);
			if (v < 0)
				*--q = '-';
			piece = q;
			len = (size_t)(e - q);
			f += f[1] == 'd' ? 1 : 3;
		} else if (f[1] == '%') {
			piece = "%";
			len = 1;
			f++;
		} else {
			return 0;
		}
		if (n + len >= cap)
			return 0;
		memcpy(out + n, piece, len);
		n += len;
	}
	out[n] = 0;
	return n;
}

const char *site_href(request *r, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	size_t n = href_format(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n)
		return arena_strndup(r->a, small, n);
	va_start(ap, fmt);
	char *path = arena_vprintf(r->a, fmt, ap);
	va_end(ap);
	return base_len ? arena_printf(r->a, "%s%s", base, path) : path;
}

const char *site_local(const char *url)
{
	if (!base_len)
		return url;
	if (strncmp(url, base, base_len) != 0)
		return NULL;
	if (url[base_len] == '/')
		return url + base_len;
	return url[base_len] == 0 ? "/" : NULL;
}

void resp_cookie(request *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	resp_header(r, "Set-Cookie",
		    arena_printf(r->a, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s", name, value,
				 *site_base() ? site_base() : "/", age,
				 r->secure ? "; Secure" : ""));
}

int req_suspend(request *r, void (*then)(request *r, void *arg), void *arg)
{
	if (!r->server || !r->server->suspend)
		return 0;
	r->then = then;
	r->then_arg = arg;
	if (r->server->suspend(r))
		return 1;
	r->then = NULL;
	r->then_arg = NULL;
	return 0;
}

void req_resume(request *r)
{
	r->server->resume(r);
}
