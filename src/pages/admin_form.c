/*
 * admin_form.c - declared forms for the back office; see admin_form.h.
 */
#include "admin_form.h"
#include "../html/html.h"
#include "../model/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void form_init(form *fm, const field *f, int n)
{
	memset(fm, 0, sizeof *fm);
	fm->f = f;
	fm->n = n < ADMIN_REC_MAX ? n : ADMIN_REC_MAX;
	for (int i = 0; i < fm->n; i++)
		fm->val[i] = "";
}

void form_from_rec(form *fm, const admin_rec *rec)
{
	for (int i = 0; i < fm->n; i++)
		fm->val[i] = rec->v[i] ? rec->v[i] : "";
}

void form_to_rec(const form *fm, admin_rec *rec)
{
	for (int i = 0; i < fm->n; i++)
		rec->v[i] = fm->val[i];
}

void form_reject(form *fm, int i, const char *reason)
{
	if (!fm->err[i])
		fm->nerr++;
	fm->err[i] = reason;
}

/* blank - only spaces, tabs and newlines. */
static int blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == 0;
}

/* trim - s without leading and trailing blanks, in the arena. */
static const char *trim(arena *a, const char *s)
{
	s += strspn(s, " \t\r\n");
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* chars - the number of characters (code points) of valid UTF-8 s, as the
 * browser's maxlength counts them for Arabic and Latin text. */
static long chars(const char *s)
{
	long n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int valid_date(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static const char *check(request *r, const form *fm, int i, const char *v)
{
	const field *f = &fm->f[i];
	lang l = r->lang;
	if (f->kind == F_CHECK)
		return NULL;
	if (!*v)
		return f->required ? tr(l, "This field is required.") : NULL;
	if (strcmp(text_clean(r->a, v), v))
		return tr(
			l,
			"This contains characters that are not allowed (control or direction characters, or invalid text).");
	switch (f->kind) {
	case F_INT: {
		long long n; /* Western digits only: the text is stored as typed */
		if (strspn(v, "-0123456789") != strlen(v) ||
		    !page_int(v, -999999999999LL, 999999999999LL, &n))
			return tr(l, "Enter a whole number, in digits.");
		if (n < f->min || n > f->max)
			return arena_printf(r->a, tr(l, "Enter a number from %ld to %ld."), f->min,
					    f->max);
		return NULL;
	}
	case F_DATE:
		return valid_date(v)
			       ? NULL
			       : tr(l, "Enter a real date as YYYY-MM-DD, for example 2024-02-20.");
	case F_SELECT:
		for (size_t k = 0; k < fm->nopts[i]; k++)
			if (!strcmp(fm->opts[i][k].value, v))
				return NULL;
		return tr(l, "Choose one of the options.");
	case F_EMAIL:
		return account_email_valid(v)
			       ? NULL
			       : tr(l, "Enter an email address such as name@example.org.");
	case F_CODE:
		if (strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(v))
			return tr(l, "Use only lowercase Latin letters, digits and hyphens.");
		break;
	case F_PHONE:
		if (strspn(v, "0123456789 +-()") != strlen(v))
			return tr(l, "Enter a phone number with digits, spaces and + - ( ) only.");
		break;
	default:
		break;
	}
	if (f->max && chars(v) > f->max)
		return arena_printf(r->a,
				    trn(l, "This is too long: at most %ld character.",
					"This is too long: at most %ld characters.", f->max),
				    f->max);
	return NULL;
}

int form_read(request *r, form *fm)
{
	fm->nerr = 0;
	for (int i = 0; i < fm->n; i++) {
		const field *f = &fm->f[i];
		const char *v = req_form(r, f->name);
		if (f->kind == F_CHECK) {
			fm->val[i] = v && !strcmp(v, "1") ? "1" : "0";
			fm->err[i] = NULL;
			continue;
		}
		v = v ? v : "";
		fm->val[i] = f->kind == F_TEXTAREA || !blank(v) ? trim(r->a, v) : "";
		fm->err[i] = NULL;
		const char *why = check(r, fm, i, fm->val[i]);
		if (why)
			form_reject(fm, i, why);
	}
	return fm->nerr;
}

void form_errors_summary(request *r, const form *fm)
{
	if (!fm->nerr)
		return;
	buf *o = &r->out;
	html_printf(o, "<div class=\"error-box\" role=\"alert\" id=\"form-errors\"><p>%s</p><ul>",
		    arena_printf(r->a,
				 trn(r->lang, "%d field needs your attention; nothing was saved.",
				     "%d fields need your attention; nothing was saved.", fm->nerr),
				 fm->nerr));
	for (int i = 0; i < fm->n; i++)
		if (fm->err[i])
			/* French puts a narrow no-break space before the colon */
			html_printf(o, "<li><a href=\"#f-%s\">%s</a>%s %s</li>", fm->f[i].name,
				    tr(r->lang, fm->f[i].label),
				    r->lang == LANG_FR ? "\u202f:" : ":", fm->err[i]);
	html_raw(o, "</ul></div>");
}

void form_field(request *r, const form *fm, int i)
{
	const field *f = &fm->f[i];
	buf *o = &r->out;
	lang l = r->lang;
	const char *dir = f->lang ? (strcmp(f->lang, "ar") ? "ltr" : "rtl") : "auto";
	if (f->kind == F_EMAIL || f->kind == F_PHONE || f->kind == F_CODE || f->kind == F_DATE ||
	    f->kind == F_INT)
		dir = "ltr";
	html_printf(o, "<div class=\"field%s\">", fm->err[i] ? " invalid" : "");
	if (f->kind == F_CHECK) {
		html_printf(
			o,
			"<label class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"",
			f->name, f->name);
		if (!strcmp(fm->val[i], "1"))
			html_raw(o, " checked");
		html_printf(o, "> %s</label></div>", tr(l, f->label));
		return;
	}
	html_printf(o, "<label for=\"f-%s\">%s", f->name, tr(l, f->label));
	if (f->required)
		html_printf(o, " <span class=\"req\">(%s)</span>", tr(l, "required"));
	html_raw(o, "</label>");
	switch (f->kind) {
	case F_TEXTAREA:
		html_printf(
			o,
			"<textarea id=\"f-%s\" name=\"%s\" rows=\"3\" dir=\"%s\" maxlength=\"%ld\"",
			f->name, f->name, dir, f->max);
		break;
	case F_SELECT:
		html_printf(o, "<select id=\"f-%s\" name=\"%s\"", f->name, f->name);
		break;
	default: {
		const char *type = f->kind == F_INT	? "number"
				   : f->kind == F_DATE	? "date"
				   : f->kind == F_EMAIL ? "email"
				   : f->kind == F_PHONE ? "tel"
							: "text";
		html_printf(o, "<input type=\"%s\" id=\"f-%s\" name=\"%s\" dir=\"%s\" value=\"%s\"",
			    type, f->name, f->name, dir, fm->val[i]);
		if (f->kind == F_INT)
			html_printf(o, " min=\"%ld\" max=\"%ld\" step=\"1\"", f->min, f->max);
		else if (f->max && f->kind != F_DATE)
			html_printf(o, " maxlength=\"%ld\"", f->max);
	}
	}
	if (f->lang)
		html_printf(o, " lang=\"%s\"", f->lang);
	if (f->required)
		html_raw(o, " required");
	if (fm->err[i])
		html_printf(o, " aria-invalid=\"true\" aria-describedby=\"f-%s-err\"", f->name);
	html_raw(o, ">");
	if (f->kind == F_TEXTAREA) {
		html_printf(o, "%s</textarea>", fm->val[i]);
	} else if (f->kind == F_SELECT) {
		if (!f->required)
			html_printf(o, "<option value=\"\">%s</option>", tr(l, "(none)"));
		for (size_t k = 0; k < fm->nopts[i]; k++) {
			html_printf(o, "<option value=\"%s\"", fm->opts[i][k].value);
			if (!strcmp(fm->opts[i][k].value, fm->val[i]))
				html_raw(o, " selected");
			html_printf(o, ">%s</option>", fm->opts[i][k].label);
		}
		html_raw(o, "</select>");
	}
	if (fm->err[i])
		html_printf(o, "<p class=\"field-error\" id=\"f-%s-err\">%s</p>", f->name,
			    fm->err[i]);
	html_raw(o, "</div>");
}

void form_render(request *r, const form *fm)
{
	form_errors_summary(r, fm);
	for (int i = 0; i < fm->n; i++)
		form_field(r, fm, i);
}

void admin_begin(request *r, const char *title)
{
	page_begin(r, title, 0);
	html_printf(&r->out, "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"%s\">%s</a></nav>",
		    tr(r->lang, "Breadcrumb"), site_href(r, "/admin"), tr(r->lang, "Back office"));
	admin_flash(r);
}

void admin_flash(request *r)
{
	const char *done = req_query(r, "done");
	const char *msg = NULL;
	lang l = r->lang;
	if (!done)
		return;
	if (!strcmp(done, "saved"))
		msg = tr(l, "Saved.");
	else if (!strcmp(done, "created"))
		msg = tr(l, "Created.");
	else if (!strcmp(done, "deleted"))
		msg = tr(l, "Deleted.");
	else if (!strcmp(done, "invited"))
		msg = tr(l, "Invitation created. The message is in the outbox.");
	else if (!strcmp(done, "logo"))
		msg = tr(l, "Logo saved.");
	else if (!strcmp(done, "sent"))
		msg = tr(l, "Marked as sent.");
	else if (!strcmp(done, "signedin"))
		msg = tr(l, "You are signed in.");
	else if (!strcmp(done, "current"))
		msg = tr(l, "The public site now shows this edition.");
	if (msg)
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", msg);
}

void admin_edition_nav(request *r, int64_t ed, const char *current)
{
	static const struct {
		const char *path, *label;
	} parts[] = {
		{ "", N_("Edition") },
		{ "/spaces", N_("Spaces") },
		{ "/organisations", N_("Organiser and partners") },
		{ "/categories", N_("Prize categories") },
	};
	lang l = r->lang;
	html_printf(&r->out, "<nav class=\"tabs\" aria-label=\"%s\"><ul>",
		    tr(l, "Parts of the edition"));
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!strcmp(current, parts[i].path))
			html_printf(&r->out, "<li><span aria-current=\"page\">%s</span></li>",
				    tr(l, parts[i].label));
		else
			html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>",
				    site_href(r, "/admin/editions/%lld%s", (long long)ed,
					      parts[i].path),
				    tr(l, parts[i].label));
	}
	html_raw(&r->out, "</ul></nav>");
}

const char *admin_save_error(request *r, cf_err e)
{
	lang l = r->lang;
	r->status = http_status(e);
	switch (e) {
	case CF_ERR_CONFLICT:
		return tr(
			l,
			"This conflicts with existing data (a code, name or number already in use, or other records still refer to it). Nothing was changed.");
	case CF_ERR_NOTFOUND:
		return tr(l, "This record no longer exists. Nothing was changed.");
	case CF_ERR_PERM:
		return tr(l, "This change is not allowed. Nothing was changed.");
	case CF_ERR_INVALID:
		return tr(l, "Some values are not valid. Nothing was changed.");
	default:
		return tr(
			l,
			"The server could not save this. Nothing was changed. Try again in a moment.");
	}
}
