/*
 * news.h - the fair's news (issue 15): posts of an edition in three
 * languages with a picture, readers' comments with moderation, and each
 * post's view counter.
 *
 * Views are counted in memory and written in batches (news_views.c): the
 * public post page stays cacheable and no page view writes to the database.
 * A view is not counted twice for one visitor (address and browser) within
 * NEWS_VIEW_WINDOW seconds, nor at all for known robots. A batch is written
 * every COOPFAIR_VIEWS_FLUSH_MS milliseconds (default 10000) by one thread,
 * started at the first view; on a clean stop (SIGTERM, SIGINT) the server
 * calls news_views_stop, which writes the views of the last interval. A
 * crash (SIGKILL, power cut) loses them: a counter, not a ledger.
 * A comment's email is kept for the committee and never returned to a
 * public page: news_comments_public does not read it.
 * Model code: no HTML, no HTTP; everything returned lives in the arena given.
 */
#ifndef CF_NEWS_H
#define CF_NEWS_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"
#include "text.h"

#define NEWS_VIEW_WINDOW (30 * 60)
/* At most this many comments from one address in NEWS_RATE_WINDOW seconds. */
#define NEWS_RATE_MAX 3
#define NEWS_RATE_WINDOW (10 * 60)

typedef struct news_post {
	int64_t id, edition_id;
	text3 title, body;
	int published;
	const char *published_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ", "" when never */
	int has_picture;
	long views;
	int comments; /* approved ones */
	int sample;
} news_post;

/* news_posts - the posts of an edition, newest first; published_only for
 * the public. */
cf_err news_posts(arena *a, int64_t edition_id, int published_only, news_post **out,
		  size_t *count) CF_MUST_USE;
cf_err news_post_get(arena *a, int64_t id, news_post *out) CF_MUST_USE;
/* news_post_save - create (p->id 0) or update a post's texts and whether it
 * is published (published_at is set the first time). CF_ERR_INVALID
 * without a title in any language. */
cf_err news_post_save(int64_t actor, const news_post *p, int64_t *id) CF_MUST_USE;
/* news_picture_set - store a picture (JPEG bytes, already made fit). */
cf_err news_picture_set(int64_t actor, int64_t id, const void *jpeg, size_t len) CF_MUST_USE;
/* news_picture - the picture of a published post (any post with
 * any_state); CF_ERR_NOTFOUND when none. */
cf_err news_picture(arena *a, int64_t id, int any_state, const void **data,
		    size_t *len) CF_MUST_USE;

/* ---- comments ---- */
typedef enum news_comment_status {
	NEWS_PENDING,
	NEWS_APPROVED,
	NEWS_REJECTED,
	NEWS_STATUS__MAX
} news_comment_status;
const char *news_comment_status_code(news_comment_status s);

typedef struct news_comment {
	int64_t id, post_id;
	const char *name, *body, *created_at;
	const char *email; /* "" from news_comments_public: never read there */
	news_comment_status status;
} news_comment;

/* news_comment_add - a reader's comment; pending when the edition's
 * comments wait for moderation, else approved (*status says which).
 * client: a string naming the sender (its address), kept only as a keyed
 * hash, for the rate limit. CF_ERR_INVALID for an empty or too long name
 * or text, or a malformed email; CF_ERR_BUSY when the sender passed
 * NEWS_RATE_MAX comments in NEWS_RATE_WINDOW; CF_ERR_NOTFOUND when the post
 * is not published. */
cf_err news_comment_add(int64_t post_id, const char *name, const char *email, const char *body,
			const char *client, news_comment_status *status) CF_MUST_USE;
/* news_comments_public - the approved comments of a post, oldest first,
 * without their emails. */
cf_err news_comments_public(arena *a, int64_t post_id, news_comment **out,
			    size_t *count) CF_MUST_USE;
/* news_comments_all - every comment of an edition's posts (for the
 * committee, emails included), pending first then newest first. */
cf_err news_comments_all(arena *a, int64_t edition_id, news_comment **out,
			 size_t *count) CF_MUST_USE;
/* news_comment_set - approve or reject (status), or delete (del). */
cf_err news_comment_set(int64_t actor, int64_t id, news_comment_status status, int del) CF_MUST_USE;

/* ---- views (news_views.c) ---- */
/* news_view - one view of post id by a visitor (address, user agent): kept
 * in memory; counted once per visitor per NEWS_VIEW_WINDOW, never for a
 * robot's user agent. Never touches the database. 1 when counted. */
int news_view(int64_t id, const char *client, const char *user_agent);
/* news_is_robot - whether a user agent names a robot (or is empty). */
int news_is_robot(const char *user_agent);
/* news_views_flush - write the views counted so far (one transaction);
 * the flusher thread calls it, and tests through it. */
cf_err news_views_flush(void) CF_MUST_USE;
/* news_views_stop - at a clean stop, once no request runs any more: end
 * the flusher thread and write what it had not written yet. Views counted
 * after it are kept in memory only. */
cf_err news_views_stop(void) CF_MUST_USE;
/* news_views_pending - views counted and not yet written. */
long news_views_pending(void);

#endif
