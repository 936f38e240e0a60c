/*
 * layout.c - the chrome around every page: <head>, header with navigation
 * and the language switcher, the sample-data notice, the footer.
 * One stylesheet (static/style.css) written with CSS logical properties
 * serves both directions; no JavaScript is needed to use any page.
 */
#include "../html/html.h"
#include "../http/router.h"
#include "../model/account.h"
#include "../model/role.h"
#include "edition.h"
#include "pages.h"

#include <stdio.h>
#include <string.h>

const char *page_lang_link(request *r, lang l)
{
	/* The same path and query, with lang= replaced. A path of "//host..."
	 * or "/\\host..." would be read by browsers as another site: such a
	 * request (always a 404) links to the home page instead. */
	const char *path = r->path;
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	/* One pass: the length first, then the text (linear in the query). */
	const char **enc = arena_alloc(r->a, 2 * r->nquery * sizeof *enc + 1);
	size_t len = strlen(site_base()) + strlen(path) + 6 + strlen(lang_code(l)) + 1;
	for (size_t i = 0; i < r->nquery; i++) {
		if (!strcmp(r->query[i].key, "lang"))
			continue;
		enc[2 * i] = url_arg(r->a, r->query[i].key);
		enc[2 * i + 1] = url_arg(r->a, r->query[i].value);
		len += 2 + strlen(enc[2 * i]) + strlen(enc[2 * i + 1]);
	}
	char *q = arena_alloc(r->a, len);
	char *p = q + snprintf(q, len, "%s%s?lang=%s", site_base(), path, lang_code(l));
	for (size_t i = 0; i < r->nquery; i++) {
		if (!strcmp(r->query[i].key, "lang"))
			continue;
		p += snprintf(p, len - (size_t)(p - q), "&%s=%s", enc[2 * i], enc[2 * i + 1]);
	}
	return q;
}

void page_csrf_field(request *r)
{
	html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", router_csrf(r));
}

void page_begin(request *r, const char *title, unsigned flags)
{
	lang l = r->lang;
	r->content_type = "text/html; charset=utf-8";
	html_printf(
		&r->out,
		"<!doctype html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>%s · coopfair</title>\n"
		"<link rel=\"stylesheet\" href=\"%s\">\n"
		"<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n"
		"</head>\n<body>\n",
		lang_code(l), lang_dir(l), title, site_href(r, "/static/style.css"),
		site_href(r, "/static/favicon.svg"));
	html_printf(&r->out, "<a class=\"skip\" href=\"#main\">%s</a>\n", tr(l, "Skip to content"));
	html_printf(&r->out,
		    "<header class=\"site\"><div class=\"bar\">"
		    "<a class=\"brand\" href=\"%s\">%s</a>"
		    "<nav aria-label=\"%s\"><ul>"
		    "<li><a href=\"%s\">%s</a></li>"
		    "<li><a href=\"%s\">%s</a></li>"
		    "<li><a href=\"%s\">%s</a></li>",
		    site_href(r, "/"), tr(l, "Cooperatives Fair"), tr(l, "Main"), site_href(r, "/"),
		    tr(l, "Home"), site_href(r, "/exhibitors"), tr(l, "Exhibitors"),
		    site_href(r, "/prize"), tr(l, "Creativity prize"));
	html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/plan"),
		    tr(l, "Floor plan")); /* issue 13 */
	html_printf(&r->out, "<li><a href=\"%s\">%s</a></li><li><a href=\"%s\">%s</a></li>",
		    site_href(r, "/programme"), tr(l, "Programme"), site_href(r, "/news"),
		    tr(l, "News")); /* issue 15 */
	html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/b2b"),
		    tr(l, "B2B meetings")); /* issue 16: professionals find the partners hub */
	html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
		    site_href(r, "/badges/new"), /* issue 14 */
		    tr(l, "Visitor badge"));
	/* Each signed-in role's own space. */
	if (r->roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_COMMITTEE)))
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/admin"),
			    tr(l, "Back office"));
	if (r->roles & ROLE_BIT(ROLE_EXHIBITOR))
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/my"),
			    tr(l, "My cooperative"));
	if (r->roles & ROLE_BIT(ROLE_EXHIBITOR)) /* issue 16 */
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/my/sales"),
			    tr(l, "My sales"));
	if (r->roles & ROLES_ORGANISERS) /* issue 16 */
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
			    site_href(r, "/admin/impact"), tr(l, "Impact report"));
	if (r->roles & ROLE_BIT(ROLE_JURY))
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/jury"),
			    tr(l, "Jury"));
	if (r->roles & (ROLE_BIT(ROLE_DESK) | ROLES_ORGANISERS)) /* issue 14 */
		html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", site_href(r, "/desk"),
			    tr(l, "Desk"));
	html_raw(&r->out, "</ul></nav>");
	html_printf(&r->out, "<nav class=\"langs\" aria-label=\"%s\"><ul>", tr(l, "Language"));
	for (int i = 0; i < LANG__MAX; i++) {
		if ((lang)i == l)
			html_printf(&r->out,
				    "<li><span aria-current=\"true\" lang=\"%s\">%s</span></li>",
				    lang_code((lang)i), lang_native((lang)i));
		else
			html_printf(&r->out,
				    "<li><a href=\"%s\" lang=\"%s\" hreflang=\"%s\">%s</a></li>",
				    page_lang_link(r, (lang)i), lang_code((lang)i),
				    lang_code((lang)i), lang_native((lang)i));
	}
	html_raw(&r->out, "</ul></nav>");
	if (r->account) {
		html_printf(&r->out,
			    "<form class=\"who\" method=\"post\" action=\"%s\"><span>%s</span> ",
			    site_href(r, "/signout"),
			    *r->account->name ? page_text(r, r->account->name) : r->account->email);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"link\">%s</button></form>",
			    tr(l, "Sign out"));
	} else {
		html_printf(&r->out, "<a class=\"signin\" href=\"%s\">%s</a>",
			    site_href(r, "/signin"), tr(l, "Sign in"));
	}
	html_raw(&r->out, "</div></header>\n");
	if (flags & PAGE_SAMPLE)
		html_printf(
			&r->out, "<p class=\"sample\" role=\"note\"><strong>%s</strong> %s</p>\n",
			tr(l, "Sample data."),
			tr(l,
			   "The fair's announcement names no exhibitors: the cooperatives, stands and figures below are generated examples, not real ones."));
	html_raw(&r->out, "<main id=\"main\">\n");
	/* Every organiser page says which edition it shows (issue 10). */
	if (!strncmp(r->path, "/admin", 6) && (r->path[6] == 0 || r->path[6] == '/') &&
	    (r->roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_COMMITTEE))))
		admin_edition_banner(r);
}

void page_end(request *r)
{
	html_printf(
		&r->out, "</main>\n<footer class=\"site\"><p>%s</p></footer>\n</body>\n</html>\n",
		tr(r->lang, "coopfair — the fairs of social and solidarity economy cooperatives."));
}
