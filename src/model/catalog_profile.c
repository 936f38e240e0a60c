/* catalog_profile.c - see catalog.h: profiles, their photos, hiding. */
#include "../html/html.h"
#include "account.h"
#include "audit.h"
#include "catalog.h"
#include "registry_app.h"
#include "registry_text.h"
#include "rows.h"
#include "../util/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* N_ marks a message id translated later (tr() in registry_notify). */
#define N_(s) (s)

static const char SQL_PROFILE[] =
	"SELECT about_ar, about_fr, products_ar, products_fr, phone, phone_public, whatsapp, email, "
	"email_public, web, web_public, about_hidden, is_sample FROM catalog_profile "
	"WHERE cooperative_id = ?";
static const char SQL_COOP_PRODUCTS[] =
	"SELECT products_ar, products_fr, is_sample FROM cooperative WHERE id = ?";
static const char SQL_PHOTOS[] = "SELECT photo_id, hidden FROM catalog_photo "
				 "WHERE cooperative_id = ? ORDER BY position, photo_id";
static const char SQL_UPLOADED[] =
	"SELECT p.id FROM application_photo p JOIN application a ON a.id = p.application_id "
	"WHERE a.cooperative_id = ? ORDER BY p.id";
static const char SQL_UPSERT[] =
	"INSERT INTO catalog_profile (cooperative_id, about_ar, about_fr, products_ar, products_fr, "
	"phone, phone_public, whatsapp, email, email_public, web, web_public, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
	"ON CONFLICT (cooperative_id) DO UPDATE SET about_ar = ?2, about_fr = ?3, "
	"products_ar = ?4, products_fr = ?5, phone = ?6, phone_public = ?7, whatsapp = ?8, "
	"email = ?9, email_public = ?10, web = ?11, web_public = ?12, updated_at = ?13";
static const char SQL_HIDDEN_OF[] =
	"SELECT photo_id FROM catalog_photo WHERE cooperative_id = ? AND hidden = 1";
static const char SQL_PHOTOS_CLEAR[] = "DELETE FROM catalog_photo WHERE cooperative_id = ?";
static const char SQL_PHOTO_ADD[] =
	"INSERT INTO catalog_photo (cooperative_id, photo_id, position, hidden) VALUES (?, ?, ?, ?)";
static const char SQL_HIDE_PHOTO[] =
	"UPDATE catalog_photo SET hidden = 1 WHERE cooperative_id = ? AND photo_id = ?";
static const char SQL_HIDE_TEXT[] =
	"UPDATE catalog_profile SET about_hidden = 1 WHERE cooperative_id = ?";
static const char SQL_PHOTO_PUBLIC[] =
	"SELECT p.mime, p.data FROM catalog_photo cp JOIN application_photo p ON p.id = cp.photo_id "
	"WHERE cp.photo_id = ? AND cp.hidden = 0 AND EXISTS (SELECT 1 FROM exhibitor x "
	"JOIN edition e ON e.id = x.edition_id WHERE x.cooperative_id = cp.cooperative_id "
	"AND e.state <> 'draft')";
static const char SQL_EDITIONS[] =
	"SELECT e.slug, e.name_ar, e.name_fr, e.name_en, e.starts_on FROM exhibitor x "
	"JOIN edition e ON e.id = x.edition_id WHERE x.cooperative_id = ? AND e.state <> 'draft' "
	"ORDER BY e.starts_on DESC, e.id DESC";

static const char *dup(arena *a, db_stmt *s, int col)
{
	return arena_strdup(a, db_col_text(s, col));
}

static void defaults(catalog_profile *p, int64_t coop_id)
{
	memset(p, 0, sizeof *p);
	p->coop_id = coop_id;
	p->about_ar = p->about_fr = p->products_ar = p->products_fr = "";
	p->phone = p->email = p->web = "";
}

cf_err catalog_profile_own(arena *a, int64_t coop_id, catalog_profile *p)
{
	defaults(p, coop_id);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_PROFILE);
	db_bind_int(s, 1, coop_id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		p->exists = 1;
		p->about_ar = dup(a, s, 0);
		p->about_fr = dup(a, s, 1);
		p->products_ar = dup(a, s, 2);
		p->products_fr = dup(a, s, 3);
		p->phone = dup(a, s, 4);
		p->phone_public = (int)db_col_int(s, 5);
		p->whatsapp = (int)db_col_int(s, 6);
		p->email = dup(a, s, 7);
		p->email_public = (int)db_col_int(s, 8);
		p->web = dup(a, s, 9);
		p->web_public = (int)db_col_int(s, 10);
		p->about_hidden = (int)db_col_int(s, 11);
		p->is_sample = (int)db_col_int(s, 12);
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	s = db_prepare(d, SQL_PHOTOS);
	db_bind_int(s, 1, coop_id);
	while (p->nphotos < CATALOG_PHOTOS_MAX && (rc = db_step(s)) == DB_ROW) {
		p->photo_ids[p->nphotos] = db_col_int(s, 0);
		p->photo_hidden[p->nphotos] = (int)db_col_int(s, 1);
		p->nphotos++;
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

void catalog_publicise(catalog_profile *p)
{
	if (!p->phone_public)
		p->phone = "", p->whatsapp = 0;
	if (!p->email_public)
		p->email = "";
	if (!p->web_public)
		p->web = "";
	if (p->about_hidden)
		p->about_ar = p->about_fr = p->products_ar = p->products_fr = "";
	int k = 0;
	for (int i = 0; i < p->nphotos; i++)
		if (!p->photo_hidden[i])
			p->photo_ids[k++] = p->photo_ids[i];
	for (int i = k; i < p->nphotos; i++)
		p->photo_ids[i] = 0, p->photo_hidden[i] = 0;
	p->nphotos = k;
}

cf_err catalog_profile_public(arena *a, int64_t coop_id, catalog_profile *p)
{
	cf_err e = catalog_profile_own(a, coop_id, p);
	if (e)
		return e;
	catalog_publicise(p);
	if (!*p->products_ar || !*p->products_fr) {
		db_stmt *s = db_prepare(db_thread(), SQL_COOP_PRODUCTS);
		db_bind_int(s, 1, coop_id);
		int rc = db_step(s);
		if (rc == DB_ROW) {
			if (!*p->products_ar)
				p->products_ar = dup(a, s, 0);
			if (!*p->products_fr)
				p->products_fr = dup(a, s, 1);
		}
		db_done(s);
		if (rc == DB_ERR)
			return CF_ERR_DB;
	}
	return CF_OK;
}

cf_err catalog_uploaded(arena *a, int64_t coop_id, int64_t **ids, size_t *n)
{
	*n = 0;
	*ids = arena_alloc(a, CATALOG_UPLOADED_MAX * sizeof **ids);
	db_stmt *s = db_prepare(db_thread(), SQL_UPLOADED);
	db_bind_int(s, 1, coop_id);
	int rc;
	while (*n < CATALOG_UPLOADED_MAX && (rc = db_step(s)) == DB_ROW)
		(*ids)[(*n)++] = db_col_int(s, 0);
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* trimmed copy of s (spaces at both ends), NULL as "" */
static const char *trim(arena *a, const char *s)
{
	if (!s)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

/* A phone: digits (Arabic-Indic ones folded), spaces, dashes, dots, one
 * leading '+'; 8 to 15 digits. Written back folded. */
static int phone_ok(arena *a, const char **phone)
{
	char folded[64];
	if (strlen(*phone) > 40)
		return 0;
	registry_digits(*phone, folded, sizeof folded);
	int digits = 0;
	for (const char *c = folded; *c; c++) {
		if (isdigit((unsigned char)*c))
			digits++;
		else if (!(*c == ' ' || *c == '-' || *c == '.' || (*c == '+' && c == folded)))
			return 0;
	}
	*phone = arena_strdup(a, folded);
	return digits >= 8 && digits <= 15;
}

static int web_ok(const char *w)
{
	if (strncmp(w, "https://", 8) && strncmp(w, "http://", 7))
		return 0;
	if (strlen(w) > 200)
		return 0;
	for (const char *c = w; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == '"' || *c == '<' || *c == '>' || *c == '\\')
			return 0;
	return strlen(w) > 10;
}

catalog_field catalog_check(arena *a, catalog_profile *p)
{
	p->about_ar = trim(a, p->about_ar);
	p->about_fr = trim(a, p->about_fr);
	p->products_ar = trim(a, p->products_ar);
	p->products_fr = trim(a, p->products_fr);
	p->phone = trim(a, p->phone);
	p->email = trim(a, p->email);
	p->web = trim(a, p->web);
	if (strlen(p->about_ar) > CATALOG_ABOUT_MAX || strlen(p->about_fr) > CATALOG_ABOUT_MAX)
		return CATALOG_BAD_ABOUT;
	if (strlen(p->products_ar) > CATALOG_PRODUCTS_MAX ||
	    strlen(p->products_fr) > CATALOG_PRODUCTS_MAX)
		return CATALOG_BAD_PRODUCTS;
	if ((*p->phone || p->phone_public) && !phone_ok(a, &p->phone))
		return CATALOG_BAD_PHONE;
	if (!*p->phone)
		p->whatsapp = 0;
	if ((*p->email || p->email_public) && !account_email_valid(p->email))
		return CATALOG_BAD_EMAIL;
	if ((*p->web || p->web_public) && !web_ok(p->web))
		return CATALOG_BAD_WEB;
	if (p->nphotos < 0 || p->nphotos > CATALOG_PHOTOS_MAX)
		return CATALOG_BAD_PHOTOS;
	int64_t *up;
	size_t nup = 0;
	if (catalog_uploaded(a, p->coop_id, &up, &nup))
		return CATALOG_BAD_PHOTOS;
	for (int i = 0; i < p->nphotos; i++) {
		int mine = 0;
		for (size_t k = 0; k < nup; k++)
			mine |= up[k] == p->photo_ids[i];
		for (int j = 0; j < i; j++)
			if (p->photo_ids[j] == p->photo_ids[i])
				return CATALOG_BAD_PHOTOS;
		if (!mine)
			return CATALOG_BAD_PHOTOS;
	}
	return CATALOG_OK;
}

cf_err catalog_save(arena *a, int64_t actor, catalog_profile *p)
{
	if (catalog_check(a, p) != CATALOG_OK)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	char now[32];
	clock_now_iso(now);
	db_stmt *s = db_prepare(d, SQL_UPSERT);
	db_bind_int(s, 1, p->coop_id);
	db_bind_text(s, 2, p->about_ar);
	db_bind_text(s, 3, p->about_fr);
	db_bind_text(s, 4, p->products_ar);
	db_bind_text(s, 5, p->products_fr);
	db_bind_text(s, 6, p->phone);
	db_bind_int(s, 7, p->phone_public);
	db_bind_int(s, 8, p->whatsapp);
	db_bind_text(s, 9, p->email);
	db_bind_int(s, 10, p->email_public);
	db_bind_text(s, 11, p->web);
	db_bind_int(s, 12, p->web_public);
	db_bind_text(s, 13, now);
	e = db_run(s);
	/* the committee's hidden photos stay hidden when kept */
	int64_t hidden[CATALOG_UPLOADED_MAX];
	int nh = 0;
	if (!e) {
		s = db_prepare(d, SQL_HIDDEN_OF);
		db_bind_int(s, 1, p->coop_id);
		int rc;
		while ((rc = db_step(s)) == DB_ROW && nh < CATALOG_UPLOADED_MAX)
			hidden[nh++] = db_col_int(s, 0);
		db_done(s);
		if (rc == DB_ERR)
			e = CF_ERR_DB;
	}
	if (!e) {
		s = db_prepare(d, SQL_PHOTOS_CLEAR);
		db_bind_int(s, 1, p->coop_id);
		e = db_run(s);
	}
	for (int i = 0; i < p->nphotos && !e; i++) {
		int h = 0;
		for (int k = 0; k < nh; k++)
			h |= hidden[k] == p->photo_ids[i];
		s = db_prepare(d, SQL_PHOTO_ADD);
		db_bind_int(s, 1, p->coop_id);
		db_bind_int(s, 2, p->photo_ids[i]);
		db_bind_int(s, 3, i);
		db_bind_int(s, 4, h);
		e = db_run(s);
	}
	if (!e) {
		/* the audit says what is public, never the private values */
		char after[160];
		snprintf(after, sizeof after,
			 "{\"phone_public\":%d,\"whatsapp\":%d,\"email_public\":%d,"
			 "\"web_public\":%d,\"photos\":%d}",
			 p->phone_public, p->whatsapp, p->email_public, p->web_public, p->nphotos);
		e = audit_record(actor, "catalog.profile.save", "cooperative", p->coop_id, NULL,
				 after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err catalog_hide(int64_t actor, int64_t edition_id, int64_t coop_id, int64_t photo_id,
		    const char *reason)
{
	if (!reason || !*reason || strlen(reason) > 1000)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, photo_id ? SQL_HIDE_PHOTO : SQL_HIDE_TEXT);
	db_bind_int(s, 1, coop_id);
	if (photo_id)
		db_bind_int(s, 2, photo_id);
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e) {
		buf j;
		buf_init(&j, 4096);
		char head[64];
		snprintf(head, sizeof head, "{\"photo_id\":%lld,\"reason\":", (long long)photo_id);
		buf_puts(&j, head);
		json_str(&j, reason);
		buf_puts(&j, "}");
		e = audit_record(actor, photo_id ? "catalog.photo.hide" : "catalog.text.hide",
				 "cooperative", coop_id, NULL, buf_cstr(&j));
		buf_free(&j);
	}
	if (!e)
		e = registry_notify(
			coop_id, edition_id, N_("Your catalogue profile, %s"),
			photo_id ? N_("The organising committee hid a photo of your catalogue "
				      "profile.%s")
				 : N_("The organising committee hid the texts of your catalogue "
				      "profile.%s"),
			NULL, reason);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err catalog_photo_public(arena *a, int64_t photo_id, const void **data, size_t *len,
			    const char **mime)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PHOTO_PUBLIC);
	db_bind_int(s, 1, photo_id);
	int rc = db_step(s);
	cf_err e = rc == DB_ROW ? CF_OK : rc == DB_ERR ? CF_ERR_DB : CF_ERR_NOTFOUND;
	if (!e) {
		*mime = dup(a, s, 0);
		const void *p = db_col_blob(s, 1, len);
		void *copy = arena_alloc(a, *len + 1);
		if (*len)
			memcpy(copy, p, *len);
		*data = copy;
	}
	db_done(s);
	return e;
}

cf_err catalog_editions(arena *a, int64_t coop_id, int max, catalog_edition **out, size_t *n)
{
	*n = 0;
	*out = arena_alloc(a, (size_t)(max > 0 ? max : 1) * sizeof **out);
	db_stmt *s = db_prepare(db_thread(), SQL_EDITIONS);
	db_bind_int(s, 1, coop_id);
	int rc;
	while (*n < (size_t)max && (rc = db_step(s)) == DB_ROW) {
		catalog_edition *c = &(*out)[(*n)++];
		c->slug = dup(a, s, 0);
		rows_text3(a, s, 1, &c->name);
		c->starts_on = dup(a, s, 4);
	}
	db_done(s);
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

const char *catalog_whatsapp(arena *a, const char *phone)
{
	char d[32];
	size_t n = 0;
	for (const char *c = phone; *c && n < sizeof d - 1; c++)
		if (isdigit((unsigned char)*c))
			d[n++] = *c;
	d[n] = 0;
	if (n < 8)
		return NULL;
	if (n == 10 && d[0] == '0')
		return arena_printf(a, "212%s", d + 1);
	if (n > 2 && d[0] == '0' && d[1] == '0')
		return arena_strdup(a, d + 2);
	return arena_strdup(a, d);
}
