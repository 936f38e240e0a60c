/* admin.c - the back office's generic reads and audited writes; see admin.h. */
#include "admin.h"
#include "../db/db.h"
#include "access.h"
#include "rows.h"
#include "audit.h"
#include "role.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_REGIONS[] =
	"SELECT id, code, name_ar, name_fr, name_en FROM region ORDER BY id";
static const char SQL_PROVINCES[] =
	"SELECT id, code, name_ar, name_fr, name_fr FROM province ORDER BY region_id, name_fr";
static const char SQL_EDITIONS[] =
	"SELECT id, slug, name_ar, name_fr, name_en FROM edition ORDER BY starts_on DESC, id DESC";
static const char SQL_COOPS[] =
	"SELECT id, coalesce(reg_number, ''), name_ar, name_fr, name_fr FROM cooperative ORDER BY name_fr, id";
static const char SQL_EXHIBITS[] =
	"SELECT x.id, x.edition_id, x.category_id, e.name_fr, e.name_ar, c.code, c.name_ar, c.name_fr "
	"FROM exhibitor x "
	"JOIN edition e ON e.id = x.edition_id JOIN category c ON c.id = x.category_id "
	"WHERE x.cooperative_id = ? ORDER BY e.starts_on DESC";
static const char SQL_EXHIBIT_CHECK[] = "SELECT 1 FROM category WHERE id = ? AND edition_id = ?";
static const char SQL_EXHIBIT_ADD[] =
	"INSERT INTO exhibitor (edition_id, cooperative_id, category_id) VALUES (?, ?, ?)";
static const char SQL_EXHIBIT_GET[] =
	"SELECT cooperative_id, edition_id, category_id, coalesce(stand_id, 0) FROM exhibitor WHERE id = ?";
static const char SQL_EXHIBIT_DELETE[] = "DELETE FROM exhibitor WHERE id = ?";
static const char SQL_LOGO_SET[] =
	"INSERT INTO organisation_logo (organisation_id, content_type, data) VALUES (?, ?, ?) "
	"ON CONFLICT (organisation_id) DO UPDATE SET content_type = excluded.content_type, "
	"data = excluded.data, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char SQL_LOGO_GET[] =
	"SELECT content_type, data FROM organisation_logo WHERE organisation_id = ?";
static const char SQL_LOGO_OWNERS[] =
	"SELECT organisation_id FROM organisation_logo ORDER BY organisation_id";
static const char SQL_LOGO_HAS[] =
	"SELECT length(data) FROM organisation_logo WHERE organisation_id = ?";

static void read_rec(arena *a, const admin_kind *k, db_stmt *s, admin_rec *out)
{
	memset(out, 0, sizeof *out);
	out->id = db_col_int(s, 0);
	out->edition_id = db_col_int(s, 1);
	for (int i = 0; i < k->ncols; i++)
		out->v[i] = arena_strdup(a, db_col_text(s, 2 + i));
}

/* bind_rec - ?1 edition, ?2 id, ?3.. columns; integer columns as integers
 * (the pages validated them; a value that is not one binds as text and the
 * database's constraints refuse it). Statements that use fewer parameters
 * ignore the rest. */
static void bind_rec(db_stmt *s, const admin_kind *k, const admin_rec *rec)
{
	db_bind_int(s, 1, rec->edition_id);
	db_bind_int(s, 2, rec->id);
	for (int i = 0; i < k->ncols; i++) {
		const char *v = rec->v[i] ? rec->v[i] : "";
		char *end;
		long long n = strtoll(v, &end, 10);
		if (k->cols[i].is_int && *v && !*end)
			db_bind_int(s, 3 + i, n);
		else
			db_bind_text(s, 3 + i, v);
	}
}

cf_err admin_get(arena *a, const admin_kind *k, int64_t id, admin_rec *out)
{
	db_stmt *s = db_prepare(db_thread(), k->sql_get);
	db_bind_int(s, 2, id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		read_rec(a, k, s, out);
		e = CF_OK;
	}
	db_done(s);
	return e;
}

cf_err admin_list(arena *a, const admin_kind *k, int64_t edition_id, admin_rec **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), k->sql_list);
	db_bind_int(s, 1, edition_id);
	size_t n = 0, cap = 16;
	admin_rec *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		read_rec(a, k, s, &v[n++]);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

char *admin_rec_json(arena *a, const admin_kind *k, const admin_rec *rec)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(rec->id));
	if (rec->edition_id && strcmp(k->type, "edition"))
		json_object_set_new(o, "edition_id", json_integer(rec->edition_id));
	for (int i = 0; i < k->ncols; i++) {
		const char *v = rec->v[i] ? rec->v[i] : "";
		char *end;
		long long n = strtoll(v, &end, 10);
		if (k->cols[i].is_int && *v && !*end)
			json_object_set_new(o, k->cols[i].name, json_integer(n));
		else
			json_object_set_new(o, k->cols[i].name, json_string(v));
	}
	char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	char *copy = arena_strdup(a, text ? text : "{}");
	free(text);
	return copy;
}

static cf_err run_rec(db *d, const char *sql, const admin_kind *k, const admin_rec *rec)
{
	if (!sql)
		return CF_OK;
	db_stmt *s = db_prepare(d, sql);
	bind_rec(s, k, rec);
	return db_run(s);
}

cf_err admin_save(int64_t actor, const admin_kind *k, admin_rec *rec)
{
	arena *a = arena_new(1u << 20);
	db *d = db_thread();
	admin_rec before;
	int creating = rec->id == 0;
	cf_err e = db_begin(d);
	if (e)
		goto out;
	if (!creating) {
		e = admin_get(a, k, rec->id, &before);
		if (!e && strcmp(k->type, "edition") && strcmp(k->type, "cooperative"))
			rec->edition_id = before.edition_id; /* an object stays in its edition */
	}
	if (!e && creating) {
		e = run_rec(d, k->sql_insert, k, rec);
		if (!e) {
			rec->id = db_last_id(d);
			if (!strcmp(k->type, "edition"))
				rec->edition_id = rec->id;
			e = run_rec(d, k->sql_insert2, k, rec);
		}
	} else if (!e) {
		e = run_rec(d, k->sql_update, k, rec);
		if (!e)
			e = run_rec(d, k->sql_update2, k, rec);
	}
	if (!e)
		e = audit_record(actor,
				 arena_printf(a, "%s.%s", k->type, creating ? "create" : "update"),
				 k->type, rec->id, creating ? NULL : admin_rec_json(a, k, &before),
				 admin_rec_json(a, k, rec));
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		if (creating)
			rec->id = 0;
	}
out:
	arena_free(a);
	return e;
}

cf_err admin_delete(int64_t actor, const admin_kind *k, int64_t id)
{
	if (!k->sql_delete)
		return CF_ERR_PERM;
	arena *a = arena_new(1u << 20);
	db *d = db_thread();
	admin_rec before;
	cf_err e = db_begin(d);
	if (!e)
		e = admin_get(a, k, id, &before);
	if (!e)
		e = run_rec(d, k->sql_delete, k, &before);
	if (!e)
		e = audit_record(actor, arena_printf(a, "%s.delete", k->type), k->type, id,
				 admin_rec_json(a, k, &before), NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

static cf_err read_choices(arena *a, db_stmt *s, admin_choice **out, size_t *count)
{
	int rc = DB_DONE;
	size_t n = 0, cap = 16;
	admin_choice *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].id = db_col_int(s, 0);
		v[n].code = arena_strdup(a, db_col_text(s, 1));
		v[n].name_ar = arena_strdup(a, db_col_text(s, 2));
		v[n].name_fr = arena_strdup(a, db_col_text(s, 3));
		v[n].name_en = arena_strdup(a, db_col_text(s, 4));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err admin_regions(arena *a, admin_choice **out, size_t *count)
{
	return read_choices(a, db_prepare(db_thread(), SQL_REGIONS), out, count);
}

cf_err admin_provinces(arena *a, admin_choice **out, size_t *count)
{
	return read_choices(a, db_prepare(db_thread(), SQL_PROVINCES), out, count);
}

cf_err admin_editions(arena *a, admin_choice **out, size_t *count)
{
	return read_choices(a, db_prepare(db_thread(), SQL_EDITIONS), out, count);
}

cf_err admin_coop_choices(arena *a, admin_choice **out, size_t *count)
{
	return read_choices(a, db_prepare(db_thread(), SQL_COOPS), out, count);
}

cf_err admin_coop_exhibits(arena *a, int64_t coop_id, admin_exhibit **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_EXHIBITS);
	db_bind_int(s, 1, coop_id);
	size_t n = 0, cap = 8;
	admin_exhibit *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].id = db_col_int(s, 0);
		v[n].edition_id = db_col_int(s, 1);
		v[n].category_id = db_col_int(s, 2);
		v[n].edition_name_fr = arena_strdup(a, db_col_text(s, 3));
		v[n].edition_name_ar = arena_strdup(a, db_col_text(s, 4));
		v[n].category_code = arena_strdup(a, db_col_text(s, 5));
		v[n].category_name_ar = arena_strdup(a, db_col_text(s, 6));
		v[n].category_name_fr = arena_strdup(a, db_col_text(s, 7));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

static char *exhibit_json(arena *a, int64_t id, int64_t coop, int64_t ed, int64_t cat)
{
	return arena_printf(
		a, "{\"id\":%lld,\"cooperative_id\":%lld,\"edition_id\":%lld,\"category_id\":%lld}",
		(long long)id, (long long)coop, (long long)ed, (long long)cat);
}

cf_err admin_exhibit_add(int64_t actor, int64_t coop_id, int64_t edition_id, int64_t category_id,
			 int64_t *id)
{
	*id = 0;
	/* The edition comes from a form, not from the address: the router
	 * cannot check it, so the roles in that edition are checked here. */
	unsigned held = 0;
	if (access_roles_in(actor, edition_id, &held) || !(held & ROLES_ORGANISERS))
		return CF_ERR_PERM;
	db *d = db_thread();
	arena *a = arena_new(4096);
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_EXHIBIT_CHECK);
		db_bind_int(s, 1, category_id);
		db_bind_int(s, 2, edition_id);
		if (db_step(s) != DB_ROW)
			e = CF_ERR_INVALID;
		db_done(s);
	}
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_EXHIBIT_ADD);
		db_bind_int(s, 1, edition_id);
		db_bind_int(s, 2, coop_id);
		db_bind_int(s, 3, category_id);
		e = db_run(s);
	}
	if (!e) {
		*id = db_last_id(d);
		e = audit_record(actor, "exhibitor.create", "exhibitor", *id, NULL,
				 exhibit_json(a, *id, coop_id, edition_id, category_id));
	}
	if (!e)
		e = db_commit(d);
	if (e) {
		db_rollback(d);
		*id = 0;
	}
	arena_free(a);
	return e;
}

cf_err admin_exhibit_delete(int64_t actor, int64_t exhibitor_id, int64_t *coop_id)
{
	db *d = db_thread();
	arena *a = arena_new(4096);
	int64_t ed = 0, cat = 0;
	*coop_id = 0;
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_EXHIBIT_GET);
		db_bind_int(s, 1, exhibitor_id);
		if (db_step(s) == DB_ROW) {
			*coop_id = db_col_int(s, 0);
			ed = db_col_int(s, 1);
			cat = db_col_int(s, 2);
		} else {
			e = CF_ERR_NOTFOUND;
		}
		db_done(s);
	}
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_EXHIBIT_DELETE);
		db_bind_int(s, 1, exhibitor_id);
		e = db_run(s);
	}
	if (!e)
		e = audit_record(actor, "exhibitor.delete", "exhibitor", exhibitor_id,
				 exhibit_json(a, exhibitor_id, *coop_id, ed, cat), NULL);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

const char *logo_kind(const void *data, size_t n)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const unsigned char *p = data;
	if (n >= 8 + 25 && !memcmp(p, png, 8) && !memcmp(p + 12, "IHDR", 4))
		return "image/png";
	if (n >= 4 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff && p[n - 2] == 0xff &&
	    p[n - 1] == 0xd9)
		return "image/jpeg";
	return NULL;
}

cf_err logo_set(int64_t actor, int64_t org_id, const void *data, size_t n)
{
	if (n > LOGO_MAX)
		return CF_ERR_TOOBIG;
	const char *type = logo_kind(data, n);
	if (!type)
		return CF_ERR_INVALID;
	db *d = db_thread();
	arena *a = arena_new(4096);
	cf_err e = db_begin(d);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_LOGO_SET);
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, type);
		db_bind_blob(s, 3, data, n);
		e = db_run(s);
	}
	if (!e)
		e = audit_record(
			actor, "organisation.logo", "organisation", org_id, NULL,
			arena_printf(a, "{\"logo_type\":\"%s\",\"logo_bytes\":%zu}", type, n));
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

cf_err logo_get(arena *a, int64_t org_id, const void **data, size_t *n, const char **type)
{
	db_stmt *s = db_prepare(db_thread(), SQL_LOGO_GET);
	db_bind_int(s, 1, org_id);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		*type = arena_strdup(a, db_col_text(s, 0));
		const void *p = db_col_blob(s, 1, n);
		void *copy = arena_alloc(a, *n ? *n : 1);
		if (*n)
			memcpy(copy, p, *n);
		*data = copy;
		e = CF_OK;
	}
	db_done(s);
	return e;
}

static cf_err read_logo_owners(arena *a, int64_t **ids, size_t *n)
{
	db_stmt *s = db_prepare(db_thread(), SQL_LOGO_OWNERS);
	size_t k = 0, cap = 8;
	int64_t *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, k, &cap, sizeof *v);
		v[k++] = db_col_int(s, 0);
	}
	db_done(s);
	*ids = v;
	*n = k;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

/* logo_owners - through the memo (rows.h): the home page shows the logos. */
cf_err logo_owners(arena *a, int64_t **ids, size_t *n)
{
	if (rows_memo_get(a, SQL_LOGO_OWNERS, 0, sizeof **ids, (void **)ids, n))
		return CF_OK;
	arena *ma = db_memo_arena(db_thread(), a);
	cf_err e = read_logo_owners(ma, ids, n);
	if (e) {
		db_memo_drop(ma, a);
		*ids = arena_alloc(a, sizeof **ids);
		*n = 0;
		return e;
	}
	rows_memo_keep(a, ma, SQL_LOGO_OWNERS, 0, sizeof **ids, (void **)ids, *n);
	return CF_OK;
}

int logo_has(int64_t org_id)
{
	db_stmt *s = db_prepare(db_thread(), SQL_LOGO_HAS);
	db_bind_int(s, 1, org_id);
	int has = db_step(s) == DB_ROW;
	db_done(s);
	return has;
}
