/*
 * invite.c - invitations and password resets: one-time links by mail.
 *
 *   GET  /admin/invite[?coop_q=TEXT&cooperative_id=N]
 *                              the committee's form: email, name, cooperative
 *                              (picked from the registry's search), lang
 *   POST /admin/invite         make the account and the invitation (outbox)
 *   GET  /invite/TOKEN         set a password for an invited account
 *   POST /invite/TOKEN         password, password2
 *   GET  /forgot               ask for a reset link: email
 *   POST /forgot               same answer whether or not the email exists
 *   GET  /reset/TOKEN          set a new password
 *   POST /reset/TOKEN          password, password2
 *
 * Links in mails start with the deployment's address (setting base_url, or
 * COOPFAIR_BASE_URL). Without one, an invitation made by a signed-in
 * organiser uses the address they used; a reset link asked by anyone is
 * never built from the request's Host header (an attacker could point it
 * at their own site) and stays a path on the fair's site.
 */
#include "../html/html.h"
#include "../model/account_admin.h"
#include "../model/admin.h"
#include "../model/registry.h"
#include "../model/setting.h"
#include "admin.h"
#include "admin_form.h"

#include <stdlib.h>
#include <string.h>

/* base_url - the configured address of the site, without a final '/',
 * or NULL. */
static const char *base_url(request *r)
{
	const char *b = setting_get(r->a, "base_url");
	if (!b || !*b)
		b = getenv("COOPFAIR_BASE_URL");
	if (!b || (strncmp(b, "http://", 7) && strncmp(b, "https://", 8)) || strlen(b) > 200)
		return NULL;
	size_t n = strlen(b);
	while (n && b[n - 1] == '/')
		n--;
	return arena_strndup(r->a, b, n);
}

const char *page_link_to(request *r, const char *path, int trust_host)
{
	const char *b = base_url(r);
	const char *host = req_header(r, "Host");
	if (!b && trust_host && host && strlen(host) < 200 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == strlen(host))
		b = arena_printf(r->a, "%s://%s", r->secure ? "https" : "http", host);
	return arena_printf(r->a, "%s%s%s", b ? b : "", site_base(), path);
}

enum { INV_EMAIL, INV_NAME, INV_COOP, INV_LANG, INV__MAX };
static const field invite_fields[INV__MAX] = {
	[INV_EMAIL] = { "email", N_("Email"), F_EMAIL, 1, 0, 254, NULL },
	[INV_NAME] = { "name", N_("Name of the person"), F_TEXT, 0, 0, 200, NULL },
	[INV_COOP] = { "cooperative_id", N_("Cooperative"), F_SELECT, 1, 0, 0, NULL },
	[INV_LANG] = { "lang_msg", N_("Language of the message"), F_SELECT, 1, 0, 0, NULL },
};

/* coop_label - how a cooperative is shown in the picker: its name in the
 * page's language (an <option> cannot mark a name as French, so an Arabic
 * page shows the Arabic name alone), then the other name on other pages,
 * its province and number (names alone repeat: many are called Al Amal). */
static const char *coop_label(request *r, const registry_coop *c)
{
	if (r->lang == LANG_AR)
		return arena_printf(r->a, "%s — %s — %s", *c->name_ar ? c->name_ar : c->name_fr,
				    c->province_ar, *c->reg_number ? c->reg_number : "-");
	return arena_printf(r->a, "%s — %s — %s — %s", *c->name_fr ? c->name_fr : c->name_ar,
			    c->name_ar, c->province_fr, *c->reg_number ? c->reg_number : "-");
}

/* invite_form_init - the form; the cooperative picker lists what the
 * registry's search finds for coop_q (the first 50 by name when empty),
 * plus the cooperative already chosen (cooperative_id). */
static void invite_form_init(request *r, form *fm)
{
	form_init(fm, invite_fields, INV__MAX);
	const char *q = req_query(r, "coop_q");
	if (!q || strlen(q) > 100)
		q = "";
	const char *chosen = req_form(r, "cooperative_id");
	if (!chosen)
		chosen = req_query(r, "cooperative_id");
	registry_coop *c = NULL, one;
	int total = 0;
	size_t n = 0;
	req_fail(r, registry_search(r->a, q, 1, 50, &c, &total, &n));
	form_opt *o = arena_alloc(r->a, (n + 1) * sizeof *o);
	size_t k = 0;
	long long chosen_id = 0;
	page_int(chosen, 1, INT64_MAX, &chosen_id);
	if (chosen_id > 0 && !registry_get(r->a, chosen_id, &one)) {
		o[k++] = (form_opt){ arena_printf(r->a, "%lld", (long long)one.id),
				     coop_label(r, &one) };
		fm->val[INV_COOP] = o[0].value;
	}
	for (size_t i = 0; i < n; i++)
		if (c[i].id != chosen_id)
			o[k++] = (form_opt){ arena_printf(r->a, "%lld", (long long)c[i].id),
					     coop_label(r, &c[i]) };
	fm->opts[INV_COOP] = o, fm->nopts[INV_COOP] = k;
	/* The languages named in the reader's language. */
	static const char *const lang_names[LANG__MAX] = { N_("Arabic"), N_("French"),
							   N_("English") };
	form_opt *lo = arena_alloc(r->a, LANG__MAX * sizeof *lo);
	for (int i = 0; i < LANG__MAX; i++)
		lo[i] = (form_opt){ lang_code((lang)i), tr(r->lang, lang_names[i]) };
	fm->opts[INV_LANG] = lo, fm->nopts[INV_LANG] = LANG__MAX;
	fm->val[INV_LANG] = lang_code(r->lang);
}

/* coop_search_form - the GET form that narrows the cooperative picker. */
static void coop_search_form(request *r)
{
	lang l = r->lang;
	const char *q = req_query(r, "coop_q");
	html_printf(
		&r->out,
		"<form method=\"get\" action=\"%s\" role=\"search\" class=\"filters\">"
		"<label>%s <input type=\"search\" name=\"coop_q\" value=\"%s\" maxlength=\"100\"></label>"
		"<button type=\"submit\">%s</button></form>",
		site_href(r, "/admin/invite"),
		tr(l, "Find the cooperative (name, number, province)"),
		q && strlen(q) <= 100 ? q : "", tr(l, "Search"));
}

static void invite_page(request *r, form *fm, const char *error, const char *link)
{
	lang l = r->lang;
	admin_begin(r, tr(l, "Invite a cooperative member"));
	buf *o = &r->out;
	html_printf(
		o, "<h1>%s</h1><p>%s</p>", tr(l, "Invite a cooperative member"),
		tr(l,
		   "The person receives a link, valid for 7 days and usable once, to choose a password for an exhibitor account of the cooperative."));
	if (link)
		html_printf(
			o,
			"<p class=\"notice\" role=\"status\">%s <code dir=\"ltr\" class=\"link\">%s</code></p>",
			tr(l,
			   "Invitation created. If the site cannot send mail, copy this link to the person:"),
			link);
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	coop_search_form(r);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack admin-form\">",
		    site_href(r, "/admin/invite"));
	page_csrf_field(r);
	form_render(r, fm);
	html_printf(o, "<button type=\"submit\">%s</button></form>\n",
		    tr(l, "Send the invitation"));
	page_end(r);
}

/* GET /admin/invite */
void page_admin_invite_form(request *r)
{
	form fm;
	invite_form_init(r, &fm);
	invite_page(r, &fm, NULL, NULL);
}

/* POST /admin/invite  email, name, cooperative_id, lang_msg */
void page_admin_invite(request *r)
{
	form fm;
	invite_form_init(r, &fm);
	if (form_read(r, &fm)) {
		r->status = 400;
		invite_page(r, &fm, NULL, NULL);
		return;
	}
	lang ml = (lang)lang_parse(fm.val[INV_LANG]);
	char token[65];
	token_new(token);
	const char *link = page_link_to(r, arena_printf(r->a, "/invite/%s", token), 1);
	const char *subject = tr(ml, "Your exhibitor account at the Cooperatives Fair");
	const char *body = arena_printf(
		r->a,
		tr(ml,
		   "Hello,\n\nThe organising committee of the Cooperatives Fair invites you to manage your cooperative's space on the fair's site.\n\nChoose your password by opening this link (valid for 7 days, usable once):\n\n%s\n\nIf you did not expect this message, you can ignore it.\n"),
		link);
	int64_t id;
	long long coop = 0; /* F_SELECT: one of the offered ids */
	page_int(fm.val[INV_COOP], 1, INT64_MAX, &coop);
	cf_err e = acct_invite(r->user_id, fm.val[INV_EMAIL], fm.val[INV_NAME], coop, token,
			       subject, body, &id);
	if (e == CF_ERR_CONFLICT) {
		r->status = 409;
		form_reject(
			&fm, INV_EMAIL,
			tr(r->lang,
			   "This email already belongs to an account with a password. Grant it the exhibitor role from the accounts page instead."));
		invite_page(r, &fm, NULL, NULL);
		return;
	}
	if (e) {
		const char *why = admin_save_error(r, e);
		invite_page(r, &fm, why, NULL);
		return;
	}
	form_init(&fm, invite_fields, INV__MAX);
	invite_form_init(r, &fm);
	invite_page(r, &fm, NULL, link);
}

enum { PW_FORM_INVITE, PW_FORM_RESET };

static void password_page(request *r, int which, const account *acc, const char *error)
{
	lang l = r->lang;
	const char *title = which == PW_FORM_INVITE ? tr(l, "Choose your password")
						    : tr(l, "Choose a new password");
	page_begin(r, title, 0);
	buf *o = &r->out;
	html_printf(o, "<section class=\"narrow\"><h1>%s</h1><p>%s <bdi dir=\"ltr\">%s</bdi></p>",
		    title, tr(l, "Account:"), acc->email);
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\" id=\"pw-error\">%s</p>",
			    error);
	html_printf(
		o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		site_href(r, "%s%s", which == PW_FORM_INVITE ? "/invite/" : "/reset/", r->tail));
	page_csrf_field(r);
	html_printf(
		o,
		"<label for=\"password\">%s</label><input id=\"password\" name=\"password\" type=\"password\" "
		"autocomplete=\"new-password\" required minlength=\"%d\" maxlength=\"%d\" dir=\"ltr\">"
		"<p class=\"hint\">%s</p>",
		tr(l, "New password"), PASSWORD_MIN, PASSWORD_MAX,
		tr(l, "At least 10 characters. A short sentence is easy to remember."));
	html_printf(
		o,
		"<label for=\"password2\">%s</label><input id=\"password2\" name=\"password2\" type=\"password\" "
		"autocomplete=\"new-password\" required maxlength=\"%d\" dir=\"ltr\">",
		tr(l, "The same password again"), PASSWORD_MAX);
	html_printf(o, "<button type=\"submit\">%s</button></form></section>\n",
		    tr(l, "Save the password"));
	page_end(r);
}

static void dead_link(request *r)
{
	lang l = r->lang;
	r->status = 404;
	page_begin(r, tr(l, "This link no longer works"), 0);
	html_printf(
		&r->out,
		"<section class=\"narrow\"><h1>%s</h1><p>%s</p><p><a href=\"%s\">%s</a></p></section>\n",
		tr(l, "This link no longer works"),
		tr(l,
		   "It has been used already, has expired (links last 7 days), or was replaced by a newer one."),
		site_href(r, "/forgot"), tr(l, "Ask for a new link"));
	page_end(r);
}

static void show_token_form(request *r, token_kind kind)
{
	account acc;
	if (token_peek(r->a, kind, r->tail, &acc)) {
		dead_link(r);
		return;
	}
	password_page(r, kind == TOKEN_INVITE ? PW_FORM_INVITE : PW_FORM_RESET, &acc, NULL);
}

static void use_token(request *r, token_kind kind)
{
	account acc;
	if (token_peek(r->a, kind, r->tail, &acc)) {
		dead_link(r);
		return;
	}
	const char *pw = req_form(r, "password"), *pw2 = req_form(r, "password2");
	const char *problem = account_password_problem(pw);
	int which = kind == TOKEN_INVITE ? PW_FORM_INVITE : PW_FORM_RESET;
	if (problem || !pw2 || strcmp(pw, pw2)) {
		r->status = 400;
		password_page(
			r, which, &acc,
			problem ? tr(r->lang, problem)
				: tr(r->lang,
				     "The two passwords differ. Type the same password twice."));
		return;
	}
	int64_t id;
	cf_err e = token_use(kind, r->tail, pw, &id);
	if (e == CF_ERR_NOTFOUND) {
		dead_link(r);
		return;
	}
	char session[65];
	if (e || session_start(id, r->client, session)) {
		page_error(r, 500, NULL);
		return;
	}
	if (r->session)
		session_end(r->session);
	resp_cookie(r, "cf_session", arena_strdup(r->a, session), -1);
	resp_redirect(r, "/");
}

/* GET /invite/TOKEN */
void page_invite_form(request *r)
{
	show_token_form(r, TOKEN_INVITE);
}

/* POST /invite/TOKEN  password, password2 */
void page_invite_accept(request *r)
{
	use_token(r, TOKEN_INVITE);
}

/* GET /reset/TOKEN */
void page_reset_form(request *r)
{
	show_token_form(r, TOKEN_RESET);
}

/* POST /reset/TOKEN  password, password2 */
void page_reset(request *r)
{
	use_token(r, TOKEN_RESET);
}

static void forgot_page(request *r, const char *email, const char *error, int sent)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Forgotten password"), 0);
	buf *o = &r->out;
	html_printf(o, "<section class=\"narrow\"><h1>%s</h1>", tr(l, "Forgotten password"));
	if (sent) {
		html_printf(
			o, "<p class=\"notice\" role=\"status\">%s</p></section>\n",
			tr(l,
			   "If an account has this email, a message with a link to choose a new password is on its way. The link lasts 7 days. At a venue without internet, ask the organising committee for the link."));
		page_end(r);
		return;
	}
	html_printf(
		o, "<p>%s</p>",
		tr(l,
		   "Enter the email of your account. You will receive a link to choose a new password."));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/forgot"));
	page_csrf_field(r);
	html_printf(
		o,
		"<label for=\"email\">%s</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" "
		"required maxlength=\"254\" dir=\"ltr\" value=\"%s\">",
		tr(l, "Email"), email ? email : "");
	html_printf(o, "<button type=\"submit\">%s</button></form></section>\n",
		    tr(l, "Send me a link"));
	page_end(r);
}

/* GET /forgot */
void page_forgot_form(request *r)
{
	forgot_page(r, NULL, NULL, 0);
}

/* POST /forgot  email */
void page_forgot(request *r)
{
	const char *email = req_form(r, "email");
	if (!email || !account_email_valid(email)) {
		r->status = 400;
		forgot_page(r, email,
			    tr(r->lang, "Enter an email address such as name@example.org."), 0);
		return;
	}
	char token[65];
	token_new(token);
	lang ml = r->lang;
	const char *link = page_link_to(r, arena_printf(r->a, "/reset/%s", token), 0);
	const char *body = arena_printf(
		r->a,
		tr(ml,
		   "Hello,\n\nSomeone (probably you) asked to choose a new password for your account at the Cooperatives Fair.\n\nOpen this link to choose it (valid for 7 days, usable once):\n\n%s\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n"),
		link);
	if (acct_reset_request(email, token, tr(ml, "Choose a new password"), body)) {
		page_error(r, 500, NULL);
		return;
	}
	forgot_page(r, NULL, NULL, 1);
}
