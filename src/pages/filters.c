/*
 * filters.c - the pieces every filtered list shares (public exhibitors,
 * the committee's applications): reading a code from the query, and a
 * <select> of named things with "all" first and the current choice kept.
 */
#include "../html/html.h"
#include "../model/edition.h"
#include "pages.h"

#include <string.h>

const char *page_code_param(const request *r, const char *key)
{
	const char *s = req_query(r, key);
	if (!s || !*s || strlen(s) > 40)
		return NULL;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return NULL;
	return s;
}

void page_named_select(request *r, const char *name, const char *label, const char *all,
		       const struct named *v, size_t n, const char *selected)
{
	buf *o = &r->out;
	html_printf(o, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>", label, name,
		    all);
	for (size_t i = 0; i < n; i++) {
		html_raw(o, "<option value=\"");
		html_text(o, v[i].code);
		html_raw(o, selected && !strcmp(selected, v[i].code) ? "\" selected>" : "\">");
		html_text(o, text3_get(&v[i].name, r->lang));
		html_raw(o, "</option>");
	}
	html_raw(o, "</select></label>");
}
