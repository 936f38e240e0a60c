/*
 * admin_coops.c - cooperatives and exhibitors in the back office: a plain
 * list, a create/edit form, and a cooperative's participation in editions.
 * (The registry of issue 4 - import, search, applications - extends this.)
 *
 *   GET  /admin/cooperatives?q=WORDS...    the list (the shared list, list.h)
 *   GET  /admin/cooperatives/new           the form for a new cooperative
 *   POST /admin/cooperatives               create (fields of coop_fields)
 *   GET  /admin/cooperatives/{id}          the form, and its participations
 *   POST /admin/cooperatives/{id}          save
 *   POST /admin/cooperatives/{id}/exhibit  choice=EDITION:CATEGORY: exhibits
 *   POST /admin/exhibitors/{id}/delete     no longer exhibits
 *
 * Roles: ROLES_ORGANISERS. Contact fields are private: shown here only.
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "../model/edition.h"
#include "../model/registry.h"
#include "admin.h"
#include "admin_form.h"
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field coop_fields[COOP__MAX] = {
	[COOP_NAME_AR] = { "name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 200, "ar" },
	[COOP_NAME_FR] = { "name_fr", N_("Name (French)"), F_TEXT, 1, 0, 200, "fr" },
	[COOP_LEGAL_FORM] = { "legal_form", N_("Legal form"), F_SELECT, 1, 0, 0, NULL },
	[COOP_REG_NUMBER] = { "reg_number", N_("Registration number"), F_TEXT, 0, 0, 40, NULL },
	[COOP_PROVINCE] = { "province_id", N_("Province"), F_SELECT, 1, 0, 0, NULL },
	[COOP_SECTOR] = { "sector", N_("Sector"), F_TEXT, 0, 0, 100, NULL },
	[COOP_PRODUCTS_AR] = { "products_ar", N_("Products (Arabic)"), F_TEXTAREA, 0, 0, 1000,
			       "ar" },
	[COOP_PRODUCTS_FR] = { "products_fr", N_("Products (French)"), F_TEXTAREA, 0, 0, 1000,
			       "fr" },
	[COOP_WOMEN] = { "members_women", N_("Women members"), F_INT, 1, 0, 100000, NULL },
	[COOP_MEN] = { "members_men", N_("Men members"), F_INT, 1, 0, 100000, NULL },
	[COOP_YOUNG] = { "members_young", N_("Young members"), F_INT, 1, 0, 100000, NULL },
	[COOP_WOMEN_LED] = { "women_led", N_("Led by women"), F_CHECK, 0, 0, 0, NULL },
	[COOP_CONTACT] = { "contact_name", N_("Contact person (private)"), F_TEXT, 0, 0, 200,
			   NULL },
	[COOP_PHONE] = { "phone", N_("Phone (private)"), F_PHONE, 0, 0, 20, NULL },
	[COOP_EMAIL] = { "email", N_("Email (private)"), F_EMAIL, 0, 0, 254, NULL },
};

static void coop_form_init(request *r, form *fm)
{
	lang l = r->lang;
	form_init(fm, coop_fields, COOP__MAX);
	form_opt *lf = arena_alloc(r->a, 4 * sizeof *lf);
	lf[0] = (form_opt){ "cooperative", tr(l, "cooperative") };
	lf[1] = (form_opt){ "association", tr(l, "association") };
	lf[2] = (form_opt){ "eig", tr(l, "economic interest group") };
	lf[3] = (form_opt){ "artisan", tr(l, "individual artisan") };
	fm->opts[COOP_LEGAL_FORM] = lf, fm->nopts[COOP_LEGAL_FORM] = 4;
	admin_choice *p;
	size_t n = 0;
	req_fail(r, admin_provinces(r->a, &p, &n));
	form_opt *po = arena_alloc(r->a, (n ? n : 1) * sizeof *po);
	for (size_t i = 0; i < n; i++)
		po[i] = (form_opt){ arena_printf(r->a, "%lld", (long long)p[i].id),
				    l == LANG_AR ? p[i].name_ar : p[i].name_fr };
	fm->opts[COOP_PROVINCE] = po, fm->nopts[COOP_PROVINCE] = n;
	fm->val[COOP_LEGAL_FORM] = "cooperative";
	fm->val[COOP_WOMEN] = fm->val[COOP_MEN] = fm->val[COOP_YOUNG] = "0";
}

static const list_col coop_cols[] = {
	{ "cooperative", N_("Cooperative"), 0, "/admin/cooperatives/" },
	{ "reg_number", N_("Registration number"), 0, NULL },
	{ "province", N_("Province"), 0, NULL },
	{ "contact", N_("Contact person (private)"), 0, NULL },
	{ "women", N_("Women members"), 1, NULL },
};
static const list_spec COOPS = {
	"cooperatives", "/admin/cooperatives", coop_cols, 5, { "province", "women_led" }, 50, 0, 0
};

/* With a search, the list finds what the registry's own search finds
 * (registry_search: accents, hamza, Arabic presentation forms, a bare و/ب
 * before a word, place names as typed in Latin letters, registration
 * numbers however written), best first: exact number, then whole words,
 * then prefixes. At most LIST_ROWS_MAX of them, like the list itself. */
#define COOP_HITS LIST_ROWS_MAX

static int by_rec_id(const void *pa, const void *pb)
{
	int64_t a = (*(admin_rec *const *)pa)->id, b = (*(admin_rec *const *)pb)->id;
	return (a > b) - (a < b);
}

/* coop_search - the rows of the list (from rows[n]) that registry_search
 * finds for q, in its order: returned as pointers, count in *count, and
 * *more set when the search found more than that. */
static admin_rec **coop_search(request *r, const char *q, admin_rec *rows, size_t n, size_t *count,
			       int *more)
{
	admin_rec **by_id = arena_alloc(r->a, (n ? n : 1) * sizeof *by_id);
	for (size_t i = 0; i < n; i++)
		by_id[i] = &rows[i];
	qsort(by_id, n, sizeof *by_id, by_rec_id);
	admin_rec **out = arena_alloc(r->a, COOP_HITS * sizeof *out);
	size_t k = 0;
	int total = 0;
	for (int page = 1; k < COOP_HITS; page++) {
		registry_coop *hit;
		size_t got = 0;
		req_fail(r, registry_search(r->a, q, page, 500, &hit, &total, &got));
		for (size_t i = 0; i < got && k < COOP_HITS; i++) {
			admin_rec key = { .id = hit[i].id }, *pk = &key;
			admin_rec **at = bsearch(&pk, by_id, n, sizeof *by_id, by_rec_id);
			if (at)
				out[k++] = *at;
		}
		if (got < 500)
			break;
	}
	*count = k;
	*more = total > COOP_HITS;
	return out;
}

/* GET /admin/cooperatives?province=ID&women_led=1&q=WORDS&sort=KEY&page=N
 *     &format=csv|xlsx   (the shared list: list.h; the search: coop_search) */
void page_admin_coops(request *r)
{
	lang l = r->lang;
	list ls;
	if (list_begin(r, &COOPS, &ls)) {
		page_error(r, 400, NULL);
		return;
	}
	const char *prov = req_query(r, "province");
	if (prov && (!*prov || strlen(prov) > 18 || strspn(prov, "0123456789") != strlen(prov)))
		prov = NULL;
	const char *wl = req_query(r, "women_led");
	int women_only = wl && !strcmp(wl, "1");
	admin_choice *p;
	size_t np = 0;
	req_fail(r, admin_provinces(r->a, &p, &np));
	const char **pid = arena_alloc(r->a, (np ? np : 1) * sizeof *pid);
	for (size_t k = 0; k < np; k++)
		pid[k] = arena_printf(r->a, "%lld", (long long)p[k].id);
	admin_rec *rows;
	size_t n = 0;
	req_fail(r, admin_list(r->a, &ADMIN_COOP, 0, &rows, &n));
	admin_rec **shown = NULL;
	size_t nshown = n;
	int more = 0;
	if (*ls.qn) {
		shown = coop_search(r, ls.q, rows, n, &nshown, &more);
		ls.qn[0] = 0; /* searched: the list does not filter again */
		if (!req_query(r, "sort") || !*req_query(r, "sort"))
			ls.sort = -1; /* best first */
	}
	for (size_t i = 0; i < nshown; i++) {
		admin_rec *x = shown ? shown[i] : &rows[i];
		if ((prov && strcmp(prov, x->v[COOP_PROVINCE])) ||
		    (women_only && strcmp(x->v[COOP_WOMEN_LED], "1")))
			continue;
		list_cell *c = list_add(&ls);
		if (!c)
			break;
		int ar = l == LANG_AR;
		c[0] = (list_cell){ .text = ar ? x->v[COOP_NAME_AR] : x->v[COOP_NAME_FR],
				    .other = ar ? x->v[COOP_NAME_FR] : x->v[COOP_NAME_AR],
				    .lang = ar ? "ar" : "fr",
				    .id = x->id };
		c[1] = (list_cell){ .text = x->v[COOP_REG_NUMBER] };
		for (size_t k = 0; k < np; k++)
			if (!strcmp(pid[k], x->v[COOP_PROVINCE]))
				c[2] = (list_cell){ .text = ar ? p[k].name_ar : p[k].name_fr };
		c[3] = (list_cell){ .text = x->v[COOP_CONTACT], .lang = "" };
		c[4] = (list_cell){ .text = x->v[COOP_WOMEN],
				    .num = (double)strtol(x->v[COOP_WOMEN], NULL, 10) };
	}
	ls.truncated |= more;
	if (list_end(&ls)) {
		page_error(r, 404, NULL);
		return;
	}
	if (list_export(&ls))
		return;
	admin_begin(r, tr(l, "Cooperatives and exhibitors"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a class=\"button\" href=\"%s\">%s</a></p>",
		    tr(l, "Cooperatives and exhibitors"), site_href(r, "/admin/cooperatives/new"),
		    tr(l, "New cooperative"));
	html_printf(o,
		    "<form method=\"get\" action=\"%s\" role=\"search\" class=\"filters\">"
		    "<label>%s <select name=\"province\"><option value=\"\">%s</option>",
		    site_href(r, "/admin/cooperatives"), tr(l, "Province"), tr(l, "All provinces"));
	for (size_t k = 0; k < np; k++) {
		html_printf(o, "<option value=\"%s\"%s>%s</option>", pid[k],
			    prov && !strcmp(prov, pid[k]) ? " selected" : "",
			    l == LANG_AR ? p[k].name_ar : p[k].name_fr);
	}
	html_printf(
		o,
		"</select></label> <label class=\"check\"><input type=\"checkbox\" name=\"women_led\" "
		"value=\"1\"%s> %s</label> <label>%s <input type=\"search\" name=\"q\" value=\"%s\" "
		"maxlength=\"200\"></label> <button type=\"submit\">%s</button></form>",
		women_only ? " checked" : "", tr(l, "Led by women"), tr(l, "Search"), ls.q,
		tr(l, "Search"));
	list_count(&ls, arena_printf(r->a,
				     trn(l, "%d cooperative shown.", "%d cooperatives shown.",
					 (long)ls.found),
				     (int)ls.found));
	list_table(&ls);
	list_pager(&ls);
	list_exports(&ls);
	page_end(r);
}

static void coop_page(request *r, int64_t id, form *fm, const char *error)
{
	lang l = r->lang;
	const char *title = id ? tr(l, "Edit the cooperative") : tr(l, "New cooperative");
	admin_begin(r, title);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a href=\"%s\">%s</a></p>", title,
		    site_href(r, "/admin/cooperatives"), tr(l, "All cooperatives"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	if (id)
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
			    site_href(r, "/admin/cooperatives/%lld", (long long)id));
	else
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
			    site_href(r, "/admin/cooperatives"));
	page_csrf_field(r);
	form_render(r, fm);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Save"));
	if (id) {
		html_printf(o, "<h2>%s</h2>", tr(l, "Exhibits in"));
		admin_exhibit *x;
		size_t n = 0;
		req_fail(r, admin_coop_exhibits(r->a, id, &x, &n));
		if (!n)
			html_printf(o, "<p>%s</p>", tr(l, "No edition yet."));
		html_raw(o, "<ul class=\"admin-list\">");
		for (size_t i = 0; i < n; i++) {
			html_printf(
				o,
				"<li><bdi>%s</bdi> — <bdi>%s</bdi> <form class=\"inline\" method=\"post\" action=\"%s\">",
				l == LANG_AR ? x[i].edition_name_ar : x[i].edition_name_fr,
				l == LANG_AR && *x[i].category_name_ar ? x[i].category_name_ar
								       : x[i].category_name_fr,
				site_href(r, "/admin/exhibitors/%lld/delete", (long long)x[i].id));
			page_csrf_field(r);
			html_printf(
				o,
				"<button type=\"submit\" class=\"danger\">%s</button></form></li>",
				tr(l, "Remove from the edition"));
		}
		html_raw(o, "</ul>");
		admin_choice *eds;
		size_t ne = 0;
		req_fail(r, admin_editions(r->a, &eds, &ne));
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
			    site_href(r, "/admin/cooperatives/%lld/exhibit", (long long)id));
		page_csrf_field(r);
		html_printf(
			o,
			"<label for=\"f-choice\">%s</label><select id=\"f-choice\" name=\"choice\" required>",
			tr(l, "Edition and category"));
		for (size_t i = 0; i < ne; i++) {
			named *cats;
			size_t nc = 0;
			req_fail(r, edition_categories(r->a, eds[i].id, &cats, &nc));
			for (size_t k = 0; k < nc; k++)
				html_printf(o, "<option value=\"%lld:%lld\">%s — %s</option>",
					    (long long)eds[i].id, (long long)cats[k].id,
					    l == LANG_AR ? eds[i].name_ar : eds[i].name_fr,
					    text3_get(&cats[k].name, l));
		}
		html_printf(o, "</select><button type=\"submit\">%s</button></form>",
			    tr(l, "Add as exhibitor"));
	}
	page_end(r);
}

/* GET /admin/cooperatives/new */
void page_admin_coop_new(request *r)
{
	form fm;
	coop_form_init(r, &fm);
	coop_page(r, 0, &fm, NULL);
}

/* GET /admin/cooperatives/{id} */
void page_admin_coop(request *r)
{
	admin_rec rec;
	if (admin_get(r->a, &ADMIN_COOP, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	form fm;
	coop_form_init(r, &fm);
	form_from_rec(&fm, &rec);
	coop_page(r, r->id, &fm, NULL);
}

static void save_coop(request *r, int64_t id)
{
	admin_rec rec = { .id = id };
	if (id && admin_get(r->a, &ADMIN_COOP, id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	form fm;
	coop_form_init(r, &fm);
	if (form_read(r, &fm)) {
		r->status = 400;
		coop_page(r, id, &fm, NULL);
		return;
	}
	form_to_rec(&fm, &rec);
	cf_err e = admin_save(r->user_id, &ADMIN_COOP, &rec);
	if (e == CF_ERR_CONFLICT) {
		r->status = 409;
		form_reject(
			&fm, COOP_REG_NUMBER,
			tr(r->lang, "Another cooperative already has this registration number."));
		coop_page(r, id, &fm, NULL);
		return;
	}
	if (e) {
		const char *why = admin_save_error(r, e);
		coop_page(r, id, &fm, why);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/cooperatives/%lld?done=%s", (long long)rec.id,
				      id ? "saved" : "created"));
}

/* POST /admin/cooperatives */
void page_admin_coop_create(request *r)
{
	save_coop(r, 0);
}

/* POST /admin/cooperatives/{id} */
void page_admin_coop_save(request *r)
{
	save_coop(r, r->id);
}

/* POST /admin/cooperatives/{id}/exhibit  choice=EDITION:CATEGORY */
void page_admin_coop_exhibit(request *r)
{
	const char *c = req_form(r, "choice");
	long long ed = 0, cat = 0;
	char tail;
	admin_rec rec;
	if (admin_get(r->a, &ADMIN_COOP, r->id, &rec)) {
		page_error(r, 404, NULL);
		return;
	}
	if (!c || sscanf(c, "%lld:%lld%c", &ed, &cat, &tail) != 2 || ed <= 0 || cat <= 0) {
		page_error(r, 400, tr(r->lang, "Choose an edition and a category."));
		return;
	}
	int64_t id;
	cf_err e = admin_exhibit_add(r->user_id, r->id, ed, cat, &id);
	if (e) {
		form fm;
		coop_form_init(r, &fm);
		form_from_rec(&fm, &rec);
		const char *why =
			e == CF_ERR_CONFLICT
				? tr(r->lang, "This cooperative already exhibits in that edition.")
				: admin_save_error(r, e);
		r->status = e == CF_ERR_CONFLICT ? 409 : e == CF_ERR_PERM ? 403 : r->status;
		coop_page(r, r->id, &fm, why);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/cooperatives/%lld?done=saved", (long long)r->id));
}

/* POST /admin/exhibitors/{id}/delete */
void page_admin_exhibitor_delete(request *r)
{
	int64_t coop;
	cf_err e = admin_exhibit_delete(r->user_id, r->id, &coop);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e) {
		if (e != CF_ERR_CONFLICT) {
			page_error(r, 500, NULL);
			return;
		}
		page_error(
			r, 400,
			tr(r->lang,
			   "This exhibitor cannot be removed while other records (applications, prize entries, sales) refer to it. Nothing was changed."));
		r->status = 409;
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/cooperatives/%lld?done=deleted", (long long)coop));
}
