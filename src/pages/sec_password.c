/*
 * sec_password.c - an administrator sets an account's password, with the
 * person present (a venue without internet, where no reset mail can go).
 *
 *   POST /admin/accounts/{id}/password   password, password2
 *
 * Roles: admin only (the route table). No link is made: a reset link in the
 * outbox would let whoever reads it take the account over, so reset mails
 * are never shown there (admin_log.c). The change ends the account's
 * sessions and is audited as the administrator's.
 */
#include "../html/html.h"
#include "../model/account_admin.h"
#include "../model/role.h"
#include "sec.h"

#include <string.h>

void sec_password_form(request *r, const account *acc)
{
	if (!(r->roles & ROLE_BIT(ROLE_ADMIN)))
		return;
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o, "<h2>%s</h2><p>%s</p><form method=\"post\" action=\"%s\" class=\"stack\">",
		tr(l, "Set a new password"),
		tr(l,
		   "With the person present, when no mail can reach them: type the password they chose. Their sessions end."),
		site_href(r, "/admin/accounts/%lld/password", (long long)acc->id));
	page_csrf_field(r);
	html_printf(
		o,
		"<label for=\"f-password\">%s</label><input id=\"f-password\" name=\"password\" type=\"password\" "
		"autocomplete=\"new-password\" required minlength=\"%d\" maxlength=\"%d\" dir=\"ltr\">"
		"<label for=\"f-password2\">%s</label><input id=\"f-password2\" name=\"password2\" type=\"password\" "
		"autocomplete=\"new-password\" required maxlength=\"%d\" dir=\"ltr\">"
		"<button type=\"submit\">%s</button></form>\n",
		tr(l, "New password"), PASSWORD_MIN, PASSWORD_MAX, tr(l, "The same password again"),
		PASSWORD_MAX, tr(l, "Save the password"));
}

/* POST /admin/accounts/{id}/password  password, password2 */
void page_admin_account_password(request *r)
{
	const char *pw = req_form(r, "password"), *pw2 = req_form(r, "password2");
	const char *problem = account_password_problem(pw);
	if (!problem && (!pw2 || strcmp(pw, pw2)))
		problem = "The two passwords differ. Type the same password twice.";
	cf_err e = problem ? CF_ERR_INVALID : acct_set_password(r->user_id, r->id, pw);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e == CF_ERR_INVALID) {
		page_error(r, 400, tr(r->lang, problem ? problem : "Bad request"));
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r,
		      arena_printf(r->a, "/admin/accounts/%lld?done=password", (long long)r->id));
}
