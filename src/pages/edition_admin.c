/*
 * edition_admin.c - which edition a page shows.
 *
 *   POST /admin/edition                  edition=ID, back=/admin/...: the back
 *                                        office now shows edition ID (cookie
 *                                        cf_edition); back to the page
 *   POST /admin/editions/{id}/current    the public site shows edition {id}
 *                                        (not a draft: 409), audited
 *   GET  /editions/SLUG                  the public page of an edition, by its
 *                                        short name (drafts: 404)
 *
 * Roles: ROLES_ORGANISERS for /admin (checked by the router); /editions is
 * public. The back office's edition is per browser (a cookie), so two
 * committee members may look at two editions at once; the public site's is
 * one for all (edition_current).
 */
#include "../html/html.h"
#include "../http/router.h"
#include "../model/role.h"
#include "edition.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *edition_state_name(lang l, edition_state s)
{
	switch (s) {
	case EDITION_DRAFT:
		return tr(l, "draft (the committee only)");
	case EDITION_CALL_OPEN:
		return tr(l, "call for applications");
	case EDITION_SELECTION:
		return tr(l, "selection");
	case EDITION_PUBLISHED:
		return tr(l, "exhibitors published");
	case EDITION_FAIR:
		return tr(l, "the fair is on");
	case EDITION_OVER:
		return tr(l, "over");
	case EDITION_ARCHIVED:
		return tr(l, "archived");
	default:
		return "";
	}
}

const char *edition_call_text(request *r, const edition *e)
{
	lang l = r->lang;
	char today[11];
	edition_today(today);
	if (edition_call_open(e, today)) {
		if (*e->call_closes_on)
			return arena_printf(r->a, tr(l, "Applications are open until %s."),
					    fmt_date(r, e->call_closes_on));
		return tr(l, "Applications are open.");
	}
	if (e->state == EDITION_CALL_OPEN && *e->call_opens_on &&
	    strcmp(today, e->call_opens_on) < 0)
		return arena_printf(r->a, tr(l, "Applications open on %s."),
				    fmt_date(r, e->call_opens_on));
	if (*e->call_closes_on)
		return arena_printf(r->a, tr(l, "Applications closed on %s."),
				    fmt_date(r, e->call_closes_on));
	return tr(l, "Applications are closed.");
}

/* positive_id - a decimal id of at most 18 digits, else 0. */
static int64_t positive_id(const char *v)
{
	long long id;
	return page_int(v, 1, INT64_MAX, &id) ? id : 0;
}

cf_err admin_edition(request *r, edition *out)
{
	int64_t id = positive_id(req_query(r, "edition"));
	if (id && !edition_by_id(r->a, id, out))
		return CF_OK;
	id = positive_id(req_cookie(r, "cf_edition"));
	if (id && !edition_by_id(r->a, id, out))
		return CF_OK;
	if (!edition_current(r->a, out))
		return CF_OK;
	edition *all;
	size_t n = 0;
	cf_err e = edition_all(r->a, &all, &n);
	if (e)
		return e;
	if (!n)
		return CF_ERR_NOTFOUND;
	*out = all[0];
	return CF_OK;
}

void admin_edition_banner(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	edition shown;
	if (admin_edition(r, &shown))
		return;
	edition *all;
	size_t n = 0;
	if (req_fail(r, edition_all(r->a, &all, &n)))
		return;
	html_printf(o,
		    "<aside class=\"edition-shown\" aria-label=\"%s\"><p>%s <strong><bdi>%s</bdi>"
		    "</strong> <span class=\"tag\">%s</span></p>",
		    tr(l, "Edition"), tr(l, "Edition shown:"), text3_get(&shown.name, l),
		    edition_state_name(l, shown.state));
	if (n > 1) {
		/* Back to this very page, its query included (a GET's query only). */
		const char *back = r->path;
		if (*r->query_string)
			back = arena_printf(r->a, "%s?%s", r->path, r->query_string);
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"switch\">",
			    site_href(r, "/admin/edition"));
		page_csrf_field(r);
		html_printf(
			o,
			"<input type=\"hidden\" name=\"back\" value=\"%s\"><label for=\"sw-ed\">"
			"%s</label> <select id=\"sw-ed\" name=\"edition\">",
			r->method == HTTP_GET ? back : "/admin", tr(l, "Show another edition"));
		for (size_t i = 0; i < n; i++)
			html_printf(o, "<option value=\"%lld\"%s>%s (%s)</option>",
				    (long long)all[i].id, all[i].id == shown.id ? " selected" : "",
				    text3_get(&all[i].name, l),
				    edition_state_name(l, all[i].state));
		html_printf(
			o,
			"</select> <button type=\"submit\" class=\"secondary\">%s</button></form>",
			tr(l, "Show"));
	}
	html_raw(o, "</aside>\n");
}

/* local_admin_path - back when it is a path of the back office without an
 * edition= argument (the cookie must win after a switch), else "/admin". */
static const char *local_admin_path(request *r, const char *back)
{
	if (!back || strncmp(back, "/admin", 6) || (back[6] && back[6] != '/' && back[6] != '?') ||
	    strstr(back, "//") || strchr(back, '\\') || strpbrk(back, "\r\n") ||
	    strstr(back, "edition="))
		return "/admin";
	return arena_strdup(r->a, back);
}

/* POST /admin/edition  edition, back */
void page_admin_edition_switch(request *r)
{
	edition e;
	int64_t id = positive_id(req_form(r, "edition"));
	if (!id || edition_by_id(r->a, id, &e)) {
		page_error(r, 404, NULL);
		return;
	}
	resp_cookie(r, "cf_edition", arena_printf(r->a, "%lld", (long long)id), -1);
	resp_redirect(r, local_admin_path(r, req_form(r, "back")));
}

/* POST /admin/editions/{id}/current */
void page_admin_edition_current(request *r)
{
	cf_err e = edition_set_current(r->user_id, r->id);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e == CF_ERR_STATE) {
		page_error(
			r, 409,
			tr(r->lang,
			   "A draft cannot be the public site's edition: change its state first."));
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/editions/%lld?done=current", (long long)r->id));
}

/* GET /editions/SLUG */
void page_edition_public(request *r)
{
	edition e;
	if (!r->tail || strchr(r->tail, '/') || edition_public_by_slug(r->a, r->tail, &e)) {
		page_error(r, 404, NULL);
		return;
	}
	home_show(r, &e);
}
