/*
 * admin_log.c - the audit log and the outbox in the back office.
 *
 *   GET  /admin/audit?user=ID&type=TYPE&object=ID&page=N
 *        the log, newest first, 50 a page; each entry shows who, when,
 *        what, and the fields before and after (only changed ones for an
 *        update)
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

/* changes - the fields of before/after, as a table. */
static void changes(request *r, const char *before, const char *after)
{
	lang l = r->lang;
	buf *o = &r->out;
	json_t *b = *before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = *after ? json_loads(after, 0, NULL) : NULL;
	if ((*before && !json_is_object(b)) || (*after && !json_is_object(a))) {
		html_printf(o, "<pre dir=\"ltr\">%s\n%s</pre>", before, after);
		goto out;
	}
	if (!b && !a)
		goto out;
	html_printf(
		o,
		"<table class=\"changes\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		"<th scope=\"col\">%s</th></tr></thead><tbody>",
		tr(l, "Field"), tr(l, "Before"), tr(l, "After"));
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
		html_printf(
			o,
			"<tr><th scope=\"row\" dir=\"ltr\"><code>%s</code></th><td><bdi>%s</bdi></td><td><bdi>%s</bdi></td></tr>",
			key, value_text(r, bv), value_text(r, av));
	}
	json_decref(keys);
	html_raw(o, "</tbody></table>");
out:
	json_decref(a);
	json_decref(b);
}

static int64_t int_query(request *r, const char *key)
{
	const char *s = req_query(r, key);
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 ? v : 0;
}

/* GET /admin/audit?user=ID&type=TYPE&object=ID&page=N */
void page_admin_audit(request *r)
{
	lang l = r->lang;
	audit_filter f = { int_query(r, "user"), req_query(r, "type"), int_query(r, "object"),
			   (int)int_query(r, "page"), PER_PAGE };
	if (f.object_type && (strlen(f.object_type) > 40 || !*f.object_type))
		f.object_type = NULL;
	if (f.page < 1 || f.page > 100000)
		f.page = 1;
	audit_entry *v;
	int total;
	size_t n = 0;
	req_fail(r, audit_list(r->a, &f, &v, &total, &n));
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
		"<h1>%s</h1><form class=\"filters\" method=\"get\" action=\"/admin/audit\" role=\"search\">"
		"<label>%s <select name=\"user\"><option value=\"\">%s</option>",
		tr(l, "Audit log"), tr(l, "Who"), tr(l, "Anyone"));
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
		"<button type=\"submit\">%s</button></form>",
		tr(l, "Number"),
		f.object_id ? arena_printf(r->a, "%lld", (long long)f.object_id) : "",
		tr(l, "Filter"));
	html_printf(o, "<p class=\"found\" role=\"status\">%s</p>",
		    arena_printf(r->a, trn(l, "%d change matches.", "%d changes match.", total),
				 total));
	html_raw(o, "<ol class=\"audit\">");
	for (size_t i = 0; i < n; i++) {
		audit_entry *x = &v[i];
		html_printf(
			o,
			"<li><p><time datetime=\"%s\">%s</time> · <bdi dir=\"ltr\">%s</bdi> · <code>%s</code> · "
			"<a href=\"/admin/audit?type=%s&amp;object=%lld\">%s %lld</a></p>",
			x->at, fmt_datetime(r, x->at), *x->email ? x->email : tr(l, "command line"),
			x->action, url_arg(r->a, x->object_type), (long long)x->object_id,
			object_name(l, x->object_type), (long long)x->object_id);
		changes(r, x->before, x->after);
		html_raw(o, "</li>");
	}
	html_raw(o, "</ol>");
	int pages = (total + PER_PAGE - 1) / PER_PAGE;
	if (pages > 1) {
		const char *base = arena_printf(
			r->a,
			"/admin/audit?user=%lld&type=%s&object=%lld&page=", (long long)f.account_id,
			url_arg(r->a, f.object_type ? f.object_type : ""), (long long)f.object_id);
		html_printf(o, "<nav class=\"pager\" aria-label=\"%s\"><ul>", tr(l, "Pages"));
		if (f.page > 1)
			html_printf(o, "<li><a rel=\"prev\" href=\"%s%d\">%s</a></li>", base,
				    f.page - 1, tr(l, "Previous"));
		html_printf(o, "<li><span aria-current=\"page\">%s</span></li>",
			    arena_printf(r->a, tr(l, "page %d of %d"), f.page, pages));
		if (f.page < pages)
			html_printf(o, "<li><a rel=\"next\" href=\"%s%d\">%s</a></li>", base,
				    f.page + 1, tr(l, "Next"));
		html_raw(o, "</ul></nav>");
	}
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
			"<li><h2><bdi>%s</bdi></h2><p>%s <bdi dir=\"ltr\">%s</bdi> · <time datetime=\"%s\">%s</time> · %s</p>",
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
			html_printf(o, "<pre class=\"mail\">%s</pre>", x->body);
		if (!*x->sent_at) {
			html_printf(o, "<form method=\"post\" action=\"/admin/outbox/%lld/sent\">",
				    (long long)x->id);
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
