/*
 * admin_accounts.c - accounts in the back office.
 *
 *   GET  /admin/accounts               every account, its roles and state
 *   GET  /admin/accounts/{id}          one account: roles, grant form
 *   POST /admin/accounts/{id}/disable  disable (ends its sessions)
 *   POST /admin/accounts/{id}/enable
 *   POST /admin/accounts/{id}/grant    role=NAME, edition=ID (0: every edition)
 *   POST /admin/accounts/{id}/revoke   role=NAME, edition=ID
 *
 * Roles: ROLES_ORGANISERS. Only an admin may grant or revoke the admin role
 * or disable/enable an admin's account, so the committee cannot raise
 * itself; nobody can disable their own account or drop their own admin role.
 */
#include "../html/html.h"
#include "../model/account_admin.h"
#include "../model/admin.h"
#include "../model/role.h"
#include "admin.h"
#include "admin_form.h"
#include "sec.h"
#include "list.h"

#include <stdlib.h>
#include <string.h>

static const char *role_label(lang l, int r)
{
	switch (r) {
	case ROLE_ADMIN:
		return tr(l, "administrator");
	case ROLE_COMMITTEE:
		return tr(l, "organising committee");
	case ROLE_JURY:
		return tr(l, "jury");
	case ROLE_EXHIBITOR:
		return tr(l, "exhibitor");
	case ROLE_DESK:
		return tr(l, "desk and gate");
	default:
		return "?";
	}
}

static int is_admin(const request *r)
{
	return (r->roles & ROLE_BIT(ROLE_ADMIN)) != 0;
}

static const list_col account_cols[] = {
	{ "email", N_("Email"), 0, "/admin/accounts/" },
	{ "name", N_("Name"), 0, NULL },
	{ "roles", N_("Roles"), 0, NULL },
	{ "state", N_("State"), 0, NULL },
};
static const list_spec ACCOUNTS = {
	"accounts", "/admin/accounts", account_cols, 4, { "role" }, 50, 0, 0
};

/* GET /admin/accounts?role=ROLE&q=WORDS&sort=KEY&page=N&format=csv|xlsx
 * (the shared list: list.h) */
void page_admin_accounts(request *r)
{
	lang l = r->lang;
	list ls;
	if (list_begin(r, &ACCOUNTS, &ls)) {
		page_error(r, 400, NULL);
		return;
	}
	int only = role_parse(page_code_param(r, "role"));
	account *v;
	size_t n = 0;
	req_fail(r, account_list(r->a, &v, &n));
	for (size_t i = 0; i < n; i++) {
		if (only >= 0 && !(v[i].roles & ROLE_BIT(only)))
			continue;
		list_cell *c = list_add(&ls);
		if (!c)
			break;
		c[0] = (list_cell){ .text = v[i].email, .id = v[i].id };
		c[1] = (list_cell){ .text = page_text(r, v[i].name), .lang = "" };
		const char *roles = "";
		for (int k = 0; k < ROLE__MAX; k++)
			if (v[i].roles & ROLE_BIT(k))
				roles = arena_printf(r->a, "%s%s%s", roles, *roles ? ", " : "",
						     role_label(l, k));
		c[2] = (list_cell){ .text = roles };
		c[3] = (list_cell){ .text = v[i].disabled	 ? tr(l, "disabled")
					    : !v[i].has_password ? tr(l, "invited, no password yet")
								 : tr(l, "active") };
	}
	if (list_end(&ls)) {
		page_error(r, 404, NULL);
		return;
	}
	if (list_export(&ls))
		return;
	admin_begin(r, tr(l, "Accounts and roles"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a class=\"button\" href=\"%s\">%s</a></p>",
		    tr(l, "Accounts and roles"), site_href(r, "/admin/invite"),
		    tr(l, "Invite a cooperative member"));
	html_printf(o,
		    "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">"
		    "<label>%s <select name=\"role\"><option value=\"\">%s</option>",
		    site_href(r, "/admin/accounts"), tr(l, "Role"), tr(l, "Every role"));
	for (int k = 0; k < ROLE__MAX; k++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", role_name(k),
			    k == only ? " selected" : "", role_label(l, k));
	html_printf(o,
		    "</select></label> <label>%s <input type=\"search\" name=\"q\" value=\"%s\" "
		    "maxlength=\"200\"></label> <button type=\"submit\">%s</button></form>",
		    tr(l, "Search"), ls.q, tr(l, "Filter"));
	list_count(&ls, arena_printf(r->a, trn(l, "%d account", "%d accounts", (long)ls.found),
				     (int)ls.found));
	list_table(&ls);
	list_pager(&ls);
	list_exports(&ls);
	page_end(r);
}

static void account_page(request *r, const account *acc, const char *error)
{
	lang l = r->lang;
	admin_begin(r, acc->email);
	buf *o = &r->out;
	long long id = (long long)acc->id;
	html_printf(
		o, "<h1 dir=\"ltr\">%s</h1><p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		acc->email, site_href(r, "/admin/accounts"), tr(l, "All accounts"),
		site_href(r, "/admin/audit?user=%lld", id), tr(l, "Changes made by this account"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	html_printf(
		o,
		"<dl class=\"facts\"><div><dt>%s</dt><dd><bdi>%s</bdi></dd></div><div><dt>%s</dt><dd>%s</dd></div></dl>",
		tr(l, "Name"), page_text(r, acc->name), tr(l, "State"),
		acc->disabled	     ? tr(l, "disabled")
		: !acc->has_password ? tr(l, "invited, no password yet")
				     : tr(l, "active"));
	html_printf(
		o, "<form method=\"post\" action=\"%s\">",
		site_href(r, "/admin/accounts/%lld/%s", id, acc->disabled ? "enable" : "disable"));
	page_csrf_field(r);
	if (acc->disabled)
		html_printf(o, "<button type=\"submit\">%s</button></form>",
			    tr(l, "Enable the account"));
	else
		html_printf(o, "<button type=\"submit\" class=\"danger\">%s</button></form>",
			    tr(l, "Disable the account"));

	account_role_row *roles;
	size_t n = 0;
	req_fail(r, acct_roles(r->a, acc->id, &roles, &n));
	html_printf(o, "<h2>%s</h2><ul class=\"admin-list\">", tr(l, "Roles"));
	if (!n)
		html_printf(o, "<li>%s</li>", tr(l, "No role."));
	for (size_t i = 0; i < n; i++) {
		if (roles[i].role < 0)
			continue;
		html_printf(o, "<li>%s — %s <form class=\"inline\" method=\"post\" action=\"%s\">",
			    role_label(l, roles[i].role),
			    roles[i].edition_id ? (l == LANG_AR ? roles[i].edition_name_ar
								: roles[i].edition_name_fr)
						: tr(l, "every edition"),
			    site_href(r, "/admin/accounts/%lld/revoke", id));
		page_csrf_field(r);
		html_printf(
			o,
			"<input type=\"hidden\" name=\"role\" value=\"%s\"><input type=\"hidden\" name=\"edition\" value=\"%lld\">"
			"<button type=\"submit\" class=\"danger\">%s</button></form></li>",
			role_name((role)roles[i].role), (long long)roles[i].edition_id,
			tr(l, "Revoke"));
	}
	html_raw(o, "</ul>");
	html_printf(o, "<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"stack\">",
		    tr(l, "Grant a role"), site_href(r, "/admin/accounts/%lld/grant", id));
	page_csrf_field(r);
	html_printf(o, "<label for=\"f-role\">%s</label><select id=\"f-role\" name=\"role\">",
		    tr(l, "Role"));
	for (int k = is_admin(r) ? 0 : 1; k < ROLE__MAX; k++)
		html_printf(o, "<option value=\"%s\">%s</option>", role_name((role)k),
			    role_label(l, k));
	html_printf(
		o,
		"</select><label for=\"f-edition\">%s</label><select id=\"f-edition\" name=\"edition\">"
		"<option value=\"0\">%s</option>",
		tr(l, "In"), tr(l, "every edition"));
	admin_choice *eds;
	size_t ne = 0;
	req_fail(r, admin_editions(r->a, &eds, &ne));
	for (size_t i = 0; i < ne; i++)
		html_printf(o, "<option value=\"%lld\">%s</option>", (long long)eds[i].id,
			    l == LANG_AR ? eds[i].name_ar : eds[i].name_fr);
	html_printf(o, "</select><button type=\"submit\">%s</button></form>\n", tr(l, "Grant"));
	sec_password_form(r, acc);
	page_end(r);
}

/* GET /admin/accounts/{id} */
void page_admin_account(request *r)
{
	account acc;
	if (req_fail(r, account_get(r->a, r->id, &acc)))
		return;
	account_page(r, &acc, NULL);
}

/* refuse - re-show the account with why, or 404 when it is gone. */
static void refuse(request *r, int status, const char *why)
{
	account acc;
	if (req_fail(r, account_get(r->a, r->id, &acc)))
		return;
	r->status = status;
	account_page(r, &acc, why);
}

static void set_disabled(request *r, int disabled)
{
	account acc;
	if (req_fail(r, account_get(r->a, r->id, &acc)))
		return;
	if ((acc.roles & ROLE_BIT(ROLE_ADMIN)) && !is_admin(r)) {
		refuse(r, 403,
		       tr(r->lang,
			  "Only an administrator can disable or enable an administrator's account."));
		return;
	}
	cf_err e = acct_set_disabled(r->user_id, r->id, disabled);
	if (e == CF_ERR_PERM) {
		refuse(r, 403, tr(r->lang, "You cannot disable your own account."));
		return;
	}
	if (e) {
		refuse(r, 500, admin_save_error(r, e));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/accounts/%lld?done=saved", (long long)r->id));
}

/* POST /admin/accounts/{id}/disable */
void page_admin_account_disable(request *r)
{
	set_disabled(r, 1);
}

/* POST /admin/accounts/{id}/enable */
void page_admin_account_enable(request *r)
{
	set_disabled(r, 0);
}

static void change_role(request *r, int grant)
{
	int rl = role_parse(req_form(r, "role"));
	long long ed; /* 0: every edition */
	if (rl < 0 || !page_int(req_form(r, "edition"), 0, INT64_MAX, &ed)) {
		refuse(r, 400, tr(r->lang, "Choose a role and an edition."));
		return;
	}
	cf_err e = grant ? acct_grant(r->user_id, is_admin(r), r->id, rl, ed)
			 : acct_revoke(r->user_id, is_admin(r), r->id, rl, ed);
	if (e == CF_ERR_PERM) {
		refuse(r, 403,
		       rl == ROLE_ADMIN
			       ? tr(r->lang,
				    "Only an administrator can grant or revoke the administrator role, and not their own.")
			       : tr(r->lang,
				    "You can grant or revoke roles only in the editions you run. Only an administrator can give a role in every edition."));
		return;
	}
	if (e == CF_ERR_NOTFOUND && !grant) {
		refuse(r, 404,
		       tr(r->lang, "The account does not hold this role. Nothing was changed."));
		return;
	}
	if (e) {
		refuse(r,
		       e == CF_ERR_INVALID    ? 400
		       : e == CF_ERR_NOTFOUND ? 404
					      : 500,
		       admin_save_error(r, e));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/accounts/%lld?done=saved", (long long)r->id));
}

/* POST /admin/accounts/{id}/grant  role, edition */
void page_admin_account_grant(request *r)
{
	change_role(r, 1);
}

/* POST /admin/accounts/{id}/revoke  role, edition */
void page_admin_account_revoke(request *r)
{
	change_role(r, 0);
}
