/*
 * edition_publish.c - the preview of publishing the selection.
 *
 *   GET /admin/selection/preview   for the edition the back office shows:
 *                                  who joins and leaves the public list, and
 *                                  every message publication will send, to
 *                                  whom, in which language, as it will read;
 *                                  then the form that publishes (POST
 *                                  /admin/selection/publish, previewed=1,
 *                                  confirm=1), which refuses without it.
 *
 * Roles: ROLES_ORGANISERS. A decision is corrected after publication by
 * changing the application's status (audited) and publishing again: the
 * preview then lists the correction's message.
 */
#include "../html/html.h"
#include "../model/registry_app.h"
#include "../model/registry_selection.h"
#include "edition.h"
#include "registry.h"

#include <string.h>

static void names(request *r, const char *ar, const char *fr)
{
	int a = r->lang == LANG_AR;
	html_printf(
		&r->out,
		"<bdi lang=\"%s\">%s</bdi> <span class=\"other\"><bdi lang=\"%s\">%s</bdi></span>",
		a ? "ar" : "fr", a ? ar : fr, a ? "fr" : "ar", a ? fr : ar);
}

static void changes(request *r, const char *title, const edition_change *v, size_t n)
{
	html_printf(&r->out, "<h3>%s</h3>", title);
	if (!n) {
		html_printf(&r->out, "<p>%s</p>", tr(r->lang, "Nobody."));
		return;
	}
	html_raw(&r->out, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html_raw(&r->out, "<li>");
		names(r, v[i].name_ar, v[i].name_fr);
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul>");
}

/* message - the notice as registry_notify (registry_app.c) writes it, in
 * the recipient's language l: the committee's template (edition_mail.c)
 * with the same values. */
static void message(request *r, const edition *e, const edition_notice *x, lang l)
{
	int st = app_status_parse(x->status);
	const char *label = st < 0 ? x->status : tr(l, app_status_label((app_status)st));
	const char *coop = l == LANG_AR && *x->name_ar ? x->name_ar : x->name_fr;
	const char *site = edition_mail_link(r->a);
	edition_mail_vars v = {
		coop, text3_get(&e->name, l),
		arena_printf(r->a,
			     tr(l, "The list of exhibitors is published. Your application: %s."),
			     label),
		edition_mail_reason(r->a, l, st != APP_ACCEPTED ? x->reason : ""),
		site ? site : tr(l, "the fair's website")
	};
	const char *subject, *body;
	if (edition_mail_compose(r->a, l, &v, &subject, &body))
		subject = body = "?";
	html_printf(&r->out,
		    "<div class=\"mail\" lang=\"%s\" dir=\"%s\"><p><strong>%s</strong></p>"
		    "<p class=\"body\">%s</p></div>",
		    lang_code(l), lang_dir(l), subject, body);
}

/* GET /admin/selection/preview */
void page_selection_preview(request *r)
{
	lang l = r->lang;
	edition e;
	edition_preview pv;
	if (admin_edition(r, &e)) {
		page_error(r, 404, NULL);
		return;
	}
	if (edition_publish_preview(r->a, e.id, &pv)) {
		page_error(r, 500, NULL);
		return;
	}
	page_begin(r, tr(l, "Preview of the publication"), PAGE_SAMPLE);
	buf *o = &r->out;
	html_printf(
		o,
		"<nav class=\"crumbs\"><a href=\"%s\">%s</a></nav>"
		"<h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>",
		site_href(r, "/admin/selection"), tr(l, "Selection"),
		tr(l, "Preview of the publication"), text3_get(&e.name, l),
		tr(l,
		   "Nothing is published or sent yet. Read who joins and leaves the public list and every message; then publish."));
	sel_edition ed;
	int accepted = 0;
	unsigned broken = 0;
	if (req_fail(r, sel_rules_get(r->a, e.id, &ed)) ||
	    req_fail(r, sel_accepted_breaks(r->a, e.id, &ed, &accepted, &broken)))
		return;
	if (broken)
		reg_breaks_box(r, &ed, broken, accepted);
	html_printf(o, "<section aria-labelledby=\"pv-list\"><h2 id=\"pv-list\">%s</h2>",
		    tr(l, "The public list of exhibitors"));
	changes(r,
		arena_printf(r->a,
			     trn(l, "%d cooperative joins it", "%d cooperatives join it",
				 (long)pv.nadded),
			     (int)pv.nadded),
		pv.added, pv.nadded);
	changes(r,
		arena_printf(r->a,
			     trn(l, "%d cooperative leaves it", "%d cooperatives leave it",
				 (long)pv.nremoved),
			     (int)pv.nremoved),
		pv.removed, pv.nremoved);
	html_raw(o, "</section>");
	html_printf(
		o,
		"<section aria-labelledby=\"pv-mail\"><h2 id=\"pv-mail\">%s</h2><p class=\"found\" "
		"data-count=\"%zu\">%s</p>",
		tr(l, "Messages"), pv.nnotices,
		arena_printf(r->a,
			     trn(l, "%d message will be sent", "%d messages will be sent",
				 (long)pv.nnotices),
			     (int)pv.nnotices));
	if (pv.nnotices) {
		html_printf(
			o,
			"<div class=\"table-wrap\"><table class=\"preview\"><thead><tr>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(l, "Cooperative"), tr(l, "To"), tr(l, "Language"), tr(l, "Message"));
		for (size_t i = 0; i < pv.nnotices; i++) {
			const edition_notice *x = &pv.notices[i];
			int ml = lang_parse(x->lang);
			lang to = ml < 0 ? LANG_AR : (lang)ml;
			html_raw(o, "<tr><td>");
			names(r, x->name_ar, x->name_fr);
			html_printf(o, "</td><td dir=\"ltr\">%s</td><td>%s</td><td>", x->email,
				    lang_native(to));
			message(r, &e, x, to);
			html_raw(o, "</td></tr>");
		}
		html_raw(o, "</tbody></table></div>");
	}
	html_raw(o, "</section>");
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/admin/selection/publish"));
	page_csrf_field(r);
	html_printf(
		o,
		"<input type=\"hidden\" name=\"previewed\" value=\"1\">"
		"<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> %s</label>"
		"<button type=\"submit\">%s</button></form>\n",
		broken ? tr(l,
			    "I have read this preview: publish the list and send these messages, although the selection breaks the rules listed above.")
		       : tr(l,
			    "I have read this preview: publish the list and send these messages."),
		tr(l, "Publish the selection"));
	page_end(r);
}
