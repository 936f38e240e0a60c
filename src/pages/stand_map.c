/*
 * stand_map.c - the floor plan on the public site.
 *
 *   GET /plan?q=NAME&stand=CODE   the map; q highlights the stand of the first
 *                                 cooperative whose name holds NAME, stand the
 *                                 stand CODE, and lists its exhibitors
 *   GET /plan.pdf                 the plan as an A3 PDF for the entrance panels
 *
 * The map is SVG drawn here (no script, no tiles); coordinates in decimetres.
 */
#include "../export/stand_pdf.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "stand.h"

#include <string.h>

static int dm(double m)
{
	return (int)(m * 10 + (m >= 0 ? 0.5 : -0.5));
}

static const char *cat_name(request *r, const named *cats, size_t nc, int64_t id)
{
	for (size_t i = 0; i < nc; i++)
		if (cats[i].id == id)
			return text3_get(&cats[i].name, r->lang);
	return "";
}

/* hex - "#rrggbb" in r's arena (html_printf takes no field widths). */
static const char *hex(request *r, unsigned c)
{
	return arena_printf(r->a, "#%06x", c);
}

void stand_map_svg(request *r, const stand_plan *pl, int hl)
{
	buf *o = &r->out;
	lang l = r->lang;
	int W = dm(pl->width), H = dm(pl->depth), pad = 30;
	html_printf(o,
		    "<figure class=\"stand-map\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"%d %d %d %d\" role=\"group\" aria-labelledby=\"stand-map-title\" "
		    "width=\"100%%\" font-family=\"sans-serif\">"
		    "<title id=\"stand-map-title\">%s</title>",
		    -pad, -pad, W + 2 * pad, H + 2 * pad + 60, tr(l, "Floor plan"));
	for (size_t i = 0; i < pl->nzones; i++) {
		const stand_zone_row *z = &pl->zones[i];
		html_printf(o,
			    "<rect class=\"zone\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"/>",
			    dm(z->x), dm(z->y), dm(z->w), dm(z->h),
			    hex(r, stand_zone_tint(z->kind)));
		int hub = !strcmp(z->kind, "exhibitors_hub");
		int ty = hub ? dm(z->y) + 12 : dm(z->y + z->h / 2);
		html_printf(o,
			    "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" "
			    "fill=\"#555\"><tspan x=\"%d\" lang=\"ar\">%s</tspan><tspan x=\"%d\" "
			    "dy=\"%d\" lang=\"fr\">%s</tspan></text>",
			    dm(z->x + z->w / 2), ty, hub ? 9 : 16, dm(z->x + z->w / 2), z->name_ar,
			    dm(z->x + z->w / 2), hub ? 9 : 18, z->name_fr);
	}
	if (pl->noutline) {
		/* a polygon hall: its walls; the box around it stays faint */
		html_raw(o, "<polygon class=\"hall\" points=\"");
		for (size_t i = 0; i < pl->noutline; i++)
			html_printf(o, "%s%d,%d", i ? " " : "", dm(pl->outline[2 * i]),
				    dm(pl->outline[2 * i + 1]));
		html_raw(o, "\" fill=\"none\" stroke=\"#222\" stroke-width=\"3\"/>");
	} else {
		html_printf(o,
			    "<rect class=\"hall\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
			    "fill=\"none\" stroke=\"#222\" stroke-width=\"3\"/>",
			    W, H);
	}
	for (size_t i = 0; i < pl->nstands; i++) {
		const stand_row *s = &pl->stands[i];
		int cat = -1;
		for (size_t j = 0; j < pl->nex; j++)
			if (pl->ex[j].who.stand == (int)i)
				cat = pl->ex[j].category;
		int on = (int)i == hl;
		html_printf(
			o,
			"<a href=\"%s\" id=\"stand-%s\" class=\"stand%s\" "
			"data-stand=\"%s\" aria-current=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			"fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" "
			"fill=\"#111\">%s</text></a>",
			site_href(r, "/plan?stand=%s#stand-list", url_arg(r->a, s->code)), s->code,
			on ? " hl" : "", s->code, on ? "location" : "false", dm(s->site.x),
			dm(s->site.y), dm(s->site.w), dm(s->site.h),
			hex(r, cat >= 0 ? stand_colour(cat) : 0xFFFFFFu), on ? "#c00" : "#333",
			on ? 6 : 1, dm(s->site.x + s->site.w / 2),
			dm(s->site.y + s->site.h / 2) + 3, s->code);
	}
	for (size_t i = 0; i < pl->nentrances; i++) {
		const stand_entrance_row *en = &pl->entrances[i];
		double mx, my;
		stand_door_middle(en, &mx, &my);
		/* the name beside the door: above or below a door across, inside
		 * the hall beside a door down a side wall */
		int left = en->vertical && en->x < pl->width / 2;
		int tx = !en->vertical ? dm(mx) : left ? dm(mx) + 8 : dm(mx) - 8;
		int ty = en->vertical ? dm(my) + 4 : en->y <= 0 ? dm(my) - 8 : dm(my) + 16;
		html_printf(
			o,
			"<line class=\"entrance\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"#c0392b\" stroke-width=\"8\"/><text x=\"%d\" y=\"%d\" "
			"font-size=\"10\" text-anchor=\"%s\" fill=\"#c0392b\"><tspan lang=\"ar\">%s"
			"</tspan> · <tspan lang=\"fr\">%s</tspan></text>",
			dm(en->x), dm(en->y), dm(en->vertical ? en->x : en->x + en->w),
			dm(en->vertical ? en->y + en->w : en->y), tx, ty,
			!en->vertical ? "middle"
			: left	      ? "start"
				      : "end",
			en->name_ar, en->name_fr);
	}
	/* scale bar: 5 m */
	html_printf(
		o,
		"<g class=\"scale\"><line x1=\"0\" y1=\"%d\" x2=\"50\" y2=\"%d\" stroke=\"#222\" "
		"stroke-width=\"3\"/><text x=\"25\" y=\"%d\" font-size=\"10\" "
		"text-anchor=\"middle\">%s</text></g></svg>",
		H + 40, H + 40, H + 55, tr(l, "5 m"));
	named *cats;
	size_t nc = 0;
	req_fail(r, edition_categories(r->a, pl->edition_id, &cats, &nc));
	html_printf(o, "<figcaption><ul class=\"stand-legend\">");
	for (int c = 0; c < pl->ncat; c++)
		html_printf(o,
			    "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect "
			    "width=\"14\" height=\"14\" fill=\"%s\"/></svg> %s</li>",
			    hex(r, stand_colour(c)), cat_name(r, cats, nc, pl->cat_ids[c]));
	html_printf(
		o,
		"<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" "
		"height=\"4\" y=\"5\" fill=\"#c0392b\"/></svg> %s</li></ul></figcaption></figure>",
		tr(l, "Entrance"));
}

/* GET /plan?q=NAME&stand=CODE */
void page_stand_plan(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	stand_plan pl;
	cf_err e = stand_plan_load(r->a, ed.id, &pl);
	if (e == CF_ERR_NOTFOUND) {
		/* the public menu links here before the committee draws the plan */
		page_begin(r, tr(l, "Floor plan"), 0);
		html_printf(&r->out, "<h1>%s</h1><p>%s</p>", tr(l, "Floor plan"),
			    tr(l, "This edition has no floor plan yet."));
		page_end(r);
		return;
	}
	if (req_fail(r, e))
		return;
	int sample = 0;
	for (size_t i = 0; i < pl.nex; i++)
		sample |= pl.ex[i].is_sample;
	const char *q = req_query(r, "q"), *code = req_query(r, "stand");
	int hl = -1, found = -1;
	if (q && *q) {
		found = stand_find(&pl, q);
		if (found >= 0)
			hl = pl.ex[found].who.stand;
	}
	if (hl < 0 && code)
		for (size_t i = 0; i < pl.nstands; i++)
			if (!strcmp(pl.stands[i].code, code))
				hl = (int)i;
	page_begin(r, tr(l, "Floor plan"), sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Floor plan"));
	if (sample) /* only the demo's generated exhibitors are labelled so */
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l, "Sample data: the exhibitors on this plan are generated examples."));
	html_printf(
		o,
		"<form method=\"get\" action=\"%s\" role=\"search\"><label for=\"q\">%s</label> "
		"<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"> "
		"<button type=\"submit\">%s</button></form>",
		site_href(r, "/plan"), tr(l, "Find a cooperative"), q ? q : "", tr(l, "Search"));
	if (q && *q) {
		if (found >= 0 && hl >= 0)
			html_printf(
				o,
				"<p class=\"found\" role=\"status\"><bdi>%s</bdi> — %s <b>%s</b></p>",
				l == LANG_AR ? pl.ex[found].name_ar : pl.ex[found].name_fr,
				tr(l, "stand"), pl.stands[hl].code);
		else
			html_printf(o, "<p class=\"found\" role=\"status\">%s</p>",
				    tr(l, "No cooperative of this name has a stand."));
	}
	stand_map_svg(r, &pl, hl);
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/plan.pdf"),
		    tr(l, "The plan as an A3 PDF"));
	if (hl >= 0) {
		html_printf(o, "<section id=\"stand-list\"><h2>%s %s</h2><ul>", tr(l, "Stand"),
			    pl.stands[hl].code);
		for (size_t i = 0; i < pl.nex; i++)
			if (pl.ex[i].who.stand == hl)
				html_printf(
					o, "<li><a href=\"%s\"><bdi>%s</bdi></a></li>",
					site_href(r, "/exhibitors/%lld", (long long)pl.ex[i].id),
					l == LANG_AR ? pl.ex[i].name_ar : pl.ex[i].name_fr);
		html_raw(o, "</ul></section>");
	}
	page_end(r);
}

/* GET /plan.pdf */
void page_stand_plan_pdf(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	stand_plan pl;
	if (req_fail(r, stand_plan_load(r->a, ed.id, &pl)))
		return;
	named *cats;
	size_t nc = 0;
	if (req_fail(r, edition_categories(r->a, ed.id, &cats, &nc)))
		return;
	const char **names = arena_alloc(r->a, ((size_t)pl.ncat + 1) * sizeof *names);
	for (int c = 0; c < pl.ncat; c++) {
		names[c] = "";
		for (size_t i = 0; i < nc; i++)
			if (cats[i].id == pl.cat_ids[c])
				names[c] = arena_printf(r->a, "%s · %s", cats[i].name.v[LANG_AR],
							cats[i].name.v[LANG_FR]);
	}
	const char *title = arena_printf(r->a, "مخطط المعرض · Plan du salon — %s · %s",
					 ed.city.v[LANG_AR], ed.city.v[LANG_FR]);
	if (req_fail(r, stand_pdf(&pl, names, title, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"plan.pdf\"");
}

void stand_block(request *r, int64_t edition_id, int64_t coop_id, int64_t exhibitor_id, int mine)
{
	lang l = r->lang;
	stand_plan pl;
	cf_err e = stand_plan_load(r->a, edition_id, &pl);
	if (e) {
		if (e != CF_ERR_NOTFOUND)
			req_fail(r, e);
		return;
	}
	for (size_t i = 0; i < pl.nex; i++) {
		if (pl.ex[i].cooperative_id != coop_id && pl.ex[i].id != exhibitor_id)
			continue;
		int s = pl.ex[i].who.stand;
		html_printf(&r->out, "<section class=\"my-stand\"><h2>%s</h2>",
			    mine ? tr(l, "Your stand") : tr(l, "Stand on the map"));
		if (s < 0) {
			html_printf(&r->out, "<p>%s</p></section>",
				    mine ? tr(l, "The committee has not given you a stand yet.")
					 : tr(l, "not assigned"));
			return;
		}
		html_printf(&r->out, "<p>%s <b class=\"my-stand-code\">%s</b></p>", tr(l, "Stand"),
			    pl.stands[s].code);
		if (mine)
			html_printf(
				&r->out, "<p>%s</p>",
				tr(l, "Set-up: the day before the opening, from 14:00 to 20:00."));
		stand_map_svg(r, &pl, s);
		html_raw(&r->out, "</section>");
		return;
	}
}

void stand_sheet_line(request *r, int64_t entry_id)
{
	const char *code = NULL;
	if (req_fail(r, stand_code_of_entry(r->a, entry_id, &code)) || !code)
		return;
	html_printf(&r->out, "<p class=\"stand-code\">%s <b>%s</b></p>", tr(r->lang, "Stand"),
		    code);
}
