/*
 * catalog.c - the public side of the exhibitors' catalogue (issue 18): the
 * profile on an exhibitor's page, its photos, the catalogue PDF and the
 * stand cards. Everything here reads catalog_profile_public: a contact
 * value the cooperative did not make public never reaches these pages.
 *
 *   GET /catalog/photos/{id}                 a photo of a public profile
 *   GET /catalogue.pdf?edition=SLUG&size=a5  the catalogue (A4 unless a5)
 *   GET /exhibitors/{id}/card.pdf            the stand card of an exhibitor
 */
#include "catalog.h"
#include "../export/catalog_pdf.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/role.h"
#include "edition.h"

#include <string.h>

static const char *pick(lang l, const char *ar, const char *fr)
{
	const char *first = l == LANG_AR ? ar : fr, *other = l == LANG_AR ? fr : ar;
	return *first ? first : other;
}

void catalog_profile_section(request *r, const catalog_profile *p, const char *photo_base)
{
	lang l = r->lang;
	buf *o = &r->out;
	const char *about = pick(l, p->about_ar, p->about_fr);
	if (*about)
		html_printf(o, "<section class=\"catalog-about\"><h2>%s</h2><p>%s</p></section>",
			    tr(l, "Presentation"), about);
	if (p->nphotos) {
		html_printf(
			o, "<section class=\"catalog-photos\"><h2>%s</h2><ul class=\"photo-grid\">",
			tr(l, "Products in pictures"));
		for (int i = 0; i < p->nphotos; i++)
			html_printf(o,
				    "<li><img src=\"%s\" alt=\"%s\" width=\"400\" height=\"300\" "
				    "loading=\"lazy\"></li>",
				    site_href(r, "%s%lld", photo_base, (long long)p->photo_ids[i]),
				    /* TRANSLATORS: not a count: the photo's number. */
				    arena_printf(r->a, tr(l, "Product photo %d"), i + 1));
		html_raw(o, "</ul></section>");
	}
	if (!*p->phone && !*p->email && !*p->web)
		return;
	html_printf(o, "<section class=\"catalog-contact\"><h2>%s</h2><ul>",
		    tr(l, "Contact for orders"));
	if (*p->phone) {
		html_printf(o, "<li>%s <a href=\"tel:%s\" dir=\"ltr\">%s</a>", tr(l, "Phone:"),
			    p->phone, p->phone);
		const char *wa = p->whatsapp ? catalog_whatsapp(r->a, p->phone) : NULL;
		if (wa)
			html_printf(
				o,
				" · <a href=\"https://wa.me/%s\" rel=\"noopener nofollow\">%s</a>",
				wa, tr(l, "WhatsApp"));
		html_raw(o, "</li>");
	}
	if (*p->email)
		html_printf(o, "<li>%s <a href=\"mailto:%s\" dir=\"ltr\">%s</a></li>",
			    tr(l, "Email:"), p->email, p->email);
	if (*p->web)
		html_printf(
			o,
			"<li>%s <a href=\"%s\" rel=\"noopener nofollow ugc\" dir=\"ltr\">%s</a></li>",
			tr(l, "Web page:"), p->web, p->web);
	html_raw(o, "</ul></section>");
}

void catalog_exhibitor_extra(request *r, const catalog_entry *c)
{
	lang l = r->lang;
	buf *o = &r->out;
	int64_t exhibitor_id = c->row.id;
	catalog_profile_section(r, &c->prof, "/catalog/photos/");
	catalog_edition *eds;
	size_t n = 0;
	if (req_fail(r, catalog_editions(r->a, c->coop_id, 20, &eds, &n)))
		return;
	if (n) {
		html_printf(o, "<section class=\"catalog-editions\"><h2>%s</h2><ul>",
			    tr(l, "Editions it took part in"));
		for (size_t i = 0; i < n; i++)
			html_printf(
				o, "<li><a href=\"%s\">%s</a></li>",
				site_href(r, "/exhibitors?edition=%s", url_arg(r->a, eds[i].slug)),
				text3_get(&eds[i].name, l));
		html_raw(o, "</ul></section>");
	}
	html_printf(o, "<p><a href=\"%s\">%s</a></p>",
		    site_href(r, "/exhibitors/%lld/card.pdf", (long long)exhibitor_id),
		    tr(l, "Stand card (PDF, with a QR code of this page)"));
	if (r->roles & ROLES_ORGANISERS)
		html_printf(o, "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
			    site_href(r, "/admin/catalog/%lld", (long long)exhibitor_id),
			    tr(l, "Hide a photo or a text of this profile"),
			    site_href(r, "/admin/catalog"), tr(l, "Exhibitors' catalogue"));
}

/* GET /catalog/photos/{id} - only a photo chosen for a profile, not hidden
 * by the committee, of a cooperative exhibiting in a public edition. */
void page_catalog_photo(request *r)
{
	const void *data;
	size_t len;
	const char *mime;
	cf_err e = catalog_photo_public(r->a, r->id, &data, &len, &mime);
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
	r->content_type = mime;
	/* no max-age: a photo the committee hides must go at once */
	resp_header(r, "Cache-Control", "no-cache");
}

/* GET /catalogue.pdf?edition=SLUG&size=a4|a5
 * The catalogue of the current edition (or of edition SLUG, public ones
 * only): cover, contents by category, one block per exhibitor, index by
 * province. The committee's latest build (/admin/catalog) when there is
 * one; else drawn now. */
void page_catalog_pdf(request *r)
{
	edition e;
	const char *ed = page_code_param(r, "edition");
	const char *size = req_query(r, "size");
	int a5 = size && !strcmp(size, "a5");
	if (req_fail(r, ed ? edition_public_by_slug(r->a, ed, &e) : edition_current(r->a, &e)))
		return;
	const void *data;
	size_t len;
	if (req_fail(r, catalog_public_pdf(r->a, e.id, a5, &data, &len)))
		return;
	buf_reset(&r->out);
	if (buf_append(&r->out, data, len)) {
		page_error(r, 500, NULL);
		return;
	}
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition",
		    a5 ? "inline; filename=\"catalogue-a5.pdf\""
		       : "inline; filename=\"catalogue.pdf\"");
}

/* the profile's address, from the deployment's base address like the
 * links of mails (page_link_to), else from the request's Host */
static const char *profile_url(request *r, int64_t exhibitor_id)
{
	return page_link_to(r, arena_printf(r->a, "/exhibitors/%lld", (long long)exhibitor_id), 1);
}

/* GET /exhibitors/{id}/card.pdf - the stand card (A5): names, category,
 * stand, a QR code of the profile's address, the public contact. */
void page_catalog_card(request *r)
{
	edition e;
	catalog_entry c;
	if (req_fail(r, edition_current(r->a, &e)) ||
	    req_fail(r, catalog_entry_of(r->a, e.id, r->id, 0, &c)))
		return;
	const char *url = profile_url(r, r->id);
	const char *title = arena_printf(r->a, "%s · %s", e.name.v[LANG_AR], e.name.v[LANG_FR]);
	buf_reset(&r->out);
	if (req_fail(r, catalog_cards_pdf(&c, &url, 1, title, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"stand-card.pdf\"");
}

/* GET /admin/catalog/cards.pdf - every exhibitor's stand card of the
 * edition shown in the back office, one per page, in catalogue order. */
void page_catalog_cards(request *r)
{
	edition e;
	if (req_fail(r, admin_edition(r, &e)))
		return;
	catalog_entry *entries;
	size_t n = 0;
	if (req_fail(r, catalog_entries(r->a, e.id, 0, &entries, &n)))
		return;
	const char **urls = arena_alloc(r->a, (n ? n : 1) * sizeof *urls);
	for (size_t i = 0; i < n; i++)
		urls[i] = profile_url(r, entries[i].row.id);
	const char *title = arena_printf(r->a, "%s · %s", e.name.v[LANG_AR], e.name.v[LANG_FR]);
	buf_reset(&r->out);
	if (req_fail(r, catalog_cards_pdf(entries, urls, n, title, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"stand-cards.pdf\"");
}
