/*
 * gate_batch.c - badge sheets printed in the background, with progress.
 *
 *   POST /desk/batches            role (empty: every role): start a batch of
 *                                 sheets (8 per A4) of the current edition's
 *                                 badges; 303 to its progress page
 *   GET  /desk/batches/{id}       the progress ("Badges: 120 / 320"), which
 *                                 reloads itself each second without
 *                                 JavaScript (Refresh header) until the PDF
 *                                 is ready, then links to it
 *   GET  /desk/batches/{id}/badges.pdf   the finished PDF
 *
 * A batch is read from the database on the request's thread, then drawn by
 * a thread of its own (badge_pdf's progress callback counts the badges), so
 * the desk sees the count grow. Batches live in this process's memory (the
 * last BATCHES_MAX; a finished one is dropped for a new one when all are
 * taken): a restart forgets them, and behind a load balancer the desk must
 * reach the same server (a fair's desk runs on one laptop).
 */
#include "../export/badge_pdf.h"
#include "../html/html.h"
#include "../model/badge.h"
#include "../model/edition.h"
#include "../model/text.h"
#include "gate.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define BATCHES_MAX 8
#define BATCH_BADGES_MAX 5000
#define BATCH_PDF_CAP ((size_t)96 << 20)

typedef struct batch {
	int64_t id; /* 0: free slot */
	atomic_size_t done;
	size_t total;
	atomic_int state; /* 0 drawing, 1 ready, 2 failed */
	arena *a;	  /* the badges' copy */
	badge *v;
	char edname[400];
	buf pdf;
} batch;

static pthread_mutex_t batches_mu = PTHREAD_MUTEX_INITIALIZER;
static batch batches[BATCHES_MAX];
static int64_t last_id;

static void on_progress(size_t done, size_t total, void *arg)
{
	(void)total;
	atomic_store(&((batch *)arg)->done, done);
}

static void *draw(void *arg)
{
	batch *b = arg;
	cf_err e = badge_pdf(b->v, b->total, b->edname, 1, on_progress, b, &b->pdf);
	atomic_store(&b->state, e ? 2 : 1);
	return NULL;
}

/* slot - a free slot, or the oldest finished one freed; NULL when every
 * slot is still drawing. Called with batches_mu held. */
static batch *slot(void)
{
	batch *old = NULL;
	for (int i = 0; i < BATCHES_MAX; i++) {
		if (!batches[i].id)
			return &batches[i];
		if (atomic_load(&batches[i].state) && (!old || batches[i].id < old->id))
			old = &batches[i];
	}
	if (old) {
		arena_free(old->a);
		buf_free(&old->pdf);
		memset(old, 0, sizeof *old);
	}
	return old;
}

/* POST /desk/batches  role */
void page_gate_batch_start(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *role = req_form(r, "role");
	if (role && *role && !badge_role_valid(role)) {
		req_fail(r, CF_ERR_INVALID);
		return;
	}
	badge *all;
	size_t n = 0;
	if (req_fail(r, badge_list(r->a, ed.id, role && *role ? role : NULL, BATCH_BADGES_MAX, &all,
				   &n)))
		return;
	arena *a = arena_new((size_t)8 << 20);
	badge *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
	size_t k = 0;
	/* oldest first, revoked badges left out; strings copied out of r->a */
	for (size_t i = n; i-- > 0;) {
		if (all[i].revoked)
			continue;
		badge *d = &v[k++];
		*d = all[i];
		d->role = arena_strdup(a, all[i].role);
		d->name_ar = arena_strdup(a, all[i].name_ar);
		d->name_latin = arena_strdup(a, all[i].name_latin);
		d->organisation = arena_strdup(a, all[i].organisation);
		d->phone = d->email = "";
		d->token = arena_strdup(a, all[i].token);
	}
	pthread_mutex_lock(&batches_mu);
	batch *b = slot();
	if (!b) {
		pthread_mutex_unlock(&batches_mu);
		arena_free(a);
		page_error(r, 503,
			   tr(r->lang,
			      "Other badge sheets are being printed. Try again in a minute."));
		resp_header(r, "Retry-After", "30");
		return;
	}
	b->id = ++last_id;
	b->total = k;
	b->a = a;
	b->v = v;
	snprintf(b->edname, sizeof b->edname, "%s · %s", text3_get(&ed.name, LANG_AR),
		 text3_get(&ed.name, LANG_FR));
	buf_init(&b->pdf, BATCH_PDF_CAP);
	pthread_t t;
	if (pthread_create(&t, NULL, draw, b)) {
		atomic_store(&b->state, 2);
	} else {
		pthread_detach(t);
	}
	int64_t id = b->id;
	pthread_mutex_unlock(&batches_mu);
	resp_redirect(r, arena_printf(r->a, "/desk/batches/%lld", (long long)id));
}

/* find - the batch r->id, with batches_mu held (NULL: unlocked, 404 sent). */
static batch *find(request *r)
{
	pthread_mutex_lock(&batches_mu);
	for (int i = 0; i < BATCHES_MAX; i++)
		if (batches[i].id && batches[i].id == r->id)
			return &batches[i];
	pthread_mutex_unlock(&batches_mu);
	page_error(r, 404, tr(r->lang, "No such batch of badges (the server may have restarted)."));
	return NULL;
}

/* GET /desk/batches/{id} */
void page_gate_batch(request *r)
{
	lang l = r->lang;
	batch *b = find(r);
	if (!b)
		return;
	size_t done = atomic_load(&b->done), total = b->total;
	int state = atomic_load(&b->state);
	pthread_mutex_unlock(&batches_mu);
	resp_header(r, "Cache-Control", "no-store");
	if (state == 0) /* reload until ready: no JavaScript needed */
		resp_header(r, "Refresh", "1");
	page_begin(r, tr(l, "Badge sheets"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Badge sheets"));
	html_printf(o,
		    "<p><progress id=\"batch-progress\" max=\"%zu\" value=\"%zu\"></progress> "
		    "<output for=\"batch-progress\" id=\"batch-count\">",
		    total ? total : 1, state == 1 ? (total ? total : 1) : done);
	html_printf(o, tr(l, "Badges: %s / %s"), fmt_int(r, (long)done), fmt_int(r, (long)total));
	html_raw(o, "</output></p>");
	if (state == 0)
		html_printf(o, "<p role=\"status\">%s</p>",
			    tr(l, "Printing… this page updates itself every second."));
	else if (state == 1)
		html_printf(o, "<p role=\"status\"><a href=\"%s\" id=\"batch-pdf\">%s</a></p>",
			    site_href(r, "/desk/batches/%lld/badges.pdf", (long long)r->id),
			    tr(l, "The sheets are ready: open the PDF"));
	else
		html_printf(o, "<p role=\"alert\">%s</p>",
			    tr(l, "The sheets could not be made. Try again with fewer badges."));
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/desk"), tr(l, "Desk"));
	page_end(r);
}

/* GET /desk/batches/{id}/badges.pdf */
void page_gate_batch_pdf(request *r)
{
	batch *b = find(r);
	if (!b)
		return;
	if (atomic_load(&b->state) != 1) {
		pthread_mutex_unlock(&batches_mu);
		resp_redirect(r, arena_printf(r->a, "/desk/batches/%lld", (long long)r->id));
		return;
	}
	buf_reset(&r->out);
	cf_err e = buf_append(&r->out, b->pdf.data, b->pdf.len);
	pthread_mutex_unlock(&batches_mu);
	if (req_fail(r, e))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "Content-Disposition", "inline; filename=\"badges.pdf\"");
}
