/*
 * admin_log.c - the audit log and the outbox in the back office.
 *
 *   GET  /admin/audit?user=ID&type=TYPE&object=ID&q=&sort=&page=N&format=
 *        the log (the shared list, list.h), newest first, 50 a page; each
 *        entry shows when (Africa/Casablanca), who, what in words, and the
 *        fields that changed, before and after
 *   GET  /admin/outbox                   messages waiting and sent
 *   POST /admin/outbox/{id}/sent         mark one as delivered by hand
 *
 * Roles: ROLES_ORGANISERS. A message holding a link that signs someone in
 * (a password reset) is never shown, to anyone: reading it would take over
 * the account. Invitations (a new account's first password) stay readable,
 * except those addressed to an administrator, for administrators only.
 */
#include "../html/html.h"
#include "../model/account.h"
#include "../model/audit_log.h"
#include "../model/outbox.h"
#include "../model/role.h"
#include "admin.h"
#include "admin_form.h"
#include "edition.h"
#include "list.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

/* value_text - a JSON value as short text (arena-owned); "—" when absent. */
static const char *value_text(request *r, json_t *v)
{
	if (!v)
		return "—";
	if (json_is_string(v))
		return arena_strdup(r->a, json_string_value(v));
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *c = arena_strdup(r->a, s ? s : "");
	free(s);
	return c;
}

/* object_name - an audited object's type in words ("category" -> "Prize
 * category"); an unknown type is shown as its code. */
static const char *object_name(lang l, const char *type)
{
	static const struct {
		const char *type, *name;
	} names[] = {
		{ "account", "Account" },	    { "application", "Application" },
		{ "category", "Prize category" },   { "cooperative", "Cooperative" },
		{ "edition", "Edition" },	    { "exhibitor", "Exhibitor" },
		{ "organisation", "Organisation" }, { "outbox", "Message" },
		{ "prize_entry", "Prize entry" },   { "space", "Space" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(type, names[i].type))
			return tr(l, names[i].name);
	return type;
}

/* changes_text - the fields that changed between before and after, in one
 * line ("name_fr: avant → après; ..."); arena-owned, "" when none. */
static const char *changes_text(request *r, const char *before, const char *after)
{
	json_t *b = *before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = *after ? json_loads(after, 0, NULL) : NULL;
	const char *out = "";
	if ((*before && !json_is_object(b)) || (*after && !json_is_object(a))) {
		out = arena_printf(r->a, "%s → %s", before, after);
		goto done;
	}
	const char *key;
	json_t *v;
	json_t *keys = json_object();
	if (b)
		json_object_foreach(b, key, v) json_object_set_new(keys, key, json_true());
	if (a)
		json_object_foreach(a, key, v) json_object_set_new(keys, key, json_true());
	json_object_foreach(keys, key, v)
	{
		json_t *bv = b ? json_object_get(b, key) : NULL,
		       *av = a ? json_object_get(a, key) : NULL;
		if (b && a && bv && av && json_equal(bv, av))
			continue;
		out = arena_printf(r->a, "%s%s%s: %s → %s", out, *out ? "; " : "", key,
				   value_text(r, bv), value_text(r, av));
	}
	json_decref(keys);
done:
	json_decref(a);
	json_decref(b);
	return out;
}

/* action_words - what an audit action did, in the reader's language; the
 * NULL for an action not named here (its code is shown, as data). */
static const char *action_words(lang l, const char *action)
{
	static const struct {
		const char *code, *words;
	} names[] = {
		{ "account.grant", N_("granted a role") },
		{ "account.revoke", N_("revoked a role") },
		{ "account.invite", N_("invited a person") },
		{ "account.reset_request", N_("asked for a password reset") },
		{ "application.create", N_("started an application") },
		{ "application.update", N_("changed an application") },
		{ "application.status", N_("changed the status of an application") },
		{ "application.review", N_("reviewed an application") },
		{ "edition.create", N_("created an edition") },
		{ "edition.update", N_("changed an edition") },
		{ "edition.current", N_("showed this edition on the public site") },
		{ "selection.publish", N_("published the selection") },
		{ "selection.rules", N_("changed the selection rules") },
		{ "exhibitor.create", N_("added an exhibitor") },
		{ "exhibitor.delete", N_("removed an exhibitor") },
		{ "exhibitor.remove", N_("removed an exhibitor") },
		{ "outbox.mark_sent", N_("marked a message as sent") },
		{ "registry.import", N_("imported cooperatives") },
		{ "prize.publish", N_("published prize results") },
		{ "mail.template", N_("changed the wording of the mail to cooperatives") },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(action, names[i].code))
			return tr(l, names[i].words);
	return NULL;
}

/* int_query - a positive id from the query, 0 when absent or not one. */
static int64_t int_query(request *r, const char *key)
{
	long long v = 0;
	return page_int(req_query(r, key), 1, INT64_MAX, &v) ? v : 0;
}

static const list_col audit_cols[] = {
	{ "when", N_("When"), 1, NULL },       { "who", N_("Who"), 0, NULL },
	{ "what", N_("What"), 0, NULL },       { "object", N_("Object"), 0, NULL },
	{ "changes", N_("Changes"), 0, NULL },
};
static const list_spec AUDIT = {
	"audit", "/admin/audit", audit_cols, 5, { "user", "type", "object" }, PER_PAGE, 0, 1
};

/* GET /admin/audit?user=ID&type=TYPE&object=ID&q=WORDS&sort=KEY&page=N
 *     &format=csv|xlsx   (the shared list: list.h) */
void page_admin_audit(request *r)
{
	lang l = r->lang;
	list ls;
	if (list_begin(r, &AUDIT, &ls)) {
		page_error(r, 400, NULL);
		return;
	}
	audit_filter f = { int_query(r, "user"), req_query(r, "type"), int_query(r, "object"), 1,
			   1 };
	if (f.object_type && (strlen(f.object_type) > 40 || !*f.object_type))
		f.object_type = NULL;
	audit_entry *v;
	int total;
	size_t n = 0;
	/* the count first, so that the rows' array is no larger than they are */
	if (req_fail(r, audit_list(r->a, &f, &v, &total, &n)))
		return;
	f.per_page = total < 1 ? 1 : total > LIST_ROWS_MAX ? LIST_ROWS_MAX : total;
	req_fail(r, audit_list(r->a, &f, &v, &total, &n));
	for (size_t i = 0; i < n; i++) {
		audit_entry *x = &v[i];
		list_cell *c = list_add(&ls);
		if (!c)
			break;
		c[0] = (list_cell){ .text = fmt_datetime(r, x->at), .num = (double)x->id };
		c[1] = (list_cell){ .text = *x->email ? x->email : tr(l, "command line") };
		const char *what = action_words(l, x->action);
		c[2] = what ? (list_cell){ .text = what }
			    : (list_cell){ .text = x->action, .lang = "zxx" };
		c[3] = (list_cell){
			.text = arena_printf(r->a, "%s %lld", object_name(l, x->object_type),
					     (long long)x->object_id),
			.href = site_href(r, "/admin/audit?type=%s&object=%lld",
					  url_arg(r->a, x->object_type), (long long)x->object_id)
		};
		/* stored values, in no one language (zxx) */
		c[4] = (list_cell){ .text = changes_text(r, x->before, x->after), .lang = "zxx" };
	}
	if (total > LIST_ROWS_MAX)
		ls.truncated = 1;
	if (list_end(&ls)) {
		page_error(r, 404, NULL);
		return;
	}
	if (list_export(&ls))
		return;
	account *accs;
	size_t nacc = 0;
	req_fail(r, account_list(r->a, &accs, &nacc));
	const char **types;
	size_t ntypes = 0;
	req_fail(r, audit_object_types(r->a, &types, &ntypes));

	admin_begin(r, tr(l, "Audit log"));
	buf *o = &r->out;
	html_printf(
		o,
		"<h1>%s</h1><form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">"
		"<label>%s <select name=\"user\"><option value=\"\">%s</option>",
		tr(l, "Audit log"), site_href(r, "/admin/audit"), tr(l, "Who"), tr(l, "Anyone"));
	for (size_t i = 0; i < nacc; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)accs[i].id,
			    accs[i].id == f.account_id ? " selected" : "", accs[i].email);
	html_printf(
		o,
		"</select></label><label>%s <select name=\"type\"><option value=\"\">%s</option>",
		tr(l, "Object"), tr(l, "Any"));
	for (size_t i = 0; i < ntypes; i++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", types[i],
			    f.object_type && !strcmp(f.object_type, types[i]) ? " selected" : "",
			    object_name(l, types[i]));
	html_printf(
		o,
		"</select></label><label>%s <input type=\"number\" name=\"object\" min=\"1\" value=\"%s\"></label>"
		"<label>%s <input type=\"search\" name=\"q\" value=\"%s\" maxlength=\"200\"></label>"
		"<button type=\"submit\">%s</button></form>",
		tr(l, "Number"),
		f.object_id ? arena_printf(r->a, "%lld", (long long)f.object_id) : "",
		tr(l, "Search"), ls.q, tr(l, "Filter"));
	list_count(&ls,
		   arena_printf(r->a,
				trn(l, "%d change matches.", "%d changes match.", (long)ls.found),
				(int)ls.found));
	list_table(&ls);
	list_pager(&ls);
	list_exports(&ls);
	page_end(r);
}

/* GET /admin/outbox */
void page_admin_outbox(request *r)
{
	lang l = r->lang;
	outbox_msg *m;
	size_t n = 0;
	req_fail(r, outbox_list(r->a, 200, &m, &n));
	int admin = (r->roles & ROLE_BIT(ROLE_ADMIN)) != 0;
	admin_begin(r, tr(l, "Outbox"));
	buf *o = &r->out;
	html_printf(
		o, "<h1>%s</h1><p>%s</p>", tr(l, "Outbox"),
		tr(l,
		   "Messages wait here until the site sends them. When the site cannot send mail (no internet at the venue), copy a message's link to the person and mark the message as sent."));
	if (!n)
		html_printf(o, "<p>%s</p>", tr(l, "No message."));
	html_raw(o, "<ol class=\"outbox\">");
	for (size_t i = 0; i < n; i++) {
		outbox_msg *x = &m[i];
		html_printf(
			o,
			"<li><h2 dir=\"auto\">%s</h2><p>%s <bdi dir=\"ltr\">%s</bdi> · <time datetime=\"%s\">%s</time> · %s</p>",
			x->subject, tr(l, "To:"), x->to_email, x->created_at,
			fmt_datetime(r, x->created_at),
			*x->sent_at
				? arena_printf(r->a, tr(l, "sent %s"), fmt_datetime(r, x->sent_at))
				: tr(l, "waiting"));
		if (*x->last_error)
			html_printf(o, "<p class=\"error-box\">%s <span dir=\"ltr\">%s</span></p>",
				    tr(l, "Last attempt failed:"), x->last_error);
		if (x->holds_secret)
			html_printf(
				o, "<p>%s</p>",
				tr(l,
				   "This message holds a link that signs its reader in: only the mail sender delivers it, nobody reads it here. Without mail, an administrator sets a new password from the account's page, with the person present."));
		else if (x->to_admin && !admin)
			html_printf(
				o, "<p>%s</p>",
				tr(l,
				   "Addressed to an administrator: only an administrator can read it."));
		else
			/* dir=auto: an Arabic message reads right to left (issue 10) */
			html_printf(o, "<pre class=\"mail\" dir=\"auto\">%s</pre>", x->body);
		if (!*x->sent_at) {
			html_printf(o, "<form method=\"post\" action=\"%s\">",
				    site_href(r, "/admin/outbox/%lld/sent", (long long)x->id));
			page_csrf_field(r);
			html_printf(o, "<button type=\"submit\">%s</button></form>",
				    tr(l, "Mark as sent"));
		}
		html_raw(o, "</li>");
	}
	html_raw(o, "</ol>\n");
	page_end(r);
}

/* POST /admin/outbox/{id}/sent */
void page_admin_outbox_sent(request *r)
{
	cf_err e = outbox_mark_sent(r->user_id, r->id);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 404, NULL);
		return;
	}
	if (e) {
		page_error(r, 500, NULL);
		return;
	}
	resp_redirect(r, "/admin/outbox?done=sent");
}
