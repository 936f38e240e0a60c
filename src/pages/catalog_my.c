/*
 * catalog_my.c - the cooperative edits its catalogue profile (issue 18),
 * from a phone, Arabic first:
 *
 *   GET  /my/profile                   the form (and ?done=saved)
 *   POST /my/profile  about_ar, about_fr, products_ar, products_fr,
 *                     photo (repeated: ids of its uploaded photos),
 *                     phone, phone_public, whatsapp, email, email_public,
 *                     web, web_public, action=preview|save, csrf
 *
 * Preview shows the profile as the public will see it (private fields
 * left out) above the form, nothing saved; save stores it (audited).
 */
#include "catalog.h"
#include "../html/html.h"
#include "../model/account.h"

#include <string.h>

static const char *err_text(lang l, catalog_field f)
{
	switch (f) {
	case CATALOG_BAD_ABOUT:
		return tr(l, "The presentation is too long (1000 characters at most).");
	case CATALOG_BAD_PRODUCTS:
		return tr(l, "The list of products is too long (500 characters at most).");
	case CATALOG_BAD_PHONE:
		return tr(l, "Write a phone number of 8 to 15 digits, for example 0612345678.");
	case CATALOG_BAD_EMAIL:
		return tr(l, "Write one email address, for example name@example.org.");
	case CATALOG_BAD_WEB:
		return tr(l, "Write a web address that starts with https://.");
	case CATALOG_BAD_PHOTOS:
		return tr(l, "Choose at most six of your own photos.");
	default:
		return "";
	}
}

static const char *field_of(catalog_field f)
{
	switch (f) {
	case CATALOG_BAD_ABOUT:
		return "about_ar";
	case CATALOG_BAD_PRODUCTS:
		return "products_ar";
	case CATALOG_BAD_PHONE:
		return "phone";
	case CATALOG_BAD_EMAIL:
		return "email";
	case CATALOG_BAD_WEB:
		return "web";
	default:
		return "photos";
	}
}

static void textarea(request *r, const char *name, const char *label, const char *value,
		     const char *lang_code, int rows)
{
	html_printf(&r->out,
		    "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"%d\" "
		    "lang=\"%s\" dir=\"%s\" maxlength=\"1000\">%s</textarea>",
		    name, label, name, name, rows, lang_code,
		    strcmp(lang_code, "ar") ? "ltr" : "rtl", value);
}

static void contact(request *r, const char *name, const char *type, const char *label,
		    const char *value, const char *pub_name, int pub, const char *pub_label)
{
	html_printf(&r->out,
		    "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\" "
		    "dir=\"ltr\" maxlength=\"200\" value=\"%s\">"
		    "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> "
		    "%s</label>",
		    name, label, name, name, type, value, pub_name, pub ? " checked" : "",
		    pub_label);
}

static void form(request *r, const catalog_profile *p, const int64_t *uploaded, size_t nup)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"catalog-form\">",
		    site_href(r, "/my/profile"));
	page_csrf_field(r);
	html_printf(o, "<fieldset><legend>%s</legend>", tr(l, "Presentation and products"));
	textarea(r, "about_ar", tr(l, "Presentation in Arabic"), p->about_ar, "ar", 4);
	textarea(r, "about_fr", tr(l, "Presentation in French"), p->about_fr, "fr", 4);
	textarea(r, "products_ar", tr(l, "Products in Arabic"), p->products_ar, "ar", 2);
	textarea(r, "products_fr", tr(l, "Products in French"), p->products_fr, "fr", 2);
	html_raw(o, "</fieldset>");
	html_printf(o, "<fieldset id=\"photos\"><legend>%s</legend>",
		    tr(l, "Photos for the catalogue (six at most)"));
	if (!nup)
		html_printf(o, "<p>%s</p>",
			    tr(l, "You have no photos yet: add them to your application."));
	html_raw(o, "<ul class=\"photo-grid\">");
	for (size_t i = 0; i < nup; i++) {
		int chosen = 0, hidden = 0;
		for (int k = 0; k < p->nphotos; k++)
			if (p->photo_ids[k] == uploaded[i])
				chosen = 1, hidden = p->photo_hidden[k];
		html_printf(o,
			    "<li><label class=\"check\"><input type=\"checkbox\" name=\"photo\" "
			    "value=\"%lld\"%s> <img src=\"%s\" alt=\"%s\" width=\"120\">"
			    "</label>",
			    (long long)uploaded[i], chosen ? " checked" : "",
			    site_href(r, "/my/photos/%lld", (long long)uploaded[i]),
			    /* TRANSLATORS: not a count: the photo's number. */
			    arena_printf(r->a, tr(l, "Photo %d"), (int)i + 1));
		if (hidden)
			html_printf(o, " <span class=\"tag\">%s</span>",
				    tr(l, "hidden by the committee"));
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul></fieldset>");
	html_printf(o, "<fieldset><legend>%s</legend><p class=\"hint\">%s</p>",
		    tr(l, "Contact on your public profile"),
		    tr(l, "Each stays private unless you tick it."));
	contact(r, "phone", "tel", tr(l, "Phone for orders"), p->phone, "phone_public",
		p->phone_public, tr(l, "Show this phone on my public profile"));
	html_printf(
		o,
		"<label class=\"check\"><input type=\"checkbox\" name=\"whatsapp\" value=\"1\"%s> "
		"%s</label>",
		p->whatsapp ? " checked" : "", tr(l, "This number takes WhatsApp messages"));
	contact(r, "email", "email", tr(l, "Email"), p->email, "email_public", p->email_public,
		tr(l, "Show this email on my public profile"));
	contact(r, "web", "url", tr(l, "Web or social page"), p->web, "web_public", p->web_public,
		tr(l, "Show this page on my public profile"));
	html_raw(o, "</fieldset>");
	html_printf(
		o,
		"<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\" "
		"class=\"secondary\">%s</button><button type=\"submit\" name=\"action\" "
		"value=\"save\">%s</button></div></form>\n",
		tr(l, "Preview"), tr(l, "Save my profile"));
}

static void render(request *r, const catalog_profile *p, int preview, catalog_field bad)
{
	lang l = r->lang;
	buf *o = &r->out;
	int64_t *up;
	size_t nup = 0;
	if (req_fail(r, catalog_uploaded(r->a, p->coop_id, &up, &nup)))
		return;
	page_begin(r, tr(l, "My catalogue profile"), p->is_sample ? PAGE_SAMPLE : 0);
	html_printf(o, "<h1>%s</h1>", tr(l, "My catalogue profile"));
	html_printf(o, "<p class=\"lead\">%s</p>",
		    tr(l, "What visitors see on your page of the exhibitors' list, in the printed "
			  "catalogue and on your stand card."));
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "saved") && !preview && !bad)
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your profile is saved."));
	if (bad)
		html_printf(o, "<p class=\"error-box\" role=\"alert\" id=\"err-%s\">%s</p>",
			    field_of(bad), err_text(l, bad));
	if (preview && !bad) {
		catalog_profile pub = *p;
		catalog_publicise(&pub);
		html_printf(o,
			    "<section class=\"preview\" aria-labelledby=\"preview-h\"><h2 "
			    "id=\"preview-h\">%s</h2><p class=\"hint\">%s</p>",
			    tr(l, "Preview of your public profile"),
			    tr(l, "Not saved yet: save to publish it."));
		catalog_profile_section(r, &pub, "/my/photos/");
		html_raw(o, "</section>");
	}
	form(r, p, up, nup);
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/my"),
		    tr(l, "Back to my cooperative"));
	page_end(r);
}

/* GET /my/profile */
void page_catalog_my(request *r)
{
	if (!r->account || !r->account->cooperative_id) {
		page_error(r, 404, NULL);
		return;
	}
	catalog_profile p;
	if (req_fail(r, catalog_profile_own(r->a, r->account->cooperative_id, &p)))
		return;
	render(r, &p, 0, CATALOG_OK);
}

static const char *form_text(request *r, const char *key)
{
	const char *v = req_form(r, key);
	return v ? v : "";
}

static int flag(request *r, const char *key)
{
	const char *v = req_form(r, key);
	return v && !strcmp(v, "1");
}

/* POST /my/profile */
void page_catalog_my_save(request *r)
{
	if (!r->account || !r->account->cooperative_id) {
		page_error(r, 404, NULL);
		return;
	}
	catalog_profile old, p;
	if (req_fail(r, catalog_profile_own(r->a, r->account->cooperative_id, &old)))
		return;
	p = old;
	p.about_ar = form_text(r, "about_ar");
	p.about_fr = form_text(r, "about_fr");
	p.products_ar = form_text(r, "products_ar");
	p.products_fr = form_text(r, "products_fr");
	p.phone = form_text(r, "phone");
	p.email = form_text(r, "email");
	p.web = form_text(r, "web");
	p.phone_public = flag(r, "phone_public");
	p.whatsapp = flag(r, "whatsapp");
	p.email_public = flag(r, "email_public");
	p.web_public = flag(r, "web_public");
	p.nphotos = 0;
	catalog_field bad = CATALOG_OK;
	for (size_t i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].key, "photo"))
			continue;
		long long id;
		if (p.nphotos == CATALOG_PHOTOS_MAX ||
		    !page_int(r->form[i].value, 1, INT64_MAX, &id)) {
			bad = CATALOG_BAD_PHOTOS;
			break;
		}
		/* the committee's hidden mark follows a photo kept */
		p.photo_hidden[p.nphotos] = 0;
		for (int k = 0; k < old.nphotos; k++)
			if (old.photo_ids[k] == id)
				p.photo_hidden[p.nphotos] = old.photo_hidden[k];
		p.photo_ids[p.nphotos++] = id;
	}
	if (!bad)
		bad = catalog_check(r->a, &p);
	const char *action = req_form(r, "action");
	int preview = action && !strcmp(action, "preview");
	if (bad || preview) {
		if (bad)
			r->status = 422;
		render(r, &p, preview, bad);
		return;
	}
	cf_err e = catalog_save(r->a, r->user_id, &p);
	if (e == CF_ERR_INVALID) {
		r->status = 422;
		render(r, &p, 0, CATALOG_BAD_PHOTOS);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/my/profile?done=saved");
}
