/* test_sec_access.c - edition-scoped roles (model/access.c), the text rule
 * (util/text.c) and the sign-in attempt counter (issue 8), on a fresh demo
 * database with a second edition. */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/access.h"
#include "../../src/model/account.h"
#include "../../src/model/demo.h"
#include "../../src/model/role.h"
#include "../../src/model/signin_limit.h"
#include "../../src/util/text.h"

#include <sodium.h>

static char dbpath[64];
static int64_t c1, c2, adm;

static const char SQL_EDITION2[] =
	"INSERT INTO edition (slug, number, name_ar, name_fr, name_en, slogan_ar, slogan_fr, slogan_en, "
	"city_ar, city_fr, city_en, region_id, starts_on, ends_on, area_m2, stands_planned, "
	"exhibitors_planned, outside_region_planned, chair_ar, chair_fr, chair_en, is_public) "
	"SELECT 'second', 2, name_ar, name_fr, name_en, slogan_ar, slogan_fr, slogan_en, city_ar, "
	"city_fr, city_en, region_id, '2025-02-20', '2025-02-24', area_m2, stands_planned, "
	"exhibitors_planned, outside_region_planned, chair_ar, chair_fr, chair_en, 1 FROM edition "
	"WHERE id = 1";
static const char SQL_SPACE1[] = "SELECT id FROM space WHERE edition_id = 1 LIMIT 1";

static int64_t first(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	return v;
}

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	snprintf(dbpath, sizeof dbpath, "/tmp/cf-sec-access-%d.db", (int)getpid());
	unit_remove_db(dbpath);
	db *d;
	int applied;
	if (db_open(dbpath, 1, &d) || db_migrate(d, &applied))
		return -1;
	db_close(d);
	db_configure(dbpath);
	if (demo_create(db_thread()) || db_exec(db_thread(), SQL_EDITION2))
		return -1;
	if (account_create("c1@example.org", "", NULL, 0, &c1) ||
	    account_create("c2@example.org", "", NULL, 0, &c2) ||
	    account_create("adm@example.org", "", NULL, ROLE_BIT(ROLE_ADMIN), &adm) ||
	    account_add_role(c1, ROLE_COMMITTEE, 1) || account_add_role(c2, ROLE_COMMITTEE, 2))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unit_remove_db(dbpath);
	return 0;
}

static void a_role_in_one_edition_counts_in_that_edition_only(void **state)
{
	(void)state;
	unsigned r;
	assert_int_equal(access_roles_in(c1, 1, &r), CF_OK);
	assert_int_equal(r, ROLE_BIT(ROLE_COMMITTEE));
	assert_int_equal(access_roles_in(c1, 2, &r), CF_OK);
	assert_int_equal(r, 0);
	assert_int_equal(access_roles_in(adm, 2, &r), CF_OK);
	assert_int_equal(r, ROLE_BIT(ROLE_ADMIN));
}

static void an_object_knows_its_edition(void **state)
{
	(void)state;
	int64_t e;
	int64_t space = first(SQL_SPACE1);
	assert_true(space > 0);
	assert_int_equal(access_edition_of(ACCESS_SPACE, space, &e), CF_OK);
	assert_int_equal(e, 1);
	assert_int_equal(access_edition_of(ACCESS_EDITION, 2, &e), CF_OK);
	assert_int_equal(e, 2);
	assert_int_equal(access_edition_of(ACCESS_SPACE, 999999, &e), CF_ERR_NOTFOUND);
	assert_int_equal(access_edition_of(ACCESS_GLOBAL, 1, &e), CF_ERR_NOTFOUND);
}

static void granting_needs_the_right_to_grant(void **state)
{
	(void)state;
	assert_true(access_may_grant(c2, ROLE_DESK, 2));
	assert_false(access_may_grant(c2, ROLE_DESK, 1));      /* not its edition */
	assert_false(access_may_grant(c2, ROLE_COMMITTEE, 0)); /* every edition */
	assert_false(access_may_grant(c2, ROLE_ADMIN, 2));     /* admin */
	assert_true(access_may_grant(adm, ROLE_COMMITTEE, 0));
	assert_true(access_may_grant(adm, ROLE_ADMIN, 0));
	assert_false(access_may_grant(0, ROLE_DESK, 1)); /* nobody */
}

static void the_text_rule_drops_bidi_controls_and_keeps_the_rest(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	assert_string_equal(text_clean(a, "a\u202Eb\u2066c\u2069\td\ne"), "abc\td\ne");
	assert_string_equal(text_clean(a, "x\x01y\xC2\x85z"), "xyz");
	assert_string_equal(text_clean(a, "\xFF"), "\xEF\xBF\xBD");
	const char *clean = "تعاونية الأمل — Coopérative";
	assert_ptr_equal(text_cleaned(a, clean), clean); /* no copy when clean */
	assert_true(text_is_clean(clean));
	assert_false(text_is_clean("\u202B"));
	arena_free(a);
}

static void an_attempt_is_counted_before_the_password_is_checked(void **state)
{
	(void)state;
	int64_t t[2];
	for (int i = 0; i < SIGNIN_MAX_EMAIL; i++)
		assert_int_equal(signin_limit_take("race@example.org", "10.0.0.9", t), 0);
	assert_true(signin_limit_take("race@example.org", "10.0.0.9", t) > 0);
	/* a success forgets the email's failures and its own address row */
	assert_int_equal(signin_limit_take("ok@example.org", "10.0.0.8", t), 0);
	signin_limit_succeeded("ok@example.org", t);
	assert_true(t[0] > 0 && t[1] > 0);
	assert_int_equal(signin_limit_wait("ok@example.org", "10.0.0.8"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_role_in_one_edition_counts_in_that_edition_only),
		cmocka_unit_test(an_object_knows_its_edition),
		cmocka_unit_test(granting_needs_the_right_to_grant),
		cmocka_unit_test(the_text_rule_drops_bidi_controls_and_keeps_the_rest),
		cmocka_unit_test(an_attempt_is_counted_before_the_password_is_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
