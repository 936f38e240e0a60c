/*
 * exhibitors.c - the public list of an edition's exhibitors and an
 * exhibitor's own page. Public: shows no private field (the model's public
 * structs carry none).
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/exhibitor.h"
#include "catalog.h"
#include "list.h"
#include "pages.h"
#include "stand.h"

#include <stdlib.h>
#include <string.h>

#define PER_PAGE 20

/* A cooperative's name in the page's script, the other script beside it.
 * Each name sits in <bdi> so a name in the other direction (or a stray
 * direction mark) cannot reorder the text around it. */
static void coop_name(request *r, const char *ar, const char *fr, int link_id)
{
	const char *first = r->lang == LANG_AR ? ar : fr, *second = r->lang == LANG_AR ? fr : ar;
	const char *first_lang = r->lang == LANG_AR ? "ar" : "fr",
		   *second_lang = r->lang == LANG_AR ? "fr" : "ar";
	if (link_id)
		html_printf(&r->out, "<a href=\"%s\"><bdi lang=\"%s\">%s</bdi></a>",
			    site_href(r, "/exhibitors/%d", link_id), first_lang, first);
	else
		html_printf(&r->out, "<bdi lang=\"%s\">%s</bdi>", first_lang, first);
	html_printf(&r->out, " <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>", second_lang,
		    second);
}

static void filter_form(request *r, list *ls, named *cats, size_t ncats, named *provs,
			size_t nprovs, const char *cat, const char *prov, const char *ed)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">",
		    site_href(r, "/exhibitors"));
	if (ed)
		html_printf(o, "<input type=\"hidden\" name=\"edition\" value=\"%s\">", ed);
	html_printf(o,
		    "<label for=\"ex-q\">%s</label> <input type=\"search\" id=\"ex-q\" name=\"q\" "
		    "value=\"%s\" maxlength=\"200\">",
		    tr(l, "Search a cooperative or a product"), ls->q);
	page_named_select(r, "category", tr(l, "Category"), tr(l, "All categories"), cats, ncats,
			  cat);
	page_named_select(r, "province", tr(l, "Province"), tr(l, "All provinces"), provs, nprovs,
			  prov);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n", tr(l, "Filter"));
}

static void counts_block(request *r, const exhibitor_counts *c, named *cats, size_t ncats)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o,
		"<section class=\"counts\" aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">%s</h2><dl>",
		tr(l, "In figures"));
	html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>", tr(l, "Exhibitors"), c->total);
	for (int i = 0; i < c->ncat; i++)
		for (size_t k = 0; k < ncats; k++)
			if (!strcmp(cats[k].code, c->by_category[i].code))
				html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>",
					    text3_get(&cats[k].name, l), c->by_category[i].n);
	html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>", tr(l, "Led by women"), c->women_led);
	html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>", tr(l, "Led by men"), c->men_led);
	html_printf(o, "<div><dt>%s</dt><dd>%d</dd></div>", tr(l, "From outside the region"),
		    c->outside_region);
	html_raw(o, "</dl></section>\n");
}

static const list_col exhibitor_cols[] = {
	{ "cooperative", N_("Cooperative"), 0, "/exhibitors/" },
	{ "province", N_("Province"), 0, NULL },
	{ "category", N_("Category"), 0, NULL },
	{ "stand", N_("Stand"), 0, NULL },
	{ "products", N_("Products"), 0, NULL }, /* the catalogue profile's (issue 18) */
};
static const list_spec EXHIBITORS = { "exhibitors",
				      "/exhibitors",
				      exhibitor_cols,
				      5,
				      { "edition", "category", "province" },
				      PER_PAGE,
				      -1,
				      0 };

/* photo_grid - the exhibitors of the list's current page that have a
 * public photo, as a grid of pictures (issue 18): on a phone, two or more
 * a row. Row k of the list is rows[k] (added in that order). */
static void photo_grid(request *r, const list *ls, const exhibitor_row *rows,
		       const catalog_products_row *prods, size_t nprods)
{
	lang l = r->lang;
	buf *o = &r->out;
	size_t from = (size_t)(ls->page - 1) * (size_t)ls->spec->per_page, shown = 0;
	for (size_t k = from; k < ls->found && k < from + (size_t)ls->spec->per_page; k++) {
		const exhibitor_row *x = &rows[ls->order[k]];
		const catalog_products_row *p = catalog_products_find(prods, nprods, x->id);
		if (!p || !p->photo_id)
			continue;
		if (!shown++)
			html_printf(
				o,
				"<section class=\"exhibitor-photos\" aria-labelledby=\"grid-h\"><h2 "
				"id=\"grid-h\">%s</h2><ul class=\"photo-grid\">",
				tr(l, "Products in pictures"));
		/* twenty pictures a page: pieces appended, no format scanned */
		html_raw(o, "<li><a href=\"");
		html_text(o, site_href(r, "/exhibitors/%lld", (long long)x->id));
		html_raw(o, "\"><img src=\"");
		html_text(o, site_href(r, "/catalog/photos/%lld", (long long)p->photo_id));
		html_raw(o, "\" alt=\"\" width=\"200\" height=\"150\" loading=\"lazy\">"
			    "<span class=\"name\" lang=\"");
		html_raw(o, l == LANG_AR ? "ar\">" : "fr\">");
		html_text(o, l == LANG_AR ? x->name_ar : x->name_fr);
		html_raw(o, "</span></a></li>");
	}
	if (shown)
		html_raw(o, "</ul></section>");
}

/* GET /exhibitors?edition=SLUG&category=CODE&province=CODE&q=WORDS&sort=KEY
 *     &page=N&format=csv|xlsx   (the shared list: list.h)
 * edition: a past (or other public) edition's list; the current edition's
 * when absent; 404 for an unknown one or a draft. Malformed filter values
 * are ignored (the list is unfiltered on that field); well-formed unknown
 * ones match nothing, and the page says so with a link to the whole list.
 * A page past the end is a 404. The first exhibitor comes before the
 * figures, so that a phone shows it without scrolling. */
void page_exhibitors(request *r)
{
	lang l = r->lang;
	edition e;
	list ls;
	if (list_begin(r, &EXHIBITORS, &ls)) {
		page_error(r, 400, NULL);
		return;
	}
	const char *ed = page_code_param(r, "edition");
	if (req_fail(r, ed ? edition_public_by_slug(r->a, ed, &e) : edition_current(r->a, &e)))
		return;
	const char *cat = page_code_param(r, "category");
	const char *prov = page_code_param(r, "province");

	named *cats, *provs;
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e.id, &cats, &ncats));
	/* Every exhibitor of the edition in one query (a fair has at most a few
	 * hundred): the figures and the provinces come from the same rows, and
	 * the filter is applied here. */
	exhibitor_filter f = { NULL, NULL, 1, EXHIBITOR_ALL };
	exhibitor_row *rows;
	int total;
	size_t n = 0;
	if (req_fail(r, exhibitor_list(r->a, e.id, &f, &rows, &total, &n)))
		return;
	exhibitor_counts c;
	exhibitor_tally(rows, n, cats, ncats, &c);
	size_t nprovs = 0;
	exhibitor_provinces_of(r->a, rows, n, &provs, &nprovs);
	catalog_products_row *prods;
	size_t nprods = 0;
	if (req_fail(r, catalog_products(r->a, e.id, &prods, &nprods)))
		return;
	list_expect(&ls, n);
	const char *outside = tr(l, "outside the region"), *unassigned = tr(l, "not assigned");
	int ar = l == LANG_AR;
	for (size_t i = 0; i < n; i++) {
		exhibitor_row *x = &rows[i];
		if ((cat && strcmp(x->category_code, cat)) ||
		    (prov && strcmp(x->province_code, prov)))
			continue;
		list_cell *cell = list_add(&ls);
		if (!cell)
			break;
		cell[0] = (list_cell){ .text = ar ? x->name_ar : x->name_fr,
				       .other = ar ? x->name_fr : x->name_ar,
				       .lang = ar ? "ar" : "fr",
				       .id = x->id,
				       .tag = x->outside_region ? outside : NULL };
		cell[1] = (list_cell){ .text = text3_get(&x->province, l) };
		cell[2] = (list_cell){ .text = text3_get(&x->category, l) };
		cell[3] = (list_cell){ .text = *x->stand ? x->stand : unassigned };
		const catalog_products_row *pr = catalog_products_find(prods, nprods, x->id);
		if (pr)
			cell[4] = (list_cell){ .text = ar ? pr->products_ar : pr->products_fr,
					       .other = ar ? pr->products_fr : pr->products_ar,
					       .lang = ar ? "ar" : "fr" };
	}
	if (list_end(&ls)) {
		page_error(r, 404, NULL);
		return;
	}
	if (list_export(&ls))
		return;

	page_begin(r, tr(l, "Exhibitors"), PAGE_SAMPLE);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(l, "Exhibitors"),
		    text3_get(&e.name, l));
	filter_form(r, &ls, cats, ncats, provs, nprovs, cat, prov, ed);
	/* data-count: the figure for machines; the sentence may spell it out. */
	list_count(&ls, arena_printf(r->a,
				     trn(l, "%d exhibitor matches.", "%d exhibitors match.",
					 (long)ls.found),
				     (int)ls.found));
	if (ls.found) {
		list_table(&ls);
	} else {
		html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/exhibitors"),
			    tr(l, "Show all exhibitors"));
	}
	list_pager(&ls);
	photo_grid(r, &ls, rows, prods, nprods);
	list_exports(&ls);
	/* issue 18: the printed catalogue of the edition shown */
	html_printf(o, "<p class=\"catalog-pdf\"><a href=\"%s\">%s</a></p>",
		    site_href(r, "/catalogue.pdf?edition=%s", url_arg(r->a, e.slug)),
		    tr(l, "The printed catalogue (PDF)"));
	counts_block(r, &c, cats, ncats);
	page_end(r);
}

/* GET /exhibitors/{id} */
void page_exhibitor(request *r)
{
	lang l = r->lang;
	edition e;
	exhibitor_detail d;
	if (req_fail(r, edition_current(r->a, &e)) ||
	    req_fail(r, exhibitor_get(r->a, e.id, r->id, &d)))
		return;
	exhibitor_row *x = &d.row;
	page_begin(r, l == LANG_AR ? x->name_ar : x->name_fr, x->is_sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_raw(o, "<article class=\"exhibitor\"><h1>");
	coop_name(r, x->name_ar, x->name_fr, 0);
	html_raw(o, "</h1><dl class=\"facts\">");
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Category"),
		    text3_get(&x->category, l));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Stand"),
		    *x->stand ? x->stand : tr(l, "not assigned"));
	html_printf(o, "<div><dt>%s</dt><dd>%s (%s %s)</dd></div>", tr(l, "Province"),
		    text3_get(&x->province, l), tr(l, "region"), text3_get(&x->region, l));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Legal form"),
		    page_legal_form(l, d.legal_form));
	/* TRANSLATORS: label on an exhibitor's page; its value says whether
	   the cooperative is headed by a woman ("women") or a man ("men"). */
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Led by"),
		    /* TRANSLATORS: value of "Led by": headed by a woman. */
		    x->women_led ? tr(l, "women") :
				 /* TRANSLATORS: value of "Led by": headed by a man. */
			    tr(l, "men"));
	html_printf(
		o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Members"),
		arena_printf(r->a, tr(l, "Women: %d, men: %d"), d.members_women, d.members_men));
	/* the products of the catalogue profile, else the registry's */
	catalog_entry cat;
	if (req_fail(r, catalog_entry_of(r->a, e.id, r->id, 0, &cat)))
		return;
	const char *products = l == LANG_AR ? cat.prof.products_ar : cat.prof.products_fr;
	if (*products)
		html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Products"), products);
	if (*d.reg_number)
		html_printf(o, "<div><dt>%s</dt><dd dir=\"ltr\">%s</dd></div>",
			    tr(l, "Registration number"), d.reg_number);
	html_raw(o, "</dl>");
	if (d.nstand_mates) {
		html_printf(o, "<h2>%s</h2><ul>", tr(l, "Sharing the stand with"));
		for (int i = 0; i < d.nstand_mates; i++) {
			html_raw(o, "<li>");
			coop_name(r, d.stand_mates_ar[i], d.stand_mates_fr[i],
				  (int)d.stand_mate_ids[i]);
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul>");
	}
	catalog_exhibitor_extra(r, &cat);
	stand_block(r, e.id, 0, r->id, 0);
	html_printf(o, "<p><a href=\"%s\">%s</a></p></article>\n", site_href(r, "/exhibitors"),
		    tr(l, "All exhibitors"));
	page_end(r);
}
