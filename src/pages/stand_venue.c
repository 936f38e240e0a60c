/*
 * stand_venue.c - the committee edits the edition's venue (issue 13): the
 * hall (size, polygon outline, the allocator's weights), its zones, its
 * entrances, its stands one by one, and a generator for blocks of stands in
 * rows. Near an entrance is not typed: it follows from the entrances. Each form
 * is validated here, and re-shown with what was typed and the reason for
 * each rejected field, in the reader's language. The spaces an edition's
 * zones belong to are edited at /admin/editions/{id}/spaces (admin_parts.c).
 *
 *   GET  /admin/stands/venue                [?zone=ID] [?stand=ID]
 *                                           [?entrance=ID] the page;
 *                                           with an id, that object's form
 *   POST /admin/stands/venue/hall           width depth outline w_cluster
 *                                           w_share w_fair
 *   POST /admin/stands/venue/zone           id (0: new) zone_kind zone_name_ar
 *                                           zone_name_fr zone_x zone_y zone_w
 *                                           zone_h zone_space
 *   POST /admin/stands/venue/zone/delete    id
 *   POST /admin/stands/venue/stand          id (0: new) code stand_x stand_y
 *                                           stand_w stand_h capacity
 *                                           stand_space and the attributes
 *   POST /admin/stands/venue/stand/delete   id
 *   POST /admin/stands/venue/entrance       id (0: new) entrance_name_ar
 *                                           entrance_name_fr entrance_x
 *                                           entrance_y entrance_w
 *   POST /admin/stands/venue/entrance/delete id
 *   POST /admin/stands/venue/block          block_prefix block_first
 *                                           block_rows block_cols block_x
 *                                           block_y block_w block_h
 *                                           block_aisle block_capacity
 *                                           block_space block_power ...
 * Roles: ROLES_ORGANISERS. Lengths in metres: digits (Arabic-Indic too),
 * a decimal point or comma.
 */
#include "../html/html.h"
#include "../model/admin.h"
#include "admin_form.h"
#include "edition.h"
#include "stand.h"
#include "stand_venue.h"

#include <stdlib.h>
#include <string.h>

static const field hall_fields[H__MAX] = {
	[H_WIDTH] = { "width", N_("Width of the hall (m)"), F_TEXT, 1, 0, 12, NULL },
	[H_DEPTH] = { "depth", N_("Depth of the hall (m)"), F_TEXT, 1, 0, 12, NULL },
	[H_OUTLINE] = { "outline", N_("Outline of a hall that is not a rectangle"), F_TEXTAREA, 0,
			0, 2000, NULL },
	[H_WC] = { "w_cluster", N_("Weight: categories kept together"), F_TEXT, 1, 0, 12, NULL },
	[H_WS] = { "w_share", N_("Weight: shared stands of one category"), F_TEXT, 1, 0, 12, NULL },
	[H_WF] = { "w_fair", N_("Weight: good places shared fairly"), F_TEXT, 1, 0, 12, NULL },
};
static const field zone_fields[Z__MAX] = {
	[Z_KIND] = { "zone_kind", N_("Kind of zone"), F_SELECT, 1, 0, 0, NULL },
	[Z_AR] = { "zone_name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 200, "ar" },
	[Z_FR] = { "zone_name_fr", N_("Name (French)"), F_TEXT, 1, 0, 200, "fr" },
	[Z_X] = { "zone_x", N_("From the left wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[Z_Y] = { "zone_y", N_("From the top wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[Z_W] = { "zone_w", N_("Width (m)"), F_TEXT, 1, 0, 12, NULL },
	[Z_H] = { "zone_h", N_("Depth (m)"), F_TEXT, 1, 0, 12, NULL },
	[Z_SPACE] = { "zone_space", N_("Space of the edition"), F_SELECT, 0, 0, 0, NULL },
};
static const field stand_fields[S__MAX] = {
	[S_CODE] = { "code", N_("Stand code"), F_TEXT, 1, 0, 12, NULL },
	[S_X] = { "stand_x", N_("From the left wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[S_Y] = { "stand_y", N_("From the top wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[S_W] = { "stand_w", N_("Width (m)"), F_TEXT, 1, 0, 12, NULL },
	[S_H] = { "stand_h", N_("Depth (m)"), F_TEXT, 1, 0, 12, NULL },
	[S_CAP] = { "capacity", N_("Exhibitors per stand"), F_INT, 1, 1, 20, NULL },
	[S_SPACE] = { "stand_space", N_("Space of the edition"), F_SELECT, 0, 0, 0, NULL },
	[S_CORNER] = { "corner", N_("Corner stand"), F_CHECK, 0, 0, 0, NULL },
	[S_AISLE] = { "main_aisle", N_("On the main aisle"), F_CHECK, 0, 0, 0, NULL },
	[S_POWER] = { "power", N_("Power"), F_CHECK, 0, 0, 0, NULL },
	[S_WATER] = { "water", N_("Water"), F_CHECK, 0, 0, 0, NULL },
	[S_ACCESS] = { "accessible", N_("Accessible"), F_CHECK, 0, 0, 0, NULL },
	[S_LOCKED] = { "locked", N_("Locked: the allocator leaves it as it is"), F_CHECK, 0, 0, 0,
		       NULL },
};
static const field door_fields[E__MAX] = {
	[E_AR] = { "entrance_name_ar", N_("Name (Arabic)"), F_TEXT, 1, 0, 200, "ar" },
	[E_FR] = { "entrance_name_fr", N_("Name (French)"), F_TEXT, 1, 0, 200, "fr" },
	[E_X] = { "entrance_x", N_("From the left wall to the door (m)"), F_TEXT, 1, 0, 12, NULL },
	[E_Y] = { "entrance_y", N_("From the top wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[E_W] = { "entrance_w", N_("Width of the door (m)"), F_TEXT, 1, 0, 12, NULL },
	[E_VERT] = { "entrance_vertical",
		     N_("The door runs down a side wall (from its top end, measured from the top "
			"wall)"),
		     F_CHECK, 0, 0, 0, NULL },
};
static const field block_fields[B__MAX] = {
	[B_PREFIX] = { "block_prefix", N_("Code prefix (letters)"), F_TEXT, 1, 0, 4, NULL },
	[B_FIRST] = { "block_first", N_("First number"), F_INT, 1, 1, 999, NULL },
	[B_ROWS] = { "block_rows", N_("Rows"), F_INT, 1, 1, 40, NULL },
	[B_COLS] = { "block_cols", N_("Stands per row"), F_INT, 1, 1, 40, NULL },
	[B_X] = { "block_x", N_("From the left wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[B_Y] = { "block_y", N_("From the top wall (m)"), F_TEXT, 1, 0, 12, NULL },
	[B_W] = { "block_w", N_("Width of a stand (m)"), F_TEXT, 1, 0, 12, NULL },
	[B_H] = { "block_h", N_("Depth of a stand (m)"), F_TEXT, 1, 0, 12, NULL },
	[B_AISLE] = { "block_aisle", N_("Aisle after each pair of rows (m)"), F_TEXT, 1, 0, 12,
		      NULL },
	[B_CAP] = { "block_capacity", N_("Exhibitors per stand"), F_INT, 1, 1, 20, NULL },
	[B_SPACE] = { "block_space", N_("Space of the edition"), F_SELECT, 0, 0, 0, NULL },
	[B_POWER] = { "block_power", N_("Power"), F_CHECK, 0, 0, 0, NULL },
	[B_WATER] = { "block_water", N_("Water"), F_CHECK, 0, 0, 0, NULL },
	[B_ACCESS] = { "block_accessible", N_("Accessible"), F_CHECK, 0, 0, 0, NULL },
};

static const char *const KINDS[] = { "exhibitors_hub", "agora",	   "partners_hub",
				     "entertainment",  "services", "aisle" };
static const char *const KIND_LABELS[] = { N_("Exhibitors hub"), N_("AGORA"),	 N_("Partners hub"),
					   N_("Entertainment"),	 N_("Services"), N_("Aisle") };

/* venue_metres - a length typed by a person: digits (Western or Arabic-Indic),
 * one decimal point, comma or Arabic decimal separator, at most two
 * decimals; 1 and *out in [0, 1000] when it is one. */
int venue_metres(const char *s, double *out)
{
	char tmp[16];
	size_t n = 0;
	int dot = -1;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (n + 1 >= sizeof tmp)
			return 0;
		if (*p >= '0' && *p <= '9') {
			tmp[n++] = (char)*p++;
		} else if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			tmp[n++] = (char)('0' + p[1] - 0xA0), p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
			tmp[n++] = (char)('0' + p[1] - 0xB0), p += 2;
		} else if ((*p == '.' || *p == ',' || (p[0] == 0xD9 && p[1] == 0xAB)) && dot < 0) {
			dot = (int)n;
			tmp[n++] = '.';
			p += *p == 0xD9 ? 2 : 1;
		} else {
			return 0;
		}
	}
	tmp[n] = 0;
	if (!n || dot == 0 || dot == (int)n - 1 || (dot > 0 && (int)n - dot - 1 > 2))
		return 0;
	double v = strtod(tmp, NULL);
	if (v < 0 || v > 1000)
		return 0;
	*out = v;
	return 1;
}

/* venue_lengths - read metre fields; a field that is no length is rejected. pos:
 * 1 when it must be more than zero. */
void venue_lengths(request *r, form *fm, const int *idx, int n, double *out, int pos)
{
	for (int k = 0; k < n; k++) {
		int i = idx[k];
		if (fm->err[i])
			continue;
		if (!venue_metres(fm->val[i], &out[k]))
			form_reject(fm, i,
				    tr(r->lang, "Enter a length in metres, for example 3 or 2.5."));
		else if (pos && out[k] <= 0)
			form_reject(fm, i, tr(r->lang, "Enter a length of more than 0 m."));
	}
}

static const char *mstr(request *r, double v)
{
	return arena_printf(r->a, "%g", v);
}

/* The spaces of the edition, as options of the zone/stand/block forms. */
static void space_opts(request *r, int64_t ed, form_opt **opts, size_t *n)
{
	admin_rec *rows = NULL;
	size_t nr = 0;
	*opts = NULL;
	*n = 0;
	if (admin_list(r->a, &ADMIN_SPACE, ed, &rows, &nr))
		return;
	form_opt *o = arena_alloc(r->a, (nr + 1) * sizeof *o);
	for (size_t i = 0; i < nr; i++) {
		o[i].value = arena_printf(r->a, "%lld", (long long)rows[i].id);
		o[i].label = rows[i].v[r->lang == LANG_AR ? SP_NAME_AR : SP_NAME_FR];
	}
	*opts = o;
	*n = nr;
}

/* The forms, with the edition's spaces to choose from. */
static void forms_init(request *r, int64_t ed, form *hall, form *zone, form *st, form *blk,
		       form *door)
{
	form_opt *sp;
	size_t nsp;
	space_opts(r, ed, &sp, &nsp);
	form_init(hall, hall_fields, H__MAX);
	form_init(zone, zone_fields, Z__MAX);
	form_init(st, stand_fields, S__MAX);
	form_init(blk, block_fields, B__MAX);
	form_init(door, door_fields, E__MAX);
	door->val[E_W] = "4";
	form_opt *k = arena_alloc(r->a, 6 * sizeof *k);
	for (int i = 0; i < 6; i++)
		k[i] = (form_opt){ KINDS[i], tr(r->lang, KIND_LABELS[i]) };
	zone->opts[Z_KIND] = k;
	zone->nopts[Z_KIND] = 6;
	zone->opts[Z_SPACE] = st->opts[S_SPACE] = blk->opts[B_SPACE] = sp;
	zone->nopts[Z_SPACE] = st->nopts[S_SPACE] = blk->nopts[B_SPACE] = nsp;
	static const char *const blk_def[B__MAX] = { "B", "1", "2", "4", "0", "0", "3",
						     "3", "3", "2", "",	 "0", "0", "0" };
	for (int i = 0; i < B__MAX; i++)
		blk->val[i] = blk_def[i];
	st->val[S_CAP] = "2";
	st->val[S_W] = st->val[S_H] = "3";
}

static void hall_from_plan(request *r, form *hall, const stand_plan *pl)
{
	hall->val[H_WIDTH] = mstr(r, pl->width);
	hall->val[H_DEPTH] = mstr(r, pl->depth);
	hall->val[H_OUTLINE] = pl->outline_text ? pl->outline_text : "";
	hall->val[H_WC] = mstr(r, pl->w_cluster);
	hall->val[H_WS] = mstr(r, pl->w_share);
	hall->val[H_WF] = mstr(r, pl->w_fair);
}

/* The current edition and its plan; a plan with no hall yet is empty
 * (width 0): only the hall's form is shown. 0 when the page was answered. */
static int load(request *r, edition *ed, stand_plan *pl)
{
	if (req_fail(r, admin_edition(r, ed)))
		return 0;
	cf_err e = stand_plan_load(r->a, ed->id, pl);
	if (e == CF_ERR_NOTFOUND) {
		memset(pl, 0, sizeof *pl);
		pl->edition_id = ed->id;
		pl->w_cluster = 1, pl->w_share = 4, pl->w_fair = 2;
		return 1;
	}
	return !req_fail(r, e);
}

int venue_begin(request *r, venue *v, int need, int64_t *id)
{
	memset(v, 0, sizeof *v);
	if (!load(r, &v->ed, &v->pl))
		return 0;
	forms_init(r, v->ed.id, &v->hall, &v->zone, &v->st, &v->blk, &v->door);
	hall_from_plan(r, &v->hall, &v->pl);
	long long n = 0;
	if ((need >= VENUE_HALL && v->pl.width <= 0) ||
	    (need == VENUE_ID && !page_int(req_form(r, "id"), 0, INT64_MAX, &n))) {
		page_error(r, 400, NULL);
		return 0;
	}
	if (id)
		*id = (int64_t)n;
	return 1;
}

void venue_refuse(request *r, venue *v)
{
	r->status = 400;
	venue_render(r, v, NULL);
}

void venue_done(request *r, cf_err e, const char *done, const char *anchor)
{
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/admin/stands/venue?done=%s#%s", done, anchor));
}

static void delete_form(request *r, const char *action, int64_t id)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"id\" "
		    "value=\"%lld\">",
		    site_href(r, "%s", action), (long long)id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"danger\">%s</button></form>",
		    tr(r->lang, "Delete"));
}

/* The entrances: their list, the form of the one edited (or a new one)
 * and its delete button. */
static void doors_section(request *r, venue *v)
{
	lang l = r->lang;
	buf *o = &r->out;
	const stand_plan *pl = &v->pl;
	html_printf(o,
		    "<section id=\"entrances\"><h2>%s</h2><p class=\"hint\">%s</p>"
		    "<div class=\"table-wrap\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr></thead><tbody>",
		    tr(l, "Entrances"),
		    tr(l, "A door along a wall of the hall, or inside it: its left end (its top "
			  "end for a door down a side wall) measured from the left and top walls, "
			  "then its width. A stand whose centre lies within 6 m of a door's "
			  "middle is near an entrance: the stands follow each change."),
		    tr(l, "Name"), tr(l, "Place (m)"), tr(l, "Stands near it"));
	for (size_t i = 0; i < pl->nentrances; i++) {
		const stand_entrance_row *g = &pl->entrances[i];
		const char *near = "";
		for (size_t k = 0; k < pl->nstands; k++) {
			const stand_site *t = &pl->stands[k].site;
			if (stand_near_entrance(g, 1, t->x + t->w / 2, t->y + t->h / 2))
				near = arena_printf(r->a, "%s%s%s", near, *near ? " " : "",
						    pl->stands[k].code);
		}
		html_printf(o,
			    "<tr><td><a href=\"%s\"><bdi>%s</bdi></a></td><td dir=\"ltr\">%s</td>"
			    "<td dir=\"ltr\" class=\"near\">%s</td></tr>",
			    site_href(r, "/admin/stands/venue?entrance=%lld#entrance-form",
				      (long long)g->id),
			    l == LANG_AR ? g->name_ar : g->name_fr,
			    arena_printf(r->a, "%g, %g — %g%s", g->x, g->y, g->w,
					 g->vertical ? " ↓" : ""),
			    *near ? near : "—");
	}
	html_printf(o, "</tbody></table></div><h3 id=\"entrance-form\">%s</h3>",
		    v->door_id ? tr(l, "Edit the entrance") : tr(l, "Add an entrance"));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/stands/venue/entrance"));
	html_printf(o, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)v->door_id);
	page_csrf_field(r);
	form_render(r, &v->door);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    v->door_id ? tr(l, "Save") : tr(l, "Add an entrance"));
	if (v->door_id)
		delete_form(r, "/admin/stands/venue/entrance/delete", v->door_id);
	html_raw(o, "</section>");
}

/* Near an entrance, shown under the stand's form: derived, not typed. */
static void stand_near_hint(request *r, const venue *v)
{
	const stand_plan *pl = &v->pl;
	const char *what = tr(r->lang, "Near an entrance follows from the entrances: the stand's "
				       "centre within 6 m of a door's middle.");
	/* from the place in the form: the saved one, or the one just typed
	 * when a change was refused (the hint then says what saving it gives) */
	double x, y, w, h;
	if (venue_metres(v->st.val[S_X], &x) && venue_metres(v->st.val[S_Y], &y) &&
	    venue_metres(v->st.val[S_W], &w) && venue_metres(v->st.val[S_H], &h))
		what = stand_near_entrance(pl->entrances, pl->nentrances, x + w / 2, y + h / 2)
			       ? tr(r->lang, "Near an entrance: yes (its centre lies within "
					     "6 m of a door's middle).")
			       : tr(r->lang, "Near an entrance: no (no door's middle lies "
					     "within 6 m of its centre).");
	html_printf(&r->out, "<p class=\"hint\" id=\"stand-near\">%s</p>", what);
}

void venue_render(request *r, venue *v, const char *error)
{
	lang l = r->lang;
	buf *o = &r->out;
	const edition *ed = &v->ed;
	const stand_plan *pl = &v->pl;
	form *hall = &v->hall, *zone = &v->zone, *st = &v->st, *blk = &v->blk;
	int64_t zone_id = v->zone_id, stand_id = v->stand_id;
	admin_begin(r, tr(l, "Venue"));
	html_printf(o, "<h1>%s</h1>", tr(l, "Venue"));
	admin_flash(r);
	long long made, skipped;
	if (page_int_param(r, "made", 0, 100000, &made) &&
	    page_int_param(r, "skipped", 0, 100000, &skipped))
		html_printf(o, "<p class=\"notice\" role=\"status\">%s — %s</p>",
			    arena_printf(r->a, tr(l, "Stands added: %lld"), made),
			    arena_printf(r->a, tr(l, "Places left out: %lld"), skipped));
	long long moved;
	if (page_int_param(r, "near", 0, 100000, &moved))
		html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>",
			    arena_printf(r->a,
					 tr(l, "Stands whose place near an entrance changed: %lld"),
					 moved));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	html_printf(o, "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    site_href(r, "/admin/stands"), tr(l, "Stands"),
		    site_href(r, "/admin/editions/%lld/spaces", (long long)ed->id),
		    tr(l, "Spaces of the edition"));

	html_printf(o, "<section id=\"hall\"><h2>%s</h2><p class=\"hint\">%s</p>", tr(l, "Hall"),
		    tr(l,
		       "A hall that is not a rectangle: its corners as x,y in metres from the "
		       "top-left corner, apart by spaces, for example 0,0 40,0 40,20 25,30 0,30."));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/stands/venue/hall"));
	page_csrf_field(r);
	form_render(r, hall);
	html_printf(o, "<button type=\"submit\">%s</button></form></section>", tr(l, "Save"));
	if (pl->width <= 0) {
		html_printf(o, "<p>%s</p>",
			    tr(l, "Save the hall first: then add zones and stands."));
		page_end(r);
		return;
	}

	html_printf(o,
		    "<section id=\"zones\"><h2>%s</h2><div class=\"table-wrap\"><table><thead><tr>"
		    "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    tr(l, "Zones"), tr(l, "Name"), tr(l, "Kind of zone"), tr(l, "Place (m)"));
	for (size_t i = 0; i < pl->nzones; i++) {
		const stand_zone_row *z = &pl->zones[i];
		const char *kind = z->kind;
		for (int k = 0; k < 6; k++)
			if (!strcmp(KINDS[k], z->kind))
				kind = tr(l, KIND_LABELS[k]);
		html_printf(
			o,
			"<tr><td><a href=\"%s\"><bdi>%s</bdi>"
			"</a></td><td>%s</td><td dir=\"ltr\">%s</td></tr>",
			site_href(r, "/admin/stands/venue?zone=%lld#zone-form", (long long)z->id),
			l == LANG_AR ? z->name_ar : z->name_fr, kind,
			arena_printf(r->a, "%g, %g — %g × %g", z->x, z->y, z->w, z->h));
	}
	html_printf(o, "</tbody></table></div><h3 id=\"zone-form\">%s</h3>",
		    zone_id ? tr(l, "Edit the zone") : tr(l, "Add a zone"));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/stands/venue/zone"));
	html_printf(o, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)zone_id);
	page_csrf_field(r);
	form_render(r, zone);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    zone_id ? tr(l, "Save") : tr(l, "Add a zone"));
	if (zone_id)
		delete_form(r, "/admin/stands/venue/zone/delete", zone_id);
	html_raw(o, "</section>");
	doors_section(r, v);

	html_printf(o,
		    "<section id=\"stands\"><h2>%s</h2><div class=\"table-wrap\"><table><thead>"
		    "<tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    tr(l, "Stands"), tr(l, "Stand code"), tr(l, "Place (m)"),
		    tr(l, "Exhibitors per stand"));
	for (size_t i = 0; i < pl->nstands; i++) {
		const stand_row *s = &pl->stands[i];
		html_printf(
			o,
			"<tr><td><a href=\"%s\">%s</a>"
			"</td><td dir=\"ltr\">%s</td><td>%d</td></tr>",
			site_href(r, "/admin/stands/venue?stand=%lld#stand-form", (long long)s->id),
			s->code,
			arena_printf(r->a, "%g, %g — %g × %g", s->site.x, s->site.y, s->site.w,
				     s->site.h),
			s->site.capacity);
	}
	html_printf(o, "</tbody></table></div><h3 id=\"stand-form\">%s</h3>",
		    stand_id ? tr(l, "Edit the stand") : tr(l, "Add a stand"));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/stands/venue/stand"));
	html_printf(o, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)stand_id);
	page_csrf_field(r);
	form_render(r, st);
	stand_near_hint(r, v);
	html_printf(o, "<button type=\"submit\">%s</button></form>",
		    stand_id ? tr(l, "Save") : tr(l, "Add a stand"));
	if (stand_id)
		delete_form(r, "/admin/stands/venue/stand/delete", stand_id);
	html_raw(o, "</section>");

	html_printf(o, "<section id=\"block\"><h2>%s</h2><p class=\"hint\">%s</p>",
		    tr(l, "Add a block of stands"),
		    tr(l,
		       "Rows of stands side by side, back to back in pairs, with an aisle after "
		       "each pair. Places outside the hall or over another stand are left out."));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/stands/venue/block"));
	page_csrf_field(r);
	form_render(r, blk);
	html_printf(o, "<button type=\"submit\">%s</button></form></section>",
		    tr(l, "Add a block of stands"));
	stand_map_svg(r, pl, -1);
	page_end(r);
}

/* GET /admin/stands/venue [?zone=ID] [?stand=ID] [?entrance=ID] */
void page_stand_venue(request *r)
{
	venue v;
	if (!venue_begin(r, &v, VENUE_PAGE, NULL))
		return;
	const stand_plan *pl = &v.pl;
	form *zone = &v.zone, *st = &v.st;
	int64_t zid = 0, sid = 0, gid = 0;
	if (page_id_param(r, "zone", &zid)) {
		size_t i = 0;
		while (i < pl->nzones && pl->zones[i].id != zid)
			i++;
		if (i == pl->nzones) {
			page_error(r, 404, NULL);
			return;
		}
		const stand_zone_row *z = &pl->zones[i];
		zone->val[Z_KIND] = z->kind;
		zone->val[Z_AR] = z->name_ar;
		zone->val[Z_FR] = z->name_fr;
		zone->val[Z_X] = mstr(r, z->x);
		zone->val[Z_Y] = mstr(r, z->y);
		zone->val[Z_W] = mstr(r, z->w);
		zone->val[Z_H] = mstr(r, z->h);
		zone->val[Z_SPACE] =
			z->space_id ? arena_printf(r->a, "%lld", (long long)z->space_id) : "";
	}
	if (page_id_param(r, "stand", &sid)) {
		size_t i = 0;
		while (i < pl->nstands && pl->stands[i].id != sid)
			i++;
		if (i == pl->nstands) {
			page_error(r, 404, NULL);
			return;
		}
		const stand_row *s = &pl->stands[i];
		st->val[S_CODE] = s->code;
		st->val[S_X] = mstr(r, s->site.x);
		st->val[S_Y] = mstr(r, s->site.y);
		st->val[S_W] = mstr(r, s->site.w);
		st->val[S_H] = mstr(r, s->site.h);
		st->val[S_CAP] = arena_printf(r->a, "%d", s->site.capacity);
		st->val[S_SPACE] = s->zone_space_id
					   ? arena_printf(r->a, "%lld", (long long)s->zone_space_id)
					   : "";
		st->val[S_CORNER] = s->corner ? "1" : "0";
		st->val[S_AISLE] = s->main_aisle ? "1" : "0";
		st->val[S_POWER] = s->site.offers & STAND_NEED_POWER ? "1" : "0";
		st->val[S_WATER] = s->site.offers & STAND_NEED_WATER ? "1" : "0";
		st->val[S_ACCESS] = s->site.offers & STAND_NEED_ACCESS ? "1" : "0";
		st->val[S_LOCKED] = s->site.locked ? "1" : "0";
	}
	if (page_id_param(r, "entrance", &gid)) {
		size_t i = 0;
		while (i < pl->nentrances && pl->entrances[i].id != gid)
			i++;
		if (i == pl->nentrances) {
			page_error(r, 404, NULL);
			return;
		}
		const stand_entrance_row *g = &pl->entrances[i];
		v.door.val[E_AR] = g->name_ar;
		v.door.val[E_FR] = g->name_fr;
		v.door.val[E_X] = mstr(r, g->x);
		v.door.val[E_Y] = mstr(r, g->y);
		v.door.val[E_W] = mstr(r, g->w);
		v.door.val[E_VERT] = g->vertical ? "1" : "0";
	}
	v.zone_id = zid, v.stand_id = sid, v.door_id = gid;
	venue_render(r, &v, NULL);
}
