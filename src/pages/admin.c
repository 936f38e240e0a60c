/*
 * admin.c - the committee's back office: the dashboard and the editions.
 *
 *   GET  /admin                   dashboard: the figures of the edition shown
 *                                 (edition_dashboard.c), editions and a link to every
 *                                 organiser area (registry, import, applications,
 *                                 selection, prize, accounts, outbox, audit)
 *   GET  /admin/editions/new      the form for a new edition
 *   POST /admin/editions          create an edition (fields of edition_fields)
 *   GET  /admin/editions/{id}     the edition's form
 *   POST /admin/editions/{id}     save the edition
 *
 * Roles: ROLES_ORGANISERS (checked by the router). Every save is one
 * transaction with its audit record (model/admin.c).
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "../model/audit_log.h"
#include "../model/outbox.h"
#include "admin.h"
#include "admin_form.h"
#include "backup.h"
#include "edition.h"

#include <stdlib.h>
#include <string.h>

static const field edition_fields[ED__MAX] = {
	[ED_SLUG] = { "slug", N_("Short name for addresses"), F_CODE, 1, 0, 60, NULL },
	[ED_NUMBER] = { "number", N_("Edition number"), F_INT, 1, 1, 99, NULL },
	[ED_NAME_AR] = { "name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 300, "ar" },
	[ED_NAME_FR] = { "name_fr", N_("Name (French)"), F_TEXT, 1, 0, 300, "fr" },
	[ED_NAME_EN] = { "name_en", N_("Name (English)"), F_TEXT, 1, 0, 300, "en" },
	[ED_SLOGAN_AR] = { "slogan_ar", N_("Slogan (Arabic)"), F_TEXTAREA, 0, 0, 500, "ar" },
	[ED_SLOGAN_FR] = { "slogan_fr", N_("Slogan (French)"), F_TEXTAREA, 0, 0, 500, "fr" },
	[ED_SLOGAN_EN] = { "slogan_en", N_("Slogan (English)"), F_TEXTAREA, 0, 0, 500, "en" },
	[ED_CITY_AR] = { "city_ar", N_("City (Arabic)"), F_TEXT, 1, 0, 100, "ar" },
	[ED_CITY_FR] = { "city_fr", N_("City (French)"), F_TEXT, 1, 0, 100, "fr" },
	[ED_CITY_EN] = { "city_en", N_("City (English)"), F_TEXT, 1, 0, 100, "en" },
	[ED_REGION] = { "region_id", N_("Region"), F_SELECT, 1, 0, 0, NULL },
	[ED_STARTS] = { "starts_on", N_("First day"), F_DATE, 1, 0, 0, NULL },
	[ED_ENDS] = { "ends_on", N_("Last day"), F_DATE, 1, 0, 0, NULL },
	[ED_AREA] = { "area_m2", N_("Floor area (m²)"), F_INT, 1, 1, 1000000, NULL },
	[ED_STANDS] = { "stands_planned", N_("Stands planned"), F_INT, 1, 0, 10000, NULL },
	[ED_EXHIBITORS] = { "exhibitors_planned", N_("Exhibitors planned"), F_INT, 1, 0, 100000,
			    NULL },
	[ED_OUTSIDE] = { "outside_region_planned", N_("Exhibitors from outside the region planned"),
			 F_INT, 1, 0, 100000, NULL },
	[ED_CHAIR_AR] = { "chair_ar", N_("Chair of the organising committee (Arabic)"), F_TEXTAREA,
			  0, 0, 500, "ar" },
	[ED_CHAIR_FR] = { "chair_fr", N_("Chair of the organising committee (French)"), F_TEXTAREA,
			  0, 0, 500, "fr" },
	[ED_CHAIR_EN] = { "chair_en", N_("Chair of the organising committee (English)"), F_TEXTAREA,
			  0, 0, 500, "en" },
	[ED_STATE] = { "state", N_("State of the edition"), F_SELECT, 1, 0, 0, NULL },
	[ED_CALL_OPENS] = { "call_opens_on", N_("Call for applications: first day"), F_DATE, 0, 0,
			    0, NULL },
	[ED_CALL_CLOSES] = { "call_closes_on", N_("Call for applications: last day"), F_DATE, 0, 0,
			     0, NULL },
};

static const char *name_in(lang l, const char *ar, const char *fr, const char *en)
{
	const char *v = l == LANG_AR ? ar : l == LANG_FR ? fr : en;
	return v && *v ? v : fr;
}

static void edition_form_init(request *r, form *fm)
{
	form_init(fm, edition_fields, ED__MAX);
	admin_choice *regions;
	size_t n = 0;
	req_fail(r, admin_regions(r->a, &regions, &n));
	form_opt *opts = arena_alloc(r->a, (n ? n : 1) * sizeof *opts);
	for (size_t i = 0; i < n; i++) {
		opts[i].value = arena_printf(r->a, "%lld", (long long)regions[i].id);
		opts[i].label = name_in(r->lang, regions[i].name_ar, regions[i].name_fr,
					regions[i].name_en);
	}
	fm->opts[ED_REGION] = opts;
	fm->nopts[ED_REGION] = n;
	form_opt *st = arena_alloc(r->a, EDITION__MAX * sizeof *st);
	for (int i = 0; i < EDITION__MAX; i++)
		st[i] = (form_opt){ edition_state_code((edition_state)i),
				    edition_state_name(r->lang, (edition_state)i) };
	fm->opts[ED_STATE] = st;
	fm->nopts[ED_STATE] = EDITION__MAX;
}

/* check_edition - rules across fields, once each field is valid alone. */
static void check_edition(request *r, form *fm)
{
	lang l = r->lang;
	if (!fm->err[ED_STARTS] && !fm->err[ED_ENDS] &&
	    strcmp(fm->val[ED_ENDS], fm->val[ED_STARTS]) < 0)
		form_reject(fm, ED_ENDS, tr(l, "The last day must be on or after the first day."));
	if (!fm->err[ED_OUTSIDE] && !fm->err[ED_EXHIBITORS] &&
	    strtol(fm->val[ED_OUTSIDE], NULL, 10) > strtol(fm->val[ED_EXHIBITORS], NULL, 10))
		form_reject(
			fm, ED_OUTSIDE,
			tr(l,
			   "There cannot be more exhibitors from outside the region than exhibitors."));
	if (!fm->err[ED_CALL_OPENS] && !fm->err[ED_CALL_CLOSES] && *fm->val[ED_CALL_OPENS] &&
	    *fm->val[ED_CALL_CLOSES] && strcmp(fm->val[ED_CALL_CLOSES], fm->val[ED_CALL_OPENS]) < 0)
		form_reject(fm, ED_CALL_CLOSES, tr(l, "The call cannot close before it opens."));
	if (!fm->err[ED_STATE] && !fm->err[ED_CALL_CLOSES] &&
	    !strcmp(fm->val[ED_STATE], edition_state_code(EDITION_CALL_OPEN)) &&
	    !*fm->val[ED_CALL_CLOSES])
		form_reject(fm, ED_CALL_CLOSES,
			    tr(l, "A call for applications needs the day it closes."));
}

/* current_form - whether edition id is the public site's, and the button
 * that makes it so. */
static void current_form(request *r, int64_t id)
{
	lang l = r->lang;
	edition cur, e;
	if (edition_by_id(r->a, id, &e))
		return;
	int is_cur = !edition_current(r->a, &cur) && cur.id == id;
	html_printf(&r->out,
		    "<section class=\"stack\" aria-labelledby=\"cur-h\"><h2 id=\"cur-h\">%s</h2>",
		    tr(l, "Public site"));
	if (is_cur)
		html_printf(&r->out, "<p>%s</p>", tr(l, "The public site shows this edition."));
	else if (e.state == EDITION_DRAFT)
		html_printf(
			&r->out, "<p>%s</p>",
			tr(l,
			   "A draft is seen by the committee only. Change its state to put it on the public site."));
	else {
		html_printf(&r->out, "<p>%s <a href=\"%s\">/editions/%s</a></p>",
			    tr(l, "This edition is public at its own address:"),
			    site_href(r, "/editions/%s", e.slug), e.slug);
		html_printf(&r->out, "<form method=\"post\" action=\"%s\">",
			    site_href(r, "/admin/editions/%lld/current", (long long)id));
		page_csrf_field(r);
		html_printf(&r->out,
			    "<button type=\"submit\" class=\"secondary\">%s</button></form>",
			    tr(l, "Show this edition on the public site"));
	}
	html_raw(&r->out, "</section>\n");
}

static void edition_page(request *r, int64_t id, form *fm, const char *error)
{
	lang l = r->lang;
	admin_begin(r, id ? tr(l, "Edit the edition") : tr(l, "New edition"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", id ? tr(l, "Edit the edition") : tr(l, "New edition"));
	if (id)
		admin_edition_nav(r, id, "");
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	if (id)
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
			    site_href(r, "/admin/editions/%lld", (long long)id));
	else
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
			    site_href(r, "/admin/editions"));
	page_csrf_field(r);
	form_render(r, fm);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", tr(l, "Save"));
	if (id)
		current_form(r, id);
	page_end(r);
}

/* admin_link - one item of the dashboard's lists: a link to path. */
static void admin_link(request *r, const char *path, const char *label)
{
	html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "%s", path), label);
}

/* GET /admin */
void page_admin(request *r)
{
	lang l = r->lang;
	admin_begin(r, tr(l, "Back office"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Back office"));
	backup_notice(r); /* a failed scheduled backup (issue 20) */
	admin_dashboard(r);
	admin_choice *eds;
	size_t n = 0;
	req_fail(r, admin_editions(r->a, &eds, &n));
	html_printf(
		o,
		"<section aria-labelledby=\"ed-h\"><h2 id=\"ed-h\">%s</h2><ul class=\"admin-list\">",
		tr(l, "Editions"));
	for (size_t i = 0; i < n; i++) {
		long long id = (long long)eds[i].id;
		html_printf(o,
			    "<li><a href=\"%s\"><bdi>%s</bdi></a> <span class=\"other\">"
			    "<a href=\"%s\">%s</a> · <a href=\"%s\">%s</a>"
			    " · <a href=\"%s\">%s</a></span></li>",
			    site_href(r, "/admin/editions/%lld", id),
			    name_in(l, eds[i].name_ar, eds[i].name_fr, eds[i].name_en),
			    site_href(r, "/admin/editions/%lld/spaces", id), tr(l, "Spaces"),
			    site_href(r, "/admin/editions/%lld/organisations", id),
			    tr(l, "Organiser and partners"),
			    site_href(r, "/admin/editions/%lld/categories", id),
			    tr(l, "Prize categories"));
	}
	html_printf(o, "</ul><p><a class=\"button\" href=\"%s\">%s</a></p></section>",
		    site_href(r, "/admin/editions/new"), tr(l, "New edition"));
	html_printf(
		o,
		"<section aria-labelledby=\"coop-h\"><h2 id=\"coop-h\">%s</h2><ul class=\"admin-list\">",
		tr(l, "Cooperatives and applications"));
	admin_link(r, "/admin/registry", tr(l, "Registry of cooperatives"));
	admin_link(r, "/admin/registry/import", tr(l, "Import cooperatives"));
	admin_link(r, "/admin/cooperatives", tr(l, "Cooperatives and exhibitors"));
	admin_link(r, "/admin/applications", tr(l, "Applications"));
	admin_link(r, "/admin/selection", tr(l, "Selection of exhibitors"));
	admin_link(r, "/admin/selection/preview", tr(l, "Preview the publication"));
	admin_link(r, "/admin/prize", tr(l, "Creativity prize"));
	admin_link(r, "/admin/stands", tr(l, "Stands"));
	admin_link(r, "/admin/catalog", tr(l, "Exhibitors' catalogue")); /* issue 18 */
	html_printf(
		o,
		"</ul></section><section aria-labelledby=\"acc-h\"><h2 id=\"acc-h\">%s</h2><ul class=\"admin-list\">",
		tr(l, "Accounts, mail and audit"));
	admin_link(r, "/admin/accounts", tr(l, "Accounts and roles"));
	admin_link(r, "/admin/invite", tr(l, "Invite a cooperative member"));
	admin_link(r, "/admin/messages", tr(l, "Message to a group"));
	admin_link(r, "/admin/mail", tr(l, "Mail to cooperatives"));
	outbox_msg *msgs;
	size_t pending = 0;
	req_fail(r, outbox_pending(r->a, 1000, &msgs, &pending));
	html_printf(o, "<li><a href=\"%s\">%s</a> (%s)</li>", site_href(r, "/admin/outbox"),
		    tr(l, "Outbox"),
		    arena_printf(r->a,
				 trn(l, "%d message waiting", "%d messages waiting", (long)pending),
				 (int)pending));
	admin_link(r, "/admin/audit", tr(l, "Audit log"));
	html_raw(o, "</ul></section>\n");
	page_end(r);
}

/* GET /admin/editions/new */
void page_admin_edition_new(request *r)
{
	form fm;
	edition_form_init(r, &fm);
	/* A new edition is a draft: only the committee sees it until its
	 * state changes, so the live fair's site stays as it is. */
	fm.val[ED_STATE] = edition_state_code(EDITION_DRAFT);
	fm.val[ED_NUMBER] = "1";
	edition_page(r, 0, &fm, NULL);
}

/* GET /admin/editions/{id} */
void page_admin_edition(request *r)
{
	admin_rec rec;
	if (admin_get(r->a, &ADMIN_EDITION, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	form fm;
	edition_form_init(r, &fm);
	form_from_rec(&fm, &rec);
	edition_page(r, r->id, &fm, NULL);
}

/* save_edition - POST /admin/editions (id 0) and POST /admin/editions/{id}:
 * every field of edition_fields. */
static void save_edition(request *r, int64_t id)
{
	form fm;
	edition_form_init(r, &fm);
	if (id) {
		admin_rec old;
		if (admin_get(r->a, &ADMIN_EDITION, id, &old)) {
			page_error(r, 404, NULL);
			return;
		}
	}
	form_read(r, &fm);
	check_edition(r, &fm);
	if (fm.nerr) {
		r->status = 400;
		edition_page(r, id, &fm, NULL);
		return;
	}
	admin_rec rec = { .id = id, .edition_id = id };
	form_to_rec(&fm, &rec);
	cf_err e = admin_save(r->user_id, &ADMIN_EDITION, &rec);
	if (e == CF_ERR_CONFLICT) {
		form_reject(&fm, ED_SLUG,
			    tr(r->lang, "Another edition already has this short name."));
		r->status = 409;
		edition_page(r, id, &fm, NULL);
		return;
	}
	if (e) {
		const char *why = admin_save_error(r, e);
		edition_page(r, id, &fm, why);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/editions/%lld?done=%s", (long long)rec.id,
				      id ? "saved" : "created"));
}

/* POST /admin/editions */
void page_admin_edition_create(request *r)
{
	save_edition(r, 0);
}

/* POST /admin/editions/{id} */
void page_admin_edition_save(request *r)
{
	save_edition(r, r->id);
}
