/* b2b.c - the partners hub's meetings (b2b.h). */
#include "b2b.h"

#include "../db/db.h"
#include "audit.h"
#include "rows.h"
#include "sales.h"
#include "../util/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const B2B_OUTCOMES[4] = { "none", "contact", "order", "follow_up" };

int b2b_kind_valid(const char *k)
{
	return k && (!strcmp(k, "buyer") || !strcmp(k, "shop") || !strcmp(k, "partner") ||
		     !strcmp(k, "exporter"));
}

int b2b_outcome_valid(const char *o)
{
	for (int i = 0; o && i < 4; i++)
		if (!strcmp(o, B2B_OUTCOMES[i]))
			return 1;
	return 0;
}

static const char SQL_DAYS[] = "SELECT starts_on, ends_on FROM edition WHERE id = ?";

int b2b_slot_valid(int64_t edition_id, const char *slot)
{
	int y, mo, d, h, mi;
	char tail;
	if (!slot || strlen(slot) != 16 ||
	    sscanf(slot, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
		return 0;
	if (h < B2B_FIRST_HOUR || h >= B2B_LAST_HOUR || (mi != 0 && mi != 30))
		return 0;
	db_stmt *s = db_prepare(db_thread(), SQL_DAYS);
	if (!s)
		return 0;
	db_bind_int(s, 1, edition_id);
	int ok = 0;
	if (db_step(s) == DB_ROW) {
		char day[11];
		snprintf(day, sizeof day, "%.10s", slot);
		ok = strcmp(day, db_col_text(s, 0)) >= 0 && strcmp(day, db_col_text(s, 1)) <= 0;
	}
	db_done(s);
	return ok;
}

static const char SQL_REGISTER[] =
	"INSERT INTO b2b_pro (edition_id, kind, name, organisation, email, phone, token, "
	"created_at, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

cf_err b2b_register(int64_t edition_id, const char *kind, const char *name, const char *org,
		    const char *email, const char *phone, const char *language,
		    char token[B2B_TOKEN_LEN + 1], int64_t *id)
{
	if (!b2b_kind_valid(kind) || !name || !*name || strlen(name) > 200 ||
	    (org && strlen(org) > 200) || (email && strlen(email) > 200) ||
	    (phone && strlen(phone) > 40))
		return CF_ERR_INVALID;
	unsigned char raw[B2B_TOKEN_LEN / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, B2B_TOKEN_LEN + 1, raw, sizeof raw);
	char now[21];
	clock_now_iso(now);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_REGISTER);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, org ? org : "");
	db_bind_text(s, 5, email ? email : "");
	db_bind_text(s, 6, phone ? phone : "");
	db_bind_text(s, 7, token);
	db_bind_text(s, 8, now);
	db_bind_text(s, 9,
		     language && (!strcmp(language, "fr") || !strcmp(language, "en")) ? language
										      : "ar");
	cf_err e = db_run(s);
	if (!e)
		*id = db_last_id(d);
	return e;
}

static const char SQL_PRO[] =
	"SELECT id, edition_id, kind, name, organisation, email, phone, token, is_sample "
	"FROM b2b_pro WHERE token = ?";

cf_err b2b_pro_by_token(arena *a, const char *token, b2b_pro *out)
{
	if (!token || strlen(token) != B2B_TOKEN_LEN ||
	    strspn(token, "0123456789abcdef") != B2B_TOKEN_LEN)
		return CF_ERR_NOTFOUND;
	db_stmt *s = db_prepare(db_thread(), SQL_PRO);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, token);
	cf_err e = db_row(s);
	if (!e) {
		out->id = db_col_int(s, 0);
		out->edition_id = db_col_int(s, 1);
		out->kind = arena_strdup(a, db_col_text(s, 2));
		out->name = arena_strdup(a, db_col_text(s, 3));
		out->organisation = arena_strdup(a, db_col_text(s, 4));
		out->email = arena_strdup(a, db_col_text(s, 5));
		out->phone = arena_strdup(a, db_col_text(s, 6));
		out->token = arena_strdup(a, db_col_text(s, 7));
		out->sample = (int)db_col_int(s, 8);
	}
	db_done(s);
	return e;
}

static const char SQL_SAME_EDITION[] =
	"SELECT p.edition_id FROM b2b_pro p JOIN exhibitor x ON x.edition_id = p.edition_id "
	"WHERE p.id = ? AND x.id = ?";
static const char SQL_PRO_BUSY[] =
	"SELECT 1 FROM b2b_meeting WHERE slot = ? AND ((pro_id = ? AND status = 'accepted') OR "
	"(pro_id = ? AND exhibitor_id = ? AND status = 'requested'))";
static const char SQL_REQUEST[] =
	"INSERT INTO b2b_meeting (edition_id, pro_id, exhibitor_id, slot, note, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?)";

cf_err b2b_request(int64_t pro_id, int64_t exhibitor_id, const char *slot, const char *note,
		   int64_t *id)
{
	if (note && strlen(note) > 1000)
		return CF_ERR_INVALID;
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_SAME_EDITION);
	db_bind_int(s, 1, pro_id);
	db_bind_int(s, 2, exhibitor_id);
	e = db_row(s);
	int64_t ed = e ? 0 : db_col_int(s, 0);
	db_done(s);
	if (e == CF_ERR_NOTFOUND || (!e && !b2b_slot_valid(ed, slot)))
		e = CF_ERR_INVALID;
	if (!e) {
		s = db_prepare(d, SQL_PRO_BUSY);
		db_bind_text(s, 1, slot);
		db_bind_int(s, 2, pro_id);
		db_bind_int(s, 3, pro_id);
		db_bind_int(s, 4, exhibitor_id);
		e = db_row(s);
		db_done(s);
		e = e == CF_OK ? CF_ERR_CONFLICT : e == CF_ERR_NOTFOUND ? CF_OK : e;
	}
	if (!e) {
		char now[21];
		clock_now_iso(now);
		s = db_prepare(d, SQL_REQUEST);
		db_bind_int(s, 1, ed);
		db_bind_int(s, 2, pro_id);
		db_bind_int(s, 3, exhibitor_id);
		db_bind_text(s, 4, slot);
		db_bind_text(s, 5, note ? note : "");
		db_bind_text(s, 6, now);
		e = db_run(s);
		if (!e)
			*id = db_last_id(d);
	}
	return db_end(d, e);
}

static const char SQL_MEETING[] = "SELECT edition_id, pro_id, slot, status FROM b2b_meeting "
				  "WHERE id = ? AND exhibitor_id = ?";
static const char SQL_BOOKED[] =
	"SELECT 1 FROM b2b_meeting WHERE slot = ? AND status = 'accepted' AND "
	"(pro_id = ? OR exhibitor_id = ?)";
static const char SQL_FREE_TABLE[] =
	"SELECT t.id FROM b2b_table t WHERE t.edition_id = ? AND NOT EXISTS (SELECT 1 FROM "
	"b2b_meeting m WHERE m.table_id = t.id AND m.slot = ? AND m.status = 'accepted') "
	"ORDER BY t.id LIMIT 1";
static const char SQL_SET[] =
	"UPDATE b2b_meeting SET status = ?, table_id = ? WHERE id = ? AND status = 'requested'";

static cf_err answer_once(int64_t actor, int64_t exhibitor_id, int64_t meeting_id, int accept)
{
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e)
		return e;
	db_stmt *s = db_prepare(d, SQL_MEETING);
	db_bind_int(s, 1, meeting_id);
	db_bind_int(s, 2, exhibitor_id);
	e = db_row(s);
	int64_t ed = 0, pro = 0, table = 0;
	char slot[17] = "", status[16] = "";
	if (!e) {
		ed = db_col_int(s, 0);
		pro = db_col_int(s, 1);
		snprintf(slot, sizeof slot, "%s", db_col_text(s, 2));
		snprintf(status, sizeof status, "%s", db_col_text(s, 3));
	}
	db_done(s);
	if (!e && strcmp(status, "requested"))
		e = CF_ERR_STATE;
	if (!e && accept) {
		s = db_prepare(d, SQL_BOOKED);
		db_bind_text(s, 1, slot);
		db_bind_int(s, 2, pro);
		db_bind_int(s, 3, exhibitor_id);
		e = db_row(s);
		db_done(s);
		e = e == CF_OK ? CF_ERR_CONFLICT : e == CF_ERR_NOTFOUND ? CF_OK : e;
	}
	if (!e && accept) {
		s = db_prepare(d, SQL_FREE_TABLE);
		db_bind_int(s, 1, ed);
		db_bind_text(s, 2, slot);
		e = db_row(s);
		if (!e)
			table = db_col_int(s, 0);
		db_done(s);
		if (e == CF_ERR_NOTFOUND)
			e = CF_ERR_STATE;
	}
	if (!e) {
		s = db_prepare(d, SQL_SET);
		db_bind_text(s, 1, accept ? "accepted" : "declined");
		if (accept)
			db_bind_int(s, 2, table);
		else
			db_bind_null(s, 2);
		db_bind_int(s, 3, meeting_id);
		e = db_run(s);
		if (!e && db_changes(d) != 1)
			e = CF_ERR_STATE;
	}
	if (!e)
		e = audit_record(actor, accept ? "b2b.accept" : "b2b.decline", "b2b_meeting",
				 meeting_id, NULL, NULL);
	return db_end(d, e);
}

cf_err b2b_answer(int64_t actor, int64_t exhibitor_id, int64_t meeting_id, int accept)
{
	/* Two servers may pick the same free table at once (PostgreSQL runs
	 * them concurrently): the loser's unique index refuses it; the next try
	 * sees the table taken, or the person booked (then a real conflict). */
	cf_err e = CF_ERR_CONFLICT;
	for (int i = 0; i < 3 && e == CF_ERR_CONFLICT; i++) {
		e = answer_once(actor, exhibitor_id, meeting_id, accept);
		if (e == CF_ERR_CONFLICT) {
			/* a conflict seen before the update is final */
			db_stmt *s = db_prepare(db_thread(), SQL_MEETING);
			db_bind_int(s, 1, meeting_id);
			db_bind_int(s, 2, exhibitor_id);
			int64_t pro = 0;
			char slot[17] = "";
			if (db_step(s) == DB_ROW) {
				pro = db_col_int(s, 1);
				snprintf(slot, sizeof slot, "%s", db_col_text(s, 2));
			}
			db_done(s);
			s = db_prepare(db_thread(), SQL_BOOKED);
			db_bind_text(s, 1, slot);
			db_bind_int(s, 2, pro);
			db_bind_int(s, 3, exhibitor_id);
			int booked = db_step(s) == DB_ROW;
			db_done(s);
			if (booked)
				return CF_ERR_CONFLICT;
		}
	}
	return e;
}

static const char SQL_OUTCOME_PRO[] = "UPDATE b2b_meeting SET outcome_pro = ? WHERE id = ? AND "
				      "pro_id = ? AND status = 'accepted'";
static const char SQL_OUTCOME_EX[] = "UPDATE b2b_meeting SET outcome_exhibitor = ? WHERE id = ? "
				     "AND exhibitor_id = ? AND status = 'accepted'";

cf_err b2b_outcome(int64_t pro_id, int64_t exhibitor_id, int64_t meeting_id, const char *outcome)
{
	if (!b2b_outcome_valid(outcome))
		return CF_ERR_INVALID;
	db *d = db_thread();
	db_stmt *s = db_prepare(d, pro_id ? SQL_OUTCOME_PRO : SQL_OUTCOME_EX);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, outcome);
	db_bind_int(s, 2, meeting_id);
	db_bind_int(s, 3, pro_id ? pro_id : exhibitor_id);
	cf_err e = db_run(s);
	if (!e && db_changes(d) != 1)
		e = CF_ERR_NOTFOUND;
	return e;
}

static const char SQL_MEETINGS[] =
	"SELECT m.id, m.exhibitor_id, m.slot, m.status, COALESCE(t.name, ''), m.note, p.kind, "
	"p.name, p.organisation, c.name_ar, c.name_fr, m.outcome_pro, m.outcome_exhibitor, "
	"m.cancelled_by, m.cancel_reason "
	"FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id JOIN exhibitor x ON "
	"x.id = m.exhibitor_id JOIN cooperative c ON c.id = x.cooperative_id LEFT JOIN b2b_table t "
	"ON t.id = m.table_id WHERE (? = 0 OR m.pro_id = ?) AND (? = 0 OR m.exhibitor_id = ?) AND "
	"(? = 0 OR m.edition_id = ?) ORDER BY m.slot, m.id LIMIT 5000";

cf_err b2b_meetings(arena *a, int64_t pro_id, int64_t exhibitor_id, int64_t edition_id,
		    b2b_meeting **out, size_t *n)
{
	*n = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_MEETINGS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, pro_id);
	db_bind_int(s, 2, pro_id);
	db_bind_int(s, 3, exhibitor_id);
	db_bind_int(s, 4, exhibitor_id);
	db_bind_int(s, 5, edition_id);
	db_bind_int(s, 6, edition_id);
	size_t cap = 16;
	b2b_meeting *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, *n, &cap, sizeof *v);
		b2b_meeting *m = &v[(*n)++];
		m->id = db_col_int(s, 0);
		m->exhibitor_id = db_col_int(s, 1);
		m->slot = arena_strdup(a, db_col_text(s, 2));
		m->status = arena_strdup(a, db_col_text(s, 3));
		m->table = arena_strdup(a, db_col_text(s, 4));
		m->note = arena_strdup(a, db_col_text(s, 5));
		m->pro_kind = arena_strdup(a, db_col_text(s, 6));
		m->pro_name = arena_strdup(a, db_col_text(s, 7));
		m->pro_org = arena_strdup(a, db_col_text(s, 8));
		m->coop_ar = arena_strdup(a, db_col_text(s, 9));
		m->coop_fr = arena_strdup(a, db_col_text(s, 10));
		m->outcome_pro = arena_strdup(a, db_col_text(s, 11));
		m->outcome_exhibitor = arena_strdup(a, db_col_text(s, 12));
		m->cancelled_by = arena_strdup(a, db_col_text(s, 13));
		m->cancel_reason = arena_strdup(a, db_col_text(s, 14));
	}
	db_done(s);
	*out = v;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

static const char SQL_EXHIBITORS[] =
	"SELECT x.id, c.name_ar, c.name_fr, k.name_ar, k.name_fr, k.name_en FROM exhibitor x "
	"JOIN cooperative c ON c.id = x.cooperative_id JOIN category k ON k.id = x.category_id "
	"WHERE x.edition_id = ? ORDER BY k.position, c.name_fr, x.id";

cf_err b2b_exhibitors(arena *a, int64_t edition_id, b2b_exhibitor **out, size_t *n)
{
	*n = 0;
	db_stmt *s = db_prepare(db_thread(), SQL_EXHIBITORS);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	size_t cap = 64;
	b2b_exhibitor *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = rows_grow(a, v, *n, &cap, sizeof *v);
		b2b_exhibitor *x = &v[(*n)++];
		x->id = db_col_int(s, 0);
		x->name_ar = arena_strdup(a, db_col_text(s, 1));
		x->name_fr = arena_strdup(a, db_col_text(s, 2));
		x->category_ar = arena_strdup(a, db_col_text(s, 3));
		x->category_fr = arena_strdup(a, db_col_text(s, 4));
		x->category_en = arena_strdup(a, db_col_text(s, 5));
	}
	db_done(s);
	*out = v;
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

static const char SQL_STATS[] =
	"SELECT COUNT(*), "
	"COALESCE(SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'declined' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'requested' THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN status = 'accepted' AND slot < ? THEN 1 ELSE 0 END), 0), "
	"COALESCE(MAX(is_sample), 0) FROM b2b_meeting WHERE edition_id = ?";
static const char SQL_OUTCOMES[] =
	"SELECT outcome_pro, outcome_exhibitor, COUNT(*) FROM b2b_meeting WHERE edition_id = ? "
	"AND status = 'accepted' GROUP BY outcome_pro, outcome_exhibitor";
static const char SQL_COUNTS[] = "SELECT (SELECT COUNT(*) FROM b2b_pro WHERE edition_id = ?), "
				 "(SELECT COUNT(*) FROM b2b_table WHERE edition_id = ?)";

cf_err b2b_stats_read(int64_t edition_id, const char *now_slot, b2b_stats *out)
{
	memset(out, 0, sizeof *out);
	db *d = db_thread();
	db_stmt *s = db_prepare(d, SQL_STATS);
	if (!s)
		return CF_ERR_DB;
	db_bind_text(s, 1, now_slot);
	db_bind_int(s, 2, edition_id);
	long v[6];
	cf_err e = sales_row_longs(s, v, 6);
	if (e)
		return e;
	out->requests = v[0], out->accepted = v[1], out->declined = v[2], out->waiting = v[3];
	out->held = v[4], out->sample = (int)v[5];
	s = db_prepare(d, SQL_COUNTS);
	db_bind_int(s, 1, edition_id);
	db_bind_int(s, 2, edition_id);
	if ((e = sales_row_longs(s, v, 2)))
		return e;
	out->pros = v[0], out->tables = v[1];
	s = db_prepare(d, SQL_OUTCOMES);
	db_bind_int(s, 1, edition_id);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		long n = (long)db_col_int(s, 2);
		for (int i = 0; i < 4; i++) {
			if (!strcmp(db_col_text(s, 0), B2B_OUTCOMES[i]))
				out->by_pro[i] += n;
			if (!strcmp(db_col_text(s, 1), B2B_OUTCOMES[i]))
				out->by_exhibitor[i] += n;
		}
	}
	db_done(s);
	return rc == DB_DONE ? CF_OK : CF_ERR_DB;
}

static const char SQL_TABLE_ADD[] = "INSERT INTO b2b_table (edition_id, name) VALUES (?, ?) "
				    "ON CONFLICT (edition_id, name) DO NOTHING";

cf_err b2b_table_add(int64_t edition_id, const char *name)
{
	if (!name || !*name || strlen(name) > 100)
		return CF_ERR_INVALID;
	db_stmt *s = db_prepare(db_thread(), SQL_TABLE_ADD);
	if (!s)
		return CF_ERR_DB;
	db_bind_int(s, 1, edition_id);
	db_bind_text(s, 2, name);
	return db_run(s);
}
