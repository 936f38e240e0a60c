/* edition_mail.c - the mail about a cooperative's application as the
 * committee words it, per language (edition.h, "mail templates").
 *
 * A template is a subject and a text with placeholders in braces:
 *   {cooperative} the cooperative's name      {fair}   the edition's name
 *   {news}        what happened (required)     {reason} the committee's reason,
 *   {link}        the address of /my                    or nothing
 * The built-in template of a language is made of the same translated
 * messages registry_notify always sent, so a fair that never edits its
 * templates sends exactly what it did; the committee's text for a
 * language, once saved, replaces it for that language only. */
#include "../db/db.h"
#include "../i18n/i18n.h"
#include "audit.h"
#include "edition.h"
#include "setting.h"
#include "../util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_(s) (s) /* msgids the page translates */

static const char SQL_GET[] =
	"SELECT subject, body FROM mail_template WHERE kind = 'application' AND lang = ?";
static const char SQL_SAVE[] =
	"INSERT INTO mail_template (kind, lang, subject, body, updated_at, updated_by) "
	"VALUES ('application', ?, ?, ?, ?, ?) ON CONFLICT (kind, lang) DO UPDATE SET "
	"subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at, "
	"updated_by = excluded.updated_by";
static const char SQL_RESET[] = "DELETE FROM mail_template WHERE kind = 'application' AND lang = ?";

static const char *const placeholders[] = { "cooperative", "fair", "news", "reason", "link" };
#define NPLACE (sizeof placeholders / sizeof *placeholders)

/* with_place - the translated message with its one "%s" replaced by
 * "{name}" (never used as a printf format). */
static const char *with_place(arena *a, const char *msg, const char *name)
{
	const char *p = strstr(msg, "%s");
	if (!p)
		return msg;
	return arena_printf(a, "%.*s{%s}%s", (int)(p - msg), msg, name, p + 2);
}

void edition_mail_default(arena *a, lang l, const char **subject, const char **body)
{
	*subject = with_place(a, tr(l, "Your application to %s"), "fair");
	*body = arena_printf(
		a, "%s\n\n{news}\n\n{reason}\n\n%s\n\n%s",
		with_place(a, tr(l, "To the members of %s,"), "cooperative"),
		with_place(
			a,
			tr(l, "You can follow your application on %s, under \"My cooperative\"."),
			"link"),
		with_place(a, tr(l, "The organising committee, %s"), "fair"));
}

cf_err edition_mail_get(arena *a, lang l, const char **subject, const char **body, int *custom)
{
	db_stmt *s = db_prepare(db_thread(), SQL_GET);
	db_bind_text(s, 1, lang_code(l));
	int rc = db_step(s);
	*custom = rc == DB_ROW;
	if (*custom) {
		*subject = arena_strdup(a, db_col_text(s, 0));
		*body = arena_strdup(a, db_col_text(s, 1));
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	if (!*custom)
		edition_mail_default(a, l, subject, body);
	return CF_OK;
}

/* place_at - the placeholder named at p ("{name}"): its index, -1 for an
 * unknown one; *len gets the length of the braces and name. */
static int place_at(const char *p, size_t *len)
{
	const char *end = strchr(p, '}');
	*len = end ? (size_t)(end - p) + 1 : strlen(p);
	for (size_t i = 0; end && i < NPLACE; i++)
		if (strlen(placeholders[i]) == *len - 2 &&
		    !strncmp(p + 1, placeholders[i], *len - 2))
			return (int)i;
	return -1;
}

const char *edition_mail_check(arena *a, const char *subject, const char *body, const char **what)
{
	*what = "";
	if (!*subject || !*body)
		return N_("Write a subject and a text.");
	if (strlen(subject) > EDITION_MAIL_SUBJECT_MAX || strlen(body) > EDITION_MAIL_BODY_MAX)
		return N_("A subject is at most 200 characters, a text 5000.");
	if (strpbrk(subject, "\r\n"))
		return N_("The subject is one line.");
	const char *texts[2] = { subject, body };
	for (int t = 0; t < 2; t++)
		for (const char *p = texts[t]; (p = strpbrk(p, "{}"));) {
			size_t n;
			if (*p == '}' || place_at(p, &n) < 0) {
				size_t m = *p == '}' ? 1 : n;
				*what = arena_strndup(a, p, m > 40 ? 40 : m);
				return N_("Unknown placeholder %s: use only {cooperative}, {fair}, "
					  "{news}, {reason} and {link}.");
			}
			p += n;
		}
	if (!strstr(body, "{news}"))
		return N_("The text must contain {news}: it is what the message is about.");
	return NULL;
}

char *edition_mail_render(arena *a, const char *tmpl, const edition_mail_vars *v)
{
	const char *val[NPLACE] = { v->cooperative, v->fair, v->news, v->reason, v->link };
	size_t cap = 1;
	for (const char *p = tmpl; *p;) { /* the exact size first */
		size_t n;
		int k = *p == '{' ? place_at(p, &n) : -1;
		cap += k >= 0 ? (val[k] ? strlen(val[k]) : 0) : 1;
		p += k >= 0 ? n : 1;
	}
	char *out = arena_alloc(a, cap), *w = out;
	for (const char *p = tmpl; *p;) {
		size_t n;
		int k = *p == '{' ? place_at(p, &n) : -1;
		if (k >= 0) {
			size_t vl = val[k] ? strlen(val[k]) : 0;
			memcpy(w, val[k] ? val[k] : "", vl);
			w += vl;
			p += n;
		} else
			*w++ = *p++;
	}
	*w = 0;
	/* an empty {reason} leaves no run of blank lines, nor trailing space */
	char *r = out, *q = out;
	int nl = 0;
	for (; *r; r++) {
		nl = *r == '\n' ? nl + 1 : 0;
		if (nl <= 2)
			*q++ = *r;
	}
	while (q > out && (q[-1] == '\n' || q[-1] == ' '))
		q--;
	*q = 0;
	return out;
}

cf_err edition_mail_compose(arena *a, lang l, const edition_mail_vars *v, const char **subject,
			    const char **body)
{
	const char *st, *bt;
	int custom;
	cf_err e = edition_mail_get(a, l, &st, &bt, &custom);
	if (e)
		return e;
	char *subj = edition_mail_render(a, st, v);
	for (char *p = subj; *p; p++) /* a value with a line break stays on the subject's line */
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	*subject = subj;
	*body = edition_mail_render(a, bt, v);
	return CF_OK;
}

const char *edition_site_link(arena *a, const char *path)
{
	const char *b = setting_get(a, "base_url");
	if (!b || !*b)
		b = getenv("COOPFAIR_BASE_URL");
	if (!b || (strncmp(b, "http://", 7) && strncmp(b, "https://", 8)) || strlen(b) > 200)
		return NULL;
	size_t n = strlen(b);
	while (n && b[n - 1] == '/')
		n--;
	return arena_printf(a, "%.*s%s", (int)n, b, path);
}

const char *edition_mail_link(arena *a)
{
	return edition_site_link(a, "/my");
}

const char *edition_mail_reason(arena *a, lang l, const char *reason)
{
	if (!reason || !*reason)
		return "";
	return arena_printf(a, "%s\n%s", tr(l, "The committee's reason:"),
			    text_pick(reason, l, arena_alloc(a, 1000), 1000));
}

cf_err edition_mail_save(int64_t actor, lang l, const char *subject, const char *body)
{
	arena *a = arena_new(64 * 1024);
	const char *what;
	if (edition_mail_check(a, subject, body, &what)) {
		arena_free(a);
		return CF_ERR_INVALID;
	}
	db *d = db_thread();
	char at[32];
	clock_now_iso(at);
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_SAVE);
		db_bind_text(s, 1, lang_code(l));
		db_bind_text(s, 2, subject);
		db_bind_text(s, 3, body);
		db_bind_text(s, 4, at);
		if (actor)
			db_bind_int(s, 5, actor);
		else
			db_bind_null(s, 5);
		e = db_run(s);
	}
	if (!e)
		e = audit_record(actor, "mail.template", "mail_template", 0, NULL,
				 arena_printf(a, "{\"lang\":\"%s\"}", lang_code(l)));
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

cf_err edition_mail_reset(int64_t actor, lang l)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_RESET);
		db_bind_text(s, 1, lang_code(l));
		e = db_run(s);
	}
	if (!e) {
		char after[40];
		snprintf(after, sizeof after, "{\"lang\":\"%s\",\"reset\":1}", lang_code(l));
		e = audit_record(actor, "mail.template", "mail_template", 0, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}
