/*
 * catalog_admin.c - the committee hides what breaks the fair's rules in an
 * exhibitor's catalogue profile (issue 18):
 *
 *   GET  /admin/catalog/{id}                   the profile of exhibitor id,
 *                                              each photo and the texts
 *                                              with a form to hide them
 *   POST /admin/catalog/{id}/hide  photo=ID (or none: the texts),
 *                                  reason, csrf
 *
 * Hiding is audited and the reason mailed to the cooperative
 * (catalog_hide). The router has checked the committee's role in the
 * exhibitor's edition ({id}: ACCESS_EXHIBITOR).
 */
#include "catalog.h"
#include "../html/html.h"
#include "../model/access.h"
#include "../model/edition.h"
#include "registry.h"

#include <string.h>

static void hide_form(request *r, int64_t exhibitor_id, int64_t photo_id, const char *button)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<form method=\"post\" action=\"/admin/catalog/%lld/hide\" class=\"hide\">",
		    (long long)exhibitor_id);
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
	html_printf(o, "<h1>%s: <bdi lang=\"ar\">%s</bdi> <bdi lang=\"fr\">%s</bdi></h1>",
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
		html_printf(o, "<li><img src=\"/admin/photos/%lld\" alt=\"%s\" width=\"200\">",
			    (long long)p.photo_ids[i],
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
	html_printf(o, "<p><a href=\"/exhibitors/%lld\">%s</a></p>", (long long)r->id,
		    tr(l, "The public page"));
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
