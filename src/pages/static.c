/*
 * static.c - GET /static/NAME: the assets compiled into the binary
 * (stylesheet, icons), with an ETag and a day of caching. No file system
 * access: NAME is looked up in the embedded table only.
 */
#include "../util/embedded.h"
#include "pages.h"

#include <string.h>

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".woff2"))
		return "font/woff2";
	return "application/octet-stream";
}

void page_static(request *r)
{
	char name[256];
	size_t n = strlen(r->tail);
	if (n > 200 || strstr(r->tail, "..")) {
		page_error(r, 404, NULL);
		return;
	}
	memcpy(name, "static/", 7);
	memcpy(name + 7, r->tail, n + 1);
	const struct embedded_file *f = embedded_find(name);
	if (!f) {
		page_error(r, 404, NULL);
		return;
	}
	resp_header(r, "ETag", f->etag);
	resp_header(r, "Cache-Control", "public, max-age=86400");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && !strcmp(inm, f->etag)) {
		r->status = 304;
		return;
	}
	r->content_type = type_of(name);
	(void)buf_append(&r->out, f->data, f->len);
}

/* GET /healthz - for load balancers: 200 "ok" while the server answers. */
void page_health(request *r)
{
	r->content_type = "text/plain; charset=utf-8";
	(void)buf_puts(&r->out, "ok\n");
}
