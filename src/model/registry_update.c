/* registry_update.c - an import line compared with the cooperative it
 * names, and the update; see registry_update.h. */
#include "registry_update.h"
#include "../db/db.h"
#include "registry_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_UPDATE[] =
	"UPDATE cooperative SET name_ar = ?2, name_fr = ?3, legal_form = ?4, reg_date = ?5, "
	"province_id = ?6, sector = ?7, products_ar = ?8, products_fr = ?9, members_women = ?10, "
	"members_men = ?11, members_young = ?12, women_led = ?13, first_time = ?14, "
	"contact_name = ?15, phone = ?16, email = ?17, women_led_known = ?18, "
	"first_time_known = ?19, members_known = ?20, name_ar_key = ?21, name_fr_key = ?22 "
	"WHERE id = ?1";
static const char SQL_PROVINCE[] = "SELECT province_id FROM cooperative WHERE id = ?";

static void add_change(arena *a, import_report *rep, long line, int64_t id, const char *name,
		       const char *column, const char *before, const char *after)
{
	if (rep->nchanges >= REGISTRY_REPORT_MAX) {
		rep->more_changes++;
		return;
	}
	if (!rep->changes)
		rep->changes = arena_alloc(a, REGISTRY_REPORT_MAX * sizeof *rep->changes);
	import_change *c = &rep->changes[rep->nchanges++];
	c->line = line;
	c->coop_id = id;
	c->name = arena_strdup(a, name);
	c->column = arena_strdup(a, column ? column : "");
	c->before = arena_strdup(a, before ? before : "");
	c->after = arena_strdup(a, after ? after : "");
}

static const char *yesno(int known, int v)
{
	return !known ? "" : v ? "oui" : "non";
}

cf_err registry_update_known(arena *a, int64_t id, const reg_line *ln, long line, int apply,
			     import_report *rep)
{
	registry_coop o;
	cf_err e = registry_get(a, id, &o);
	if (e)
		return e == CF_ERR_NOTFOUND ? CF_ERR_DB : e;
	db *d = db_thread();
	int64_t province = 0;
	db_stmt *s = db_prepare(d, SQL_PROVINCE);
	db_bind_int(s, 1, id);
	if (db_step(s) == DB_ROW)
		province = db_col_int(s, 0);
	db_done(s);
	/* the stored values, then what the file changes */
	const char *text[REG_LINE__MAX] = {
		[REG_LINE_NAME_AR] = o.name_ar,	     [REG_LINE_NAME_FR] = o.name_fr,
		[REG_LINE_LEGAL] = o.legal_form,     [REG_LINE_DATE] = o.reg_date,
		[REG_LINE_PROVINCE] = o.province_fr, [REG_LINE_SECTOR] = o.sector,
		[REG_LINE_PROD_AR] = o.products_ar,  [REG_LINE_PROD_FR] = o.products_fr,
		[REG_LINE_CONTACT] = o.contact_name, [REG_LINE_PHONE] = o.phone,
		[REG_LINE_EMAIL] = o.email,
	};
	long num[3] = { o.members_women, o.members_men, o.members_young };
	int wl = o.women_led, wl_known = o.women_led_known, first = o.first_time,
	    first_known = o.first_time_known, members_known = o.members_known;
	const char *name = *o.name_fr ? o.name_fr : o.name_ar;
	int changed = 0;
	for (int f = 0; f < REG_LINE__MAX; f++) {
		const char *v = ln->value[f];
		if (!ln->header[f] || !v || !*v)
			continue; /* not given: kept */
		if (f >= REG_LINE_WOMEN && f <= REG_LINE_YOUNG) {
			long n = strtol(v, NULL, 10);
			int k = f - REG_LINE_WOMEN;
			if (members_known && n == num[k])
				continue;
			add_change(a, rep, line, id, name, ln->header[f],
				   members_known ? arena_printf(a, "%ld", num[k]) : "",
				   arena_printf(a, "%ld", n));
			if (!members_known) /* the other counts were unknown: now 0 */
				num[0] = num[1] = num[2] = 0;
			num[k] = n, members_known = 1, changed = 1;
		} else if (f == REG_LINE_WOMEN_LED || f == REG_LINE_FIRST) {
			int b = !strcmp(v, "1");
			int *val = f == REG_LINE_WOMEN_LED ? &wl : &first;
			int *known = f == REG_LINE_WOMEN_LED ? &wl_known : &first_known;
			if (*known && *val == b)
				continue;
			add_change(a, rep, line, id, name, ln->header[f], yesno(*known, *val),
				   yesno(1, b));
			*val = b, *known = 1, changed = 1;
		} else if (f == REG_LINE_PROVINCE) {
			if (ln->province_id == province)
				continue;
			add_change(a, rep, line, id, name, ln->header[f], text[f], v);
			province = ln->province_id, changed = 1;
		} else {
			if (!strcmp(text[f], v))
				continue;
			add_change(a, rep, line, id, name, ln->header[f], text[f], v);
			text[f] = v, changed = 1;
		}
	}
	if (!changed)
		return CF_OK;
	rep->updated++;
	if (!apply)
		return CF_OK;
	char key_ar[1024], key_fr[1024];
	registry_norm(text[REG_LINE_NAME_AR], key_ar, sizeof key_ar);
	registry_norm(text[REG_LINE_NAME_FR], key_fr, sizeof key_fr);
	s = db_prepare(d, SQL_UPDATE);
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, text[REG_LINE_NAME_AR]);
	db_bind_text(s, 3, text[REG_LINE_NAME_FR]);
	db_bind_text(s, 4, text[REG_LINE_LEGAL]);
	db_bind_text(s, 5, *text[REG_LINE_DATE] ? text[REG_LINE_DATE] : NULL);
	db_bind_int(s, 6, province);
	db_bind_text(s, 7, text[REG_LINE_SECTOR]);
	db_bind_text(s, 8, text[REG_LINE_PROD_AR]);
	db_bind_text(s, 9, text[REG_LINE_PROD_FR]);
	for (int k = 0; k < 3; k++)
		db_bind_int(s, 10 + k, num[k]);
	db_bind_int(s, 13, wl);
	db_bind_int(s, 14, first);
	db_bind_text(s, 15, text[REG_LINE_CONTACT]);
	db_bind_text(s, 16, text[REG_LINE_PHONE]);
	db_bind_text(s, 17, text[REG_LINE_EMAIL]);
	db_bind_int(s, 18, wl_known);
	db_bind_int(s, 19, first_known);
	db_bind_int(s, 20, members_known);
	db_bind_text(s, 21, key_ar);
	db_bind_text(s, 22, key_fr);
	return db_run(s);
}
