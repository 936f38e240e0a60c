/*
 * stand_partner.c - the application form's choice of a partner cooperative
 * to share a stand with (issue 13): a list of the other cooperatives
 * applying to the edition instead of free text, so that the allocator can
 * honour the wish. registry_my.c calls these three; the stored free text
 * (application.share_with) gets the partner's names for the committee's
 * review page.
 */
#include "../html/html.h"
#include "stand.h"

#include <string.h>

void stand_partner_field(request *r, int64_t edition_id, int64_t coop_id, int64_t chosen,
			 const char *err)
{
	lang l = r->lang;
	buf *o = &r->out;
	stand_coop *v = NULL;
	size_t n = 0;
	if (chosen < 0 && stand_partner_get(edition_id, coop_id, &chosen))
		chosen = 0;
	if (stand_partner_choices(r->a, edition_id, coop_id, &v, &n))
		n = 0;
	html_printf(
		o,
		"<label for=\"share_coop\">%s</label><select id=\"share_coop\" name=\"share_coop\"",
		tr(l, "A cooperative you would like to share a stand with (optional)"));
	if (err)
		html_raw(o, " aria-describedby=\"share_coop-error\"");
	html_printf(o, "><option value=\"0\">%s</option>", tr(l, "(none)"));
	for (size_t i = 0; i < n; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)v[i].id,
			    v[i].id == chosen ? " selected" : "",
			    l == LANG_AR ? v[i].name_ar : v[i].name_fr);
	html_raw(o, "</select>");
	if (err)
		html_printf(o, "<p class=\"field-error\" id=\"share_coop-error\">%s</p>", err);
	else
		html_printf(
			o, "<p class=\"hint\">%s</p>",
			tr(l, "Choose a cooperative that also applies to this fair. The committee "
			      "places you on one stand when it asked for you too, or for nobody."));
}

const char *stand_partner_read(request *r, int64_t edition_id, int64_t coop_id, int64_t *partner,
			       const char **share_text)
{
	long long id = 0;
	const char *v = req_form(r, "share_coop");
	*partner = 0;
	*share_text = "";
	if (!v || !*v || !strcmp(v, "0"))
		return NULL;
	stand_coop *c = NULL;
	size_t n = 0;
	if (page_int(v, 1, INT64_MAX, &id) &&
	    !stand_partner_choices(r->a, edition_id, coop_id, &c, &n))
		for (size_t i = 0; i < n; i++)
			if (c[i].id == id) {
				*partner = id;
				/* both names, as stored free texts are (text.h), when they fit */
				const char *both =
					arena_printf(r->a, "%s — %s", c[i].name_ar, c[i].name_fr);
				*share_text = strlen(both) <= 200 ? both : "";
				return NULL;
			}
	return tr(r->lang, "Choose one of the cooperatives listed.");
}
