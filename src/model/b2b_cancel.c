/* b2b_cancel.c - cancelling an accepted B2B meeting (b2b.h). */
#include "../db/db.h"
#include "../i18n/i18n.h"
#include "account.h"
#include "audit.h"
#include "b2b.h"
#include "edition.h"
#include "outbox.h"
#include "sales.h"
#include "../util/clock.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The meeting, its two sides and where to mail each: the professional's
 * own email and language, the cooperative's first active account. */
static const char SQL_MEETING[] =
	"SELECT m.pro_id, m.exhibitor_id, m.slot, m.status, p.name, p.email, p.lang, c.name_ar, "
	"c.name_fr, COALESCE((SELECT a.email FROM account a WHERE a.cooperative_id = c.id AND "
	"a.disabled = 0 ORDER BY a.id LIMIT 1), ''), COALESCE((SELECT a.lang FROM account a "
	"WHERE a.cooperative_id = c.id AND a.disabled = 0 ORDER BY a.id LIMIT 1), 'ar') "
	"FROM b2b_meeting m JOIN b2b_pro p ON p.id = m.pro_id JOIN exhibitor x ON "
	"x.id = m.exhibitor_id JOIN cooperative c ON c.id = x.cooperative_id WHERE m.id = ?";
static const char SQL_CANCEL[] =
	"UPDATE b2b_meeting SET status = 'cancelled', cancelled_by = ?, cancel_reason = ?, "
	"cancelled_at = ? WHERE id = ? AND status = ?";

typedef struct side {
	const char *email, *lang, *name;
} side;

static lang lang_of(const char *code)
{
	int l = lang_parse(code);
	return l < 0 ? LANG_AR : (lang)l;
}

/* tell - the notice to the side that did not cancel, in its language. by_pro:
 * the professional cancelled (the exhibitor is told), else the other way. */
static cf_err tell(arena *a, const side *to, int by_pro, const char *who, const char *slot,
		   const char *reason)
{
	/* no address, or one the sender could not take safely (registration
	 * keeps what a professional typed): their page shows the cancellation */
	if (!account_email_valid(to->email))
		return CF_OK;
	lang l = lang_of(to->lang);
	char day[11];
	snprintf(day, sizeof day, "%.10s", slot);
	const char *when = arena_printf(a, "%s %s", day, strlen(slot) > 11 ? slot + 11 : "");
	const char *subject = arena_printf(a, tr(l, "B2B meeting cancelled: %s"), when);
	const char *link = edition_mail_link(a);
	const char *where =
		by_pro ? (link ? arena_printf(a, "%s\n%s/b2b", tr(l, "Your B2B meetings:"), link)
			       : "")
		       : tr(l,
			    "Your page of B2B meetings (its address was given to you when you "
			    "registered) shows your schedule; you may request another slot there.");
	const char *body = arena_printf(
		a,
		tr(l,
		   "Hello,\n\nThe B2B meeting of %s with %s was cancelled by %s.\n%s\n%s\n\n%s\n"),
		when, who, by_pro ? tr(l, "the professional") : tr(l, "the exhibitor"),
		tr(l, "Reason:"), reason, where);
	return outbox_enqueue(to->email, subject, body, NULL);
}

cf_err b2b_cancel(int64_t actor, int64_t pro_id, int64_t exhibitor_id, int64_t meeting_id,
		  const char *reason)
{
	if (!reason || !reason[strspn(reason, " \t\r\n")] || strlen(reason) > 500 ||
	    (!pro_id == !exhibitor_id))
		return CF_ERR_INVALID;
	arena *a = arena_new(64 * 1024);
	db *d = db_thread();
	cf_err e = db_begin(d);
	if (e) {
		arena_free(a);
		return e;
	}
	db_stmt *s = db_prepare(d, SQL_MEETING);
	db_bind_int(s, 1, meeting_id);
	e = db_row(s);
	side pro = { 0 }, ex = { 0 };
	const char *slot = "", *status = "";
	if (!e) {
		if ((pro_id && db_col_int(s, 0) != pro_id) ||
		    (exhibitor_id && db_col_int(s, 1) != exhibitor_id))
			e = CF_ERR_NOTFOUND; /* not one of theirs: as if it did not exist */
		slot = arena_strdup(a, db_col_text(s, 2));
		status = arena_strdup(a, db_col_text(s, 3));
		pro.name = arena_strdup(a, db_col_text(s, 4));
		pro.email = arena_strdup(a, db_col_text(s, 5));
		pro.lang = arena_strdup(a, db_col_text(s, 6));
		ex.lang = arena_strdup(a, db_col_text(s, 10));
		/* the cooperative's name in the language its mail is read in */
		ex.name = arena_strdup(a, db_col_text(s, lang_of(pro.lang) == LANG_AR ? 7 : 8));
		ex.email = arena_strdup(a, db_col_text(s, 9));
	}
	db_done(s);
	/* the professional may also withdraw a request not answered yet */
	int withdraw = !e && pro_id && !strcmp(status, "requested");
	if (!e && strcmp(status, "accepted") && !withdraw)
		e = CF_ERR_STATE;
	const char *by = pro_id ? "pro" : "exhibitor";
	if (!e) {
		char now[21];
		clock_now_iso(now);
		s = db_prepare(d, SQL_CANCEL);
		db_bind_text(s, 1, by);
		db_bind_text(s, 2, reason);
		db_bind_text(s, 3, now);
		db_bind_int(s, 4, meeting_id);
		db_bind_text(s, 5, status);
		e = db_run(s);
		if (!e && db_changes(d) != 1)
			e = CF_ERR_STATE;
	}
	if (!e) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "status", "cancelled", "cancelled_by", by,
				      "reason", reason);
		char *after = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		json_decref(o);
		e = after ? audit_record(actor, "b2b.cancel", "b2b_meeting", meeting_id,
					 withdraw ? "{\"status\":\"requested\"}"
						  : "{\"status\":\"accepted\"}",
					 after)
			  : CF_ERR_INVALID; /* reason not valid UTF-8 */
		free(after);
	}
	/* a withdrawn request was never a meeting: the exhibitor's page shows
	 * it withdrawn, no mail says a meeting was cancelled */
	if (!e && !withdraw)
		e = pro_id ? tell(a, &ex, 1, pro.name, slot, reason)
			   : tell(a, &pro, 0, ex.name, slot, reason);
	e = db_end(d, e);
	arena_free(a);
	return e;
}
