/* test_registry_flow.c - the registry against a real temporary database:
 * the demo's published selection is what the assistant proposes; an
 * application goes draft -> submitted -> accepted -> published; a
 * withdrawal frees the place and the next wait-listed one is proposed;
 * broken import files write nothing. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/db/db.h"
#include "../../src/model/demo.h"
#include "../../src/model/registry.h"
#include "../../src/model/registry_app.h"
#include "../../src/model/registry_selection.h"
#include "../../src/util/buf.h"

/* got - the count a reader returned (readers return cf_err). */
static size_t got;

static char path[64];
static int64_t edition;

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/cf-test-registry-%d.db", (int)getpid());
	unlink(path);
	db *d;
	int applied;
	if (db_open(path, 1, &d) || db_migrate(d, &applied))
		return -1;
	db_close(d);
	db_configure(path);
	if (demo_create(db_thread()))
		return -1;
	db_stmt *s = db_prepare(db_thread(), "SELECT id FROM edition");
	edition = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unit_remove_db(path);
	return 0;
}

static int count(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

static const char SQL_COOPS[] = "SELECT count(*) FROM cooperative";
static const char SQL_EXHIBITORS[] = "SELECT count(*) FROM exhibitor";

static void demo_selection_is_what_the_assistant_proposes(void **state)
{
	(void)state;
	arena *a = arena_new(16u << 20);
	sel_edition ed;
	assert_int_equal(sel_rules_get(a, edition, &ed), CF_OK);
	assert_int_equal(ed.rules.places, 80);
	sel_candidate *c;
	application *apps;
	int n;
	assert_int_equal(sel_candidates(a, edition, &ed, &c, &apps, &n), CF_OK);
	assert_int_equal(n, 88); /* 80 accepted + 8 wait-listed */
	sel_result res;
	assert_int_equal(selection_solve(a, &ed.rules, c, n, 0, &res), CF_OK);
	assert_int_equal(res.nchosen, 80);
	for (int i = 0; i < n; i++)
		assert_int_equal(res.chosen[i], apps[i].status == APP_ACCEPTED);
	/* the three high-scored outsiders were bound by the outside-region rule */
	int bound_outside = 0;
	for (int i = 0; i < n; i++)
		if (!res.chosen[i] && apps[i].outside_region &&
		    (res.why[i].rules & SEL_RULE_OUTSIDE))
			bound_outside++;
	assert_int_equal(bound_outside, 3);
	arena_free(a);
}

static void import_with_any_error_writes_nothing(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"Nom;Province;Numéro d'immatriculation\r\nCoop A;Fès;R-1\r\nCoop B;Atlantis;R-2\r\n", /* province */
		"Nom;Province;Numéro d'immatriculation\nCoop A;Fès;R-1\nCoop B;Sefrou;R-1\n", /* duplicate
											       */
		"Nom,Province,Numéro d'immatriculation\nCoop A,Fès,R-1,extra\n",      /* columns */
		"Nom;Province;Numéro d'immatriculation\nCoop \xe9t\xe9;Fès;R-1\n",    /* Latin-1 */
		"Nom;Province;Numéro d'immatriculation\n\"Coop A;Fès;R-1\n",	      /* quote */
		"Nom;Province\nCoop A;Fès\n",					      /* column */
		"Nom;Province;Numéro d'immatriculation\nCoop A;Fès;SAMPLE-APP-001\n", /* in registry
										       */
	};
	static const import_problem want[] = { IMP_PROVINCE,  IMP_DUP_REG_FILE, IMP_FIELD_COUNT,
					       IMP_ENCODING,  IMP_QUOTE,	IMP_NO_COLUMN,
					       IMP_DUP_REG_DB };
	int before = count(SQL_COOPS);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		arena *a = arena_new(1u << 20);
		import_report rep;
		assert_int_equal(registry_import(a, bad[i], strlen(bad[i]), 0, NULL, NULL, &rep),
				 CF_ERR_INVALID);
		assert_true(rep.nissues >= 1);
		assert_int_equal(rep.issues[0].kind, want[i]);
		assert_int_equal(rep.imported, 0);
		assert_int_equal(count(SQL_COOPS), before);
		assert_true(strlen(registry_issue_text(a, LANG_FR, &rep.issues[0])) > 20);
		arena_free(a);
	}
}

static void import_reads_what_organisers_have(void **state)
{
	(void)state;
	/* BOM, semicolons, Arabic headers, quoted separator and line break,
	 * CRLF, Arabic-Indic digits, a French date, Arabic province name */
	const char *csv =
		"\xef\xbb\xbf"
		"الاسم;Nom;رقم التسجيل;الإقليم;عدد النساء;تاريخ التأسيس;Téléphone;Produits\r\n"
		"تعاونية الاختبار;\"Coopérative; test\";T-٠٠١;صفرو;١٢;25/03/2019;٠٦١٢٣٤٥٦٧٨;\"miel\r\nrucher\"\r\n"
		"تعاونية ثانية;Coopérative Deux;T-002;fes;3;2020-01-31;;\r\n";
	arena *a = arena_new(1u << 20);
	import_report rep;
	int before = count(SQL_COOPS);
	assert_int_equal(registry_import(a, csv, strlen(csv), 0, NULL, NULL, &rep), CF_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.separator, ';');
	assert_int_equal(count(SQL_COOPS), before + 2);
	registry_coop *rows;
	int total;
	size_t n;
	assert_int_equal(registry_search(a, "cooperative test", 1, 10, &rows, &total, &n), CF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reg_number, "T-001");
	assert_int_equal(rows[0].members_women, 12);
	assert_string_equal(rows[0].reg_date, "2019-03-25");
	assert_string_equal(rows[0].phone, "+212612345678");
	assert_string_equal(rows[0].province_code, "sefrou");
	assert_int_equal(registry_search(a, "الإختبار", 1, 10, &rows, &total, &n),
			 CF_OK); /* hamza typed differently */
	assert_int_equal(n, 1);
	/* the same file again: every line is a duplicate, nothing written */
	assert_int_equal(registry_import(a, csv, strlen(csv), 0, NULL, NULL, &rep), CF_ERR_INVALID);
	assert_int_equal(rep.issues[0].kind, IMP_DUP_REG_DB);
	assert_int_equal(count(SQL_COOPS), before + 2);
	arena_free(a);
}

static void import_reads_excel_habits(void **state)
{
	(void)state;
	/* two spellings of the name column (Raison sociale, Dénomination), N°
	 * d'agrément, a union of cooperatives, Fez, an Excel serial date, a
	 * date with a time, 2015/03/12, phones as Excel leaves them, and the
	 * separator-only lines Excel writes at the end */
	const char *csv =
		"Raison sociale;Dénomination;N° d'agrément;Province;Forme juridique;"
		"Date de création;Téléphone\r\n"
		"Union Atlas;Atlas;XL-1;Fez;Union de coopératives;42076;612345678\r\n"
		"Coop Saiss;Saiss;XL-2;Meknès;Société coopérative;12/03/2015 00:00;"
		"+212 5 35 12 34 56\r\n"
		"Coop Ifrane;Ifrane;XL-3;Ifrane;اتحاد التعاونيات;2015/03/12;00212661234567\r\n"
		";;;;;;\r\n"
		";;;;;;\r\n";
	arena *a = arena_new(1u << 20);
	import_report rep;
	assert_int_equal(registry_import(a, csv, strlen(csv), 0, NULL, NULL, &rep), CF_OK);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rows, 3); /* the separator lines are no rows */
	assert_int_equal(rep.nignored, 1);
	assert_string_equal(rep.ignored[0], "Dénomination");
	registry_coop *rows;
	int total;
	size_t n;
	assert_int_equal(registry_search(a, "XL-1", 1, 1, &rows, &total, &n), CF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name_fr, "Union Atlas");
	assert_string_equal(rows[0].province_code, "fes");
	assert_string_equal(rows[0].legal_form, "cooperative");
	assert_string_equal(rows[0].reg_date, "2015-03-13"); /* 42076 days after 1899-12-30 */
	assert_string_equal(rows[0].phone, "+212612345678");
	assert_int_equal(registry_search(a, "XL-2", 1, 1, &rows, &total, &n), CF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reg_date, "2015-03-12");
	assert_string_equal(rows[0].phone, "+212535123456");
	assert_int_equal(registry_search(a, "XL-3", 1, 1, &rows, &total, &n), CF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reg_date, "2015-03-12");
	assert_string_equal(rows[0].phone, "+212661234567");
	/* a phone that is none is reported, and nothing written */
	const char *bad = "Nom;Numéro d'immatriculation;Province;Téléphone\r\n"
			  "Coop Faux;XL-9;Fès;06 12 34\r\n";
	assert_int_equal(registry_import(a, bad, strlen(bad), 0, NULL, NULL, &rep), CF_ERR_INVALID);
	assert_int_equal(rep.issues[0].kind, IMP_PHONE);
	assert_true(strstr(registry_issue_text(a, LANG_EN, &rep.issues[0]), "06 12 34") != NULL);
	/* the same header twice is still a mistake */
	const char *twice = "Nom;Nom;Numéro d'immatriculation;Province\r\nA;B;XL-8;Fès\r\n";
	assert_int_equal(registry_import(a, twice, strlen(twice), 0, NULL, NULL, &rep),
			 CF_ERR_INVALID);
	assert_int_equal(rep.issues[0].kind, IMP_DUP_COLUMN);
	arena_free(a);
}

static void exact_number_then_exact_words_rank_first(void **state)
{
	(void)state;
	/* 40 short names that match "وفاء" and "RK-10" only as prefixes (so
	 * bm25 favours them), and one long name with the exact word and the
	 * exact number */
	buf csv;
	buf_init(&csv, 1u << 20);
	buf_puts(&csv, "Nom;الاسم;Numéro d'immatriculation;Province\r\n");
	for (int i = 0; i < 40; i++)
		buf_printf(&csv, "Coop Wafaat %d;تعاونية الوفاءات %d;RK-10%d;Fès\r\n", i, i, i);
	buf_puts(&csv,
		 "Coopérative de la fidélité des artisans du cuir et du tissage du grand douar;"
		 "تعاونية الوفاء للصناعة التقليدية والجلد والنسيج بالدوار الكبير;RK-10;Fès\r\n");
	arena *a = arena_new(4u << 20);
	import_report rep;
	assert_int_equal(registry_import(a, csv.data, csv.len, 0, NULL, NULL, &rep), CF_OK);
	buf_free(&csv);
	registry_coop *rows;
	int total;
	size_t n;
	assert_int_equal(registry_search(a, "وفاء", 1, 10, &rows, &total, &n), CF_OK);
	assert_true(total >= 41); /* and the demo's own الوفاء */
	/* every exact word (ours, the demo's) before any prefix-only match */
	int ours = -1, first_prefix = -1;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(rows[i].reg_number, "RK-10"))
			ours = (int)i;
		if (strstr(rows[i].name_ar, "الوفاءات") && first_prefix < 0)
			first_prefix = (int)i;
	}
	assert_true(ours >= 0);
	assert_true(first_prefix > ours);
	assert_int_equal(registry_search(a, "rk 10", 1, 10, &rows, &total, &n), CF_OK);
	assert_true(total >= 11);
	assert_string_equal(rows[0].reg_number, "RK-10"); /* the exact number first */
	arena_free(a);
}

static void apply_accept_publish_withdraw(void **state)
{
	(void)state;
	arena *a = arena_new(8u << 20);
	/* a cooperative of the registry that has not applied */
	registry_coop *rows;
	int total;
	assert_int_equal(registry_search(a, "Coopérative Deux", 1, 1, &rows, &total, &got), CF_OK);
	assert_int_equal(got, 1);
	int64_t coop = rows[0].id, app;
	sel_edition ed;
	assert_int_equal(sel_rules_get(a, edition, &ed), CF_OK);
	app_form f = { .category_id = 0, .products = "miel", .share_with = "", .first_time = 1 };
	/* the demo fair's call closed on 2024-01-31: nothing is taken now */
	assert_int_equal(app_save(0, edition, coop, &f, 0, NULL, 0, &app), CF_ERR_STATE);
	/* the committee reopens it, with no bounds */
	db_stmt *s =
		db_prepare(db_thread(), "UPDATE edition SET state = 'call_open', "
					"call_opens_on = '', call_closes_on = '' WHERE id = ?");
	db_bind_int(s, 1, edition);
	assert_int_equal(db_run(s), CF_OK);
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app),
			 CF_ERR_INVALID); /* no category */
	assert_int_equal(app_save(0, edition, coop, &f, 0, NULL, 0, &app),
			 CF_OK); /* draft is fine */
	f.category_id = ed.cat_ids[1];
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	f.products = "miel de thym"; /* changed while the call is open: still sent */
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	application sent;
	assert_int_equal(app_get(a, app, &sent), CF_OK);
	assert_int_equal(sent.status, APP_SUBMITTED);
	assert_string_equal(sent.products, "miel de thym");
	/* the partner cooperative is saved with the rest, in one transaction:
	 * a partner that cannot be stored undoes the whole change */
	f.products = "miel de jujubier";
	f.share_coop = 999999999; /* no such cooperative: the foreign key refuses it */
	assert_int_not_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	assert_int_equal(app_get(a, app, &sent), CF_OK);
	assert_string_equal(sent.products, "miel de thym");
	s = db_prepare(db_thread(), "SELECT id FROM cooperative WHERE id <> ? ORDER BY id LIMIT 1");
	db_bind_int(s, 1, coop);
	assert_int_equal(db_row(s), CF_OK);
	int64_t partner = db_col_int(s, 0);
	db_done(s);
	f.products = "miel de thym";
	f.share_coop = partner;
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	s = db_prepare(db_thread(),
		       "SELECT COALESCE(share_coop_id, 0) FROM application WHERE id = ?");
	db_bind_int(s, 1, app);
	assert_int_equal(db_row(s), CF_OK);
	assert_int_equal(db_col_int(s, 0), partner);
	db_done(s);
	f.share_coop = 0; /* left as it is */
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	s = db_prepare(db_thread(),
		       "SELECT COALESCE(share_coop_id, 0) FROM application WHERE id = ?");
	db_bind_int(s, 1, app);
	assert_int_equal(db_row(s), CF_OK);
	assert_int_equal(db_col_int(s, 0), partner);
	db_done(s);
	f.share_coop = APP_SHARE_NONE;
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_OK);
	s = db_prepare(db_thread(),
		       "SELECT COALESCE(share_coop_id, 0) FROM application WHERE id = ?");
	db_bind_int(s, 1, app);
	assert_int_equal(db_row(s), CF_OK);
	assert_int_equal(db_col_int(s, 0), 0);
	db_done(s);
	f.share_coop = 0;
	assert_int_equal(app_set_status(0, app, APP_REJECTED, "", 1),
			 CF_ERR_INVALID); /* reason needed */
	assert_int_equal(app_review(0, app, 99, "excellent"), CF_OK);
	/* a place must be freed first: an exhibitor withdraws after publication */
	application *list;
	app_filter flt = { NULL, NULL, APP_ACCEPTED, -1, -1 };
	size_t n;
	assert_int_equal(app_list(a, edition, &flt, &list, &n), CF_OK);
	assert_int_equal(n, 80);
	int exhibitors = count(SQL_EXHIBITORS);
	assert_int_equal(app_set_status(0, list[79].id, APP_WITHDRAWN, "", 0), CF_OK);
	assert_int_equal(count(SQL_EXHIBITORS), exhibitors - 1);
	/* the next wait-listed one that keeps the rules is proposed */
	int64_t next;
	assert_int_equal(sel_next_waitlisted(a, edition, &ed, &next), CF_OK);
	assert_true(next > 0);
	application w;
	assert_int_equal(app_get(a, next, &w), CF_OK);
	assert_int_equal(w.status, APP_WAITLISTED);
	/* the committee accepts the new application instead, and publishes */
	assert_int_equal(app_set_status(0, app, APP_ACCEPTED, "Sample reason", 1), CF_OK);
	int accepted;
	unsigned broken = 1;
	assert_int_equal(sel_accepted_breaks(a, edition, &ed, &accepted, &broken), CF_OK);
	assert_int_equal(broken, 0);
	assert_int_equal(accepted, 80);
	int added, removed;
	assert_int_equal(sel_publish(0, edition, &added, &removed), CF_OK);
	assert_int_equal(added, 1);
	assert_int_equal(count(SQL_EXHIBITORS), exhibitors);
	application mine;
	assert_int_equal(app_of_cooperative(a, edition, coop, &mine), CF_OK);
	assert_int_equal(mine.is_exhibitor, 1);
	assert_int_equal(app_visible_status(&mine), APP_ACCEPTED);
	/* a published decision closes the application to changes */
	assert_int_equal(app_save(0, edition, coop, &f, 1, NULL, 0, &app), CF_ERR_CONFLICT);
	arena_free(a);
}

/* 135: the legal form is checked by comparisons, not by an IN list (which
 * SQLite builds into a temporary table at every inserted row); the same
 * four values pass and any other is still refused. */
static void legal_form_check_is_comparisons_and_still_refuses(void **state)
{
	(void)state;
	assert_int_equal(count("SELECT count(*) FROM sqlite_schema WHERE name = 'cooperative' "
			       "AND sql LIKE '%legal_form IN%'"),
			 0);
	assert_int_equal(count("SELECT count(*) FROM sqlite_schema WHERE name = 'cooperative' "
			       "AND sql LIKE '%legal_form = ''artisan''%'"),
			 1);
	static const char ins[] =
		"INSERT INTO cooperative (name_ar, name_fr, legal_form, province_id) "
		"VALUES ('ت', 'T', ?, (SELECT min(id) FROM province))";
	db *d = db_thread();
	assert_int_equal(db_begin(d), CF_OK);
	static const char *const ok[] = { "cooperative", "association", "eig", "artisan" };
	for (int i = 0; i < 4; i++) {
		db_stmt *s = db_prepare(d, ins);
		db_bind_text(s, 1, ok[i]);
		assert_int_equal(db_run(s), CF_OK);
	}
	static const char *const bad[] = { "company", "", "Cooperative" };
	for (int i = 0; i < 3; i++) {
		db_stmt *s = db_prepare(d, ins);
		db_bind_text(s, 1, bad[i]);
		assert_int_not_equal(db_run(s), CF_OK);
	}
	db_rollback(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_selection_is_what_the_assistant_proposes),
		cmocka_unit_test(import_with_any_error_writes_nothing),
		cmocka_unit_test(import_reads_what_organisers_have),
		cmocka_unit_test(import_reads_excel_habits),
		cmocka_unit_test(exact_number_then_exact_words_rank_first),
		cmocka_unit_test(apply_accept_publish_withdraw),
		cmocka_unit_test(legal_form_check_is_comparisons_and_still_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
