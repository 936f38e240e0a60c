/* registry_app.c - applications and their review; see registry_app.h. */
#include "registry_app.h"
#include "rows.h"
#include "../db/db.h"
#include "../html/html.h"
#include "../i18n/i18n.h"
#include "audit.h"
#include "outbox.h"
#include "edition.h"
#include "prize.h"
#include "setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_codes[APP__MAX] = { "draft",	"submitted",  "under_review",
						    "accepted", "waitlisted", "rejected",
						    "withdrawn" };

const char *app_status_code(app_status s)
{
	return s < APP__MAX ? status_codes[s] : "";
}

int app_status_parse(const char *code)
{
	for (int i = 0; code && i < APP__MAX; i++)
		if (!strcmp(code, status_codes[i]))
			return i;
	return -1;
}

const char *app_status_label(app_status s)
{
	switch (s) {
	case APP_DRAFT:
		return "draft";
	case APP_SUBMITTED:
		return "submitted";
	case APP_UNDER_REVIEW:
		return "under review";
	case APP_ACCEPTED:
		return "accepted";
	case APP_WAITLISTED:
		return "wait-listed";
	case APP_REJECTED:
		return "not selected";
	case APP_WITHDRAWN:
		return "withdrawn";
	default:
		return "";
	}
}

static int is_decision(int s)
{
	return s == APP_ACCEPTED || s == APP_WAITLISTED || s == APP_REJECTED;
}

app_status app_visible_status(const application *a)
{
	if (!is_decision((int)a->status) || (int)a->status == a->published)
		return a->status;
	return is_decision(a->published) ? (app_status)a->published : APP_UNDER_REVIEW;
}

#define APP_COLS                                                                                            \
	"a.id, a.edition_id, a.cooperative_id, coalesce(a.category_id, 0), coalesce(k.code, ''), "          \
	"coalesce(k.name_ar, ''), coalesce(k.name_fr, ''), coalesce(k.name_en, ''), a.status, a.products, " \
	"a.share_with, a.needs_power, a.needs_water, a.needs_accessible, a.first_time, "                    \
	"coalesce(a.score, -1), a.note, coalesce(a.submitted_at, ''), a.updated_at, a.is_sample, "          \
	"EXISTS (SELECT 1 FROM exhibitor x WHERE x.edition_id = a.edition_id "                              \
	"AND x.cooperative_id = a.cooperative_id), c.name_ar, c.name_fr, p.code, p.name_ar, p.name_fr, "    \
	"(p.region_id <> e.region_id), c.women_led, coalesce(c.reg_number, ''), "                           \
	"coalesce(a.published_status, ''), c.women_led_known "                                              \
	"FROM application a JOIN edition e ON e.id = a.edition_id "                                         \
	"JOIN cooperative c ON c.id = a.cooperative_id JOIN province p ON p.id = c.province_id "            \
	"LEFT JOIN category k ON k.id = a.category_id "

static const char SQL_BY_COOP[] =
	"SELECT " APP_COLS "WHERE a.edition_id = ? AND a.cooperative_id = ?";
static const char SQL_BY_ID[] = "SELECT " APP_COLS "WHERE a.id = ?";
static const char SQL_LIST[] =
	"SELECT " APP_COLS
	"WHERE a.edition_id = ?1 AND (?2 IS NULL OR k.code = ?2) AND (?3 IS NULL OR p.code = ?3) "
	"AND (CASE WHEN ?4 IS NULL THEN a.status <> 'draft' ELSE a.status = ?4 END) "
	"AND (?5 IS NULL OR c.women_led = ?5) AND (?6 IS NULL OR a.first_time = ?6) "
	"ORDER BY coalesce(a.score, -1) DESC, a.id LIMIT 5000";
static const char SQL_PHOTOS[] =
	"SELECT id FROM application_photo WHERE application_id = ? ORDER BY id LIMIT 4";
static const char SQL_CATEGORY_OK[] = "SELECT 1 FROM category WHERE id = ? AND edition_id = ?";
static const char SQL_INSERT[] =
	"INSERT INTO application (edition_id, cooperative_id, category_id, products, share_with, "
	"needs_power, needs_water, needs_accessible, first_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_UPDATE[] =
	"UPDATE application SET category_id = ?2, products = ?3, share_with = ?4, needs_power = ?5, "
	"needs_water = ?6, needs_accessible = ?7, first_time = ?8, "
	"updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND status = ?9";
static const char SQL_SET_STATUS[] =
	"UPDATE application SET status = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
	"submitted_at = CASE WHEN ?2 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	"ELSE submitted_at END WHERE id = ?1 AND status = ?3";
static const char SQL_EVENT[] =
	"INSERT INTO application_event (application_id, account_id, from_status, to_status, reason) "
	"VALUES (?, ?, ?, ?, ?)";
static const char SQL_EVENTS[] =
	"SELECT at, from_status, to_status, reason FROM application_event WHERE application_id = ? "
	"ORDER BY id LIMIT 100";
static const char SQL_REVIEW[] =
	"UPDATE application SET score = ?2, note = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	"WHERE id = ?1";
static const char SQL_UNPUBLISH[] =
	"DELETE FROM exhibitor WHERE edition_id = ? AND cooperative_id = ?";
static const char SQL_RECIPIENTS[] =
	"SELECT email, lang FROM account WHERE cooperative_id = ? AND disabled = 0 ORDER BY id LIMIT 10";
static const char SQL_COOP_EMAIL[] = "SELECT email FROM cooperative WHERE id = ?";
static const char SQL_COOP_NAMES[] = "SELECT name_ar, name_fr FROM cooperative WHERE id = ?";
static const char SQL_ORGANISERS[] =
	"SELECT a.email, a.lang FROM account a JOIN account_role r ON r.account_id = a.id "
	"WHERE r.role IN ('admin', 'committee') AND a.disabled = 0 GROUP BY a.id ORDER BY a.id LIMIT 50";
static const char SQL_EDITION_NAME[] = "SELECT name_ar, name_fr, name_en FROM edition WHERE id = ?";

static void read_app(arena *a, db_stmt *s, application *x)
{
	x->id = db_col_int(s, 0);
	x->edition_id = db_col_int(s, 1);
	x->cooperative_id = db_col_int(s, 2);
	x->category_id = db_col_int(s, 3);
	x->category_code = arena_strdup(a, db_col_text(s, 4));
	rows_text3(a, s, 5, &x->category);
	int st = app_status_parse(db_col_text(s, 8));
	x->status = st < 0 ? APP_DRAFT : (app_status)st;
	x->products = arena_strdup(a, db_col_text(s, 9));
	x->share_with = arena_strdup(a, db_col_text(s, 10));
	x->needs_power = (int)db_col_int(s, 11);
	x->needs_water = (int)db_col_int(s, 12);
	x->needs_accessible = (int)db_col_int(s, 13);
	x->first_time = (int)db_col_int(s, 14);
	x->score = (int)db_col_int(s, 15);
	x->note = arena_strdup(a, db_col_text(s, 16));
	x->submitted_at = arena_strdup(a, db_col_text(s, 17));
	x->updated_at = arena_strdup(a, db_col_text(s, 18));
	x->is_sample = (int)db_col_int(s, 19);
	x->is_exhibitor = (int)db_col_int(s, 20);
	x->name_ar = arena_strdup(a, db_col_text(s, 21));
	x->name_fr = arena_strdup(a, db_col_text(s, 22));
	x->province_code = arena_strdup(a, db_col_text(s, 23));
	rows_text2(a, s, 24, &x->province);
	x->outside_region = (int)db_col_int(s, 26);
	x->women_led = (int)db_col_int(s, 27);
	x->reg_number = arena_strdup(a, db_col_text(s, 28));
	x->published = app_status_parse(db_col_text(s, 29));
	x->women_led_known = (int)db_col_int(s, 30);
}

static void read_photos(application *x)
{
	db_stmt *s = db_prepare(db_thread(), SQL_PHOTOS);
	db_bind_int(s, 1, x->id);
	x->nphotos = 0;
	while (x->nphotos < APP_PHOTOS_MAX && db_step(s) == DB_ROW)
		x->photo_ids[x->nphotos++] = db_col_int(s, 0);
	db_done(s);
}

static cf_err fetch(arena *a, const char *sql, int64_t p1, int64_t p2, application *out)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_prepare(db_thread(), sql);
	db_bind_int(s, 1, p1);
	if (p2)
		db_bind_int(s, 2, p2);
	cf_err e = CF_ERR_NOTFOUND;
	if (db_step(s) == DB_ROW) {
		read_app(a, s, out);
		e = CF_OK;
	}
	db_done(s);
	if (!e)
		read_photos(out);
	return e;
}

cf_err app_of_cooperative(arena *a, int64_t edition_id, int64_t coop_id, application *out)
{
	return fetch(a, SQL_BY_COOP, edition_id, coop_id, out);
}

cf_err app_get(arena *a, int64_t id, application *out)
{
	return fetch(a, SQL_BY_ID, id, 0, out);
}

/* status_json - {"status":"...","reason":"..."} for the audit. */
static char *status_json(arena *a, const char *status, const char *reason)
{
	buf b;
	buf_init(&b, 8192);
	buf_puts(&b, "{\"status\":");
	json_str(&b, status);
	if (reason) {
		buf_puts(&b, ",\"reason\":");
		json_str(&b, reason);
	}
	buf_puts(&b, "}");
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* recipient - an address and the language to write to it in. */
typedef struct recipient {
	const char *email;
	lang l;
} recipient;

/* edition_names - the edition's name in each language, into a ("" when the
 * edition is unknown). */
static text3 edition_names(arena *a, db *d, int64_t edition_id)
{
	text3 t = { { "", "", "" } };
	db_stmt *s = db_prepare(d, SQL_EDITION_NAME);
	db_bind_int(s, 1, edition_id);
	if (db_step(s) == DB_ROW)
		rows_text3(a, s, 0, &t);
	db_done(s);
	return t;
}

/* read_recipients - up to max rows (email, language code) of s into to,
 * Arabic when the language is unknown; finishes s; returns how many. */
static int read_recipients(arena *a, db_stmt *s, recipient *to, int max)
{
	int n = 0;
	while (n < max && db_step(s) == DB_ROW) {
		to[n].email = arena_strdup(a, db_col_text(s, 0));
		int l = lang_parse(db_col_text(s, 1));
		to[n++].l = l < 0 ? LANG_AR : (lang)l;
	}
	db_done(s);
	return n;
}

/* fill - text with its one "%s" replaced by arg: a translated message is
 * never used as a printf format (its directives are not checked). */
static const char *fill(arena *a, const char *text, const char *arg)
{
	const char *p = strstr(text, "%s");
	if (!p)
		return text;
	return arena_printf(a, "%.*s%s%s", (int)(p - text), text, arg, p + 2);
}

cf_err registry_notify(int64_t coop_id, int64_t edition_id, const char *subject_id,
		       const char *body_id, const char *status_label, const char *reason)
{
	db *d = db_thread();
	arena *a = arena_new(1u << 20);
	text3 names = edition_names(a, d, edition_id);
	recipient to[10];
	db_stmt *s = db_prepare(d, SQL_RECIPIENTS);
	db_bind_int(s, 1, coop_id);
	int n = read_recipients(a, s, to, 10);
	if (!n) {
		s = db_prepare(d, SQL_COOP_EMAIL);
		db_bind_int(s, 1, coop_id);
		if (db_step(s) == DB_ROW && *db_col_text(s, 0)) {
			to[0].email = arena_strdup(a, db_col_text(s, 0));
			to[0].l = LANG_AR;
			n = 1;
		}
		db_done(s);
	}
	const char *coop[LANG__MAX] = { "", "", "" };
	s = db_prepare(d, SQL_COOP_NAMES);
	db_bind_int(s, 1, coop_id);
	if (db_step(s) == DB_ROW) {
		coop[LANG_AR] = arena_strdup(a, db_col_text(s, 0));
		coop[LANG_FR] = coop[LANG_EN] = arena_strdup(a, db_col_text(s, 1));
		if (!*coop[LANG_AR])
			coop[LANG_AR] = coop[LANG_FR];
	}
	db_done(s);
	const char *site = edition_mail_link(a);
	cf_err e = CF_OK;
	for (int i = 0; i < n && !e; i++) {
		lang l = to[i].l;
		/* The committee writes: to the cooperative by name, about the fair by
		 * name, signed, with the site's address (issue 19), in the words of
		 * its template for the language (issue 10, edition_mail.c). */
		(void)subject_id;
		edition_mail_vars v = {
			coop[l], names.v[l],
			fill(a, tr(l, body_id), status_label ? tr(l, status_label) : ""),
			edition_mail_reason(a, l, reason), site ? site : tr(l, "the fair's website")
		};
		const char *subject, *body;
		e = edition_mail_compose(a, l, &v, &subject, &body);
		if (!e)
			e = outbox_enqueue(to[i].email, subject, body, NULL);
	}
	arena_free(a);
	return e;
}

/* notify_withdrawal - tell the organisers that an exhibitor withdrew after
 * publication: a place is free. Inside the caller's transaction. */
static cf_err notify_withdrawal(const application *x)
{
	db *d = db_thread();
	arena *a = arena_new(1u << 20);
	text3 names = edition_names(a, d, x->edition_id);
	recipient to[50];
	int n = read_recipients(a, db_prepare(d, SQL_ORGANISERS), to, 50);
	cf_err e = CF_OK;
	for (int i = 0; i < n && !e; i++) {
		lang l = to[i].l;
		const char *who = l == LANG_AR && *x->name_ar ? x->name_ar : x->name_fr;
		e = outbox_enqueue(
			to[i].email,
			arena_printf(a, tr(l, "A cooperative withdrew from %s"), names.v[l]),
			arena_printf(
				a,
				tr(l,
				   "%s withdrew its application after the publication. A place is free: the selection page proposes the next wait-listed applicant that keeps every rule."),
				who),
			NULL);
	}
	arena_free(a);
	return e;
}

static cf_err add_event(db *d, int64_t app_id, int64_t actor, app_status from, app_status to,
			const char *reason)
{
	db_stmt *s = db_prepare(d, SQL_EVENT);
	db_bind_int(s, 1, app_id);
	if (actor)
		db_bind_int(s, 2, actor);
	else
		db_bind_null(s, 2);
	db_bind_text(s, 3, app_status_code(from));
	db_bind_text(s, 4, app_status_code(to));
	db_bind_text(s, 5, reason ? reason : "");
	return db_run(s);
}

int app_editable(const application *x)
{
	/* A decision not yet published reads "under review" to the
	 * cooperative: it stays editable, so that refusing reveals nothing. */
	return x->status == APP_WITHDRAWN || x->published < 0;
}

static const char SQL_SHARE_SET[] = "UPDATE application SET share_coop_id = ? WHERE id = ?";

cf_err app_save(int64_t actor, int64_t edition_id, int64_t coop_id, const app_form *f, int submit,
		const app_photo_in *photos, int nphotos, int64_t *id)
{
	db *d = db_thread();
	if (strlen(f->products) > APP_PRODUCTS_MAX || strlen(f->share_with) > 200)
		return CF_ERR_INVALID;
	if (f->category_id) {
		db_stmt *s = db_prepare(d, SQL_CATEGORY_OK);
		db_bind_int(s, 1, f->category_id);
		db_bind_int(s, 2, edition_id);
		int ok = db_step(s) == DB_ROW;
		db_done(s);
		if (!ok)
			return CF_ERR_INVALID;
	}
	if (submit && (!f->category_id || !*f->products))
		return CF_ERR_INVALID;
	arena *a = arena_new(1u << 20);
	/* Applications are taken, changed and taken again only while the
	 * call is open (issue 10). */
	edition ed;
	char today[11];
	edition_today(today);
	cf_err e = edition_by_id(a, edition_id, &ed);
	if (!e && !edition_call_open(&ed, today))
		e = CF_ERR_STATE;
	if (e) {
		arena_free(a);
		return e;
	}
	application cur;
	e = app_of_cooperative(a, edition_id, coop_id, &cur);
	int exists = e == CF_OK;
	if (exists && !app_editable(&cur)) {
		arena_free(a);
		return CF_ERR_CONFLICT;
	}
	if ((e = db_begin(d))) {
		arena_free(a);
		return e;
	}
	db_stmt *s;
	if (exists) {
		s = db_prepare(d, SQL_UPDATE);
		db_bind_int(s, 1, cur.id);
		*id = cur.id;
	} else {
		s = db_prepare(d, SQL_INSERT);
		db_bind_int(s, 1, edition_id);
	}
	int base = exists ? 2 : 3;
	if (!exists)
		db_bind_int(s, 2, coop_id);
	if (f->category_id)
		db_bind_int(s, base, f->category_id);
	else
		db_bind_null(s, base);
	db_bind_text(s, base + 1, f->products);
	db_bind_text(s, base + 2, f->share_with);
	db_bind_int(s, base + 3, f->needs_power != 0);
	db_bind_int(s, base + 4, f->needs_water != 0);
	db_bind_int(s, base + 5, f->needs_accessible != 0);
	db_bind_int(s, base + 6, f->first_time != 0);
	if (exists)
		db_bind_text(s, 9, app_status_code(cur.status));
	e = db_run(s);
	if (!e && exists && db_changes(d) != 1)
		e = CF_ERR_CONFLICT; /* changed meanwhile */
	if (!e && !exists)
		*id = db_last_id(d);
	if (!e && f->share_coop) {
		s = db_prepare(d, SQL_SHARE_SET);
		if (f->share_coop > 0)
			db_bind_int(s, 1, f->share_coop);
		else
			db_bind_null(s, 1);
		db_bind_int(s, 2, *id);
		e = db_run(s);
	}
	app_status now = exists ? cur.status : APP_DRAFT;
	/* Applying again after a withdrawal: the same record, a draft again. */
	if (!e && now == APP_WITHDRAWN) {
		s = db_prepare(d, SQL_SET_STATUS);
		db_bind_int(s, 1, *id);
		db_bind_text(s, 2, "draft");
		db_bind_text(s, 3, "withdrawn");
		e = db_run(s);
		if (!e && db_changes(d) != 1)
			e = CF_ERR_CONFLICT;
		if (!e)
			e = add_event(d, *id, actor, APP_WITHDRAWN, APP_DRAFT, NULL);
		now = APP_DRAFT;
	}
	if (!e)
		e = audit_record(actor, exists ? "application.update" : "application.create",
				 "application", *id, NULL, status_json(a, "draft", NULL));
	for (int i = 0; i < nphotos && !e; i++)
		e = app_add_photo(actor, *id, photos[i].data, photos[i].len);
	if (!e && submit && now == APP_DRAFT) {
		s = db_prepare(d, SQL_SET_STATUS);
		db_bind_int(s, 1, *id);
		db_bind_text(s, 2, "submitted");
		db_bind_text(s, 3, "draft");
		e = db_run(s);
		if (!e && db_changes(d) != 1)
			e = CF_ERR_CONFLICT;
		if (!e)
			e = add_event(d, *id, actor, APP_DRAFT, APP_SUBMITTED, NULL);
		if (!e)
			e = audit_record(actor, "application.status", "application", *id,
					 status_json(a, "draft", NULL),
					 status_json(a, "submitted", NULL));
		if (!e)
			e = registry_notify(coop_id, edition_id, "Your application to %s",
					    "Your application was received. Its status is now: %s.",
					    "submitted", NULL);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

int app_allowed(app_status from, app_status to, int by_committee)
{
	if (from == to || from == APP_WITHDRAWN)
		return 0;
	if (!by_committee)
		return to == APP_WITHDRAWN || (from == APP_DRAFT && to == APP_SUBMITTED);
	if (from == APP_DRAFT)
		return 0; /* a draft is the cooperative's own until it submits */
	return to == APP_UNDER_REVIEW || to == APP_ACCEPTED || to == APP_WAITLISTED ||
	       to == APP_REJECTED || to == APP_WITHDRAWN;
}

cf_err app_set_status(int64_t actor, int64_t app_id, app_status to, const char *reason,
		      int by_committee)
{
	arena *a = arena_new(1u << 20);
	application cur;
	cf_err e = app_get(a, app_id, &cur);
	if (e) {
		arena_free(a);
		return e;
	}
	if (!reason)
		reason = "";
	if (!app_allowed(cur.status, to, by_committee) || strlen(reason) > APP_REASON_MAX ||
	    (by_committee && (to == APP_WAITLISTED || to == APP_REJECTED) && !*reason)) {
		arena_free(a);
		return CF_ERR_INVALID;
	}
	db *d = db_thread();
	if ((e = db_begin(d))) {
		arena_free(a);
		return e;
	}
	db_stmt *s = db_prepare(d, SQL_SET_STATUS);
	db_bind_int(s, 1, app_id);
	db_bind_text(s, 2, app_status_code(to));
	db_bind_text(s, 3, app_status_code(cur.status));
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_CONFLICT; /* changed meanwhile */
	if (!e)
		e = add_event(d, app_id, actor, cur.status, to, reason);
	if (!e)
		e = audit_record(actor, "application.status", "application", app_id,
				 status_json(a, app_status_code(cur.status), NULL),
				 status_json(a, app_status_code(to), reason));
	/* Nothing the committee decides is public or mailed before it
	 * publishes the selection (sel_publish removes the exhibitors whose
	 * application is no longer accepted and notifies every changed
	 * decision); a change that is not a decision (under review) is told at
	 * once. A cooperative's own withdrawal frees its place at once. */
	if (!e && !by_committee && cur.is_exhibitor && to == APP_WITHDRAWN) {
		s = db_prepare(d, SQL_UNPUBLISH);
		db_bind_int(s, 1, cur.edition_id);
		db_bind_int(s, 2, cur.cooperative_id);
		e = db_run(s);
		if (!e) /* its prize entry stays, marked withdrawn (issue 9) */
			e = prize_entries_sync(actor, cur.edition_id);
		if (!e)
			e = audit_record(actor, "exhibitor.remove", "cooperative",
					 cur.cooperative_id, NULL, NULL);
	}
	if (!e && !by_committee && to == APP_WITHDRAWN && cur.is_exhibitor)
		e = notify_withdrawal(&cur);
	if (!e && (!by_committee || !is_decision(to)))
		e = registry_notify(cur.cooperative_id, cur.edition_id, "Your application to %s",
				    "The status of your application is now: %s.",
				    app_status_label(to), reason);
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	arena_free(a);
	return e;
}

cf_err app_review(int64_t actor, int64_t app_id, int score, const char *note)
{
	if (score < -1 || score > 100 || !note || strlen(note) > APP_REASON_MAX)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_REVIEW);
	db_bind_int(s, 1, app_id);
	if (score >= 0)
		db_bind_int(s, 2, score);
	else
		db_bind_null(s, 2);
	db_bind_text(s, 3, note);
	e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	if (!e) {
		char after[64];
		snprintf(after, sizeof after, "{\"score\":%d}", score);
		e = audit_record(actor, "application.review", "application", app_id, NULL, after);
	}
	if (!e)
		e = db_commit(d);
	if (e)
		db_rollback(d);
	return e;
}

cf_err app_list(arena *a, int64_t edition_id, const app_filter *f, application **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_LIST);
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, f->category && *f->category ? f->category : NULL);
	db_bind_text(s, 3, f->province && *f->province ? f->province : NULL);
	db_bind_text(s, 4,
		     f->status >= 0 && f->status < APP__MAX ? app_status_code((app_status)f->status)
							    : NULL);
	if (f->women_led >= 0)
		db_bind_int(s, 5, f->women_led);
	if (f->first_time >= 0)
		db_bind_int(s, 6, f->first_time);
	size_t n = 0, cap = 64;
	application *v = arena_alloc(a, cap * sizeof *v);
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, n, &cap, sizeof *v);
		read_app(a, s, &v[n++]);
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}

cf_err app_events(arena *a, int64_t app_id, app_event **out, size_t *count)
{
	int rc = DB_DONE;
	db_stmt *s = db_prepare(db_thread(), SQL_EVENTS);
	db_bind_int(s, 1, app_id);
	app_event *v = arena_alloc(a, 100 * sizeof *v);
	size_t n = 0;
	while (n < 100 && (rc = db_step(s)) == DB_ROW) {
		v[n].at = arena_strdup(a, db_col_text(s, 0));
		v[n].from = arena_strdup(a, db_col_text(s, 1));
		v[n].to = arena_strdup(a, db_col_text(s, 2));
		v[n].reason = arena_strdup(a, db_col_text(s, 3));
		n++;
	}
	db_done(s);
	*out = v;
	*count = n;
	return rc == DB_ERR ? CF_ERR_DB : CF_OK;
}
