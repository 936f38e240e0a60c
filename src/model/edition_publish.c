/* edition_publish.c - a preview of publishing an edition's selection; see
 * edition.h. Reads only: the same conditions as sel_publish
 * (registry_selection.c) and the same recipients as registry_notify
 * (registry_app.c): the cooperative's active accounts in their language,
 * else the cooperative's own address in Arabic. */
#include "../db/db.h"
#include "edition.h"
#include "rows.h"

#include <string.h>

static const char SQL_TO_NOTIFY[] =
	"SELECT a.id, a.cooperative_id, c.name_ar, c.name_fr, a.status, "
	"COALESCE((SELECT ev.reason FROM application_event ev WHERE ev.application_id = a.id "
	"ORDER BY ev.id DESC LIMIT 1), ''), COALESCE(c.email, '') "
	"FROM application a JOIN cooperative c ON c.id = a.cooperative_id "
	"WHERE a.edition_id = ? AND a.status IN ('accepted', 'waitlisted', 'rejected') "
	"AND (a.published_status IS NULL OR a.published_status <> a.status) ORDER BY a.id";
static const char SQL_RECIPIENTS[] =
	"SELECT email, lang FROM account WHERE cooperative_id = ? AND disabled = 0 ORDER BY id LIMIT 10";
static const char SQL_TO_ADD[] =
	"SELECT a.cooperative_id, c.name_ar, c.name_fr FROM application a "
	"JOIN cooperative c ON c.id = a.cooperative_id WHERE a.edition_id = ?1 "
	"AND a.status = 'accepted' AND a.category_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
	"FROM exhibitor x WHERE x.edition_id = a.edition_id AND x.cooperative_id = a.cooperative_id) "
	"ORDER BY c.name_fr";
static const char SQL_TO_REMOVE[] =
	"SELECT x.cooperative_id, c.name_ar, c.name_fr FROM exhibitor x "
	"JOIN cooperative c ON c.id = x.cooperative_id JOIN application a "
	"ON a.edition_id = x.edition_id AND a.cooperative_id = x.cooperative_id "
	"WHERE x.edition_id = ?1 AND a.status IN ('withdrawn', 'rejected', 'waitlisted') "
	"ORDER BY c.name_fr";

static size_t read_changes(arena *a, db_stmt *s, edition_change **out)
{
	size_t n = 0, cap = 8;
	edition_change *v = arena_alloc(a, cap * sizeof *v);
	while (db_step(s) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		v[n].cooperative_id = db_col_int(s, 0);
		v[n].name_ar = arena_strdup(a, db_col_text(s, 1));
		v[n].name_fr = arena_strdup(a, db_col_text(s, 2));
		n++;
	}
	db_done(s);
	*out = v;
	return n;
}

cf_err edition_publish_preview(arena *a, int64_t edition_id, edition_preview *out)
{
	db *d = db_thread();
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(d, SQL_TO_ADD);
	db_bind_int(s, 1, edition_id);
	out->nadded = read_changes(a, s, &out->added);
	s = db_prepare(d, SQL_TO_REMOVE);
	db_bind_int(s, 1, edition_id);
	out->nremoved = read_changes(a, s, &out->removed);

	struct app {
		int64_t id, coop;
		const char *ar, *fr, *status, *reason, *email;
	} * apps;
	size_t napps = 0, acap = 16;
	apps = arena_alloc(a, acap * sizeof *apps);
	s = db_prepare(d, SQL_TO_NOTIFY);
	db_bind_int(s, 1, edition_id);
	while (db_step(s) == DB_ROW) {
		apps = rows_grow(a, apps, napps, &acap, sizeof *apps);
		struct app *x = &apps[napps++];
		x->id = db_col_int(s, 0);
		x->coop = db_col_int(s, 1);
		x->ar = arena_strdup(a, db_col_text(s, 2));
		x->fr = arena_strdup(a, db_col_text(s, 3));
		x->status = arena_strdup(a, db_col_text(s, 4));
		x->reason = arena_strdup(a, db_col_text(s, 5));
		x->email = arena_strdup(a, db_col_text(s, 6));
	}
	db_done(s);
	size_t n = 0, cap = 16;
	edition_notice *v = arena_alloc(a, cap * sizeof *v);
	for (size_t i = 0; i < napps; i++) {
		edition_notice base = { apps[i].id,	apps[i].ar, apps[i].fr, apps[i].status,
					apps[i].reason, NULL,	    NULL };
		size_t before = n;
		s = db_prepare(d, SQL_RECIPIENTS);
		db_bind_int(s, 1, apps[i].coop);
		while (db_step(s) == DB_ROW) {
			v = rows_grow(a, v, n, &cap, sizeof *v);
			v[n] = base;
			v[n].email = arena_strdup(a, db_col_text(s, 0));
			const char *lg = db_col_text(s, 1);
			v[n].lang =
				arena_strdup(a, !strcmp(lg, "fr") || !strcmp(lg, "en") ? lg : "ar");
			n++;
		}
		db_done(s);
		if (n == before && *apps[i].email) {
			v = rows_grow(a, v, n, &cap, sizeof *v);
			v[n] = base;
			v[n].email = apps[i].email;
			v[n].lang = "ar";
			n++;
		}
	}
	out->notices = v;
	out->nnotices = n;
	return CF_OK;
}
