/*
 * catalog_admin.c - the committee hides what breaks the fair's rules in an
 * exhibitor's catalogue profile (issue 18):
 *
 *   GET  /admin/catalog/{id}                   the profile of exhibitor id,
 *                                              each photo and the texts
 *                                              with a form to hide them
 *   POST /admin/catalog/{id}/hide  photo=ID (or none: the texts),
 *                                  reason, csrf
 *   GET  /admin/catalog                        build the catalogue PDF
 *   POST /admin/catalog/build  size=a4|a5      start a build
 *   GET  /admin/catalog/build/{id}             its progress
 *   GET  /admin/catalog/build/{id}/catalogue.pdf
 *
 * Hiding is audited and the reason mailed to the cooperative
 * (catalog_hide). The router has checked the committee's role in the
 * exhibitor's edition ({id}: ACCESS_EXHIBITOR).
 */
#include "catalog.h"
#include "../html/html.h"
#include "../model/access.h"
#include "../model/edition.h"
#include "edition.h"
#include "registry.h"

#include <string.h>

static void hide_form(request *r, int64_t exhibitor_id, int64_t photo_id, const char *button)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"hide\">",
		    site_href(r, "/admin/catalog/%lld/hide", (long long)exhibitor_id));
	page_csrf_field(r);
	if (photo_id)
		html_printf(o, "<input type=\"hidden\" name=\"photo\" value=\"%lld\">",
			    (long long)photo_id);
	html_printf(o,
		    "<label for=\"reason-%lld\">%s</label><textarea id=\"reason-%lld\" "
		    "name=\"reason\" rows=\"2\" maxlength=\"1000\" required></textarea>"
		    "<button type=\"submit\">%s</button></form>",
		    (long long)photo_id, tr(l, "Reason (sent to the cooperative)"),
		    (long long)photo_id, button);
}

static cf_err load(request *r, int64_t *edition_id, catalog_entry *c, catalog_profile *own)
{
	cf_err e = access_edition_of(ACCESS_EXHIBITOR, r->id, edition_id);
	if (!e)
		e = catalog_entry_of(r->a, *edition_id, r->id, 0, c);
	if (!e)
		e = catalog_profile_own(r->a, c->coop_id, own);
	return e;
}

/* GET /admin/catalog/{id} */
void page_catalog_admin(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	int64_t ed;
	catalog_entry c;
	catalog_profile p;
	if (req_fail(r, load(r, &ed, &c, &p)))
		return;
	page_begin(r, tr(l, "Catalogue profile"), c.row.is_sample ? PAGE_SAMPLE : 0);
	html_printf(o, "<h1>%s · <bdi lang=\"ar\">%s</bdi> <bdi lang=\"fr\">%s</bdi></h1>",
		    tr(l, "Catalogue profile"), c.row.name_ar, c.row.name_fr);
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "hidden"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Hidden. The cooperative has been told why."));
	html_printf(o, "<section><h2>%s</h2>", tr(l, "Texts"));
	if (p.about_hidden)
		html_printf(o, "<p class=\"tag\">%s</p>", tr(l, "hidden by the committee"));
	html_printf(o,
		    "<dl class=\"facts\"><div><dt>%s</dt><dd lang=\"ar\" dir=\"rtl\">%s</dd></div>"
		    "<div><dt>%s</dt><dd lang=\"fr\" dir=\"ltr\">%s</dd></div>"
		    "<div><dt>%s</dt><dd lang=\"ar\" dir=\"rtl\">%s</dd></div>"
		    "<div><dt>%s</dt><dd lang=\"fr\" dir=\"ltr\">%s</dd></div></dl>",
		    tr(l, "Presentation in Arabic"), p.about_ar, tr(l, "Presentation in French"),
		    p.about_fr, tr(l, "Products in Arabic"), p.products_ar,
		    tr(l, "Products in French"), p.products_fr);
	if (!p.about_hidden && (*p.about_ar || *p.about_fr || *p.products_ar || *p.products_fr))
		hide_form(r, r->id, 0, tr(l, "Hide the texts"));
	html_raw(o, "</section>");
	html_printf(o, "<section><h2>%s</h2>", tr(l, "Photos"));
	if (!p.nphotos)
		html_printf(o, "<p>%s</p>", tr(l, "No photo chosen."));
	html_raw(o, "<ul class=\"photo-grid\">");
	for (int i = 0; i < p.nphotos; i++) {
		html_printf(o, "<li><img src=\"%s\" alt=\"%s\" width=\"200\">",
			    site_href(r, "/admin/photos/%lld", (long long)p.photo_ids[i]),
			    /* TRANSLATORS: not a count: the photo's number. */
			    arena_printf(r->a, tr(l, "Product photo %d"), i + 1));
		if (p.photo_hidden[i])
			html_printf(o, " <span class=\"tag\">%s</span>",
				    tr(l, "hidden by the committee"));
		else
			hide_form(r, r->id, p.photo_ids[i], tr(l, "Hide this photo"));
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul></section>");
	html_printf(o, "<p><a href=\"%s\">%s</a></p>",
		    site_href(r, "/exhibitors/%lld", (long long)r->id), tr(l, "The public page"));
	page_end(r);
}

/* POST /admin/catalog/{id}/hide */
void page_catalog_hide(request *r)
{
	lang l = r->lang;
	int64_t ed;
	catalog_entry c;
	catalog_profile p;
	if (req_fail(r, load(r, &ed, &c, &p)))
		return;
	int64_t photo = 0;
	const char *ph = req_form(r, "photo");
	if (ph && *ph && !page_id_param(r, "photo", &photo)) {
		page_error(r, 400, NULL);
		return;
	}
	const char *reason = req_form(r, "reason");
	cf_err e = catalog_hide(r->user_id, ed, c.coop_id, photo, reason);
	if (e == CF_ERR_INVALID) {
		reg_refuse(r, 422, tr(l, "Write the reason: it is sent to the cooperative."),
			   arena_printf(r->a, "/admin/catalog/%lld", (long long)r->id));
		return;
	}
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/admin/catalog/%lld?done=hidden", (long long)r->id));
}

/* GET /admin/catalog - the catalogue of the edition shown in the back
 * office: build its PDF (A4 or A5) with the progress shown, the stand
 * cards of every exhibitor. */
void page_catalog_home(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	edition e;
	if (req_fail(r, admin_edition(r, &e)))
		return;
	page_begin(r, tr(l, "Exhibitors' catalogue"), 0);
	html_printf(o, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(l, "Exhibitors' catalogue"),
		    text3_get(&e.name, l));
	html_printf(o, "<p>%s</p>",
		    tr(l, "The printed catalogue: a cover with the partners, the contents by "
			  "category, one block per exhibitor, an index by prefecture or province. "
			  "Building it takes a few seconds for 300 exhibitors; the public link "
			  "serves the latest build."));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/admin/catalog/build"));
	page_csrf_field(r);
	html_printf(o,
		    "<fieldset><legend>%s</legend>"
		    "<label class=\"check\"><input type=\"radio\" name=\"size\" value=\"a4\" "
		    "checked> A4</label>"
		    "<label class=\"check\"><input type=\"radio\" name=\"size\" value=\"a5\"> A5 "
		    "(%s)</label></fieldset><button type=\"submit\">%s</button></form>",
		    tr(l, "Page size"), tr(l, "booklet"), tr(l, "Build the catalogue"));
	catalog_build *bs;
	size_t nb = 0;
	if (req_fail(r, catalog_builds(r->a, e.id, 10, &bs, &nb)))
		return;
	if (nb) {
		html_printf(o, "<h2>%s</h2><ul class=\"builds\">", tr(l, "Latest builds"));
		for (size_t i = 0; i < nb; i++)
			html_printf(o,
				    "<li><a href=\"%s\">%s</a> · %s · "
				    "<bdi>%d/%d</bdi></li>",
				    site_href(r, "/admin/catalog/build/%lld", (long long)bs[i].id),
				    fmt_datetime(r, bs[i].started_at), bs[i].a5 ? "A5" : "A4",
				    bs[i].done, bs[i].total);
		html_raw(o, "</ul>");
	}
	/* every exhibitor's profile, to review it (hide a photo or a text) */
	catalog_products_row *ps;
	size_t np = 0;
	exhibitor_filter f = { NULL, NULL, 1, EXHIBITOR_ALL };
	exhibitor_row *rows;
	int total;
	size_t nr = 0;
	if (req_fail(r, exhibitor_list(r->a, e.id, &f, &rows, &total, &nr)) ||
	    req_fail(r, catalog_products(r->a, e.id, &ps, &np)))
		return;
	html_printf(o, "<details class=\"profiles\"><summary>%s</summary><ul>",
		    tr(l, "Exhibitors' profiles to review"));
	for (size_t i = 0; i < nr; i++) {
		const catalog_products_row *p = catalog_products_find(ps, np, rows[i].id);
		html_printf(o,
			    "<li><a href=\"%s\"><bdi lang=\"ar\">%s</bdi> "
			    "<bdi lang=\"fr\">%s</bdi></a>%s</li>",
			    site_href(r, "/admin/catalog/%lld", (long long)rows[i].id),
			    rows[i].name_ar, rows[i].name_fr,
			    p && p->photo_id ? "" : tr(l, " (no photo)"));
	}
	html_raw(o, "</ul></details>");
	html_printf(o,
		    "<ul><li><a href=\"%s\">%s</a></li>"
		    "<li><a href=\"%s\">%s</a></li></ul>",
		    site_href(r, "/catalogue.pdf?edition=%s", url_arg(r->a, e.slug)),
		    tr(l, "The public catalogue (PDF)"), site_href(r, "/admin/catalog/cards.pdf"),
		    tr(l, "Stand cards of every exhibitor (PDF)"));
	page_end(r);
}

/* POST /admin/catalog/build  size=a4|a5, csrf */
void page_catalog_build(request *r)
{
	edition e;
	if (req_fail(r, admin_edition(r, &e)))
		return;
	const char *size = req_form(r, "size");
	if (size && strcmp(size, "a4") && strcmp(size, "a5")) {
		page_error(r, 400, NULL);
		return;
	}
	int64_t id;
	if (req_fail(r, catalog_build_start(r->user_id, e.id, size && !strcmp(size, "a5"), &id)))
		return;
	resp_redirect(r, arena_printf(r->a, "/admin/catalog/build/%lld", (long long)id));
}

/* GET /admin/catalog/build/{id} - the progress of a build; the page asks
 * the browser to load it again every two seconds while it runs (a Refresh
 * header: no script needed). */
void page_catalog_build_status(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	catalog_build b;
	if (req_fail(r, catalog_build_get(r->a, r->id, &b)))
		return;
	int running = !strcmp(b.state, "running");
	if (running)
		resp_header(r, "Refresh", "2");
	page_begin(r, tr(l, "Exhibitors' catalogue"), 0);
	html_printf(o, "<h1>%s</h1>", tr(l, "Exhibitors' catalogue"));
	html_printf(o,
		    "<p role=\"status\" class=\"build-%s\"><progress max=\"%d\" value=\"%d\">"
		    "</progress> <bdi>%d/%d</bdi> %s</p>",
		    b.state, b.total ? b.total : 1, b.done, b.done, b.total,
		    running		       ? tr(l, "Building: this page follows the progress.")
		    : !strcmp(b.state, "done") ? tr(l, "Built.")
					       : tr(l, "The build failed. Try again."));
	if (!strcmp(b.state, "done"))
		html_printf(
			o, "<p><a href=\"%s\">%s</a></p>",
			site_href(r, "/admin/catalog/build/%lld/catalogue.pdf", (long long)b.id),
			tr(l, "Open the catalogue (PDF)"));
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/admin/catalog"),
		    tr(l, "Exhibitors' catalogue"));
	page_end(r);
}

/* GET /admin/catalog/build/{id}/catalogue.pdf */
void page_catalog_build_pdf(request *r)
{
	const void *data;
	size_t len;
	cf_err e = catalog_build_pdf(r->a, r->id, &data, &len);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	buf_reset(&r->out);
	if (buf_append(&r->out, data, len)) {
		page_error(r, 500, NULL);
		return;
	}
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"catalogue.pdf\"");
}
