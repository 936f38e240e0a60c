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
 * The batch, its progress and its PDF are in the database (badge.h,
 * badge_batch.c): a restart of the server forgets nothing, a batch cut
 * short by one is drawn again when its page is next shown, and any server
 * of a deployment shows any batch.
 */
#include "../html/html.h"
#include "../model/badge.h"
#include "../model/edition.h"
#include "gate.h"

#include <string.h>

/* POST /desk/batches  role */
void page_gate_batch_start(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *role = req_form(r, "role");
	int64_t id = 0;
	cf_err e = badge_batch_start(ed.id, role, &id);
	if (e == CF_ERR_BUSY) {
		page_error(r, 503,
			   tr(r->lang,
			      "Other badge sheets are being printed. Try again in a minute."));
		resp_header(r, "Retry-After", "30");
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/desk/batches/%lld", (long long)id));
}

/* find - batch r->id of the edition shown (404 sent when not). */
static int find(request *r, badge_batch *b)
{
	cf_err e = badge_batch_get(r->a, r->id, b);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, tr(r->lang, "No such batch of badges."));
		return 0;
	}
	return !req_fail(r, e);
}

/* GET /desk/batches/{id} */
void page_gate_batch(request *r)
{
	lang l = r->lang;
	badge_batch b;
	if (!find(r, &b))
		return;
	int drawing = !strcmp(b.state, "drawing"), ready = !strcmp(b.state, "ready");
	long done = b.done, total = b.total;
	resp_header(r, "Cache-Control", "no-store");
	if (drawing) /* reload until ready: no JavaScript needed */
		resp_header(r, "Refresh", "1");
	page_begin(r, tr(l, "Badge sheets"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Badge sheets"));
	html_printf(o,
		    "<p><progress id=\"batch-progress\" max=\"%ld\" value=\"%ld\"></progress> "
		    "<output for=\"batch-progress\" id=\"batch-count\">",
		    total ? total : 1, ready ? (total ? total : 1) : done);
	html_printf(o, tr(l, "Badges: %s / %s"), fmt_int(r, done), fmt_int(r, total));
	html_raw(o, "</output></p>");
	if (drawing)
		html_printf(o, "<p role=\"status\">%s</p>",
			    tr(l, "Printing… this page updates itself every second."));
	else if (ready)
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
	badge_batch b;
	if (!find(r, &b))
		return;
	if (strcmp(b.state, "ready")) {
		resp_redirect(r, arena_printf(r->a, "/desk/batches/%lld", (long long)r->id));
		return;
	}
	const void *pdf;
	size_t len;
	if (req_fail(r, badge_batch_pdf(r->a, r->id, &pdf, &len)))
		return;
	buf_reset(&r->out);
	if (req_fail(r, buf_append(&r->out, pdf, len)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "Content-Disposition", "inline; filename=\"badges.pdf\"");
}
