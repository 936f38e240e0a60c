/*
 * home.c - GET /  : the current edition's home page.
 *
 * Shows every fact of the edition: name, edition number, dates (and the
 * opening weekday), city and region, floor area, slogan, the spaces, the
 * stands and exhibitors planned, the prize categories and who judges them,
 * the side events, the organiser, the partners and the committee's chair.
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "../model/edition.h"
#include "../model/exhibitor.h"
#include "edition.h"
#include "pages.h"

static const char *ordinal(request *r, int n)
{
	static const char *const ar[] = { "",	     "الأولى",	"الثانية", "الثالثة",
					  "الرابعة", "الخامسة", "السادسة", "السابعة",
					  "الثامنة", "التاسعة", "العاشرة" };
	switch (r->lang) {
	case LANG_AR:
		return n >= 1 && n <= 10 ? arena_printf(r->a, "الدورة %s", ar[n])
					 : arena_printf(r->a, "الدورة %d", n);
	case LANG_FR:
		return n == 1 ? "1re édition" : arena_printf(r->a, "%de édition", n);
	default: {
		const char *suf = n % 10 == 1 && n % 100 != 11	 ? "st"
				  : n % 10 == 2 && n % 100 != 12 ? "nd"
				  : n % 10 == 3 && n % 100 != 13 ? "rd"
								 : "th";
		return arena_printf(r->a, "%d%s edition", n, suf);
	}
	}
}

static void facts(request *r, const edition *e, size_t ncat)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o,
		"<section class=\"facts\" aria-labelledby=\"facts-h\"><h2 id=\"facts-h\">%s</h2><dl>",
		tr(l, "Key facts"));
	html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", tr(l, "Edition"),
		    ordinal(r, e->number));
	html_printf(o, "<div><dt>%s</dt><dd><time datetime=\"%s\">%s</time> (%s)</dd></div>",
		    tr(l, "Dates"), e->starts_on, fmt_date_range(r, e->starts_on, e->ends_on),
		    /* TRANSLATORS: after the dates, in brackets: "(5 days, opening on Tuesday)".
		       %d: how many days the fair lasts (usually 3 to 10); %s: the opening
		       weekday's name, already in the page's language. */
		    arena_printf(r->a,
				 trn(l, "%d day, opening on %s", "%d days, opening on %s",
				     edition_days(e)),
				 edition_days(e), fmt_weekday(r, e->starts_on)));
	html_printf(o, "<div><dt>%s</dt><dd>%s (%s %s)</dd></div>", tr(l, "City"),
		    text3_get(&e->city, l),
		    /* TRANSLATORS: the word put before a region's name, in brackets
		       after a city or a province: "Fès (region Fès-Meknès)". */
		    tr(l, "region"), text3_get(&e->region, l));
	html_printf(o, "<div><dt>%s</dt><dd class=\"num\">%s</dd></div>", tr(l, "Floor area"),
		    arena_printf(r->a, tr(l, "%s m²"), fmt_int(r, e->area_m2)));
	html_printf(
		o, "<div><dt>%s</dt><dd class=\"num\">%s</dd></div>", tr(l, "Stands"),
		arena_printf(
			r->a, tr(l, "%s shared by %s"),
			arena_printf(r->a,
				     trn(l, "about %d stand", "about %d stands", e->stands_planned),
				     e->stands_planned),
			arena_printf(r->a,
				     trn(l, "%d exhibitor", "%d exhibitors", e->exhibitors_planned),
				     e->exhibitors_planned)));
	html_printf(o, "<div><dt>%s</dt><dd class=\"num\">%d</dd></div>",
		    tr(l, "Exhibitors from outside the region"), e->outside_region_planned);
	html_printf(o, "<div><dt>%s</dt><dd class=\"num\">%zu</dd></div>",
		    tr(l, "Prize categories"), ncat);
	html_raw(o, "</dl></section>\n");
}

/* logo_img - an organisation's logo (uploaded in the back office, served
 * by /logos/{id}), beside its name: decorative, so no alt text. */
static void logo_img(request *r, const int64_t *logos, size_t nlogos, int64_t org_id)
{
	size_t i = 0;
	while (i < nlogos && logos[i] != org_id)
		i++;
	if (i < nlogos)
		html_printf(&r->out, "<img class=\"logo\" src=\"%s\" alt=\"\"> ",
			    site_href(r, "/logos/%lld", (long long)org_id));
}

static void list_named(request *r, const char *title, const char *id, named *v, size_t n, int about)
{
	html_printf(&r->out,
		    "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2><ul class=\"cards\">", id,
		    id, title);
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<li><h3>%s</h3>", text3_get(&v[i].name, r->lang));
		if (about && *text3_get(&v[i].about, r->lang))
			html_printf(&r->out, "<p>%s</p>", text3_get(&v[i].about, r->lang));
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul></section>\n");
}

/* GET /  (no parameters but lang): the current edition */
void page_home(request *r)
{
	lang l = r->lang;
	edition e;
	cf_err found = edition_current(r->a, &e);
	if (found && found != CF_ERR_NOTFOUND) {
		req_fail(r, found);
		return;
	}
	if (found) {
		page_begin(r, tr(l, "Cooperatives Fair"), 0);
		html_printf(
			&r->out, "<h1>%s</h1><p>%s</p>", tr(l, "No fair yet"),
			tr(l,
			   "No edition has been published yet. The organisers create one from their space."));
		page_end(r);
		return;
	}
	home_show(r, &e);
}

/* other_editions - links to the public page of every other edition. */
static void other_editions(request *r, const edition *e)
{
	lang l = r->lang;
	edition *all;
	size_t n = 0, shown = 0;
	if (req_fail(r, edition_public_list(r->a, &all, &n)))
		return;
	for (size_t i = 0; i < n; i++) {
		if (all[i].id == e->id)
			continue;
		if (!shown++)
			html_printf(
				&r->out,
				"<section aria-labelledby=\"eds-h\"><h2 id=\"eds-h\">%s</h2><ul>",
				tr(l, "Other editions"));
		html_printf(&r->out, "<li><a href=\"%s\">%s</a> · %s</li>",
			    site_href(r, "/editions/%s", all[i].slug), text3_get(&all[i].name, l),
			    fmt_date_range(r, all[i].starts_on, all[i].ends_on));
	}
	if (shown)
		html_raw(&r->out, "</ul></section>\n");
}

/* home_show - the public page of edition e (see edition.h). */
void home_show(request *r, const edition *ep)
{
	lang l = r->lang;
	edition e = *ep;
	named *spaces, *cats, *events, *orgs, *partners;
	size_t nspaces = 0;
	req_fail(r, edition_spaces(r->a, e.id, &spaces, &nspaces));
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e.id, &cats, &ncats));
	size_t nevents = 0;
	req_fail(r, edition_side_events(r->a, e.id, &events, &nevents));
	size_t norgs = 0;
	req_fail(r, edition_organisations(r->a, e.id, ORG_ORGANISER, &orgs, &norgs));
	size_t npartners = 0;
	req_fail(r, edition_organisations(r->a, e.id, ORG_PARTNER, &partners, &npartners));
	int64_t *logos;
	size_t nlogos = 0;
	req_fail(r, logo_owners(r->a, &logos, &nlogos)); /* one query, not one per organisation */

	page_begin(r, text3_get(&e.name, l), 0);
	buf *o = &r->out;
	html_printf(o, "<section class=\"hero\"><p class=\"kicker\">%s · %s · %s</p><h1>%s</h1>",
		    ordinal(r, e.number), fmt_date_range(r, e.starts_on, e.ends_on),
		    text3_get(&e.city, l), text3_get(&e.name, l));
	if (*text3_get(&e.slogan, l))
		html_printf(o, "<p class=\"slogan\"><span class=\"label\">%s</span> <q>%s</q></p>",
			    tr(l, "Slogan:"), text3_get(&e.slogan, l));
	if (e.state == EDITION_CALL_OPEN)
		html_printf(o, "<p class=\"call\">%s</p>", edition_call_text(r, &e));
	edition cur;
	if (!edition_current(r->a, &cur) && cur.id == e.id)
		html_printf(o, "<p><a class=\"button\" href=\"%s\">%s</a></p></section>\n",
			    site_href(r, "/exhibitors"), tr(l, "Browse the exhibitors"));
	else
		html_printf(o, "<p><a class=\"button\" href=\"%s\">%s</a></p></section>\n",
			    site_href(r, "/exhibitors?edition=%s", e.slug),
			    tr(l, "Browse the exhibitors"));

	facts(r, &e, ncats);
	list_named(r, tr(l, "Spaces"), "spaces-h", spaces, nspaces, 1);

	html_printf(
		o,
		"<section aria-labelledby=\"prize-h\"><h2 id=\"prize-h\">%s</h2><p>%s</p><ul class=\"cards\">",
		tr(l, "Creativity prize"),
		tr(l,
		   "A creativity prize in three production categories, run by a committee of the partners, which selects the winners against criteria it adopts."));
	for (size_t i = 0; i < ncats; i++)
		html_printf(o, "<li><h3>%s</h3></li>", text3_get(&cats[i].name, l));
	html_raw(o, "</ul></section>\n");

	if (nevents)
		list_named(r, tr(l, "Also at the fair"), "events-h", events, nevents, 0);

	html_printf(o, "<section aria-labelledby=\"org-h\"><h2 id=\"org-h\">%s</h2>",
		    tr(l, "Organiser and partners"));
	for (size_t i = 0; i < norgs; i++) {
		html_raw(o, "<p>");
		logo_img(r, logos, nlogos, orgs[i].id);
		/* TRANSLATORS: in bold, followed by the organiser's name, which
		   has no article: "Conseil de la région Fès-Meknès". */
		html_printf(o, "<strong>%s</strong> %s</p>", tr(l, "Organised by"),
			    text3_get(&orgs[i].name, l));
	}
	if (*text3_get(&e.chair, l))
		/* TRANSLATORS: in bold, followed by the chair's title and name,
		   which in French starts with its article: "la vice-présidente". */
		html_printf(o, "<p><strong>%s</strong> %s</p>",
			    tr(l, "Organising committee chaired by"), text3_get(&e.chair, l));
	html_printf(o, "<h3>%s</h3><ul class=\"partners\">", tr(l, "Partners"));
	for (size_t i = 0; i < npartners; i++) {
		html_raw(o, "<li>");
		logo_img(r, logos, nlogos, partners[i].id);
		html_printf(o, "%s</li>", text3_get(&partners[i].name, l));
	}
	html_raw(o, "</ul></section>\n");
	other_editions(r, &e);
	/* This edition's own address, which stays when another becomes current. */
	html_printf(o, "<p class=\"permalink\"><a href=\"%s\">%s</a></p>\n",
		    site_href(r, "/editions/%s", e.slug), tr(l, "This edition's own page"));
	page_end(r);
}
