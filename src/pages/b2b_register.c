/* b2b_register.c - see b2b.h: the partners hub's registration form for
 * professionals (GET and POST /b2b): each field validated, a refusal answered
 * with the form as typed and a reason per field. The rest of the B2B pages
 * are b2b.c. */
#include "b2b.h"

#include "../html/html.h"
#include "../model/account.h"
#include "../model/b2b.h"
#include "../model/edition.h"
#include "../model/registry_csv.h"

#include <string.h>

/* trimmed - s without the blanks a phone's keyboard adds around it (arena) */
static const char *trimmed(request *r, const char *s)
{
	if (!s)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return arena_strndup(r->a, s, n);
}

/* The registration form: what was typed (all "" on a first visit) and,
 * when it came back refused, the reason of each field (NULL: none). */
typedef struct {
	const char *kind, *name, *org, *email, *phone;
	const char *err_name, *err_email, *err_phone;
} reg_form;

/* reg_input - one labelled input of the form, with its value and reason;
 * attrs is a literal (html_raw): the input's type and limits. */
static void reg_input(request *r, const char *label, const char *name, const char *attrs,
		      const char *value, const char *err)
{
	buf *o = &r->out;
	html_printf(o, "<label>%s <input name=\"%s\" ", label, name);
	html_raw(o, attrs);
	html_printf(o, " value=\"%s\"", value ? value : "");
	if (err)
		html_printf(o, " aria-invalid=\"true\" aria-describedby=\"b2b-%s-err\"", name);
	html_printf(o, "></label>");
	if (err)
		html_printf(o, "<p class=\"field-error\" id=\"b2b-%s-err\">%s</p>", name, err);
}

static void register_page(request *r, const reg_form *f)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Partners hub: B2B meetings"), 0);
	buf *o = &r->out;
	html_printf(
		o, "<h1>%s</h1><p>%s</p>", tr(l, "Partners hub: B2B meetings"),
		tr(l,
		   "Buyers, shop owners, partners and exporters: register, browse the exhibitors and request a meeting in a slot. The exhibitor accepts or declines; a table of the partners hub is booked for you."));
	int bad = !!f->err_name + !!f->err_email + !!f->err_phone;
	if (bad)
		html_printf(
			o, "<p class=\"notice\" role=\"alert\">%s</p>",
			arena_printf(r->a,
				     trn(l, "%d field needs your attention; nothing was saved.",
					 "%d fields need your attention; nothing was saved.", bad),
				     bad));
	html_printf(o,
		    "<form method=\"post\" action=\"%s\" class=\"stack\">"
		    "<label>%s <select name=\"kind\">",
		    site_href(r, "/b2b"), tr(l, "You are"));
	static const char *const KINDS[] = { "buyer", "shop", "partner", "exporter" };
	for (size_t k = 0; k < sizeof KINDS / sizeof *KINDS; k++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", KINDS[k],
			    !strcmp(f->kind, KINDS[k]) ? " selected" : "",
			    b2b_kind_label(r, KINDS[k]));
	html_printf(o, "</select></label>");
	reg_input(r, tr(l, "Name"), "name", "required maxlength=\"200\"", f->name, f->err_name);
	reg_input(r, tr(l, "Organisation"), "organisation", "maxlength=\"200\"", f->org, NULL);
	reg_input(r, tr(l, "Email"), "email", "type=\"email\" maxlength=\"200\" dir=\"ltr\"",
		  f->email, f->err_email);
	reg_input(r, tr(l, "Phone"), "phone", "type=\"tel\" maxlength=\"40\" dir=\"ltr\"", f->phone,
		  f->err_phone);
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Register"));
	page_end(r);
}

/* GET /b2b */
void page_b2b_home(request *r)
{
	reg_form f = { "buyer", "", "", "", "", NULL, NULL, NULL };
	register_page(r, &f);
}

/* POST /b2b  kind, name, organisation, email, phone */
void page_b2b_register(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	reg_form f = { req_form(r, "kind"),
		       req_form(r, "name"),
		       req_form(r, "organisation"),
		       req_form(r, "email"),
		       req_form(r, "phone"),
		       NULL,
		       NULL,
		       NULL };
	f.kind = f.kind && b2b_kind_valid(f.kind) ? f.kind : "buyer";
	f.name = trimmed(r, f.name);
	f.org = trimmed(r, f.org);
	f.email = trimmed(r, f.email);
	f.phone = trimmed(r, f.phone);
	char phone[24] = "";
	if (!*f.name || strlen(f.name) > 200)
		f.err_name = tr(l, "Say who you are: your name and what you do.");
	if (*f.email && !account_email_valid(f.email))
		f.err_email = tr(l, "Write one email address, for example name@example.org.");
	if (*f.phone && (!regcsv_phone(f.phone, phone) || !*phone))
		f.err_phone =
			tr(l, "Write a phone number of 8 to 15 digits, for example 0612345678.");
	if (f.err_name || f.err_email || f.err_phone || strlen(f.org) > 200) {
		r->status = 422;
		register_page(r, &f);
		return;
	}
	char token[B2B_TOKEN_LEN + 1];
	int64_t id;
	cf_err e = b2b_register(ed.id, f.kind, f.name, f.org, f.email, phone, lang_code(r->lang),
				token, &id);
	if (e == CF_ERR_INVALID) {
		r->status = 422;
		f.err_name = tr(l, "Say who you are: your name and what you do.");
		register_page(r, &f);
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, arena_printf(r->a, "/b2b/p/%s", token));
}
