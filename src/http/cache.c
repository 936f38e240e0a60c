/* cache.c - see cache.h. One mutex guards a fixed table; bodies are copied. */
#include "cache.h"
#include "../db/db.h"
#include "../util/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024
#define BODY_MAX (512u << 10) /* bigger pages are not kept */
#define TOTAL_MAX (32u << 20) /* past this the table starts afresh */

struct slot {
	char *key;
	uint64_t gen;
	int status;
	char *content_type;
	char *body;
	size_t len;
	size_t nheaders;
	char *hname[RESP_HEADERS_MAX], *hvalue[RESP_HEADERS_MAX];
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint_fast64_t generation = 1;
static size_t total;
static int on;
/* The generation seen when this thread's lookup missed, before the page was
 * built: a page built from data that changed meanwhile must not be kept
 * under the newer generation. 0: no lookup, nothing to store. */
static _Thread_local uint64_t looked_gen;

void cache_init(int enabled)
{
	on = enabled;
}

static void slot_free(struct slot *s)
{
	free(s->key);
	free(s->content_type);
	free(s->body);
	for (size_t i = 0; i < s->nheaders; i++) {
		free(s->hname[i]);
		free(s->hvalue[i]);
	}
	memset(s, 0, sizeof *s);
}

void cache_clear(void)
{
	atomic_fetch_add(&generation, 1);
}

static char *key_of(request *r)
{
	return arena_printf(r->a, "%s\n%s?%s", lang_code(r->lang), r->path,
			    r->query_string ? r->query_string : "");
}

static size_t slot_of(const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return (size_t)(h % SLOTS);
}

int cache_lookup(request *r)
{
	if (!on)
		return 0;
	/* Another connection (another server thread, the command line, another
	 * process) committed since this thread last looked: start afresh. */
	if (db_changed_elsewhere(db_thread()))
		cache_clear();
	const char *key = key_of(r);
	int hit = 0;
	looked_gen = atomic_load(&generation);
	pthread_mutex_lock(&lock);
	struct slot *s = &slots[slot_of(key)];
	if (s->key && s->gen == atomic_load(&generation) && !strcmp(s->key, key)) {
		hit = 1;
		r->status = s->status;
		r->content_type = arena_strdup(r->a, s->content_type);
		buf_reset(&r->out);
		(void)buf_append(&r->out, s->body, s->len);
		for (size_t i = 0; i < s->nheaders; i++)
			resp_header(r, arena_strdup(r->a, s->hname[i]),
				    arena_strdup(r->a, s->hvalue[i]));
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void cache_store(request *r)
{
	if (!on || r->personal || r->status != 200 || r->out.overflow || r->out.len > BODY_MAX)
		return;
	for (size_t i = 0; i < r->nresp_headers; i++)
		if (!strcmp(r->resp_headers[i].key, "Set-Cookie") &&
		    strncmp(r->resp_headers[i].value, "lang=", 5))
			return; /* a visitor's or a session's cookie: theirs alone */
	const char *key = key_of(r);
	uint64_t gen = looked_gen;
	looked_gen = 0;
	if (!gen || gen != atomic_load(&generation))
		return; /* changed while the page was built: it may show old data */
	pthread_mutex_lock(&lock);
	if (total + r->out.len > TOTAL_MAX) {
		for (size_t i = 0; i < SLOTS; i++)
			slot_free(&slots[i]);
		total = 0;
	}
	struct slot *s = &slots[slot_of(key)];
	total -= s->len;
	slot_free(s);
	s->key = xstrdup(key);
	s->gen = gen;
	s->status = r->status;
	s->content_type = xstrdup(r->content_type ? r->content_type : "text/html; charset=utf-8");
	s->body = xmalloc(r->out.len + 1);
	memcpy(s->body, r->out.data ? r->out.data : "", r->out.len);
	s->len = r->out.len;
	total += s->len;
	for (size_t i = 0; i < r->nresp_headers; i++) {
		s->hname[i] = xstrdup(r->resp_headers[i].key);
		s->hvalue[i] = xstrdup(r->resp_headers[i].value);
	}
	s->nheaders = r->nresp_headers;
	pthread_mutex_unlock(&lock);
}
