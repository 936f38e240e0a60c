/*
 * signin.c - signing in and out.
 *
 *   GET  /signin?next=PATH   the form
 *   POST /signin             email, password, next: starts a new session
 *   POST /signout            ends the session
 *
 * A failed sign-in re-shows the form with the email kept and one message
 * that does not say which of email or password was wrong. Failures are
 * limited per email and per client address (model/signin_limit.h): past
 * the limit the form says when to try again, without checking the password.
 * Each attempt is counted before its password is checked.
 */
#include "../html/html.h"
#include "../model/account.h"
#include "../model/role.h"
#include "../model/signin_limit.h"
#include "pages.h"

#include <string.h>

/* local_next - next if it is a local path (not "//host"), else NULL. */
static const char *local_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 500)
		return NULL;
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20)
			return NULL;
	return next;
}

/* client_of - the address sign-in failures are counted against: the
 * peer's, or, behind a trusted reverse proxy, the one it forwarded (the
 * router settles that: router_trust_proxy). */
static const char *client_of(request *r)
{
	return r->client ? r->client : "";
}

/* signin_landing - where a user goes after signing in without a next:
 * where the role's work is (issue 10), with a word that it worked. */
static const char *signin_landing(const account *acc)
{
	if (acc->roles & ROLES_ORGANISERS)
		return "/admin?done=signedin";
	if ((acc->roles & ROLE_BIT(ROLE_EXHIBITOR)) && acc->cooperative_id)
		return "/my?done=signedin";
	if (acc->roles & ROLE_BIT(ROLE_JURY))
		return "/jury";
	if (acc->roles & ROLE_BIT(ROLE_DESK))
		return "/desk"; /* issue 14: the desk's home */
	return "/";
}

static void form(request *r, const char *email, const char *next, const char *error)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Sign in"), 0);
	buf *o = &r->out;
	html_printf(o, "<section class=\"narrow\"><h1>%s</h1>", tr(l, "Sign in"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\" id=\"signin-error\">%s</p>",
			    error);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack\">",
		    site_href(r, "/signin"));
	page_csrf_field(r);
	if (next)
		html_printf(o, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	html_printf(
		o,
		"<label for=\"email\">%s</label><input id=\"email\" name=\"email\" type=\"email\" "
		"autocomplete=\"username\" required maxlength=\"254\" dir=\"ltr\" value=\"%s\"",
		tr(l, "Email"), email ? email : "");
	if (error)
		html_raw(o, " aria-describedby=\"signin-error\"");
	html_raw(o, ">");
	html_printf(
		o,
		"<label for=\"password\">%s</label><input id=\"password\" name=\"password\" "
		"type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\" dir=\"ltr\">",
		tr(l, "Password"));
	html_printf(
		o,
		"<button type=\"submit\">%s</button></form><p><a href=\"%s\">%s</a></p></section>\n",
		tr(l, "Sign in"), site_href(r, "/forgot"), tr(l, "Forgotten password?"));
	page_end(r);
}

/* GET /signin?next=PATH */
void page_signin_form(request *r)
{
	if (r->account) {
		resp_redirect(r, local_next(req_query(r, "next")) ? req_query(r, "next")
								  : signin_landing(r->account));
		return;
	}
	form(r, NULL, local_next(req_query(r, "next")), NULL);
}

/* POST /signin  email, password, next */
void page_signin(request *r)
{
	const char *email = req_form(r, "email"), *password = req_form(r, "password");
	const char *next = local_next(req_form(r, "next"));
	int64_t id;
	if (!email || !*email || !password || !*password) {
		r->status = 400;
		form(r, email, next, tr(r->lang, "Enter your email and your password."));
		return;
	}
	const char *client = client_of(r);
	/* The attempt is counted before the password is checked (and
	 * forgotten if it succeeds), so parallel tries cannot outrun it. */
	int64_t ticket[2];
	long wait = signin_limit_take(email, client, ticket);
	if (wait < 0) {
		page_error(r, 500, NULL);
		return;
	}
	if (wait > 0) {
		long minutes = (wait + 59) / 60;
		r->status = 429;
		resp_header(r, "Retry-After", arena_printf(r->a, "%ld", wait));
		form(r, email, next,
		     arena_printf(
			     r->a,
			     trn(r->lang,
				 "Too many failed sign-ins for this account or from this network. For your safety, try again in %ld minute.",
				 "Too many failed sign-ins for this account or from this network. For your safety, try again in %ld minutes.",
				 minutes),
			     minutes));
		return;
	}
	cf_err e = account_authenticate(email, password, &id);
	if (!e)
		signin_limit_succeeded(email, ticket);
	if (e) {
		r->status = http_status(e);
		form(r, email, next,
		     e == CF_ERR_AUTH
			     ? tr(r->lang,
				  "The email or the password is wrong. Check both and try again.")
			     : tr(r->lang,
				  "The server could not sign you in. Nothing was changed. Try again in a moment."));
		return;
	}
	/* A new session at every sign-in; an older one in this browser ends. */
	if (r->session)
		session_end(r->session);
	char token[65];
	account acc;
	if (session_start(id, client, token) || account_get(r->a, id, &acc)) {
		page_error(r, 500, NULL);
		return;
	}
	resp_cookie(r, "cf_session", arena_strdup(r->a, token), -1);
	resp_redirect(r, next ? next : signin_landing(&acc));
}

/* POST /signout */
void page_signout(request *r)
{
	if (r->session)
		session_end(r->session);
	resp_cookie(r, "cf_session", "", 0);
	resp_redirect(r, "/");
}
