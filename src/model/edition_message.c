/* edition_message.c - a message from the committee to a chosen group of
 * an edition's cooperatives; see edition.h. */
#include "../db/db.h"
#include "../i18n/i18n.h"
#include "audit.h"
#include "edition.h"
#include "outbox.h"
#include "rows.h"

#include <stdio.h>
#include <string.h>

static const char *const group_codes[GROUP__MAX] = { "exhibitors", "category", "no_stand",
						     "applicants" };

const char *edition_group_code(edition_group g)
{
	return g < GROUP__MAX ? group_codes[g] : "";
}

int edition_group_parse(const char *code)
{
	for (int i = 0; code && i < GROUP__MAX; i++)
		if (!strcmp(code, group_codes[i]))
			return i;
	return -1;
}

/* ?2 the group's code, ?3 the category (GROUP_CATEGORY). */
static const char SQL_COOPS[] =
	"SELECT c.id, c.name_ar, c.name_fr, COALESCE(c.email, '') FROM cooperative c "
	"WHERE c.id IN (SELECT x.cooperative_id FROM exhibitor x WHERE x.edition_id = ?1 "
	"AND ?2 IN ('exhibitors', 'category', 'no_stand') AND (?2 <> 'no_stand' OR x.stand_id IS NULL) "
	"AND (?2 <> 'category' OR x.category_id = ?3) "
	"UNION SELECT a.cooperative_id FROM application a WHERE a.edition_id = ?1 AND ?2 = 'applicants' "
	"AND a.status <> 'draft') ORDER BY c.name_fr, c.id";
static const char SQL_ACCOUNTS[] =
	"SELECT email, lang FROM account WHERE cooperative_id = ? AND disabled = 0 ORDER BY id LIMIT 10";

cf_err edition_group_recipients(arena *a, int64_t edition_id, edition_group g, int64_t category_id,
				edition_recipient **out, size_t *count)
{
	db *d = db_thread();
	struct coop {
		int64_t id;
		const char *ar, *fr, *email;
	} * c;
	size_t nc = 0, ccap = 32;
	c = arena_alloc(a, ccap * sizeof *c);
	db_stmt *s = db_prepare(d, SQL_COOPS);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, edition_group_code(g));
	db_bind_int(s, 3, category_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		c = rows_grow(a, c, nc, &ccap, sizeof *c);
		c[nc].id = db_col_int(s, 0);
		c[nc].ar = arena_strdup(a, db_col_text(s, 1));
		c[nc].fr = arena_strdup(a, db_col_text(s, 2));
		c[nc].email = arena_strdup(a, db_col_text(s, 3));
		nc++;
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	size_t n = 0, cap = 32;
	edition_recipient *v = arena_alloc(a, cap * sizeof *v);
	for (size_t i = 0; i < nc; i++) {
		size_t before = n;
		s = db_prepare(d, SQL_ACCOUNTS);
		db_bind_int(s, 1, c[i].id);
		while ((rc = db_step(s)) == DB_ROW) {
			v = rows_grow(a, v, n, &cap, sizeof *v);
			const char *lg = db_col_text(s, 1);
			v[n++] = (edition_recipient){ arena_strdup(a, db_col_text(s, 0)),
						      !strcmp(lg, "fr")	  ? "fr"
						      : !strcmp(lg, "en") ? "en"
									  : "ar",
						      c[i].ar, c[i].fr };
		}
		db_done(s);
		if (rc == DB_ERR)
			return CF_ERR_DB;
		if (n == before && *c[i].email) {
			v = rows_grow(a, v, n, &cap, sizeof *v);
			v[n++] = (edition_recipient){ c[i].email, "ar", c[i].ar, c[i].fr };
		}
	}
	*out = v;
	*count = n;
	return CF_OK;
}

cf_err edition_group_send(int64_t actor, int64_t edition_id, edition_group g, int64_t category_id,
			  const text3 *subject, const text3 *body, int *sent)
{
	*sent = 0;
	if (g >= GROUP__MAX)
		return CF_ERR_INVALID;
	arena *a = arena_new(4u << 20);
	edition_recipient *to;
	size_t n = 0;
	cf_err e = edition_group_recipients(a, edition_id, g, category_id, &to, &n);
	for (size_t i = 0; i < n && !e; i++) {
		int l = lang_parse(to[i].lang);
		if (l < 0 || !subject->v[l] || !*subject->v[l] || !body->v[l] || !*body->v[l])
			e = CF_ERR_INVALID;
	}
	db *d = db_thread();
	if (!e)
		e = db_begin(d);
	if (e) {
		arena_free(a);
		return e;
	}
	for (size_t i = 0; i < n && !e; i++) {
		int l = lang_parse(to[i].lang);
		e = outbox_enqueue(to[i].email, subject->v[l], body->v[l], NULL);
	}
	if (!e) {
		char after[128];
		snprintf(after, sizeof after, "{\"group\":\"%s\",\"category\":%lld,\"sent\":%zu}",
			 edition_group_code(g), (long long)category_id, n);
		e = audit_record(actor, "message.group", "edition", edition_id, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	else
		*sent = (int)n;
	arena_free(a);
	return e;
}
