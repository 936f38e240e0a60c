/*
 * edition_dashboard.c - the figures at the top of the back office (GET
 * /admin, page_admin in admin.c): for the edition the back office shows,
 * applications by status, reviews waiting, days until the call closes and
 * until the fair, the jury's progress per category, exhibitors without a
 * stand, mail waiting in the outbox. Each figure links to where the work is.
 * Roles: ROLES_ORGANISERS (the route's).
 */
#include "../html/html.h"
#include "../model/registry_app.h"
#include "edition.h"
#include "registry.h"

#include <string.h>

/* tile_begin - one figure: its heading, and the big number. */
static void tile_begin(request *r, const char *id, const char *title, int n)
{
	html_printf(&r->out,
		    "<li class=\"tile\" aria-labelledby=\"%s\"><h3 id=\"%s\">%s</h3>"
		    "<p class=\"big\" data-count=\"%d\">%d</p>",
		    id, id, title, n, n);
}

/* days_left - "1 day left" / "in N days", with the language's plural. */
static const char *days_left(request *r, int n)
{
	return arena_printf(r->a, trn(r->lang, "%d day left", "%d days left", n), n);
}

static void call_tile(request *r, const edition *e, const char *today)
{
	lang l = r->lang;
	buf *o = &r->out;
	int open = edition_call_open(e, today);
	/* The closing day is a whole day of the call: closing today is 1 left. */
	int left =
		open && *e->call_closes_on ? edition_days_until(today, e->call_closes_on) + 1 : 0;
	html_printf(o,
		    "<li class=\"tile\" aria-labelledby=\"t-call\"><h3 id=\"t-call\">%s</h3>"
		    "<p class=\"big\" data-count=\"%d\">%s</p><p>%s</p>",
		    tr(l, "Call for applications"), left,
		    open ? (*e->call_closes_on ? days_left(r, left) : tr(l, "open"))
			 : tr(l, "closed"),
		    edition_call_text(r, e));
	html_printf(o, "<p><a href=\"%s\">%s</a></p></li>",
		    site_href(r, "/admin/editions/%lld", (long long)e->id),
		    tr(l, "Dates and state of the edition"));
}

static void fair_tile(request *r, const edition *e, const char *today)
{
	lang l = r->lang;
	int to_start = edition_days_until(today, e->starts_on);
	int to_end = edition_days_until(today, e->ends_on);
	const char *big, *line;
	if (to_start > 0) {
		big = arena_printf(r->a, trn(l, "in %d day", "in %d days", to_start), to_start);
		line = fmt_date_range(r, e->starts_on, e->ends_on);
	} else if (to_end >= 0) {
		big = tr(l, "on now");
		line = arena_printf(r->a, trn(l, "%d day to go", "%d days to go", to_end + 1),
				    to_end + 1);
	} else {
		big = tr(l, "over");
		line = fmt_date_range(r, e->starts_on, e->ends_on);
	}
	html_printf(&r->out,
		    "<li class=\"tile\" aria-labelledby=\"t-fair\"><h3 id=\"t-fair\">%s</h3>"
		    "<p class=\"big\" data-count=\"%d\">%s</p><p>%s</p></li>",
		    tr(l, "The fair"), to_start > 0 ? to_start : 0, big, line);
}

static void jury_tile(request *r, const edition_figures *f)
{
	lang l = r->lang;
	buf *o = &r->out;
	int sheets = 0, scored = 0;
	for (int i = 0; i < f->njury; i++)
		sheets += f->jury[i].sheets, scored += f->jury[i].scored;
	tile_begin(r, "t-jury", tr(l, "Jury progress"), scored);
	html_printf(o, "<p>%s</p>",
		    arena_printf(r->a, trn(l, "of %d sheet scored", "of %d sheets scored", sheets),
				 sheets));
	if (f->njury)
		html_raw(o, "<ul class=\"progress\">");
	for (int i = 0; i < f->njury; i++) {
		const edition_jury *j = &f->jury[i];
		html_printf(
			o,
			"<li><a href=\"%s\">%s</a> "
			"<progress max=\"%d\" value=\"%d\">%d/%d</progress> <bdi>%d/%d</bdi></li>",
			site_href(r, "/admin/prize/categories/%lld", (long long)j->category_id),
			text3_get(&j->category, l), j->sheets ? j->sheets : 1, j->scored, j->scored,
			j->sheets, j->scored, j->sheets);
	}
	if (f->njury)
		html_raw(o, "</ul>");
	html_raw(o, "</li>");
}

void admin_dashboard(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	edition e;
	edition_figures f;
	if (admin_edition(r, &e) || edition_figures_of(r->a, e.id, &f))
		return;
	char today[11];
	edition_today(today);
	html_printf(o,
		    "<section class=\"dashboard\" aria-labelledby=\"dash-h\"><h2 id=\"dash-h\">%s "
		    "<bdi>%s</bdi></h2><ul class=\"tiles\">",
		    tr(l, "At a glance:"), text3_get(&e.name, l));

	tile_begin(r, "t-apps", tr(l, "Applications"), f.apps_total);
	html_raw(o, "<ul class=\"by-status\">");
	for (int s = 0; s < APP__MAX; s++) {
		if (!f.apps[s])
			continue;
		html_printf(o, "<li><a href=\"%s\">",
			    site_href(r, "/admin/applications?status=%s",
				      app_status_code((app_status)s)));
		reg_status_tag(r, s);
		html_printf(o, "</a> <bdi>%d</bdi></li>", f.apps[s]);
	}
	html_raw(o, "</ul></li>");

	tile_begin(r, "t-rev", tr(l, "Reviews waiting"), f.reviews_waiting);
	html_printf(o, "<p><a href=\"%s\">%s</a></p></li>",
		    site_href(r, "/admin/applications?status=submitted"),
		    arena_printf(r->a,
				 trn(l, "%d application has no score yet",
				     "%d applications have no score yet", f.reviews_waiting),
				 f.reviews_waiting));

	call_tile(r, &e, today);
	fair_tile(r, &e, today);
	jury_tile(r, &f);

	tile_begin(r, "t-stand", tr(l, "Exhibitors without a stand"), f.without_stand);
	html_printf(o, "<p>%s</p>",
		    arena_printf(r->a, trn(l, "of %d exhibitor", "of %d exhibitors", f.exhibitors),
				 f.exhibitors));
	if (!f.stands)
		html_printf(o, "<p class=\"other\">%s</p>",
			    tr(l, "No stands are drawn for this edition yet."));
	html_printf(o, "<p><a href=\"%s\">%s</a></p></li>", site_href(r, "/admin/cooperatives"),
		    tr(l, "Cooperatives and exhibitors"));

	tile_begin(r, "t-mail", tr(l, "Outbox"), f.outbox_waiting);
	html_printf(
		o, "<p><a href=\"%s\">%s</a></p></li>", site_href(r, "/admin/outbox"),
		arena_printf(r->a,
			     trn(l, "%d message waiting", "%d messages waiting", f.outbox_waiting),
			     f.outbox_waiting));
	html_raw(o, "</ul></section>\n");
}
