/* test_prize_model.c - the prize on a real (temporary) demo database: a
 * conflicted juror never sees the entry, scores are validated and only
 * change while open, the hash chain finds edits made behind coopfair's
 * back, nothing is public before publication. */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/demo.h"
#include "../../src/model/prize.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];
static arena *A;

static int64_t scalar(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return v;
}

static int setup(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	snprintf(path, sizeof path, "/tmp/cf-prize-test-%d.db", (int)getpid());
	unlink(path);
	db *d;
	int applied;
	assert_int_equal(db_open(path, 1, &d), CF_OK);
	assert_int_equal(db_migrate(d, &applied), CF_OK);
	db_close(d);
	db_configure(path);
	assert_int_equal(demo_create(db_thread()), CF_OK);
	A = arena_new(64u << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	db_thread_close();
	unit_remove_db(path);
	return 0;
}

static int64_t jury_id(void)
{
	return scalar("SELECT id FROM account WHERE email = 'jury@example.org'");
}
static int64_t edition_id(void)
{
	return scalar("SELECT id FROM edition");
}

static int listed(int64_t account, int64_t entry)
{
	prize_sheet *v;
	size_t n;
	assert_int_equal(prize_jury_entries(A, account, edition_id(), &v, &n), CF_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].entry_id == entry)
			return 1;
	return 0;
}

static void the_demo_chain_holds(void **state)
{
	(void)state;
	prize_chain c;
	prize_verify(A, &c);
	assert_true(c.ok);
	assert_true(c.records > 100);
}

static void a_declared_conflict_hides_the_entry(void **state)
{
	(void)state;
	int64_t j = jury_id(), e = scalar("SELECT entry_id FROM prize_conflict");
	prize_sheet sh;
	assert_false(listed(j, e));
	assert_int_equal(prize_jury_sheet(A, j, e, &sh), CF_ERR_NOTFOUND);
}

static void a_conflict_found_later_hides_an_assigned_entry(void **state)
{
	(void)state;
	/* The juror is assigned this entry; a committee rule on its province
	 * then makes it conflicted: the query itself must drop it, even though
	 * the assignment row is still there. */
	int64_t j = jury_id();
	int64_t e = scalar(
		"SELECT a.entry_id FROM prize_assignment a JOIN prize_entry pe ON pe.id = a.entry_id "
		"WHERE a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') "
		"AND pe.category_id = (SELECT id FROM category WHERE code = 'pastries') ORDER BY a.entry_id LIMIT 1");
	assert_true(e > 0);
	assert_true(listed(j, e));
	assert_int_equal(
		db_exec(db_thread(),
			"INSERT INTO prize_rule (edition_id, kind, account_id, province_id, reason) "
			"SELECT x.edition_id, 'province', (SELECT id FROM account WHERE email = 'jury@example.org'), c.province_id, 'test' "
			"FROM prize_assignment a JOIN prize_entry pe ON pe.id = a.entry_id JOIN exhibitor x ON x.id = pe.exhibitor_id "
			"JOIN cooperative c ON c.id = x.cooperative_id "
			"WHERE a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') "
			"AND pe.category_id = (SELECT id FROM category WHERE code = 'pastries') ORDER BY a.entry_id LIMIT 1"),
		CF_OK);
	prize_sheet sh;
	assert_false(listed(j, e));
	assert_int_equal(prize_jury_sheet(A, j, e, &sh), CF_ERR_NOTFOUND);
	int v[5] = { 10, 10, 10, 10, 10 }, bad;
	assert_int_equal(prize_score_save(j, e, v, 5, "", &bad), CF_ERR_NOTFOUND);
	assert_int_equal(db_exec(db_thread(), "DELETE FROM prize_rule WHERE reason = 'test'"),
			 CF_OK);
	assert_true(listed(j, e));
}

static int64_t open_sheet(void)
{
	return scalar(
		"SELECT a.entry_id FROM prize_assignment a JOIN prize_entry pe ON pe.id = a.entry_id "
		"WHERE a.account_id = (SELECT id FROM account WHERE email = 'jury@example.org') "
		"AND pe.category_id = (SELECT id FROM category WHERE code = 'pastries') ORDER BY a.entry_id LIMIT 1");
}

static void scores_off_the_scale_are_refused_and_nothing_is_written(void **state)
{
	(void)state;
	int64_t j = jury_id(), e = open_sheet();
	int64_t before = scalar("SELECT count(*) FROM prize_log");
	int v[5] = { 10, 21, 10, 10, 10 }, bad;
	assert_int_equal(prize_score_save(j, e, v, 5, "", &bad), CF_ERR_INVALID);
	assert_int_equal(bad, 1);
	v[1] = -1;
	assert_int_equal(prize_score_save(j, e, v, 5, "", &bad), CF_ERR_INVALID);
	assert_int_equal(scalar("SELECT count(*) FROM prize_log"), before);
	v[1] = 20;
	assert_int_equal(prize_score_save(j, e, v, 5, "ok", &bad), CF_OK);
	assert_int_equal(scalar("SELECT count(*) FROM prize_log"), before + 1);
	v[0] = 3; /* a change is a new record, kind 'change' */
	assert_int_equal(prize_score_save(j, e, v, 5, "changed", &bad), CF_OK);
	assert_int_equal(scalar("SELECT count(*) FROM prize_log WHERE kind = 'change'"), 1);
	prize_chain c;
	prize_verify(A, &c);
	assert_true(c.ok);
}

static void an_edited_score_row_is_found(void **state)
{
	(void)state;
	assert_int_equal(
		db_exec(db_thread(), "UPDATE prize_score SET value = value + 1 WHERE rowid = 5"),
		CF_OK);
	prize_chain c;
	prize_verify(A, &c);
	assert_false(c.ok);
	assert_int_equal(c.broken_id, 0);
	assert_true(c.entry_id > 0);
	assert_int_equal(
		db_exec(db_thread(), "UPDATE prize_score SET value = value - 1 WHERE rowid = 5"),
		CF_OK);
	prize_verify(A, &c);
	assert_true(c.ok);
}

static void an_edited_or_removed_log_record_breaks_the_chain_there(void **state)
{
	(void)state;
	assert_int_equal(db_exec(db_thread(),
				 "CREATE TEMP TABLE keep AS SELECT * FROM prize_log WHERE id = 30"),
			 CF_OK);
	assert_int_equal(
		db_exec(db_thread(), "UPDATE prize_log SET content = content || 'x' WHERE id = 30"),
		CF_OK);
	prize_chain c;
	prize_verify(A, &c);
	assert_false(c.ok);
	assert_int_equal(c.broken_id, 30);
	assert_int_equal(db_exec(db_thread(), "DELETE FROM prize_log WHERE id = 30"), CF_OK);
	prize_verify(A, &c);
	assert_false(c.ok);
	assert_int_equal(c.broken_id, 31);
	assert_int_equal(
		db_exec(db_thread(), "INSERT INTO prize_log SELECT * FROM keep; DROP TABLE keep"),
		CF_OK);
	prize_verify(A, &c);
	assert_true(c.ok);
}

static void nothing_is_public_before_publication_and_scores_freeze_when_closed(void **state)
{
	(void)state;
	int64_t cat = scalar("SELECT id FROM category WHERE code = 'pastries'");
	prize_award *w;
	size_t n;
	assert_int_equal(prize_public_awards(A, edition_id(), 1, &w, &n), CF_OK);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(w[i].category.v[LANG_FR], "Pâtisserie");
	assert_int_equal(prize_publish(0, cat, 1, NULL), CF_ERR_CONFLICT); /* open: close first */
	prize_warning warn;
	assert_int_equal(prize_close(0, cat, 0, &warn), CF_ERR_PERM); /* sheets missing: confirm */
	assert_true(warn.missing_sheets > 0 && warn.missing_sheets < warn.sheets);
	assert_int_equal(prize_close(0, cat, 1, NULL), CF_OK);
	int v[5] = { 1, 1, 1, 1, 1 }, bad;
	assert_int_equal(prize_score_save(jury_id(), open_sheet(), v, 5, "", &bad), CF_ERR_STATE);
	assert_int_equal(prize_publish(0, cat, 1, NULL), CF_OK);
	assert_int_equal(prize_public_awards(A, edition_id(), 0, &w, &n), CF_OK);
	int seen = 0;
	for (size_t i = 0; i < n; i++)
		seen += !strcmp(w[i].category.v[LANG_FR], "Pâtisserie");
	assert_int_equal(seen, 3);
	prize_award one;
	assert_int_equal(prize_award_by_code(A, w[0].code, &one), CF_OK);
	assert_int_equal(prize_award_by_code(A, "0000-0000-0000", &one), CF_ERR_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_demo_chain_holds),
		cmocka_unit_test(a_declared_conflict_hides_the_entry),
		cmocka_unit_test(a_conflict_found_later_hides_an_assigned_entry),
		cmocka_unit_test(scores_off_the_scale_are_refused_and_nothing_is_written),
		cmocka_unit_test(an_edited_score_row_is_found),
		cmocka_unit_test(an_edited_or_removed_log_record_breaks_the_chain_there),
		cmocka_unit_test(
			nothing_is_public_before_publication_and_scores_freeze_when_closed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
