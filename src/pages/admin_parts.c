/*
 * admin_parts.c - the parts of an edition the committee edits: spaces,
 * organiser and partners (with their logos), prize categories. One set of
 * handlers serves the three, driven by a description of each part.
 *
 *   GET  /admin/editions/{id}/PART    the edition's list and the add form
 *   POST /admin/editions/{id}/PART    add one (the part's fields)
 *   GET  /admin/ONE/{id}              the edit form
 *   POST /admin/ONE/{id}              save it
 *   POST /admin/ONE/{id}/delete       delete it (organisations: take it off
 *                                     the edition)
 *   POST /admin/organisations/{id}/logo   logo: PNG or JPEG, at most LOGO_MAX
 *   GET  /logos/{id}                  an organisation's logo (public)
 *
 * PART/ONE: spaces/spaces, organisations/organisations, categories/categories.
 * Roles: ROLES_ORGANISERS, except /logos (public).
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "admin.h"
#include "admin_form.h"

#include <string.h>

struct part {
	const char *path;  /* URL segment */
	const char *title; /* msgid */
	const char *add;   /* msgid */
	const char *edit;  /* msgid */
	const admin_kind *k;
	const field *fields;
	int name_col; /* the Arabic name's column; French and English follow */
	int code_col; /* shown beside the name, -1 for none */
};

static const field space_fields[SP__MAX] = {
	[SP_KIND] = { "kind", N_("Kind of space"), F_SELECT, 1, 0, 0, NULL },
	[SP_NAME_AR] = { "name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 200, "ar" },
	[SP_NAME_FR] = { "name_fr", N_("Name (French)"), F_TEXT, 1, 0, 200, "fr" },
	[SP_NAME_EN] = { "name_en", N_("Name (English)"), F_TEXT, 1, 0, 200, "en" },
	[SP_ABOUT_AR] = { "about_ar", N_("Description (Arabic)"), F_TEXTAREA, 0, 0, 1000, "ar" },
	[SP_ABOUT_FR] = { "about_fr", N_("Description (French)"), F_TEXTAREA, 0, 0, 1000, "fr" },
	[SP_ABOUT_EN] = { "about_en", N_("Description (English)"), F_TEXTAREA, 0, 0, 1000, "en" },
	[SP_POSITION] = { "position", N_("Order on the page"), F_INT, 1, 0, 1000, NULL },
};
static const field category_fields[CAT__MAX] = {
	[CAT_CODE] = { "code", N_("Code"), F_CODE, 1, 0, 40, NULL },
	[CAT_NAME_AR] = { "name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 200, "ar" },
	[CAT_NAME_FR] = { "name_fr", N_("Name (French)"), F_TEXT, 1, 0, 200, "fr" },
	[CAT_NAME_EN] = { "name_en", N_("Name (English)"), F_TEXT, 1, 0, 200, "en" },
	[CAT_POSITION] = { "position", N_("Order on the page"), F_INT, 1, 0, 1000, NULL },
};
static const field org_fields[ORG__MAX] = {
	[ORG_NAME_AR] = { "name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 300, "ar" },
	[ORG_NAME_FR] = { "name_fr", N_("Name (French)"), F_TEXT, 1, 0, 300, "fr" },
	[ORG_NAME_EN] = { "name_en", N_("Name (English)"), F_TEXT, 1, 0, 300, "en" },
	[ORG_SHORT] = { "short_name", N_("Short name or acronym"), F_TEXT, 0, 0, 40, NULL },
	[ORG_ROLE] = { "role", N_("Role in the edition"), F_SELECT, 1, 0, 0, NULL },
	[ORG_POSITION] = { "position", N_("Order on the page"), F_INT, 1, 0, 1000, NULL },
};

static const struct part SPACES = { "spaces",	       N_("Spaces"),
				    N_("Add a space"), N_("Edit the space"),
				    &ADMIN_SPACE,      space_fields,
				    SP_NAME_AR,	       SP_KIND };
static const struct part CATEGORIES = { "categories",	      N_("Prize categories"),
					N_("Add a category"), N_("Edit the category"),
					&ADMIN_CATEGORY,      category_fields,
					CAT_NAME_AR,	      CAT_CODE };
static const struct part ORGS = { "organisations",
				  N_("Organiser and partners"),
				  N_("Add an organisation"),
				  N_("Edit the organisation"),
				  &ADMIN_ORG,
				  org_fields,
				  ORG_NAME_AR,
				  ORG_ROLE };

static void part_form_init(request *r, const struct part *p, form *fm)
{
	lang l = r->lang;
	form_init(fm, p->fields, p->k->ncols);
	if (p == &SPACES) {
		form_opt *o = arena_alloc(r->a, 5 * sizeof *o);
		o[0] = (form_opt){ "exhibitors_hub", tr(l, "Exhibitors hub") };
		o[1] = (form_opt){ "agora", tr(l, "Agora (talks)") };
		o[2] = (form_opt){ "partners_hub", tr(l, "Partners hub") };
		o[3] = (form_opt){ "entertainment", tr(l, "Entertainment") };
		o[4] = (form_opt){ "other", tr(l, "Other") };
		fm->opts[SP_KIND] = o, fm->nopts[SP_KIND] = 5;
		fm->val[SP_POSITION] = "0";
	} else if (p == &ORGS) {
		form_opt *o = arena_alloc(r->a, 2 * sizeof *o);
		o[0] = (form_opt){ "organiser", tr(l, "Organiser") };
		o[1] = (form_opt){ "partner", tr(l, "Partner") };
		fm->opts[ORG_ROLE] = o, fm->nopts[ORG_ROLE] = 2;
		fm->val[ORG_ROLE] = "partner";
		fm->val[ORG_POSITION] = "0";
	} else {
		fm->val[CAT_POSITION] = "0";
	}
}

/* code_label - the code column as shown: a select's label when it has one. */
static const char *code_label(const form *fm, int col, const char *v)
{
	for (size_t i = 0; i < fm->nopts[col]; i++)
		if (!strcmp(fm->opts[col][i].value, v))
			return fm->opts[col][i].label;
	return v;
}

static const char *rec_name(request *r, const struct part *p, const admin_rec *x)
{
	const char *v = x->v[p->name_col + (int)r->lang];
	return v && *v ? v : x->v[p->name_col + 1];
}

static void list_page(request *r, const struct part *p, int64_t ed, form *fm, const char *error)
{
	lang l = r->lang;
	admin_rec edr;
	if (admin_get(r->a, &ADMIN_EDITION, ed, &edr)) {
		page_error(r, 404, NULL);
		return;
	}
	admin_begin(r, tr(l, p->title));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p class=\"lead\"><bdi>%s</bdi></p>", tr(l, p->title),
		    edr.v[ED_NAME_AR + (int)l]);
	admin_edition_nav(r, ed, arena_printf(r->a, "/%s", p->path));
	admin_rec *rows;
	size_t n = 0;
	req_fail(r, admin_list(r->a, p->k, ed, &rows, &n));
	if (n) {
		html_printf(
			o,
			"<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(l, "Name"), tr(l, p->fields[p->code_col].label),
			tr(l, "Order on the page"));
		for (size_t i = 0; i < n; i++) {
			html_printf(
				o,
				/* an identifier is shown as one, not as a word of the page */
				p->fields[p->code_col].kind == F_CODE
					? "<tr><td><a href=\"%s\"><bdi>%s</bdi></a></td><td><code dir=\"ltr\">%s</code></td><td>%s</td></tr>"
					: "<tr><td><a href=\"%s\"><bdi>%s</bdi></a></td><td>%s</td><td>%s</td></tr>",
				site_href(r, "/admin/%s/%lld", p->path, (long long)rows[i].id),
				rec_name(r, p, &rows[i]),
				code_label(fm, p->code_col, rows[i].v[p->code_col]),
				rows[i].v[p->k->ncols - 1]);
		}
		html_raw(o, "</tbody></table></div>");
	} else {
		html_printf(o, "<p>%s</p>", tr(l, "None yet."));
	}
	html_printf(o, "<h2 id=\"add\">%s</h2>", tr(l, p->add));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/editions/%lld/%s", (long long)ed, p->path));
	page_csrf_field(r);
	form_render(r, fm);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", tr(l, p->add));
	page_end(r);
}

static void edit_page(request *r, const struct part *p, const admin_rec *rec, form *fm,
		      const char *error)
{
	lang l = r->lang;
	admin_begin(r, tr(l, p->edit));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, p->edit));
	admin_edition_nav(r, rec->edition_id, "");
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/%s/%lld", p->path, (long long)rec->id));
	page_csrf_field(r);
	form_render(r, fm);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Save"));
	if (p == &ORGS) {
		html_printf(o, "<h2>%s</h2>", tr(l, "Logo"));
		if (logo_has(rec->id))
			html_printf(o, "<p><img class=\"logo\" src=\"%s\" alt=\"%s\"></p>",
				    site_href(r, "/logos/%lld", (long long)rec->id),
				    tr(l, "Current logo"));
		else
			html_printf(o, "<p>%s</p>", tr(l, "No logo yet."));
		html_printf(o,
			    "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" "
			    "class=\"stack\">",
			    site_href(r, "/admin/organisations/%lld/logo", (long long)rec->id));
		page_csrf_field(r);
		html_printf(
			o,
			"<label for=\"f-logo\">%s</label><input type=\"file\" id=\"f-logo\" name=\"logo\" "
			"accept=\"image/png,image/jpeg\" required><p class=\"hint\">%s</p>",
			tr(l, "PNG or JPEG file"),
			arena_printf(
				r->a,
				tr(l, "At most %d KB. Other formats (SVG, GIF...) are refused."),
				(int)(LOGO_MAX / 1024)));
		html_printf(o, "<button type=\"submit\">%s</button></form>",
			    tr(l, "Upload the logo"));
	}
	html_printf(o, "<h2>%s</h2><form method=\"post\" action=\"%s\">", tr(l, "Delete"),
		    site_href(r, "/admin/%s/%lld/delete", p->path, (long long)rec->id));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\" class=\"danger\">%s</button></form>\n",
		    p == &ORGS ? tr(l, "Take it off this edition") : tr(l, "Delete"));
	page_end(r);
}

static void part_list(request *r, const struct part *p)
{
	form fm;
	part_form_init(r, p, &fm);
	list_page(r, p, r->id, &fm, NULL);
}

static void part_create(request *r, const struct part *p)
{
	form fm;
	part_form_init(r, p, &fm);
	admin_rec edr;
	if (admin_get(r->a, &ADMIN_EDITION, r->id, &edr)) {
		page_error(r, 404, NULL);
		return;
	}
	if (form_read(r, &fm)) {
		r->status = 400;
		list_page(r, p, r->id, &fm, NULL);
		return;
	}
	admin_rec rec = { .edition_id = r->id };
	form_to_rec(&fm, &rec);
	cf_err e = admin_save(r->user_id, p->k, &rec);
	if (e) {
		const char *why = admin_save_error(r, e);
		list_page(r, p, r->id, &fm, why);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/editions/%lld/%s?done=created",
				      (long long)r->id, p->path));
}

static void part_edit(request *r, const struct part *p)
{
	admin_rec rec;
	if (admin_get(r->a, p->k, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	form fm;
	part_form_init(r, p, &fm);
	form_from_rec(&fm, &rec);
	edit_page(r, p, &rec, &fm, NULL);
}

static void part_save(request *r, const struct part *p)
{
	admin_rec rec;
	if (admin_get(r->a, p->k, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	form fm;
	part_form_init(r, p, &fm);
	if (form_read(r, &fm)) {
		r->status = 400;
		edit_page(r, p, &rec, &fm, NULL);
		return;
	}
	form_to_rec(&fm, &rec);
	cf_err e = admin_save(r->user_id, p->k, &rec);
	if (e) {
		const char *why = admin_save_error(r, e);
		edit_page(r, p, &rec, &fm, why);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/%s/%lld?done=saved", p->path, (long long)rec.id));
}

static void part_delete(request *r, const struct part *p)
{
	admin_rec rec;
	if (admin_get(r->a, p->k, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	cf_err e = admin_delete(r->user_id, p->k, r->id);
	if (e) {
		form fm;
		part_form_init(r, p, &fm);
		form_from_rec(&fm, &rec);
		const char *why =
			e == CF_ERR_CONFLICT
				? tr(r->lang,
				     "This cannot be deleted while other records (stands, exhibitors) still refer to it. Nothing was changed.")
				: admin_save_error(r, e);
		if (e == CF_ERR_CONFLICT)
			r->status = 409;
		edit_page(r, p, &rec, &fm, why);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/editions/%lld/%s?done=deleted",
				      (long long)rec.edition_id, p->path));
}

/* GET /admin/editions/{id}/spaces - the list, with the form to add one
 * (a space (hall, area) of an edition). */
void page_admin_spaces_list(request *r)
{
	part_list(r, &SPACES);
}

/* POST /admin/editions/{id}/spaces - create one from the form. */
void page_admin_spaces_create(request *r)
{
	part_create(r, &SPACES);
}

/* GET /admin/spaces/{id} - the edit form. */
void page_admin_spaces_edit(request *r)
{
	part_edit(r, &SPACES);
}

/* POST /admin/spaces/{id} - save the edit form. */
void page_admin_spaces_save(request *r)
{
	part_save(r, &SPACES);
}

/* POST /admin/spaces/{id}/delete - delete it (409 while referred to). */
void page_admin_spaces_delete(request *r)
{
	part_delete(r, &SPACES);
}

/* GET /admin/editions/{id}/categories - the list, with the form to add one
 * (an edition's exhibitor and prize category). */
void page_admin_categories_list(request *r)
{
	part_list(r, &CATEGORIES);
}

/* POST /admin/editions/{id}/categories - create one from the form. */
void page_admin_categories_create(request *r)
{
	part_create(r, &CATEGORIES);
}

/* GET /admin/categories/{id} - the edit form. */
void page_admin_categories_edit(request *r)
{
	part_edit(r, &CATEGORIES);
}

/* POST /admin/categories/{id} - save the edit form. */
void page_admin_categories_save(request *r)
{
	part_save(r, &CATEGORIES);
}

/* POST /admin/categories/{id}/delete - delete it (409 while referred to). */
void page_admin_categories_delete(request *r)
{
	part_delete(r, &CATEGORIES);
}

/* GET /admin/editions/{id}/organisations - the list, with the form to add one
 * (the organiser and partners of an edition). */
void page_admin_orgs_list(request *r)
{
	part_list(r, &ORGS);
}

/* POST /admin/editions/{id}/organisations - create one from the form. */
void page_admin_orgs_create(request *r)
{
	part_create(r, &ORGS);
}

/* GET /admin/organisations/{id} - the edit form. */
void page_admin_orgs_edit(request *r)
{
	part_edit(r, &ORGS);
}

/* POST /admin/organisations/{id} - save the edit form. */
void page_admin_orgs_save(request *r)
{
	part_save(r, &ORGS);
}

/* POST /admin/organisations/{id}/delete - delete it (409 while referred to). */
void page_admin_orgs_delete(request *r)
{
	part_delete(r, &ORGS);
}

/* POST /admin/organisations/{id}/logo  logo: the file (multipart) */
void page_admin_org_logo(request *r)
{
	admin_rec rec;
	if (admin_get(r->a, &ADMIN_ORG, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	const kv *f = req_form_kv(r, "logo");
	const char *why = NULL;
	lang l = r->lang;
	cf_err e = CF_ERR_INVALID;
	if (!f || !f->len)
		why = tr(l, "Choose a PNG or JPEG file to upload.");
	else if ((e = logo_set(r->user_id, r->id, f->value, f->len)) == CF_ERR_TOOBIG)
		why = arena_printf(r->a, tr(l, "The file is too large: at most %d KB."),
				   (int)(LOGO_MAX / 1024));
	else if (e == CF_ERR_INVALID)
		why = tr(
			l,
			"This file is not a PNG or JPEG image (the type is read from its content, not its name).");
	else if (e)
		why = admin_save_error(r, e);
	if (why) {
		form fm;
		part_form_init(r, &ORGS, &fm);
		form_from_rec(&fm, &rec);
		if (r->status < 400)
			r->status = e == CF_ERR_TOOBIG ? 413 : 400;
		edit_page(r, &ORGS, &rec, &fm, why);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/organisations/%lld?done=logo", (long long)r->id));
}

/* GET /logos/{id} - served with the type checked at upload, nosniff (the
 * server adds it to every answer) and a restrictive CSP of its own. */
void page_logo(request *r)
{
	const void *data;
	size_t n;
	const char *type;
	if (logo_get(r->a, r->id, &data, &n, &type)) {
		page_error(r, 404, NULL);
		return;
	}
	r->content_type = type;
	resp_header(r, "Cache-Control", "public, max-age=300");
	resp_header(r, "Content-Disposition", "inline");
	(void)buf_append(&r->out, data, n);
}
