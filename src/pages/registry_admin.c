/*
 * registry_admin.c - the registry of cooperatives, for organisers.
 *
 *   GET  /admin/registry?q=TEXT&page=N          search (Arabic and French, partial words)
 *   GET  /admin/registry/{id}                   one cooperative, private fields included
 *   (the import pages are in registry_import.c)
 *   GET  /admin/registry/export?format=csv|xlsx&q=TEXT&col=KEY...
 *
 * Organisers only (the route table says so): these pages show phones,
 * emails and contact persons.
 */
#include "../export/registry_export.h"
#include "../html/html.h"
#include "../model/registry.h"
#include "../model/registry_app.h"
#include "registry.h"

#include <stdlib.h>
#include <string.h>

#define PER_PAGE 25

void reg_subnav(request *r, const char *current)
{
	static const struct {
		const char *href, *label;
	} links[] = {
		{ "/admin/registry", "Registry" },
		{ "/admin/registry/import", "Import" },
		{ "/admin/applications", "Applications" },
		{ "/admin/selection", "Selection" },
	};
	lang l = r->lang;
	html_printf(&r->out, "<nav class=\"subnav\" aria-label=\"%s\"><ul>",
		    tr(l, "Registry and selection"));
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		if (!strcmp(current, links[i].href))
			html_printf(&r->out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>",
				    site_href(r, "%s", links[i].href), tr(l, links[i].label));
		else
			html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
				    site_href(r, "%s", links[i].href), tr(l, links[i].label));
	}
	html_raw(&r->out, "</ul></nav>\n");
}

/* sector_name - a cooperative's sector as the reader says it: the demo's and
 * the categories' codes ("terroir") and the common French sector words of
 * imports become names in l; other text is shown as written. */
static const char *sector_name(lang l, const char *sector)
{
	static const struct {
		const char *code, *name;
	} sectors[] = {
		{ "handicrafts", "Handicrafts" },  { "artisanat", "Handicrafts" },
		{ "terroir", "Terroir products" }, { "agroalimentaire", "Food processing" },
		{ "agriculture", "Agriculture" },  { "pastries", "Pastries" },
	};
	for (size_t i = 0; i < sizeof sectors / sizeof sectors[0]; i++)
		if (!strcmp(sector, sectors[i].code))
			return tr(l, sectors[i].name);
	return sector;
}

void reg_names(request *r, const char *ar, const char *fr)
{
	const char *first = r->lang == LANG_AR ? ar : fr, *second = r->lang == LANG_AR ? fr : ar;
	const char *lfirst = r->lang == LANG_AR ? "ar" : "fr",
		   *lsecond = r->lang == LANG_AR ? "fr" : "ar";
	if (!*first)
		first = second, second = "", lfirst = lsecond;
	html_printf(&r->out, "<bdi lang=\"%s\">%s</bdi>", lfirst, first);
	if (*second)
		html_printf(&r->out, " <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>",
			    lsecond, second);
}

void reg_refuse(request *r, int status, const char *message, const char *back)
{
	lang l = r->lang;
	buf_reset(&r->out);
	r->status = status;
	page_begin(r, tr(l, "Not possible"), 0);
	html_printf(
		&r->out,
		"<section class=\"error\"><h1>%s</h1><p>%s</p><p><a href=\"%s\">%s</a></p></section>\n",
		tr(l, "Not possible"), message, site_href(r, "%s", back), tr(l, "Back"));
	page_end(r);
}

void reg_status_tag(request *r, int status)
{
	html_printf(&r->out, "<span class=\"app-status app-status-%s\">%s</span>",
		    app_status_code((app_status)status),
		    tr(r->lang, app_status_label((app_status)status)));
}

static void export_form(request *r, const char *q)
{
	lang l = r->lang;
	buf *o = &r->out;
	static const char *const labels[EXP__MAX] = {
		"Name (Arabic)",
		"Name (French)",
		"Legal form",
		"Registration number",
		"Registration date",
		"Province",
		"Region",
		"Sector",
		"Products (Arabic)",
		"Products (French)",
		"Women members",
		"Men members",
		"Young members",
		"Led by a woman",
		"First-time exhibitor",
		"Contact person",
		"Phone",
		"Email",
	};
	html_printf(
		o,
		"<details class=\"export\"><summary>%s</summary>"
		"<form method=\"get\" action=\"%s\" class=\"stack\">"
		"<input type=\"hidden\" name=\"q\" value=\"%s\"><fieldset><legend>%s</legend><div class=\"checks\">",
		tr(l, "Export these cooperatives"), site_href(r, "/admin/registry/export"),
		q ? q : "", tr(l, "Columns"));
	for (int i = 0; i < EXP__MAX; i++)
		html_printf(
			o,
			"<label><input type=\"checkbox\" name=\"col\" value=\"%s\"%s> %s</label>",
			registry_export_col_key((export_col)i), i < EXP_CONTACT ? " checked" : "",
			tr(l, labels[i]));
	html_printf(
		o,
		"</div></fieldset><fieldset><legend>%s</legend>"
		"<label><input type=\"radio\" name=\"format\" value=\"xlsx\" checked> %s</label> "
		"<label><input type=\"radio\" name=\"format\" value=\"csv\"> %s</label></fieldset>"
		"<button type=\"submit\">%s</button></form></details>\n",
		tr(l, "Format"), tr(l, "Excel (XLSX)"), tr(l, "CSV (UTF-8, semicolons)"),
		tr(l, "Export"));
}

/* GET /admin/registry?q=TEXT&page=N */
void page_registry(request *r)
{
	lang l = r->lang;
	const char *q = req_query(r, "q");
	if (q && strlen(q) > 200)
		q = NULL;
	long long asked = 1;
	long page = page_int(req_query(r, "page"), 1, 10000, &asked) ? (long)asked : 1;
	registry_coop *rows;
	int total;
	size_t n = 0;
	req_fail(r, registry_search(r->a, q, (int)page, PER_PAGE, &rows, &total, &n));
	page_begin(r, tr(l, "Registry of cooperatives"), 0);
	buf *o = &r->out;
	reg_subnav(r, "/admin/registry");
	html_printf(o, "<h1>%s</h1>", tr(l, "Registry of cooperatives"));
	html_printf(
		o,
		"<form class=\"search\" method=\"get\" action=\"%s\" role=\"search\">"
		"<label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" "
		"maxlength=\"200\" autocomplete=\"off\"><button type=\"submit\">%s</button></form>",
		site_href(r, "/admin/registry"),
		tr(l,
		   "Search by name, registration number, province or product, in Arabic or French"),
		q ? q : "", tr(l, "Search"));
	if (total >= REGISTRY_SEARCH_BROAD)
		html_printf(
			o, "<p class=\"found\" role=\"status\">%s</p>",
			arena_printf(
				r->a,
				trn(l,
				    "More than %d cooperative matches: type more of the name to rank them.",
				    "More than %d cooperatives match: type more of the name to rank them.",
				    REGISTRY_SEARCH_BROAD),
				REGISTRY_SEARCH_BROAD));
	else
		html_printf(o, "<p class=\"found\" role=\"status\">%s</p>",
			    arena_printf(r->a,
					 trn(l, "%d cooperative matches.", "%d cooperatives match.",
					     total),
					 total));
	if (n) {
		html_printf(
			o,
			"<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(l, "Cooperative"), tr(l, "Registration number"), tr(l, "Province"),
			tr(l, "Led by"), tr(l, "Past fairs"));
		for (size_t i = 0; i < n; i++) {
			registry_coop *c = &rows[i];
			html_printf(o, "<tr><td><a href=\"%s\">",
				    site_href(r, "/admin/registry/%lld", (long long)c->id));
			reg_names(r, c->name_ar, c->name_fr);
			html_raw(o, "</a>");
			if (c->is_sample)
				html_printf(o, " <span class=\"tag\">%s</span>", tr(l, "sample"));
			html_printf(
				o,
				"</td><td dir=\"ltr\">%s</td><td>%s</td><td>%s</td><td>%d</td></tr>",
				c->reg_number, l == LANG_AR ? c->province_ar : c->province_fr,
				!c->women_led_known ? tr(l, "unknown")
				: c->women_led	    ? tr(l, "women")
						    : tr(l, "men"),
				c->editions);
		}
		html_raw(o, "</tbody></table></div>\n");
	}
	int shown = total >= REGISTRY_SEARCH_BROAD ? REGISTRY_SEARCH_BROAD : total;
	int pages = (shown + PER_PAGE - 1) / PER_PAGE;
	if (pages > 1) {
		const char *base =
			site_href(r, "/admin/registry?q=%s&page=", url_arg(r->a, q ? q : ""));
		html_printf(o, "<nav class=\"pager\" aria-label=\"%s\"><ul>", tr(l, "Pages"));
		if (page > 1)
			html_printf(o, "<li><a rel=\"prev\" href=\"%s%ld\">%s</a></li>", base,
				    page - 1, tr(l, "Previous"));
		html_printf(o, "<li><span aria-current=\"page\">%s</span></li>",
			    arena_printf(r->a, tr(l, "page %ld of %d"), page, pages));
		if (page < pages)
			html_printf(o, "<li><a rel=\"next\" href=\"%s%ld\">%s</a></li>", base,
				    page + 1, tr(l, "Next"));
		html_raw(o, "</ul></nav>\n");
	}
	export_form(r, q);
	page_end(r);
}

/* GET /admin/registry/{id} */
void page_registry_coop(request *r)
{
	lang l = r->lang;
	registry_coop c;
	if (registry_get(r->a, r->id, &c)) {
		page_error(r, 404, NULL);
		return;
	}
	page_begin(r, l == LANG_AR && *c.name_ar ? c.name_ar : c.name_fr,
		   c.is_sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	reg_subnav(r, "");
	html_raw(o, "<article><h1>");
	reg_names(r, c.name_ar, c.name_fr);
	html_raw(o, "</h1><dl class=\"facts\">");
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Legal form"),
		    page_legal_form(l, c.legal_form));
	html_printf(o, "<div><dt>%s</dt><dd dir=\"ltr\">%s</dd></div>",
		    tr(l, "Registration number"), c.reg_number);
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Registration date"),
		    fmt_date(r, c.reg_date));
	html_printf(o, "<div><dt>%s</dt><dd>%s (%s)</dd></div>", tr(l, "Province"),
		    l == LANG_AR ? c.province_ar : c.province_fr,
		    l == LANG_AR ? c.region_ar : c.region_fr);
	html_printf(o, "<div><dt>%s</dt><dd><bdi>%s</bdi></dd></div>", tr(l, "Sector"),
		    sector_name(l, c.sector));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Products"),
		    l == LANG_AR && *c.products_ar ? c.products_ar : c.products_fr);
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Members"),
		    !c.members_known
			    ? tr(l, "unknown")
			    : arena_printf(r->a, tr(l, "Women: %d, men: %d, young people: %d"),
					   c.members_women, c.members_men, c.members_young));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Led by"),
		    !c.women_led_known ? tr(l, "unknown")
		    : c.women_led      ? tr(l, "women")
				       : tr(l, "men"));
	html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>", tr(l, "Past fairs"), c.editions);
	html_printf(o, "<div><dt>%s</dt><dd><bdi>%s</bdi></dd></div>", tr(l, "Contact person"),
		    c.contact_name);
	html_printf(o, "<div><dt>%s</dt><dd dir=\"ltr\">%s</dd></div>", tr(l, "Phone"), c.phone);
	html_printf(o, "<div><dt>%s</dt><dd dir=\"ltr\">%s</dd></div>", tr(l, "Email"), c.email);
	html_printf(o, "</dl><p class=\"private\">%s</p>",
		    tr(l, "Contact details are private: they are never shown on public pages."));
	registry_past *past;
	size_t np = 0;
	req_fail(r, registry_history(r->a, c.id, &past, &np));
	html_printf(o, "<h2>%s</h2>", tr(l, "Fairs"));
	if (!np)
		html_printf(o, "<p>%s</p>", tr(l, "No application and no fair yet."));
	else {
		html_raw(o, "<ul class=\"history\">");
		for (size_t i = 0; i < np; i++) {
			html_printf(o, "<li>%s — %s ", fmt_date(r, past[i].starts_on),
				    l == LANG_AR ? past[i].name_ar : past[i].name_fr);
			int st = app_status_parse(past[i].status);
			if (st >= 0)
				reg_status_tag(r, st);
			if (past[i].exhibited)
				html_printf(o, " <span class=\"tag\">%s</span>",
					    tr(l, "exhibited"));
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul>");
	}
	html_raw(o, "</article>\n");
	page_end(r);
}

/* GET /admin/registry/export?format=csv|xlsx&q=TEXT&col=KEY... */
void page_registry_export(request *r)
{
	const char *format = req_query(r, "format");
	const char *q = req_query(r, "q");
	export_col cols[EXP__MAX];
	int n = 0;
	for (size_t i = 0; i < r->nquery && n < EXP__MAX; i++) {
		if (strcmp(r->query[i].key, "col"))
			continue;
		for (int c = 0; c < EXP__MAX; c++)
			if (!strcmp(r->query[i].value, registry_export_col_key((export_col)c))) {
				int dup = 0;
				for (int k = 0; k < n; k++)
					dup |= cols[k] == (export_col)c;
				if (!dup)
					cols[n++] = (export_col)c;
			}
	}
	int xlsx = format && !strcmp(format, "xlsx");
	if (!n || !format || (!xlsx && strcmp(format, "csv"))) {
		page_error(r, 400,
			   tr(r->lang, "Choose at least one column and a format (XLSX or CSV)."));
		return;
	}
	buf_reset(&r->out);
	cf_err e = xlsx ? registry_export_xlsx(&r->out, q, cols, n)
			: registry_export_csv(&r->out, q, cols, n);
	if (e) {
		page_error(
			r, e == CF_ERR_TOOBIG ? 413 : 500,
			e == CF_ERR_TOOBIG
				? tr(r->lang,
				     "The export is too large for the web: choose fewer columns or search first, or ask the site's technical administrator to export it on the server.")
				: NULL);
		return;
	}
	r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    xlsx ? "attachment; filename=\"registre-cooperatives.xlsx\""
			 : "attachment; filename=\"registre-cooperatives.csv\"");
	resp_header(r, "Cache-Control", "no-store");
}
