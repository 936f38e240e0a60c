/*
 * edition_mail.c - the committee words the mail a cooperative gets about
 * its application, per language.
 *
 *   GET  /admin/mail   the three languages' templates (the committee's
 *                      wording, or the built-in one), the placeholders
 *   POST /admin/mail   lang, subject, body, action=preview|save|reset, csrf:
 *                      preview shows the message as a cooperative reads it
 *                      (example values, the recipient's direction) and
 *                      saves nothing; save checks the placeholders; reset
 *                      goes back to the built-in wording
 *
 * A refused form keeps what was typed and names the wrong placeholder.
 * Roles: ROLES_ORGANISERS. The model is model/edition_mail.c.
 */
#include "../html/html.h"
#include "edition.h"
#include "list.h" /* N_ */

#include <string.h>

static const struct {
	const char *code, *help;
} place_help[] = {
	{ "{cooperative}", N_("the cooperative's name") },
	{ "{fair}", N_("the fair's name") },
	{ "{news}", N_("what happened (received, new status, the decision); required") },
	{ "{reason}", N_("the committee's reason, when there is one") },
	{ "{link}", N_("the address of the cooperative's space on the site") },
};

static void begin(request *r)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Mail to cooperatives"), 0);
	html_printf(
		&r->out, "<h1>%s</h1><p class=\"lead\">%s</p><ul>", tr(l, "Mail to cooperatives"),
		tr(l,
		   "The message a cooperative gets about its application: when it is received, when its status changes, and when the selection is published. Each language has its own wording; a language you have not changed uses the built-in text."));
	for (size_t i = 0; i < sizeof place_help / sizeof *place_help; i++)
		html_printf(&r->out, "<li><code>%s</code> — %s</li>", place_help[i].code,
			    tr(l, place_help[i].help));
	html_raw(&r->out, "</ul>\n");
}

/* form - language k's template: typed (subject/body not NULL) or stored. */
static void form(request *r, lang k, const char *subject, const char *body)
{
	lang l = r->lang;
	buf *o = &r->out;
	int custom = 0;
	if (!subject && req_fail(r, edition_mail_get(r->a, k, &subject, &body, &custom)))
		return;
	const char *code = lang_code(k);
	html_printf(o,
		    "<form method=\"post\" action=\"%s\" class=\"stack admin-form\" "
		    "id=\"mail-%s\"><fieldset><legend lang=\"%s\">%s</legend>",
		    site_href(r, "/admin/mail"), code, code, lang_native(k));
	page_csrf_field(r);
	html_printf(o, "<input type=\"hidden\" name=\"lang\" value=\"%s\"><p>%s</p>", code,
		    custom ? tr(l, "Your wording.") : tr(l, "The built-in wording."));
	html_printf(o,
		    "<label for=\"t-s-%s\">%s</label><input id=\"t-s-%s\" name=\"subject\" "
		    "lang=\"%s\" dir=\"%s\" maxlength=\"200\" value=\"%s\">",
		    code, tr(l, "Subject"), code, code, lang_dir(k), subject);
	html_printf(o,
		    "<label for=\"t-b-%s\">%s</label><textarea id=\"t-b-%s\" name=\"body\" "
		    "lang=\"%s\" dir=\"%s\" rows=\"10\" maxlength=\"5000\">%s</textarea>",
		    code, tr(l, "Text"), code, code, lang_dir(k), body);
	html_printf(o,
		    "<p class=\"actions\"><button type=\"submit\" name=\"action\" "
		    "value=\"preview\">%s</button> <button type=\"submit\" name=\"action\" "
		    "value=\"save\">%s</button>",
		    tr(l, "Preview"), tr(l, "Save this wording"));
	if (custom)
		html_printf(o,
			    " <button type=\"submit\" name=\"action\" value=\"reset\">%s</button>",
			    tr(l, "Back to the built-in wording"));
	html_raw(o, "</p></fieldset></form>\n");
}

/* GET /admin/mail */
void page_admin_mail(request *r)
{
	lang l = r->lang;
	begin(r);
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "saved"))
		html_printf(&r->out, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "The wording is saved."));
	else if (done && !strcmp(done, "reset"))
		html_printf(&r->out, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(l, "The built-in wording is back."));
	for (int k = 0; k < LANG__MAX; k++)
		form(r, (lang)k, NULL, NULL);
	page_end(r);
}

/* preview - the message in language k as a cooperative of the edition the
 * back office shows would read it, with example values. */
static void preview(request *r, lang k, const char *subject, const char *body)
{
	lang l = r->lang;
	edition e;
	const char *fair = admin_edition(r, &e) ? "" : text3_get(&e.name, k);
	const char *site = edition_mail_link(r->a);
	edition_mail_vars v = {
		tr(k, "Example cooperative"), fair,
		arena_printf(r->a,
			     tr(k, "The list of exhibitors is published. Your application: %s."),
			     tr(k, "accepted")),
		edition_mail_reason(r->a, k, tr(k, "An example of the committee's reason.")),
		site ? site : tr(k, "the fair's website")
	};
	html_printf(&r->out,
		    "<h2>%s</h2><div class=\"mail\" id=\"mail-preview\" lang=\"%s\" dir=\"%s\">"
		    "<p><strong>%s</strong></p><p class=\"body\">%s</p></div>\n",
		    tr(l, "Preview, with example values"), lang_code(k), lang_dir(k),
		    edition_mail_render(r->a, subject, &v), edition_mail_render(r->a, body, &v));
}

/* fill - text with its "%s" replaced by arg (a translated message is
 * never used as a printf format). */
static const char *fill(arena *a, const char *text, const char *arg)
{
	const char *p = strstr(text, "%s");
	return p ? arena_printf(a, "%.*s%s%s", (int)(p - text), text, arg, p + 2) : text;
}

/* POST /admin/mail */
void page_admin_mail_post(request *r)
{
	lang l = r->lang;
	int k = lang_parse(req_form(r, "lang"));
	const char *action = req_form(r, "action");
	if (k < 0 || !action) {
		page_error(r, 400, NULL);
		return;
	}
	if (!strcmp(action, "reset")) {
		if (!req_fail(r, edition_mail_reset(r->user_id, (lang)k)))
			resp_redirect(r, "/admin/mail?done=reset");
		return;
	}
	const char *s = req_form(r, "subject"), *b = req_form(r, "body");
	const char *subject = text_clean(r->a, s ? s : ""), *body = text_clean(r->a, b ? b : "");
	const char *what;
	const char *err = edition_mail_check(r->a, subject, body, &what);
	int save = !strcmp(action, "save");
	if (!err && save) {
		if (!req_fail(r, edition_mail_save(r->user_id, (lang)k, subject, body)))
			resp_redirect(r, "/admin/mail?done=saved");
		return;
	}
	if (err) {
		r->status = 422;
		begin(r);
		html_printf(&r->out,
			    "<p class=\"error-box\" role=\"alert\" id=\"mail-error\">%s</p>",
			    fill(r->a, tr(l, err), what));
	} else {
		begin(r);
		preview(r, (lang)k, subject, body);
	}
	for (int j = 0; j < LANG__MAX; j++)
		if (j == k)
			form(r, (lang)j, subject, body);
		else
			form(r, (lang)j, NULL, NULL);
	page_end(r);
}
