/*
 * registry_my.c - a cooperative's own space: its application to the
 * current edition, made from a phone.
 *
 *   GET  /my                                   status, history, the form while a draft
 *   POST /my/application  category, products, share_coop, needs_*, first_time,
 *                         photo (files, repeated), action=save|submit, csrf
 *   POST /my/application/withdraw  confirm, csrf
 *   GET  /my/photos/{id}                        one of its own photos
 *   POST /my/photos/{id}/delete  csrf           remove a photo from a draft
 *
 * Exhibitor accounts only; the cooperative is the account's own
 * (account.cooperative_id): no parameter can name another one.
 */
#include "../export/photo.h"
#include "../html/html.h"
#include "../model/account.h"
#include "../model/edition.h"
#include "../model/registry.h"
#include "../model/registry_app.h"
#include "edition.h"
#include "registry.h"
#include "stand.h"

#include <string.h>

/* The input of the form, kept to re-show it with per-field errors. */
struct form_in {
	app_form f;
	const char *category; /* as sent */
	const char *err_category, *err_products, *err_share, *err_photo;
	int64_t share_coop; /* the partner cooperative chosen (stand_partner.c) */
};

/* context - the edition and the account's cooperative, or an answer page. */
static int context(request *r, edition *e, registry_coop *c)
{
	lang l = r->lang;
	if (!r->account || !r->account->cooperative_id) {
		page_error(
			r, 403,
			tr(l,
			   "Your account is not linked to a cooperative. Ask the organising committee to link it."));
		return -1;
	}
	if (edition_current(r->a, e)) {
		page_error(r, 404, tr(l, "There is no open edition to apply to."));
		return -1;
	}
	if (registry_get(r->a, r->account->cooperative_id, c)) {
		page_error(r, 404, NULL);
		return -1;
	}
	return 0;
}

static void checkbox(request *r, const char *name, int on, const char *label)
{
	html_printf(
		&r->out,
		"<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>",
		name, on ? " checked" : "", label);
}

/* described_by - when on, the attribute tying a field to its error message
 * (field_error's "<field>-error"). An attribute, so never through a %s. */
static void described_by(request *r, const char *field, int on)
{
	if (on)
		html_printf(&r->out, " aria-describedby=\"%s-error\"", field);
}

static void field_error(request *r, const char *id, const char *msg)
{
	if (msg)
		html_printf(&r->out, "<p class=\"field-error\" id=\"%s-error\">%s</p>", id, msg);
}

static void application_form(request *r, const edition *e, const application *cur,
			     const struct form_in *in)
{
	lang l = r->lang;
	buf *o = &r->out;
	named *cats;
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e->id, &cats, &ncats));
	int64_t cat = in ? in->f.category_id : cur ? cur->category_id : 0;
	const char *products = in ? in->f.products : cur ? cur->products : "";
	int power = in ? in->f.needs_power : cur && cur->needs_power;
	int water = in ? in->f.needs_water : cur && cur->needs_water;
	int access = in ? in->f.needs_accessible : cur && cur->needs_accessible;
	int first = in ? in->f.first_time : cur ? cur->first_time : 1;
	if (in && (in->err_category || in->err_products || in->err_share || in->err_photo))
		html_printf(
			o, "<p class=\"error-box\" role=\"alert\">%s</p>",
			tr(l, "The application was not saved: correct the fields marked below."));
	html_printf(
		o,
		"<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" class=\"stack apply\">",
		site_href(r, "/my/application"));
	page_csrf_field(r);
	html_printf(o, "<fieldset><legend>%s</legend>", tr(l, "Category"));
	for (size_t i = 0; i < ncats; i++) {
		html_printf(
			o,
			"<label class=\"check\"><input type=\"radio\" name=\"category\" value=\"%lld\"%s",
			(long long)cats[i].id, cats[i].id == cat ? " checked" : "");
		described_by(r, "category", in && in->err_category);
		html_printf(o, "> %s</label>", text3_get(&cats[i].name, l));
	}
	field_error(r, "category", in ? in->err_category : NULL);
	html_raw(o, "</fieldset>");
	html_printf(
		o,
		"<label for=\"products\">%s</label><textarea id=\"products\" name=\"products\" rows=\"4\" maxlength=\"2000\"",
		tr(l, "Your products, as you would present them to visitors"));
	described_by(r, "products", in && in->err_products);
	html_printf(o, ">%s</textarea>", products);
	field_error(r, "products", in ? in->err_products : NULL);
	html_printf(
		o,
		"<label for=\"photo\">%s</label><input id=\"photo\" name=\"photo\" type=\"file\" multiple "
		"accept=\"image/jpeg,image/png\"",
		arena_printf(
			r->a,
			tr(l,
			   "Photos of your products (JPEG or PNG, at most %d MB each, %d in all)"),
			(int)(APP_PHOTO_UPLOAD_MAX >> 20), APP_PHOTOS_MAX));
	described_by(r, "photo", in && in->err_photo);
	html_raw(o, ">");
	field_error(r, "photo", in ? in->err_photo : NULL);
	if (cur && cur->nphotos) {
		html_raw(o, "<ul class=\"photos\">");
		for (int i = 0; i < cur->nphotos; i++)
			html_printf(o, "<li><img src=\"%s\" alt=\"%s\" width=\"120\"></li>",
				    site_href(r, "/my/photos/%lld", (long long)cur->photo_ids[i]),
				    tr(l, "Product photo"));
		html_raw(o, "</ul>");
	}
	html_printf(o, "<fieldset><legend>%s</legend>", tr(l, "What your stand needs"));
	checkbox(r, "needs_power", power, tr(l, "Electricity"));
	checkbox(r, "needs_water", water, tr(l, "Water"));
	checkbox(r, "needs_accessible", access, tr(l, "A stand accessible to a wheelchair"));
	html_raw(o, "</fieldset>");
	stand_partner_field(r, e->id, r->account->cooperative_id, in ? in->share_coop : -1,
			    in ? in->err_share : NULL);
	html_printf(
		o,
		"<fieldset><legend>%s</legend>"
		"<label class=\"check\"><input type=\"radio\" name=\"first_time\" value=\"1\"%s> %s</label>"
		"<label class=\"check\"><input type=\"radio\" name=\"first_time\" value=\"0\"%s> %s</label></fieldset>",
		tr(l, "Is this your first fair?"), first ? " checked" : "",
		tr(l, "Yes, our first fair"), first ? "" : " checked",
		tr(l, "No, we have exhibited before"));
	if (cur && cur->status != APP_DRAFT && cur->status != APP_WITHDRAWN)
		/* Sent already: a change keeps it sent. */
		html_printf(
			o,
			"<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"submit\">%s</button></div></form>\n",
			tr(l, "Save my changes"));
	else
		html_printf(
			o,
			"<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"submit\">%s</button>"
			"<button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">%s</button></div></form>\n",
			tr(l, "Send my application"), tr(l, "Save as draft"));
}

static void render(request *r, const edition *e, const registry_coop *c, const struct form_in *in)
{
	lang l = r->lang;
	buf *o = &r->out;
	application app;
	int has = app_of_cooperative(r->a, e->id, c->id, &app) == CF_OK;
	page_begin(r, tr(l, "My cooperative"), c->is_sample ? PAGE_SAMPLE : 0);
	html_raw(o, "<h1>");
	reg_names(r, c->name_ar, c->name_fr);
	html_raw(o, "</h1>");
	stand_block(r, e->id, c->id, 0, 1);
	/* issue 18: the cooperative's catalogue profile */
	html_printf(o, "<p class=\"catalog-link\"><a href=\"%s\">%s</a></p>",
		    site_href(r, "/my/profile"),
		    tr(l, "My catalogue profile: presentation, photos, contact"));
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "saved"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your draft is saved. Send it when it is ready."));
	else if (done && !strcmp(done, "sent"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your application is sent. The committee will review it."));
	else if (done && !strcmp(done, "withdrawn"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your application is withdrawn."));
	else if (done && !strcmp(done, "signedin"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "You are signed in."));
	else if (done && !strcmp(done, "changed"))
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "Your changes are saved."));
	char today[11];
	edition_today(today);
	int open = edition_call_open(e, today);
	html_printf(o, "<section class=\"application\"><h2>%s</h2><p class=\"lead\">%s</p>",
		    tr(l, "My application"), text3_get(&e->name, l));
	html_printf(o, "<p class=\"call\">%s</p>", edition_call_text(r, e));
	if (has) {
		app_status vis = app_visible_status(&app);
		html_printf(o, "<p>%s ", tr(l, "Status:"));
		reg_status_tag(r, (int)vis);
		html_raw(o, "</p>");
		if (vis == APP_ACCEPTED && app.is_exhibitor)
			html_printf(o, "<p>%s</p>",
				    tr(l, "Your cooperative is on the list of exhibitors."));
		/* history: what the cooperative may see (decisions once published) */
		app_event *ev;
		size_t nev = 0;
		req_fail(r, app_events(r->a, app.id, &ev, &nev));
		if (nev) {
			html_printf(o, "<h3>%s</h3><ol class=\"history\">", tr(l, "History"));
			for (size_t i = 0; i < nev; i++) {
				int to = app_status_parse(ev[i].to);
				int decision = to == APP_ACCEPTED || to == APP_WAITLISTED ||
					       to == APP_REJECTED;
				if (decision && to != (int)vis)
					continue;
				html_printf(o, "<li><time datetime=\"%s\">%s</time> ", ev[i].at,
					    fmt_date(r, ev[i].at));
				reg_status_tag(r, to);
				if (*ev[i].reason)
					html_printf(o, " <q>%s</q>",
						    text_pick(ev[i].reason, l,
							      arena_alloc(r->a, 1000), 1000));
				html_raw(o, "</li>");
			}
			html_raw(o, "</ol>");
		}
	}
	if (open && (!has || app_editable(&app))) {
		if (has && app.status == APP_WITHDRAWN)
			html_printf(
				o, "<p>%s</p>",
				tr(l,
				   "You withdrew your application. While the call is open you can apply again."));
		else if (has && app.status != APP_DRAFT)
			html_printf(
				o, "<p>%s</p>",
				tr(l, "You can change your application until the call closes."));
		if (!has)
			html_printf(
				o, "<p>%s</p>",
				tr(l,
				   "Apply to exhibit: choose your category, describe your products and send. You can save a draft and come back."));
		application_form(r, e, has ? &app : NULL, in);
		if (has && app.nphotos) {
			html_raw(o, "<ul class=\"photo-actions\">");
			for (int i = 0; i < app.nphotos; i++) {
				html_printf(o, "<li><form method=\"post\" action=\"%s\">",
					    site_href(r, "/my/photos/%lld/delete",
						      (long long)app.photo_ids[i]));
				page_csrf_field(r);
				html_printf(
					o,
					"<button type=\"submit\" class=\"link\">%s</button></form></li>",
					arena_printf(r->a, tr(l, "Remove photo %d"), i + 1));
			}
			html_raw(o, "</ul>");
		}
	} else if (has) {
		html_printf(
			o,
			"<dl class=\"facts\"><div><dt>%s</dt><dd>%s</dd></div><div><dt>%s</dt><dd>%s</dd></div></dl>",
			tr(l, "Category"), text3_get(&app.category, l), tr(l, "Products"),
			text_pick(app.products, l, arena_alloc(r->a, 2000), 2000));
		if (app.nphotos) {
			html_raw(o, "<ul class=\"photos\">");
			for (int i = 0; i < app.nphotos; i++)
				html_printf(o, "<li><img src=\"%s\" alt=\"%s\" width=\"120\"></li>",
					    site_href(r, "/my/photos/%lld",
						      (long long)app.photo_ids[i]),
					    tr(l, "Product photo"));
			html_raw(o, "</ul>");
		}
	}
	if (has && app.status != APP_DRAFT && app_allowed(app.status, APP_WITHDRAWN, 0)) {
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack withdraw\">",
			    site_href(r, "/my/application/withdraw"));
		page_csrf_field(r);
		html_printf(
			o,
			"<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> %s</label>"
			"<button type=\"submit\" class=\"danger\">%s</button></form>",
			tr(l, "I confirm that we withdraw: our place goes to another cooperative."),
			tr(l, "Withdraw my application"));
	}
	html_raw(o, "</section>\n");
	page_end(r);
}

/* GET /my */
void page_my(request *r)
{
	edition e;
	registry_coop c;
	if (context(r, &e, &c))
		return;
	render(r, &e, &c, NULL);
}

/* POST /my/application */
void page_my_application(request *r)
{
	lang l = r->lang;
	edition e;
	registry_coop c;
	if (context(r, &e, &c))
		return;
	struct form_in in = { 0 };
	const char *action = req_form(r, "action");
	int submit = action && !strcmp(action, "submit");
	in.category = req_form(r, "category");
	in.f.products = req_form(r, "products") ? text_clean(r->a, req_form(r, "products")) : "";
	in.err_share = stand_partner_read(r, e.id, c.id, &in.share_coop, &in.f.share_with);
	in.f.needs_power = req_form(r, "needs_power") != NULL;
	in.f.needs_water = req_form(r, "needs_water") != NULL;
	in.f.needs_accessible = req_form(r, "needs_accessible") != NULL;
	const char *ft = req_form(r, "first_time");
	in.f.first_time = !ft || strcmp(ft, "0");
	named *cats;
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e.id, &cats, &ncats));
	if (in.category && *in.category) {
		for (size_t i = 0; i < ncats; i++)
			if (!strcmp(arena_printf(r->a, "%lld", (long long)cats[i].id), in.category))
				in.f.category_id = cats[i].id;
		if (!in.f.category_id)
			in.err_category = tr(l, "Choose one of the categories listed.");
	}
	if (submit && !in.f.category_id && !in.err_category)
		in.err_category = tr(l, "Choose your category before sending.");
	if (strlen(in.f.products) > APP_PRODUCTS_MAX)
		in.err_products = tr(l, "Describe your products in at most 2000 characters.");
	else if (submit && !*in.f.products)
		in.err_products = tr(l, "Describe your products before sending.");
	if (strlen(in.f.share_with) > 200)
		in.err_share = tr(l, "At most 200 characters.");
	/* photos: every file is checked before anything is written */
	const kv *photos[APP_PHOTOS_MAX + 8];
	int nphotos = 0;
	for (size_t i = 0; i < r->nform; i++) {
		const kv *f = &r->form[i];
		if (strcmp(f->key, "photo") || !f->len)
			continue;
		int w, h;
		if (nphotos == APP_PHOTOS_MAX + 8 || nphotos >= APP_PHOTOS_MAX) {
			in.err_photo = arena_printf(
				r->a,
				trn(l, "At most %d photo.", "At most %d photos.", APP_PHOTOS_MAX),
				APP_PHOTOS_MAX);
			break;
		}
		if (f->len > APP_PHOTO_UPLOAD_MAX) {
			in.err_photo = arena_printf(
				r->a,
				tr(l, "The photo %s is larger than %d MB: send a smaller one."),
				f->filename ? f->filename : "", (int)(APP_PHOTO_UPLOAD_MAX >> 20));
			break;
		}
		if (!app_photo_type((const unsigned char *)f->value, f->len, &w, &h)) {
			in.err_photo =
				arena_printf(r->a, tr(l, "The file %s is not a JPEG or PNG photo."),
					     f->filename ? f->filename : "");
			break;
		}
		photos[nphotos++] = f;
	}
	application cur;
	int has = app_of_cooperative(r->a, e.id, c.id, &cur) == CF_OK;
	char today[11];
	edition_today(today);
	if (!edition_call_open(&e, today)) {
		reg_refuse(r, 409,
			   arena_printf(r->a, "%s %s",
					tr(l, "Your application can no longer be changed."),
					edition_call_text(r, &e)),
			   "/my");
		return;
	}
	if (has && !app_editable(&cur)) {
		reg_refuse(
			r, 409,
			tr(l,
			   "The committee's decision on your application is published: it can no longer be changed. You can still withdraw it."),
			"/my");
		return;
	}
	if (!in.err_photo && has && cur.nphotos + nphotos > APP_PHOTOS_MAX)
		in.err_photo = arena_printf(
			r->a,
			trn(l, "At most %d photo: remove one before adding another.",
			    "At most %d photos: remove one before adding another.", APP_PHOTOS_MAX),
			APP_PHOTOS_MAX);
	if (in.err_category || in.err_products || in.err_share || in.err_photo) {
		r->status = 422;
		render(r, &e, &c, &in);
		return;
	}
	/* Resized for the catalogue (and stripped of EXIF, GPS position...):
	 * only the re-encoded JPEG is kept. */
	app_photo_in pin[APP_PHOTOS_MAX];
	for (int i = 0; i < nphotos; i++) {
		buf jpg;
		int w, h;
		buf_init(&jpg, APP_PHOTO_MAX_BYTES);
		cf_err pe = photo_catalogue((const unsigned char *)photos[i]->value, photos[i]->len,
					    PHOTO_SIDE_MAX, &jpg, &w, &h);
		if (pe) {
			buf_free(&jpg);
			in.err_photo = arena_printf(
				r->a,
				pe == CF_ERR_TOOBIG
					? tr(l,
					     "The photo %s has too many pixels: send a smaller one.")
					: tr(l, "The file %s could not be read as a photo."),
				photos[i]->filename ? photos[i]->filename : "");
			r->status = 422;
			render(r, &e, &c, &in);
			return;
		}
		size_t jpg_len = jpg.len; /* the arena owns it from here */
		pin[i] = (app_photo_in){ arena_adopt(r->a, buf_detach(&jpg)), jpg_len };
	}
	int64_t id;
	/* the partner is saved with the rest, in one transaction */
	in.f.share_coop = in.share_coop > 0 ? in.share_coop : APP_SHARE_NONE;
	cf_err err = app_save(r->user_id, e.id, c.id, &in.f, submit, pin, nphotos, &id);
	if (err) {
		if (err == CF_ERR_STATE)
			reg_refuse(r, 409, edition_call_text(r, &e), "/my");
		else if (err == CF_ERR_CONFLICT)
			reg_refuse(
				r, 409,
				tr(l,
				   "Your application changed meanwhile (sent, or photos added elsewhere). Look at it again."),
				"/my");
		else
			page_error(r, err == CF_ERR_INVALID ? 400 : 500, NULL);
		return;
	}
	if (has && cur.status != APP_DRAFT && cur.status != APP_WITHDRAWN)
		resp_redirect(r, "/my?done=changed");
	else
		resp_redirect(r, submit ? "/my?done=sent" : "/my?done=saved");
}

/* POST /my/application/withdraw  confirm */
void page_my_withdraw(request *r)
{
	edition e;
	registry_coop c;
	if (context(r, &e, &c))
		return;
	application app;
	if (app_of_cooperative(r->a, e.id, c.id, &app)) {
		page_error(r, 404, NULL);
		return;
	}
	if (!req_form(r, "confirm")) {
		r->status = 400;
		render(r, &e, &c, NULL);
		return;
	}
	cf_err err = app_set_status(r->user_id, app.id, APP_WITHDRAWN, "", 0);
	if (err == CF_ERR_INVALID) {
		reg_refuse(r, 409, tr(r->lang, "This application cannot be withdrawn any more."),
			   "/my");
		return;
	}
	if (err == CF_ERR_CONFLICT) {
		reg_refuse(
			r, 409,
			tr(r->lang,
			   "The withdrawal could not be recorded: other records (stand, prize entries) still hold your place. Ask the organising committee."),
			"/my");
		return;
	}
	if (err) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, "/my?done=withdrawn");
}

/* GET /my/photos/{id} - only the cooperative's own */
void page_my_photo(request *r)
{
	if (!r->account || !r->account->cooperative_id) {
		page_error(r, 404, NULL);
		return;
	}
	reg_photo(r, r->account->cooperative_id);
}

/* POST /my/photos/{id}/delete */
void page_my_photo_delete(request *r)
{
	edition e;
	registry_coop c;
	if (context(r, &e, &c))
		return;
	application app;
	char today[11];
	edition_today(today);
	if (app_of_cooperative(r->a, e.id, c.id, &app) || !edition_call_open(&e, today) ||
	    !app_editable(&app)) {
		reg_refuse(
			r, 409,
			tr(r->lang,
			   "Your application is already sent: it can no longer be changed. You can still withdraw it."),
			"/my");
		return;
	}
	if (app_delete_photo(r->user_id, app.id, r->id)) {
		page_error(r, 404, NULL);
		return;
	}
	resp_redirect(r, "/my?done=saved");
}
