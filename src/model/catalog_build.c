/* catalog_build.c - see catalog.h: the catalogue book of an edition, and
 * catalogue PDFs built in a background thread with their progress in the
 * database (table catalog_build), so that any server of a deployment shows
 * the progress and serves the result. */
#include "../export/catalog_pdf.h"
#include "admin.h"
#include "audit.h"
#include "catalog.h"
#include "edition.h"
#include "../util/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUILD_ARENA (512u << 20)
#define BUILD_PDF_CAP (256u << 20)

static const char SQL_START[] = "INSERT INTO catalog_build (edition_id, size, account_id, "
				"started_at) VALUES (?, ?, ?, ?)";
static const char SQL_PROGRESS[] = "UPDATE catalog_build SET done = ?, total = ? WHERE id = ?";
static const char SQL_DONE[] = "UPDATE catalog_build SET state = 'done', pdf = ?, done = total, "
			       "finished_at = ? WHERE id = ?";
static const char SQL_FAILED[] =
	"UPDATE catalog_build SET state = 'failed', finished_at = ? WHERE id = ?";
static const char SQL_GET[] = "SELECT id, edition_id, size, state, done, total, "
			      "coalesce(length(pdf), 0), started_at, coalesce(finished_at, '') "
			      "FROM catalog_build WHERE id = ?";
static const char SQL_LIST[] = "SELECT id, edition_id, size, state, done, total, "
			       "coalesce(length(pdf), 0), started_at, coalesce(finished_at, '') "
			       "FROM catalog_build WHERE edition_id = ? ORDER BY id DESC LIMIT ?";
static const char SQL_PDF[] =
	"SELECT pdf FROM catalog_build WHERE id = ? AND state = 'done' AND pdf IS NOT NULL";
static const char SQL_LATEST[] = "SELECT pdf FROM catalog_build WHERE edition_id = ? AND size = ? "
				 "AND state = 'done' AND pdf IS NOT NULL ORDER BY id DESC LIMIT 1";
/* the latest finished build, whether the server made it for a visitor
 * (no account), and when it finished */
static const char SQL_SERVED[] =
	"SELECT id, CASE WHEN account_id IS NULL THEN 1 ELSE 0 END, coalesce(finished_at, '') "
	"FROM catalog_build WHERE edition_id = ? AND size = ? AND state = 'done' "
	"AND pdf IS NOT NULL ORDER BY id DESC LIMIT 1";
/* every finished (or cut short) build of an edition and size but the
 * CATALOG_BUILDS_KEPT latest finished ones and the CATALOG_BUILDS_KEPT
 * latest of any state; a build still running is left alone */
static const char SQL_PRUNE[] =
	"DELETE FROM catalog_build WHERE edition_id = ? AND size = ? "
	"AND (state <> 'running' OR started_at < ?) "
	"AND id NOT IN (SELECT id FROM catalog_build WHERE edition_id = ? AND size = ? "
	"AND state = 'done' ORDER BY id DESC LIMIT ?) "
	"AND id NOT IN (SELECT id FROM catalog_build WHERE edition_id = ? AND size = ? "
	"ORDER BY id DESC LIMIT ?)";

/* A build still "running" this long after its start was cut short (its
 * server stopped): shown as failed, so its page stops refreshing. */
#define BUILD_STALE_SECONDS 600

/* prune - delete the old builds of edition_id in that size, their PDFs with
 * them (SQL_PRUNE); in a statement of its own. */
static cf_err prune(db *d, int64_t edition_id, int a5)
{
	char stale[32];
	clock_iso(time(NULL) - BUILD_STALE_SECONDS, stale);
	const char *size = a5 ? "a5" : "a4";
	db_stmt *s = db_prepare(d, SQL_PRUNE);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, size);
	db_bind_text(s, 3, stale);
	db_bind_int(s, 4, edition_id);
	db_bind_text(s, 5, size);
	db_bind_int(s, 6, CATALOG_BUILDS_KEPT);
	db_bind_int(s, 7, edition_id);
	db_bind_text(s, 8, size);
	db_bind_int(s, 9, CATALOG_BUILDS_KEPT);
	return db_run(s);
}

cf_err catalog_book_of(arena *a, int64_t edition_id, int a5, catalog_book *b)
{
	memset(b, 0, sizeof *b);
	edition e;
	cf_err err = edition_by_id(a, edition_id, &e);
	if (err)
		return err;
	catalog_entry *entries;
	size_t n = 0;
	if ((err = catalog_entries(a, edition_id, 1, &entries, &n)))
		return err;
	b->name_ar = e.name.v[LANG_AR];
	b->name_fr = e.name.v[LANG_FR];
	b->when = arena_printf(a, "%s · %s — %s / %s", e.city.v[LANG_AR], e.city.v[LANG_FR],
			       e.starts_on, e.ends_on);
	named *orgs;
	size_t no = 0;
	if ((err = edition_organisations(a, edition_id, ORG_PARTNER, &orgs, &no)))
		return err;
	catalog_logo *logos = arena_alloc(a, (no ? no : 1) * sizeof *logos);
	for (size_t i = 0; i < no; i++) {
		catalog_logo *lg = &logos[i];
		memset(lg, 0, sizeof *lg);
		lg->name_ar = orgs[i].name.v[LANG_AR];
		lg->name_fr = orgs[i].name.v[LANG_FR];
		if (logo_has(orgs[i].id) && logo_get(a, orgs[i].id, &lg->data, &lg->len, &lg->mime))
			lg->data = NULL, lg->len = 0;
	}
	b->partners = logos;
	b->npartners = no;
	b->entries = entries;
	b->n = n;
	b->a5 = a5;
	for (size_t i = 0; i < n; i++)
		b->sample |= entries[i].row.is_sample;
	return CF_OK;
}

struct job {
	int64_t id, edition_id;
	int a5;
	size_t last;
};

/* progress - written every tenth exhibitor (and the last), each in its own
 * short transaction: readers on other connections see it at once */
static void progress(size_t done, size_t total, void *arg)
{
	struct job *j = arg;
	if (done != total && done - j->last < 10)
		return;
	j->last = done;
	db_stmt *s = db_prepare(db_thread(), SQL_PROGRESS);
	db_bind_int(s, 1, (int64_t)done);
	db_bind_int(s, 2, (int64_t)total);
	db_bind_int(s, 3, j->id);
	if (db_run(s))
		fprintf(stderr, "coopfair: catalogue build %lld: progress not recorded\n",
			(long long)j->id);
}

/* build - draw job j's catalogue and store it (or mark the build failed),
 * then prune the old builds; in the calling thread. */
static cf_err build(struct job *j)
{
	arena *a = arena_new(BUILD_ARENA);
	catalog_book b;
	buf out;
	buf_init(&out, BUILD_PDF_CAP);
	cf_err e = catalog_book_of(a, j->edition_id, j->a5, &b);
	if (!e) {
		progress(0, b.n, j);
		e = catalog_pdf(&b, progress, j, &out);
	}
	char now[32];
	clock_now_iso(now);
	db *d = db_thread();
	db_stmt *s;
	/* done and the old builds deleted in one transaction: whoever sees this
	 * build done sees the old ones gone */
	if (!e && !(e = db_begin(d))) {
		s = db_prepare(d, SQL_DONE);
		db_bind_blob(s, 1, out.data, out.len);
		db_bind_text(s, 2, now);
		db_bind_int(s, 3, j->id);
		e = db_run(s);
		if (!e)
			e = prune(d, j->edition_id, j->a5);
		e = db_end(d, e);
	}
	if (e) {
		fprintf(stderr, "coopfair: catalogue build %lld failed (%d)\n", (long long)j->id,
			(int)e);
		s = db_prepare(d, SQL_FAILED);
		db_bind_text(s, 1, now);
		db_bind_int(s, 2, j->id);
		if (db_run(s) || prune(d, j->edition_id, j->a5))
			fprintf(stderr, "coopfair: catalogue build %lld: state not recorded\n",
				(long long)j->id);
	}
	buf_free(&out);
	arena_free(a);
	return e;
}

static void *run(void *arg)
{
	struct job *j = arg;
	(void)build(j);
	free(j);
	return NULL;
}

/* record - the row of a new build, running; *id gets its id. */
static cf_err record(db *d, int64_t actor, int64_t edition_id, int a5, int64_t *id)
{
	char now[32];
	clock_now_iso(now);
	db_stmt *s = db_prepare(d, SQL_START);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, a5 ? "a5" : "a4");
	if (actor)
		db_bind_int(s, 3, actor);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, now);
	cf_err e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

cf_err catalog_build_start(int64_t actor, int64_t edition_id, int a5, int64_t *id)
{
	db *d = db_thread();
	char now[32];
	clock_now_iso(now);
	cf_err e = db_begin(d);
	if (e)
		return e;
	e = record(d, actor, edition_id, a5, id);
	if (!e)
		e = audit_record(actor, "catalog.build", "edition", edition_id, NULL,
				 a5 ? "{\"size\":\"a5\"}" : "{\"size\":\"a4\"}");
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		return e;
	}
	struct job *j = calloc(1, sizeof *j);
	if (!j)
		return CF_ERR_NOMEM;
	*j = (struct job){ *id, edition_id, a5, 0 };
	pthread_t t;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	int bad = pthread_create(&t, &at, run, j);
	pthread_attr_destroy(&at);
	if (bad) {
		free(j);
		db_stmt *f = db_prepare(d, SQL_FAILED);
		db_bind_text(f, 1, now);
		db_bind_int(f, 2, *id);
		return db_run(f) ? CF_ERR_DB : CF_ERR_BUSY;
	}
	return CF_OK;
}

static void read_build(arena *a, db_stmt *s, catalog_build *out)
{
	out->id = db_col_int(s, 0);
	out->edition_id = db_col_int(s, 1);
	out->a5 = !strcmp(db_col_text(s, 2), "a5");
	out->state = arena_strdup(a, db_col_text(s, 3));
	out->done = (int)db_col_int(s, 4);
	out->total = (int)db_col_int(s, 5);
	out->pdf_len = (size_t)db_col_int(s, 6);
	out->started_at = arena_strdup(a, db_col_text(s, 7));
	out->finished_at = arena_strdup(a, db_col_text(s, 8));
	if (!strcmp(out->state, "running")) {
		char stale[32];
		clock_iso(time(NULL) - BUILD_STALE_SECONDS, stale);
		if (strcmp(out->started_at, stale) < 0) /* ISO times compare as text */
			out->state = "failed";
	}
}

cf_err catalog_build_get(arena *a, int64_t id, catalog_build *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), SQL_GET);
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		read_build(a, s, out);
	db_done(s);
	return rc == DB_ROW ? CF_OK : rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
}

cf_err catalog_builds(arena *a, int64_t edition_id, int max, catalog_build **out, size_t *n)
{
	*n = 0;
	*out = arena_alloc(a, (size_t)(max > 0 ? max : 1) * sizeof **out);
	db_stmt *s = db_prepare(db_thread(), SQL_LIST);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, max);
	int rc;
	while (*n < (size_t)max && (rc = db_step(s)) == DB_ROW)
		read_build(a, s, &(*out)[(*n)++]);
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static cf_err blob(arena *a, db_stmt *s, const void **data, size_t *len)
{
	int rc = db_step(s);
	if (rc == DB_ROW) {
		const void *p = db_col_blob(s, 0, len);
		void *copy = arena_alloc(a, *len + 1);
		if (*len)
			memcpy(copy, p, *len);
		*data = copy;
	}
	db_done(s);
	return rc == DB_ROW ? CF_OK : rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
}

cf_err catalog_build_pdf(arena *a, int64_t id, const void **data, size_t *len)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PDF);
	db_bind_int(s, 1, id);
	return blob(a, s, data, len);
}

cf_err catalog_build_latest(arena *a, int64_t edition_id, int a5, const void **data, size_t *len)
{
	db_stmt *s = db_prepare(db_thread(), SQL_LATEST);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, a5 ? "a5" : "a4");
	return blob(a, s, data, len);
}

/* served - the build /catalogue.pdf serves: the latest finished one, when
 * the committee made it (any age) or when the server made it for a visitor
 * less than CATALOG_AUTO_FRESH seconds ago. *id 0 when none. */
static cf_err served(db *d, int64_t edition_id, int a5, int64_t *id)
{
	*id = 0;
	db_stmt *s = db_prepare(d, SQL_SERVED);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, a5 ? "a5" : "a4");
	char fresh[32];
	clock_iso(time(NULL) - CATALOG_AUTO_FRESH, fresh);
	int rc = db_step(s);
	if (rc == DB_ROW && (!db_col_int(s, 1) || strcmp(db_col_text(s, 2), fresh) >= 0))
		*id = db_col_int(s, 0);
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* One visitor's request draws a missing catalogue at a time (in this
 * process); the others wait for it and read the stored result. */
static pthread_mutex_t public_lock = PTHREAD_MUTEX_INITIALIZER;

cf_err catalog_public_pdf(arena *a, int64_t edition_id, int a5, const void **data, size_t *len)
{
	db *d = db_thread();
	int64_t id;
	cf_err e = served(d, edition_id, a5, &id);
	if (!e && id)
		return catalog_build_pdf(a, id, data, len);
	pthread_mutex_lock(&public_lock);
	/* the latest data, not the request's snapshot: another request may have
	 * drawn it meanwhile */
	db_read_end(d);
	e = served(d, edition_id, a5, &id);
	if (!e && !id) {
		e = record(d, 0, edition_id, a5, &id);
		struct job j = { id, edition_id, a5, 0 };
		if (!e)
			e = build(&j);
	}
	pthread_mutex_unlock(&public_lock);
	return e ? e : catalog_build_pdf(a, id, data, len);
}
