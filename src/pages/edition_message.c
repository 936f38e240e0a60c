/*
 * edition_message.c - a message from the committee to a chosen group of the
 * edition the back office shows.
 *
 *   GET  /admin/messages   the form: group (every exhibitor, those of a
 *                          category, those without a stand, every applicant),
 *                          category, subject and text in Arabic, French and
 *                          English
 *   POST /admin/messages   group, category, subject_ar/fr/en, body_ar/fr/en,
 *                          action=preview|send, confirm (send), csrf:
 *                          preview shows every recipient and the message in
 *                          each language; send queues them in the outbox
 *
 * Each cooperative's accounts get the message in their own language, ending
 * with the fair's name and the address of their space. Nothing is sent
 * without its preview confirmed; a refused form keeps everything typed.
 * Roles: ROLES_ORGANISERS.
 */
#include "../html/html.h"
#include "../model/setting.h"
#include "edition.h"

#include <stdlib.h>
#include <string.h>

#define SUBJECT_MAX 200
#define BODY_MAX 5000

struct msg_in {
	int group;
	int64_t category;
	text3 subject, body;
	const char *err;
};

static const char *group_name(lang l, int g)
{
	switch (g) {
	case GROUP_EXHIBITORS:
		return tr(l, "every exhibitor of the edition");
	case GROUP_CATEGORY:
		return tr(l, "the exhibitors of one category");
	case GROUP_NO_STAND:
		return tr(l, "the exhibitors without a stand");
	case GROUP_APPLICANTS:
		return tr(l, "every cooperative that applied");
	default:
		return "";
	}
}

const char *edition_site_address(request *r)
{
	const char *b = setting_get(r->a, "base_url");
	if (!b || !*b)
		b = getenv("COOPFAIR_BASE_URL");
	if (!b)
		return "";
	size_t n = strlen(b);
	while (n && b[n - 1] == '/')
		n--;
	return arena_strndup(r->a, b, n);
}

static void read_in(request *r, struct msg_in *in)
{
	static const char *const sk[LANG__MAX] = { "subject_ar", "subject_fr", "subject_en" };
	static const char *const bk[LANG__MAX] = { "body_ar", "body_fr", "body_en" };
	memset(in, 0, sizeof *in);
	in->group = edition_group_parse(req_form(r, "group"));
	const char *c = req_form(r, "category");
	in->category = c && strspn(c, "0123456789") == strlen(c) && strlen(c) < 18 ? atoll(c) : 0;
	for (int l = 0; l < LANG__MAX; l++) {
		const char *s = req_form(r, sk[l]), *b = req_form(r, bk[l]);
		in->subject.v[l] = s ? text_clean(r->a, s) : "";
		in->body.v[l] = b ? text_clean(r->a, b) : "";
		if (strlen(in->subject.v[l]) > SUBJECT_MAX || strlen(in->body.v[l]) > BODY_MAX)
			in->err = tr(r->lang, "A subject is at most 200 characters, a text 5000.");
	}
	if (in->group < 0)
		in->err = tr(r->lang, "Choose who gets the message.");
}

/* form - the message's form, with what was typed. */
static void form(request *r, const edition *e, const struct msg_in *in)
{
	lang l = r->lang;
	buf *o = &r->out;
	named *cats;
	size_t ncats = 0;
	req_fail(r, edition_categories(r->a, e->id, &cats, &ncats));
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/messages"));
	page_csrf_field(r);
	html_printf(o, "<label for=\"m-group\">%s</label><select id=\"m-group\" name=\"group\">",
		    tr(l, "Who gets it"));
	for (int g = 0; g < GROUP__MAX; g++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", edition_group_code(g),
			    in && in->group == g ? " selected" : "", group_name(l, g));
	html_printf(
		o,
		"</select><label for=\"m-cat\">%s</label><select id=\"m-cat\" name=\"category\">"
		"<option value=\"0\">—</option>",
		tr(l, "Category (for the exhibitors of one category)"));
	for (size_t i = 0; i < ncats; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)cats[i].id,
			    in && in->category == cats[i].id ? " selected" : "",
			    text3_get(&cats[i].name, l));
	html_raw(o, "</select>");
	static const char *const code[LANG__MAX] = { "ar", "fr", "en" };
	for (int k = 0; k < LANG__MAX; k++) {
		html_printf(o, "<fieldset><legend lang=\"%s\">%s</legend>", code[k],
			    lang_native((lang)k));
		html_printf(
			o,
			"<label for=\"m-s-%s\">%s</label><input id=\"m-s-%s\" name=\"subject_%s\" "
			"lang=\"%s\" dir=\"%s\" maxlength=\"200\" value=\"%s\">",
			code[k], tr(l, "Subject"), code[k], code[k], code[k], lang_dir((lang)k),
			in ? in->subject.v[k] : "");
		html_printf(
			o,
			"<label for=\"m-b-%s\">%s</label><textarea id=\"m-b-%s\" name=\"body_%s\" "
			"lang=\"%s\" dir=\"%s\" rows=\"5\" maxlength=\"5000\">%s</textarea></fieldset>",
			code[k], tr(l, "Text"), code[k], code[k], code[k], lang_dir((lang)k),
			in ? in->body.v[k] : "");
	}
	html_printf(
		o, "<button type=\"submit\" name=\"action\" value=\"preview\">%s</button></form>\n",
		tr(l, "Preview"));
}

static void begin(request *r, const edition *e)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Message to a group"), 0);
	html_printf(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(l, "Message to a group"),
		    text3_get(&e->name, l));
}

/* GET /admin/messages */
void page_admin_messages(request *r)
{
	edition e;
	if (req_fail(r, admin_edition(r, &e)))
		return;
	begin(r, &e);
	const char *done = req_query(r, "done");
	if (done && !strcmp(done, "sent"))
		html_printf(&r->out, "<p class=\"ok-box\" role=\"status\">%s</p>",
			    tr(r->lang, "The messages are in the outbox."));
	form(r, &e, NULL);
	page_end(r);
}

/* with_footer - the text as each recipient reads it: the fair's name and
 * the address of the cooperative's space, in its language. */
static text3 with_footer(request *r, const edition *e, const struct msg_in *in)
{
	text3 t;
	const char *site = edition_site_address(r);
	for (int k = 0; k < LANG__MAX; k++)
		t.v[k] = *in->body.v[k] ? arena_printf(r->a, "%s\n\n— %s\n%s/my", in->body.v[k],
						       text3_get(&e->name, (lang)k), site)
					: "";
	return t;
}

/* POST /admin/messages */
void page_admin_messages_post(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	edition e;
	if (req_fail(r, admin_edition(r, &e)))
		return;
	struct msg_in in;
	read_in(r, &in);
	edition_recipient *to = NULL;
	size_t n = 0;
	if (!in.err && req_fail(r, edition_group_recipients(r->a, e.id, (edition_group)in.group,
							    in.category, &to, &n)))
		return;
	/* every language a recipient reads needs its subject and text */
	for (size_t i = 0; i < n && !in.err; i++) {
		int k = lang_parse(to[i].lang);
		if (k < 0 || !*in.subject.v[k] || !*in.body.v[k])
			in.err = arena_printf(
				r->a, tr(l, "Write the subject and the text in %s: %s reads it."),
				lang_native(k < 0 ? LANG_AR : (lang)k), to[i].email);
	}
	if (!in.err && !n)
		in.err = tr(l, "Nobody is in this group.");
	const char *action = req_form(r, "action");
	int send = action && !strcmp(action, "send");
	if (in.err || (send && !req_form(r, "confirm"))) {
		r->status = 422;
		begin(r, &e);
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>",
			    in.err ? in.err : tr(l, "Tick the box to send."));
		form(r, &e, &in);
		page_end(r);
		return;
	}
	text3 body = with_footer(r, &e, &in);
	if (send) {
		int sent = 0;
		cf_err err = edition_group_send(r->user_id, e.id, (edition_group)in.group,
						in.category, &in.subject, &body, &sent);
		if (req_fail(r, err))
			return;
		resp_redirect(r, "/admin/messages?done=sent");
		return;
	}
	/* the preview: who, and the message in each language read */
	begin(r, &e);
	html_printf(o, "<p class=\"found\" data-count=\"%zu\">%s</p>", n,
		    arena_printf(r->a,
				 trn(l, "%d person will get this message",
				     "%d people will get this message", (long)n),
				 (int)n));
	html_raw(o, "<ul class=\"recipients\">");
	for (size_t i = 0; i < n; i++)
		html_printf(o, "<li><bdi dir=\"ltr\">%s</bdi> · <bdi>%s</bdi> · %s</li>",
			    to[i].email, l == LANG_AR ? to[i].name_ar : to[i].name_fr,
			    lang_native((lang)lang_parse(to[i].lang)));
	html_raw(o, "</ul>");
	int used[LANG__MAX] = { 0 };
	for (size_t i = 0; i < n; i++)
		used[lang_parse(to[i].lang)] = 1;
	for (int k = 0; k < LANG__MAX; k++)
		if (used[k])
			html_printf(
				o,
				"<div class=\"mail\" lang=\"%s\" dir=\"%s\"><p><strong>%s</strong></p>"
				"<p class=\"body\">%s</p></div>",
				lang_code((lang)k), lang_dir((lang)k), in.subject.v[k], body.v[k]);
	/* the same form, to send (or change it first) */
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/admin/messages"));
	page_csrf_field(r);
	html_printf(o,
		    "<input type=\"hidden\" name=\"group\" value=\"%s\"><input type=\"hidden\" "
		    "name=\"category\" value=\"%lld\">",
		    edition_group_code((edition_group)in.group), (long long)in.category);
	static const char *const code[LANG__MAX] = { "ar", "fr", "en" };
	for (int k = 0; k < LANG__MAX; k++)
		html_printf(o,
			    "<input type=\"hidden\" name=\"subject_%s\" value=\"%s\">"
			    "<input type=\"hidden\" name=\"body_%s\" value=\"%s\">",
			    code[k], in.subject.v[k], code[k], in.body.v[k]);
	html_printf(
		o,
		"<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> %s</label>"
		"<button type=\"submit\" name=\"action\" value=\"send\">%s</button></form>",
		tr(l, "I have read the preview: send these messages."), tr(l, "Send"));
	form(r, &e, &in);
	page_end(r);
}
