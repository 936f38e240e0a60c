/* news_views.c - the posts' view counters, counted in memory and written
 * in batches (news.h).
 *
 * Two fixed tables under one mutex: `seen` remembers (post, visitor) hashes
 * with the time of their last counted view (open addressing; a full probe
 * run overwrites the oldest, so memory is bounded and a flood of new
 * visitors at worst counts someone twice), and `pending` adds up the views
 * per post since the last write. The flusher thread, started at the first
 * view, swaps `pending` out and writes it in one transaction; on a clean
 * stop the server calls news_views_stop, which ends the thread and writes
 * what is left. */
#include "../db/db.h"
#include "news.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SEEN_SLOTS (1u << 16)
#define SEEN_PROBE 8
#define PENDING_MAX 256

struct seen {
	uint64_t key;
	time_t at;
};
struct pending {
	int64_t post;
	long views;
};

static struct seen seen[SEEN_SLOTS];
static struct pending pending[PENDING_MAX];
static size_t npending;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t started = PTHREAD_ONCE_INIT;
/* The flusher's wake-up: its interval, or news_views_stop. */
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static int stopping, running;
static pthread_t flusher_thread;

int news_is_robot(const char *ua)
{
	static const char *const ROBOTS[] = {
		"bot",	   "crawl",   "spider",		"slurp",    "curl",
		"wget",	   "python",  "java/",		"headless", "facebookexternalhit",
		"preview", "monitor", "go-http-client", "undici",   "wrk"
	};
	if (!ua || !*ua || !strcmp(ua, "node")) /* "node": Node.js's fetch */
		return 1;
	for (size_t i = 0; i < sizeof ROBOTS / sizeof *ROBOTS; i++) {
		size_t n = strlen(ROBOTS[i]);
		for (const char *p = ua; *p; p++)
			if (!strncasecmp(p, ROBOTS[i], n))
				return 1;
	}
	return 0;
}

static void *flusher(void *arg)
{
	(void)arg;
	long ms = 10000;
	const char *env = getenv("COOPFAIR_VIEWS_FLUSH_MS");
	if (env && atol(env) > 0)
		ms = atol(env);
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec at;
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_sec += ms / 1000;
		at.tv_nsec += (ms % 1000) * 1000000L;
		if (at.tv_nsec >= 1000000000L)
			at.tv_sec++, at.tv_nsec -= 1000000000L;
		int rc = 0;
		while (!stopping && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&wake, &lock, &at);
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		if (news_views_flush())
			fprintf(stderr, "coopfair: news views: a batch could not be written; "
					"it is kept for the next one\n");
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void start(void)
{
	pthread_mutex_lock(&lock);
	if (!stopping && !pthread_create(&flusher_thread, NULL, flusher, NULL))
		running = 1;
	else if (!stopping)
		fprintf(stderr, "coopfair: news views: no flusher thread\n");
	pthread_mutex_unlock(&lock);
}

cf_err news_views_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = 1;
	int join = running;
	running = 0;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	if (join)
		pthread_join(flusher_thread, NULL);
	return news_views_flush();
}

int news_view(int64_t id, const char *client, const char *user_agent)
{
	if (news_is_robot(user_agent))
		return 0;
	pthread_once(&started, start);
	uint64_t key;
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, sizeof key);
	crypto_generichash_update(&h, (const unsigned char *)&id, sizeof id);
	crypto_generichash_update(&h, (const unsigned char *)(client ? client : ""),
				  strlen(client ? client : "") + 1);
	crypto_generichash_update(&h, (const unsigned char *)user_agent, strlen(user_agent));
	crypto_generichash_final(&h, (unsigned char *)&key, sizeof key);
	key |= 1; /* 0 marks a free slot */
	time_t now = time(NULL);
	int counted = 0;
	pthread_mutex_lock(&lock);
	struct seen *slot = NULL, *oldest = NULL;
	for (unsigned i = 0; i < SEEN_PROBE; i++) {
		struct seen *s = &seen[(key + i) % SEEN_SLOTS];
		if (s->key == key || !s->key) {
			slot = s;
			break;
		}
		if (!oldest || s->at < oldest->at)
			oldest = s;
	}
	if (!slot)
		slot = oldest;
	if (slot->key != key || now - slot->at >= NEWS_VIEW_WINDOW) {
		size_t i = 0;
		while (i < npending && pending[i].post != id)
			i++;
		if (i < PENDING_MAX) {
			if (i == npending)
				pending[npending++] = (struct pending){ id, 0 };
			pending[i].views++;
			slot->key = key;
			slot->at = now;
			counted = 1;
		}
	}
	pthread_mutex_unlock(&lock);
	return counted;
}

long news_views_pending(void)
{
	long n = 0;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < npending; i++)
		n += pending[i].views;
	pthread_mutex_unlock(&lock);
	return n;
}

static const char SQL_ADD[] = "UPDATE news_post SET views = views + ? WHERE id = ?";

/* put_back - a batch that could not be written is added to the next one. */
static void put_back(const struct pending *v, size_t n)
{
	pthread_mutex_lock(&lock);
	for (size_t k = 0; k < n; k++) {
		size_t i = 0;
		while (i < npending && pending[i].post != v[k].post)
			i++;
		if (i == PENDING_MAX)
			break;
		if (i == npending)
			pending[npending++] = (struct pending){ v[k].post, 0 };
		pending[i].views += v[k].views;
	}
	pthread_mutex_unlock(&lock);
}

cf_err news_views_flush(void)
{
	struct pending batch[PENDING_MAX];
	pthread_mutex_lock(&lock);
	size_t n = npending;
	memcpy(batch, pending, n * sizeof *batch);
	npending = 0;
	pthread_mutex_unlock(&lock);
	if (!n)
		return CF_OK;
	db *d = db_thread();
	cf_err e = db_begin(d);
	for (size_t i = 0; !e && i < n; i++) {
		db_stmt *q = db_prepare(d, SQL_ADD);
		if (!q) {
			e = CF_ERR_DB;
			break;
		}
		db_bind_int(q, 1, batch[i].views);
		db_bind_int(q, 2, batch[i].post);
		e = db_run(q);
	}
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		put_back(batch, n);
	}
	return e;
}
