/*
 * embedded.h - files compiled into the binary by tools/embed.c: the
 * stylesheet and other static assets (static/...) and the schema migrations
 * (migrations/...). The venue may have no internet and the install may have
 * no source tree: everything a page needs comes from the binary itself.
 */
#ifndef CF_EMBEDDED_H
#define CF_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name; /* "static/style.css", "migrations/001_init.sql" */
	const unsigned char *data;
	size_t len;
	const char *etag; /* a hash of the bytes, quoted, for caching */
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

/* embedded_find - the file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
