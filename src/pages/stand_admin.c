/*
 * stand_admin.c - the stand allocation in the back office.
 *
 *   GET  /admin/stands            score per term, rules held or broken,
 *                                 exhibitors without a stand, the map, each
 *                                 exhibitor's stand and why, a hand-move form
 *   POST /admin/stands/assign     run the allocator on the current edition
 *   POST /admin/stands/move       exhibitor=ID stand=ID (0: none): a hand
 *                                 move; answers with the score change and a
 *                                 warning per rule the move breaks
 *   POST /admin/stands/publish    publish the plan: later changes are mailed
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "edition.h"
#include "stand.h"
#include "../util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void score_rows(request *r, const stand_score *sc, const stand_score *before)
{
	lang l = r->lang;
	buf *o = &r->out;
	const struct {
		const char *label;
		double v, b;
	} t[] = {
		{ tr(l, "Categories kept together"), sc->cluster, before ? before->cluster : 0 },
		{ tr(l, "Shared stands of one category"), sc->share, before ? before->share : 0 },
		{ tr(l, "Good places shared fairly"), sc->fair, before ? before->fair : 0 },
		{ tr(l, "Broken rules"), sc->hard, before ? before->hard : 0 },
		{ tr(l, "Total (lower is better)"), sc->total, before ? before->total : 0 },
	};
	html_printf(o, "<table class=\"stand-score\"><thead><tr><th>%s</th>", tr(l, "Term"));
	if (before)
		html_printf(o, "<th>%s</th>", tr(l, "Before"));
	html_printf(o, "<th>%s</th></tr></thead><tbody>", tr(l, "Placement score"));
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		html_printf(o, "<tr><th scope=\"row\">%s</th>", t[i].label);
		if (before)
			html_printf(o, "<td>%s</td>", arena_printf(r->a, "%.2f", t[i].b));
		html_printf(o, "<td>%s</td></tr>", arena_printf(r->a, "%.2f", t[i].v));
	}
	html_raw(o, "</tbody></table>");
}

static void rule_rows(request *r, const stand_score *sc)
{
	lang l = r->lang;
	const struct {
		const char *label;
		int n;
	} t[] = {
		{ tr(l, "Capacity of each stand"), sc->over_capacity },
		{ tr(l, "Needs met (power, water, access)"), sc->needs_unmet },
		{ tr(l, "Pairs that asked to share are together"), sc->pairs_split },
		{ tr(l, "Competitors are not neighbours"), sc->apart_broken },
		{ tr(l, "Every exhibitor has a stand"), sc->unplaced },
	};
	html_printf(&r->out,
		    "<table class=\"stand-rules\"><thead><tr><th>%s</th><th>%s</th></tr>"
		    "</thead><tbody>",
		    tr(l, "Rule"), tr(l, "Result"));
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"%s\">%s</td></tr>",
			    t[i].label, t[i].n ? "broken" : "held",
			    t[i].n ? arena_printf(r->a, "%s (%d)", tr(l, "broken"), t[i].n)
				   : tr(l, "held"));
	html_raw(&r->out, "</tbody></table>");
}

/* The page; notice (already HTML-escaped content written by the caller)
 * goes first when move is not NULL. */
static void render(request *r, const stand_score *before, const stand_score *after,
		   const char *const *warn, int nwarn)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	stand_plan pl;
	cf_err e = stand_plan_load(r->a, ed.id, &pl);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, tr(l, "This edition has no floor plan yet."));
		return;
	}
	if (req_fail(r, e))
		return;
	stand_problem p;
	stand_plan_problem(r->a, &pl, &p);
	stand_score sc = stand_score_of(&p);
	page_begin(r, tr(l, "Stands"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a href=\"%s\">%s</a></p>", tr(l, "Stands"),
		    site_href(r, "/admin/stands/venue"),
		    tr(l, "Edit the venue: hall, zones, stands"));
	if (after) {
		double d = after->total - before->total;
		html_printf(o,
			    "<section class=\"stand-moved\" role=\"status\"><h2>%s</h2><p>%s "
			    "<b class=\"delta\">%s</b></p>",
			    tr(l, "Exhibitor moved"), tr(l, "Change of the score:"),
			    arena_printf(r->a, "%+.2f", d));
		score_rows(r, after, before);
		for (int i = 0; i < nwarn; i++)
			html_printf(o, "<p class=\"warn\" role=\"alert\">%s</p>", warn[i]);
		html_raw(o, "</section>");
	}
	html_printf(
		o, "<p>%s</p><form method=\"post\" action=\"%s\">",
		pl.published_at
			? tr(l, "The plan is published: exhibitors whose stand changes are mailed.")
			: tr(l, "The plan is not published yet."),
		site_href(r, "/admin/stands/assign"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    tr(l, "Place every exhibitor (allocator)"));
	if (!pl.published_at) {
		html_printf(o, "<form method=\"post\" action=\"%s\">",
			    site_href(r, "/admin/stands/publish"));
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\">%s</button></form>",
			    tr(l, "Publish the plan"));
	}
	html_printf(o, "<h2>%s</h2>", tr(l, "Placement score"));
	score_rows(r, &sc, NULL);
	html_printf(o, "<p><small>%s</small></p>",
		    arena_printf(r->a, "%s — %.1f / %.1f / %.1f", tr(l, "Weights (committee)"),
				 pl.w_cluster, pl.w_share, pl.w_fair));
	html_printf(o, "<h2>%s</h2>", tr(l, "Rules"));
	rule_rows(r, &sc);

	/* the hand move */
	html_printf(o,
		    "<h2>%s</h2><form method=\"post\" action=\"%s\" "
		    "class=\"stand-move\"><label for=\"mv-ex\">%s</label> <select id=\"mv-ex\" "
		    "name=\"exhibitor\">",
		    tr(l, "Move an exhibitor"), site_href(r, "/admin/stands/move"),
		    tr(l, "Exhibitor"));
	for (size_t i = 0; i < pl.nex; i++)
		html_printf(o, "<option value=\"%lld\">%s (%s)</option>", (long long)pl.ex[i].id,
			    l == LANG_AR ? pl.ex[i].name_ar : pl.ex[i].name_fr,
			    pl.ex[i].who.stand >= 0 ? pl.stands[pl.ex[i].who.stand].code : "—");
	html_printf(o,
		    "</select> <label for=\"mv-st\">%s</label> <select id=\"mv-st\" name=\"stand\">"
		    "<option value=\"0\">%s</option>",
		    tr(l, "Stand"), tr(l, "no stand"));
	for (size_t i = 0; i < pl.nstands; i++)
		html_printf(o, "<option value=\"%lld\">%s</option>", (long long)pl.stands[i].id,
			    pl.stands[i].code);
	html_raw(o, "</select> ");
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Move"));

	html_printf(o, "<h2>%s</h2><ul class=\"unplaced\">", tr(l, "Exhibitors without a stand"));
	int none = 1;
	for (size_t i = 0; i < pl.nex; i++)
		if (pl.ex[i].who.stand < 0) {
			none = 0;
			html_printf(o, "<li><bdi>%s</bdi></li>",
				    l == LANG_AR ? pl.ex[i].name_ar : pl.ex[i].name_fr);
		}
	if (none)
		html_printf(o, "<li>%s</li>", tr(l, "none"));
	html_raw(o, "</ul>");
	stand_map_svg(r, &pl, -1);

	html_printf(o,
		    "<h2>%s</h2><div class=\"table-wrap\"><table class=\"stand-why\"><thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    tr(l, "Why each exhibitor is where it is"), tr(l, "Exhibitor"), tr(l, "Stand"),
		    tr(l, "Why"));
	for (size_t i = 0; i < pl.nex; i++) {
		const char *why[4];
		size_t nw = stand_why(&pl, i, why);
		html_printf(o, "<tr><td><bdi>%s</bdi></td><td>%s</td><td>",
			    l == LANG_AR ? pl.ex[i].name_ar : pl.ex[i].name_fr,
			    pl.ex[i].who.stand >= 0 ? pl.stands[pl.ex[i].who.stand].code : "—");
		for (size_t k = 0; k < nw; k++)
			html_printf(o, "%s%s", k ? " · " : "", tr(l, why[k]));
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table></div>");
	page_end(r);
}

/* GET /admin/stands */
void page_stand_admin(request *r)
{
	render(r, NULL, NULL, NULL, 0);
}

/* POST /admin/stands/assign */
void page_stand_assign(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	cf_err e = db_begin(db_thread());
	if (!e) {
		stand_score sc;
		e = stand_assign(ed.id, 0, 1, &sc, NULL);
		if (e)
			db_rollback(db_thread());
		else
			e = db_commit(db_thread());
	}
	if (e == CF_ERR_STATE) {
		page_error(r, 409,
			   tr(r->lang, "The stands cannot hold every exhibitor with its needs."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/stands");
}

static int64_t form_id(request *r, const char *key)
{
	long long n;
	return page_int(req_form(r, key), 0, INT64_MAX, &n) ? n : -1;
}

/* POST /admin/stands/move  exhibitor=ID stand=ID */
void page_stand_move(request *r)
{
	lang l = r->lang;
	int64_t ex = form_id(r, "exhibitor"), st = form_id(r, "stand");
	if (ex <= 0 || st < 0) {
		page_error(r, 400, tr(l, "Choose an exhibitor and a stand."));
		return;
	}
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	/* a locked stand keeps its exhibitors: say so when a hand move touches one */
	stand_plan pl;
	if (req_fail(r, stand_plan_load(r->a, ed.id, &pl)))
		return;
	int locked = 0;
	for (size_t i = 0; i < pl.nex; i++)
		if (pl.ex[i].id == ex && pl.ex[i].who.stand >= 0 &&
		    pl.stands[pl.ex[i].who.stand].site.locked)
			locked = 1;
	for (size_t i = 0; i < pl.nstands; i++)
		if (pl.stands[i].id == st && pl.stands[i].site.locked)
			locked = 1;
	stand_score before, after;
	cf_err e = db_begin(db_thread());
	if (!e) {
		e = stand_move(r->a, ed.id, ex, st, &before, &after);
		if (e)
			db_rollback(db_thread());
		else
			e = db_commit(db_thread());
	}
	if (req_fail(r, e))
		return;
	const char *warn[6];
	int nw = 0;
	if (after.over_capacity > before.over_capacity)
		warn[nw++] =
			tr(l, "Rule broken: the stand holds more exhibitors than its capacity.");
	if (after.needs_unmet > before.needs_unmet)
		warn[nw++] = tr(l, "Rule broken: the stand does not meet the exhibitor's needs.");
	if (after.pairs_split > before.pairs_split)
		warn[nw++] = tr(l, "Rule broken: two exhibitors who asked to share are now apart.");
	if (after.apart_broken > before.apart_broken)
		warn[nw++] = tr(l, "Rule broken: competitors kept apart are now neighbours.");
	if (after.unplaced > before.unplaced)
		warn[nw++] = tr(l, "Rule broken: the exhibitor has no stand.");
	if (locked)
		warn[nw++] =
			tr(l, "Rule broken: the move touches a stand locked by the committee.");
	render(r, &before, &after, warn, nw);
}

/* POST /admin/stands/publish */
void page_stand_publish(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	char now[32];
	clock_now_iso(now);
	if (req_fail(r, stand_publish(ed.id, now)))
		return;
	resp_redirect(r, "/admin/stands");
}
