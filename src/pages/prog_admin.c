/*
 * prog_admin.c - the committee's programme.
 *
 *   GET  /admin/programme                  the sessions of the edition shown,
 *                                          their bookings and conflicts; the
 *                                          opening hours; a new session form
 *   POST /admin/programme                  a new session (fields below); then
 *                                          its page, with its conflicts
 *   POST /admin/programme/settings         opens, closes (HH:MM), moderate
 *   GET  /admin/programme/{id}             a session: conflicts, form,
 *                                          participants (booked, waiting)
 *   POST /admin/programme/{id}             save it (fields below)
 *   POST /admin/programme/{id}/delete      delete it (and its bookings)
 *   GET  /admin/programme/{id}/participants.csv   the participants as CSV
 *   GET  /admin/programme/{id}/participants.xlsx  the same as XLSX
 *   POST /admin/programme/{id}/attended    booking=ID present=0|1
 *
 * Session fields: kind, space (id, 0 for none), starts_at, ends_at
 * (YYYY-MM-DDTHH:MM, a space for the T and Arabic-Indic digits accepted),
 * title_ar/fr/en, about_ar/fr/en, capacity, booking (1), and speakers
 * speaker_N_name, _title, _org, _protocol for N in 1..PROG_SPEAKERS_MAX.
 * Conflicts never refuse a save: the committee sees them at once, named.
 */
#include "../export/table_export.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "admin_form.h"
#include "edition.h"
#include "prog.h"

#include <stdio.h>
#include <string.h>

#define SPEAKER_ROWS 6

/* ascii_time - s with Arabic-Indic digits made ASCII and a space between
 * date and time made 'T'; NULL when it does not fit 16 bytes. */
static const char *ascii_time(request *r, const char *s)
{
	if (!s)
		return NULL;
	char out[32];
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && k < sizeof out - 1) {
		if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
			out[k++] = (char)('0' + p[1] - 0xA0);
			p += 2;
		} else if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
			out[k++] = (char)('0' + p[1] - 0xB0);
			p += 2;
		} else {
			out[k++] = *p == ' ' ? 'T' : (char)*p;
			p++;
		}
	}
	out[k] = 0;
	return arena_strdup(r->a, out);
}

static const char *fval(request *r, const char *key)
{
	const char *v = req_form(r, key);
	return v ? v : "";
}

/* read_form - the session the form describes, into s (edition and id
 * already set); an error message, or NULL when it is well formed. */
static const char *read_form(request *r, prog_session *s)
{
	lang l = r->lang;
	int k = prog_kind_parse(req_form(r, "kind"));
	s->kind = k < 0 ? PROG_TALK : (prog_kind)k;
	static const char *const TITLE[] = { "title_ar", "title_fr", "title_en" };
	static const char *const ABOUT[] = { "about_ar", "about_fr", "about_en" };
	const char *bad = NULL;
	for (int i = 0; i < LANG__MAX; i++) {
		s->title.v[i] = fval(r, TITLE[i]);
		s->about.v[i] = fval(r, ABOUT[i]);
		if (!text_is_clean(s->title.v[i]) || !text_is_clean(s->about.v[i]) ||
		    strlen(s->title.v[i]) > 300 || strlen(s->about.v[i]) > 4000)
			bad = tr(
				l,
				"A title or description holds characters that are not allowed, or is too long.");
	}
	long long v = 0;
	s->space_id = page_int_param(r, "space", 0, INT64_MAX, &v) ? v : 0;
	s->starts_at = ascii_time(r, req_form(r, "starts_at"));
	s->ends_at = ascii_time(r, req_form(r, "ends_at"));
	s->capacity = page_int_param(r, "capacity", 0, 100000, &v) ? (int)v : 0;
	s->booking = req_form(r, "booking") != NULL;
	s->speakers = arena_alloc(r->a, SPEAKER_ROWS * sizeof *s->speakers);
	s->nspeakers = 0;
	for (int i = 1; i <= SPEAKER_ROWS; i++) {
		char key[32];
		prog_speaker *p = &s->speakers[s->nspeakers];
		snprintf(key, sizeof key, "speaker_%d_name", i);
		p->name = fval(r, key);
		snprintf(key, sizeof key, "speaker_%d_title", i);
		p->title = fval(r, key);
		snprintf(key, sizeof key, "speaker_%d_org", i);
		p->organisation = fval(r, key);
		snprintf(key, sizeof key, "speaker_%d_protocol", i);
		p->protocol = page_int_param(r, key, 0, 99, &v) ? (int)v : 0;
		if (!text_is_clean(p->name) || !text_is_clean(p->title) ||
		    !text_is_clean(p->organisation))
			bad = tr(
				l,
				"A speaker's name, title or organisation holds characters that are not allowed.");
		if (*p->name)
			s->nspeakers++;
	}
	if (bad)
		return bad;
	if (!*s->title.v[0] && !*s->title.v[1] && !*s->title.v[2])
		return tr(l, "Give the session a title in at least one language.");
	if (!prog_time_ok(s->starts_at) || !prog_time_ok(s->ends_at))
		return tr(l, "Give the start and the end as a date and a time (2024-02-20 10:00).");
	if (strcmp(s->starts_at, s->ends_at) >= 0)
		return tr(l, "The session must end after it starts.");
	if (s->booking && s->capacity <= 0)
		return tr(l, "A session that needs booking needs a capacity.");
	return NULL;
}

static void input(request *r, const char *label, const char *name, const char *value,
		  const char *extra)
{
	(void)extra;
	html_printf(&r->out, "<label>%s <input name=\"%s\" value=\"%s\" maxlength=\"300\"></label>",
		    label, name, value ? value : "");
}

static void session_form(request *r, const prog_session *s, const named *sp, size_t nsp,
			 const char *action)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"stack prog-form\">",
		    site_href(r, "%s", action));
	page_csrf_field(r);
	html_printf(o, "<label>%s <select name=\"kind\">", tr(l, "Type"));
	for (int k = 0; k < PROG_KIND__MAX; k++)
		html_printf(o, "<option value=\"%s\"%s>%s</option>", prog_kind_code((prog_kind)k),
			    (int)s->kind == k ? " selected" : "", prog_kind_name(l, (prog_kind)k));
	html_printf(
		o,
		"</select></label><label>%s <select name=\"space\"><option value=\"0\">%s</option>",
		tr(l, "Space"), tr(l, "No space"));
	for (size_t i = 0; i < nsp; i++)
		html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)sp[i].id,
			    sp[i].id == s->space_id ? " selected" : "", text3_get(&sp[i].name, l));
	html_printf(o,
		    "</select></label><label>%s <input name=\"starts_at\" type=\"datetime-local\" "
		    "dir=\"ltr\" required value=\"%s\"></label><label>%s <input name=\"ends_at\" "
		    "type=\"datetime-local\" dir=\"ltr\" required value=\"%s\"></label>",
		    tr(l, "Starts"), s->starts_at ? s->starts_at : "", tr(l, "Ends"),
		    s->ends_at ? s->ends_at : "");
	input(r, tr(l, "Title (Arabic)"), "title_ar", s->title.v[0], NULL);
	input(r, tr(l, "Title (French)"), "title_fr", s->title.v[1], NULL);
	input(r, tr(l, "Title (English)"), "title_en", s->title.v[2], NULL);
	static const char *const ABOUT[] = { "about_ar", "about_fr", "about_en" };
	const char *about_label[] = { tr(l, "Description (Arabic)"), tr(l, "Description (French)"),
				      tr(l, "Description (English)") };
	for (int i = 0; i < LANG__MAX; i++)
		html_printf(
			o,
			"<label>%s <textarea name=\"%s\" rows=\"3\" maxlength=\"4000\">%s</textarea></label>",
			about_label[i], ABOUT[i], s->about.v[i] ? s->about.v[i] : "");
	html_printf(o,
		    "<label>%s <input name=\"capacity\" inputmode=\"numeric\" value=\"%d\"></label>"
		    "<label><input type=\"checkbox\" name=\"booking\" value=\"1\"%s> %s</label>",
		    tr(l, "Capacity (places)"), s->capacity, s->booking ? " checked" : "",
		    tr(l, "Places must be booked"));
	html_printf(
		o,
		"<fieldset><legend>%s</legend><p class=\"hint\">%s</p><table class=\"speakers-form\">"
		"<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Speakers"),
		tr(l, "For a ceremony, number the officials in protocol order (1 speaks first)."),
		tr(l, "Name"), tr(l, "Title"), tr(l, "Organisation"), tr(l, "Protocol order"));
	for (int i = 0; i < SPEAKER_ROWS; i++) {
		const prog_speaker *p = i < (int)s->nspeakers ? &s->speakers[i] : NULL;
		html_printf(
			o,
			"<tr><td><input name=\"speaker_%d_name\" value=\"%s\" aria-label=\"%s %d\"></td>"
			"<td><input name=\"speaker_%d_title\" value=\"%s\" aria-label=\"%s %d\"></td>"
			"<td><input name=\"speaker_%d_org\" value=\"%s\" aria-label=\"%s %d\"></td>"
			"<td><input name=\"speaker_%d_protocol\" inputmode=\"numeric\" size=\"3\" "
			"value=\"%s\" aria-label=\"%s %d\"></td></tr>",
			i + 1, p ? p->name : "", tr(l, "Name"), i + 1, i + 1, p ? p->title : "",
			tr(l, "Title"), i + 1, i + 1, p ? p->organisation : "",
			tr(l, "Organisation"), i + 1, i + 1,
			p && p->protocol ? arena_printf(r->a, "%d", p->protocol) : "",
			tr(l, "Protocol order"), i + 1);
	}
	html_printf(o, "</tbody></table></fieldset><button type=\"submit\">%s</button></form>",
		    tr(l, "Save the session"));
}

static void conflicts_box(request *r, const prog_session *s)
{
	prog_conflict *c;
	size_t n = 0;
	if (req_fail(r, prog_conflicts(r->a, s, &c, &n)))
		return;
	lang l = r->lang;
	if (!n) {
		html_printf(&r->out, "<p class=\"notice ok\" id=\"conflicts\">%s</p>",
			    tr(l, "No conflict: the space, the speakers and the times are free."));
		return;
	}
	html_printf(
		&r->out,
		"<div class=\"error-box conflicts\" role=\"alert\" id=\"conflicts\"><p><strong>%s</strong></p><ul>",
		arena_printf(r->a, trn(l, "%d conflict", "%d conflicts", (long)n), (int)n));
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<li class=\"conflict-%d\">%s", (int)c[i].kind,
			    prog_conflict_text(r, &c[i]));
		if (c[i].other_id)
			html_printf(&r->out, " <a href=\"%s\">%s</a>",
				    site_href(r, "/admin/programme/%lld", (long long)c[i].other_id),
				    tr(l, "Open it"));
		html_raw(&r->out, "</li>");
	}
	html_raw(&r->out, "</ul></div>");
}

/* list - the list page; draft (may be NULL) and error refill the new form. */
static void list(request *r, const prog_session *draft, const char *error)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	prog_session *v;
	size_t n = 0;
	if (req_fail(r, prog_sessions(r->a, ed.id, NULL, &v, &n)))
		return;
	named *sp;
	size_t nsp = 0;
	if (req_fail(r, edition_spaces(r->a, ed.id, &sp, &nsp)))
		return;
	prog_settings set;
	if (req_fail(r, prog_settings_get(ed.id, &set)))
		return;
	admin_begin(r, tr(l, "Programme"));
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    tr(l, "Programme"), site_href(r, "/programme"), tr(l, "The public programme"),
		    site_href(r, "/admin/news"), tr(l, "News"));
	html_printf(o,
		    "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "<th>%s</th></tr></thead><tbody>",
		    tr(l, "When"), tr(l, "Session"), tr(l, "Space"), tr(l, "Booked"),
		    tr(l, "Waiting list"), tr(l, "Conflicts"));
	for (size_t i = 0; i < n; i++) {
		prog_conflict *c;
		size_t nc = 0;
		if (req_fail(r, prog_conflicts(r->a, &v[i], &c, &nc)))
			return;
		html_printf(
			o,
			"<tr><td dir=\"ltr\">%s %s–%s</td><td><a href=\"%s\">%s</a> <small>%s</small></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			fmt_date(r, arena_strndup(r->a, v[i].starts_at, 10)),
			prog_hhmm(r, v[i].starts_at), prog_hhmm(r, v[i].ends_at),
			site_href(r, "/admin/programme/%lld", (long long)v[i].id),
			text3_get(&v[i].title, l), prog_kind_name(l, v[i].kind),
			text3_get(&v[i].space, l),
			v[i].booking ? arena_printf(r->a, "%d / %d", v[i].booked, v[i].capacity)
				     : "—",
			v[i].booking ? fmt_int(r, v[i].waiting) : "—",
			nc ? fmt_int(r, (long)nc) : "—");
	}
	html_raw(o, "</tbody></table>");
	html_printf(
		o,
		"<h2>%s</h2><form method=\"post\" action=\"%s\" class=\"filters\"><label>%s <input name=\"opens\" type=\"time\" dir=\"ltr\" value=\"%s\"></label><label>%s <input name=\"closes\" type=\"time\" dir=\"ltr\" value=\"%s\"></label><label><input type=\"checkbox\" name=\"moderate\" value=\"1\"%s> %s</label>",
		tr(l, "Opening hours and comments"), site_href(r, "/admin/programme/settings"),
		tr(l, "Opens"), set.opens, tr(l, "Closes"), set.closes,
		set.moderate ? " checked" : "", tr(l, "Comments on news wait for moderation"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Save"));
	html_printf(o, "<h2 id=\"new\">%s</h2>", tr(l, "New session"));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	prog_session empty = { .kind = PROG_TALK };
	session_form(r, draft ? draft : &empty, sp, nsp, "/admin/programme");
	page_end(r);
}

/* GET /admin/programme */
void page_prog_admin(request *r)
{
	list(r, NULL, NULL);
}

static const char *save_error(request *r, cf_err e)
{
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		return tr(r->lang,
			  "The space is not one of this edition's, or a field is not valid.");
	}
	return admin_save_error(r, e);
}

/* POST /admin/programme */
void page_prog_admin_create(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	prog_session s = { .edition_id = ed.id };
	const char *bad = read_form(r, &s);
	if (bad) {
		r->status = 400;
		list(r, &s, bad);
		return;
	}
	int64_t id = 0;
	cf_err e = prog_session_save(r->user_id, &s, &id);
	if (e) {
		list(r, &s, save_error(r, e));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/admin/programme/%lld?done=created#conflicts",
				      (long long)id));
}

static void session_admin(request *r, const prog_session *s, const char *error)
{
	lang l = r->lang;
	named *sp;
	size_t nsp = 0;
	if (req_fail(r, edition_spaces(r->a, s->edition_id, &sp, &nsp)))
		return;
	prog_booking *b;
	size_t nb = 0;
	if (s->id && req_fail(r, prog_bookings(r->a, s->id, &b, &nb)))
		return;
	admin_begin(r, text3_get(&s->title, l));
	buf *o = &r->out;
	html_printf(o, "<p><a href=\"%s\">%s</a></p><h1>%s</h1>", site_href(r, "/admin/programme"),
		    tr(l, "Programme"), text3_get(&s->title, l));
	if (error)
		html_printf(o, "<p class=\"error-box\" role=\"alert\">%s</p>", error);
	else
		conflicts_box(r, s);
	session_form(r, s, sp, nsp, arena_printf(r->a, "/admin/programme/%lld", (long long)s->id));
	html_printf(o, "<h2>%s</h2><p>%s · <a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    tr(l, "Participants"),
		    arena_printf(r->a, tr(l, "Booked: %d of %d; waiting list: %d"), s->booked,
				 s->capacity, s->waiting),
		    site_href(r, "/admin/programme/%lld/participants.csv", (long long)s->id),
		    tr(l, "Export (CSV)"),
		    site_href(r, "/admin/programme/%lld/participants.xlsx", (long long)s->id),
		    tr(l, "Export (XLSX)"));
	html_printf(o,
		    "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
		    "</thead><tbody>",
		    tr(l, "Name"), tr(l, "Email"), tr(l, "Phone"), tr(l, "State"),
		    tr(l, "Present"));
	for (size_t i = 0; i < nb; i++) {
		const char *state = b[i].status == PROG_BOOKED ? tr(l, "Booked")
				    : b[i].status == PROG_WAITING
					    ? arena_printf(r->a, tr(l, "Waiting list, number %d"),
							   b[i].position)
					    : tr(l, "Booking cancelled");
		html_raw(o, "<tr><td>");
		prog_person_html(r, b[i].name);
		html_printf(o, "</td><td dir=\"ltr\">%s</td><td dir=\"ltr\">%s</td><td>%s</td><td>",
			    b[i].email, b[i].phone, state);
		if (b[i].status == PROG_BOOKED) {
			html_printf(
				o,
				"<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"booking\" value=\"%lld\"><input type=\"hidden\" name=\"present\" value=\"%d\">",
				site_href(r, "/admin/programme/%lld/attended", (long long)s->id),
				(long long)b[i].id, !b[i].attended);
			page_csrf_field(r);
			html_printf(o, "<button type=\"submit\" class=\"link\">%s</button></form>",
				    b[i].attended ? tr(l, "Present (undo)")
						  : tr(l, "Mark present"));
		}
		html_raw(o, "</td></tr>");
	}
	html_raw(o, "</tbody></table>");
	html_printf(o, "<form method=\"post\" action=\"%s\">",
		    site_href(r, "/admin/programme/%lld/delete", (long long)s->id));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\" class=\"danger\">%s</button></form>",
		    tr(l, "Delete the session and its bookings"));
	page_end(r);
}

/* GET /admin/programme/{id} */
void page_prog_admin_session(request *r)
{
	prog_session s;
	if (req_fail(r, prog_session_get(r->a, r->id, &s)))
		return;
	session_admin(r, &s, NULL);
}

/* POST /admin/programme/{id} */
void page_prog_admin_save(request *r)
{
	prog_session old, s;
	if (req_fail(r, prog_session_get(r->a, r->id, &old)))
		return;
	s = old;
	const char *bad = read_form(r, &s);
	if (bad) {
		r->status = 400;
		session_admin(r, &s, bad);
		return;
	}
	int64_t id = 0;
	cf_err e = prog_session_save(r->user_id, &s, &id);
	if (e) {
		session_admin(r, &s, save_error(r, e));
		return;
	}
	resp_redirect(
		r, arena_printf(r->a, "/admin/programme/%lld?done=saved#conflicts", (long long)id));
}

/* POST /admin/programme/{id}/delete */
void page_prog_admin_delete(request *r)
{
	if (req_fail(r, prog_session_delete(r->user_id, r->id)))
		return;
	resp_redirect(r, "/admin/programme?done=deleted");
}

/* POST /admin/programme/{id}/attended  booking=ID present=0|1 */
void page_prog_admin_attended(request *r)
{
	int64_t b;
	long long present = 0;
	if (!page_id_param(r, "booking", &b) || !page_int_param(r, "present", 0, 1, &present)) {
		page_error(r, 400, NULL);
		return;
	}
	if (req_fail(r, prog_attended(r->user_id, r->id, b, (int)present)))
		return;
	resp_redirect(r, arena_printf(r->a, "/admin/programme/%lld?done=saved", (long long)r->id));
}

/* participants - the participants of session r->id as CSV (xlsx 0) or XLSX
 * (xlsx 1): name, email, phone, state (the place on the waiting list), present,
 * booked at. The header row is in the reader's language. */
static void participants(request *r, int xlsx)
{
	lang l = r->lang;
	prog_session s;
	if (req_fail(r, prog_session_get(r->a, r->id, &s)))
		return;
	prog_booking *b;
	size_t nb = 0;
	if (req_fail(r, prog_bookings(r->a, s.id, &b, &nb)))
		return;
	const char *head[] = { tr(l, "Name"),  tr(l, "Email"),	 tr(l, "Phone"),
			       tr(l, "State"), tr(l, "Present"), tr(l, "Booked at") };
	enum { NC = 6 };
	static const int is_num[NC] = { 0, 0, 0, 0, 1, 0 };
	const char **cells = arena_alloc(r->a, (nb ? nb : 1) * NC * sizeof *cells);
	for (size_t i = 0; i < nb; i++) {
		const char **c = cells + i * NC;
		c[0] = b[i].name;
		c[1] = b[i].email;
		c[2] = b[i].phone;
		c[3] = b[i].status == PROG_WAITING
			       ? arena_printf(r->a, "%s %d", prog_book_status_code(b[i].status),
					      b[i].position)
			       : prog_book_status_code(b[i].status);
		c[4] = b[i].attended ? "1" : "0";
		c[5] = b[i].created_at;
	}
	buf_reset(&r->out);
	cf_err e = xlsx ? table_export_xlsx(&r->out, "participants", head, NC, is_num, cells, nb)
			: table_export_csv(&r->out, head, NC, cells, nb);
	if (req_fail(r, e))
		return;
	r->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"participants-%lld.%s\"",
				 (long long)s.id, xlsx ? "xlsx" : "csv"));
	resp_header(r, "Cache-Control", "no-store");
}

/* GET /admin/programme/{id}/participants.csv */
void page_prog_admin_csv(request *r)
{
	participants(r, 0);
}

/* GET /admin/programme/{id}/participants.xlsx */
void page_prog_admin_xlsx(request *r)
{
	participants(r, 1);
}

/* POST /admin/programme/settings  opens, closes, moderate */
void page_prog_admin_settings(request *r)
{
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	prog_settings s = { .moderate = req_form(r, "moderate") != NULL };
	snprintf(s.opens, sizeof s.opens, "%.5s", fval(r, "opens"));
	snprintf(s.closes, sizeof s.closes, "%.5s", fval(r, "closes"));
	cf_err e = prog_settings_set(r->user_id, ed.id, &s);
	if (e == CF_ERR_INVALID) {
		r->status = 400;
		list(r, NULL,
		     tr(r->lang, "Give the opening hours as HH:MM, opening before closing."));
		return;
	}
	if (req_fail(r, e))
		return;
	resp_redirect(r, "/admin/programme?done=saved");
}
