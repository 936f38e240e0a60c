/* test_accounts_model.c - the back office's model on a fresh demo database:
 * logo types from bytes, one-time tokens, sign-in limits, audited saves
 * that write nothing when refused, and the limits on who may do what. */
#include "unit.h"

#include "../../src/db/db.h"
#include "../../src/model/account.h"
#include "../../src/model/account_admin.h"
#include "../../src/model/admin.h"
#include "../../src/model/audit.h"
#include "../../src/model/audit_log.h"
#include "../../src/model/outbox.h"
#include "../../src/model/demo.h"
#include "../../src/model/role.h"
#include "../../src/model/signin_limit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dbpath[64];

static int count(const char *sql_literal)
{
	db_stmt *s = db_prepare(db_thread(), sql_literal);
	int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

static int64_t id_of(const char *email)
{
	arena *a = arena_new(1 << 16);
	account acc;
	int64_t id = account_by_email(a, email, &acc) ? 0 : acc.id;
	arena_free(a);
	return id;
}

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	snprintf(dbpath, sizeof dbpath, "/tmp/cf-accounts-unit-%d.db", (int)getpid());
	unlink(dbpath);
	db *d;
	int applied;
	if (db_open(dbpath, 1, &d) || db_migrate(d, &applied))
		return -1;
	db_close(d);
	db_configure(dbpath);
	return demo_create(db_thread()) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	db_thread_close();
	unit_remove_db(dbpath);
	return 0;
}

static void logo_type_comes_from_the_bytes(void **state)
{
	(void)state;
	unsigned char png[40] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
				  0,	0,   0,	  13,  'I',  'H',  'D',	 'R' };
	unsigned char jpeg[8] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9 };
	const char *svg =
		"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
	const char *gif = "GIF89a.................................";
	assert_string_equal(logo_kind(png, sizeof png), "image/png");
	assert_string_equal(logo_kind(jpeg, sizeof jpeg), "image/jpeg");
	assert_null(logo_kind(svg, strlen(svg)));
	assert_null(logo_kind(gif, strlen(gif)));
	assert_null(logo_kind(png, 12)); /* truncated PNG */
	assert_null(logo_kind(jpeg, 6)); /* JPEG without its end marker */
	assert_null(logo_kind("", 0));
	unsigned char big[16] = { 0xff, 0xd8, 0xff };
	assert_int_equal(logo_set(0, 1, big, LOGO_MAX + 1), CF_ERR_TOOBIG);
	assert_int_equal(logo_set(0, 1, svg, strlen(svg)), CF_ERR_INVALID);
	assert_false(logo_has(1));
}

static const char SQL_TOKENS[] = "SELECT count(*) FROM account_token WHERE used_at IS NULL";
static const char SQL_EXPIRE[] = "UPDATE account_token SET expires_at = 1";

static void an_invitation_token_works_once(void **state)
{
	(void)state;
	char token[65];
	token_new(token);
	assert_true(token_wellformed(token));
	int64_t id;
	assert_int_equal(
		acct_invite(0, "unit.invite@example.org", "Unit", 1, token, "subject", "body", &id),
		CF_OK);
	assert_true(id > 0);
	arena *a = arena_new(1 << 16);
	account acc;
	assert_int_equal(token_peek(a, TOKEN_INVITE, token, &acc), CF_OK);
	assert_string_equal(acc.email, "unit.invite@example.org");
	assert_int_equal(acc.cooperative_id, 1);
	assert_true(acc.roles & ROLE_BIT(ROLE_EXHIBITOR));
	assert_int_equal(token_peek(a, TOKEN_RESET, token, &acc),
			 CF_ERR_NOTFOUND); /* kinds do not mix */
	int64_t who;
	assert_int_equal(token_use(TOKEN_INVITE, token, "short", &who), CF_ERR_INVALID);
	assert_int_equal(token_peek(a, TOKEN_INVITE, token, &acc), CF_OK); /* still live */
	assert_int_equal(token_use(TOKEN_INVITE, token, "a long enough password", &who), CF_OK);
	assert_int_equal(who, id);
	assert_int_equal(token_use(TOKEN_INVITE, token, "a long enough password", &who),
			 CF_ERR_NOTFOUND);
	assert_int_equal(
		account_authenticate("unit.invite@example.org", "a long enough password", &who),
		CF_OK);
	/* Invited again once it has a password: refused, nothing queued. */
	char t2[65];
	token_new(t2);
	assert_int_equal(acct_invite(0, "unit.invite@example.org", "", 1, t2, "s", "b", &id),
			 CF_ERR_CONFLICT);
	assert_int_equal(token_peek(a, TOKEN_INVITE, t2, &acc), CF_ERR_NOTFOUND);
	arena_free(a);
}

static const char SQL_RESET_WAITING[] = "SELECT count(*) FROM reset_request";

static void a_reset_token_expires_and_an_unknown_email_leaves_no_trace(void **state)
{
	(void)state;
	char token[65];
	token_new(token);
	int before = count(SQL_TOKENS);
	assert_int_equal(acct_reset_request("nobody.at.all@example.org", token, "s", "b"), CF_OK);
	assert_int_equal(acct_reset_process(), 0); /* the sender makes the links */
	assert_int_equal(count(SQL_TOKENS), before);
	assert_int_equal(acct_reset_request("desk@example.org", token, "s", "b"), CF_OK);
	assert_int_equal(count(SQL_TOKENS), before);
	assert_int_equal(acct_reset_process(), 1);
	assert_int_equal(count(SQL_TOKENS), before + 1);
	assert_int_equal(count(SQL_RESET_WAITING), 0);
	assert_int_equal(db_exec(db_thread(), SQL_EXPIRE), CF_OK);
	int64_t who;
	assert_int_equal(token_use(TOKEN_RESET, token, "a long enough password", &who),
			 CF_ERR_NOTFOUND);
	assert_int_equal(token_use(TOKEN_RESET, "not-a-token", "a long enough password", &who),
			 CF_ERR_NOTFOUND);
}

static const char SQL_JURY_RESETS[] =
	"SELECT count(*) FROM account_token t JOIN account a ON a.id = t.account_id "
	"WHERE a.email = 'jury@example.org' AND t.kind = 'reset'";
static const char SQL_JURY_MAIL[] =
	"SELECT count(*) FROM outbox WHERE to_email = 'jury@example.org'";

static void reset_links_are_capped_at_three_an_hour(void **state)
{
	(void)state;
	for (int i = 0; i < 5; i++) {
		char token[65];
		token_new(token);
		assert_int_equal(acct_reset_request("jury@example.org", token, "s", "b"), CF_OK);
	}
	assert_int_equal(acct_reset_process(), 3);
	assert_int_equal(count(SQL_JURY_RESETS), 3);
	assert_int_equal(count(SQL_JURY_MAIL), 3);
}

static void one_sender_claims_a_message(void **state)
{
	(void)state;
	int64_t id;
	assert_int_equal(outbox_enqueue("claim@example.org", "s", "b", &id), CF_OK);
	assert_true(outbox_claim(id));
	assert_false(outbox_claim(id)); /* a second server's sender keeps off */
	assert_int_equal(outbox_mark_failed(id, "test"), CF_OK);
	assert_true(outbox_claim(id)); /* a failure releases it for the next round */
	assert_int_equal(outbox_mark_sent(0, id), CF_OK);
	assert_false(outbox_claim(id));
	assert_int_equal(outbox_mark_sent(0, id), CF_ERR_NOTFOUND);
}

static void five_failures_block_an_email_for_fifteen_minutes(void **state)
{
	(void)state;
	for (int i = 0; i < SIGNIN_MAX_EMAIL - 1; i++)
		signin_limit_fail("Limit@Example.org", NULL);
	assert_int_equal(signin_limit_wait("limit@example.org", NULL), 0);
	signin_limit_fail("limit@example.org", NULL);
	long w = signin_limit_wait("LIMIT@example.org", NULL);
	assert_true(w > SIGNIN_WINDOW - 5 && w <= SIGNIN_WINDOW);
	assert_int_equal(signin_limit_wait("other@example.org", NULL), 0);
	signin_limit_clear("limit@example.org");
	assert_int_equal(signin_limit_wait("limit@example.org", NULL), 0);
	for (int i = 0; i < SIGNIN_MAX_ADDR; i++)
		signin_limit_fail("x@example.org", "192.0.2.7");
	assert_true(signin_limit_wait("fresh@example.org", "192.0.2.7") > 0);
	assert_int_equal(signin_limit_wait("fresh@example.org", "192.0.2.8"), 0);
}

static const char SQL_AUDITS[] = "SELECT count(*) FROM audit";
static const char SQL_LAST_AFTER[] =
	"SELECT count(*) FROM audit WHERE id = (SELECT max(id) FROM audit) AND action = 'edition.update' "
	"AND json_extract(after_json, '$.city_fr') = 'Meknès' AND json_extract(before_json, '$.city_fr') = 'Fès'";

static void a_refused_save_writes_nothing_and_a_save_is_audited(void **state)
{
	(void)state;
	arena *a = arena_new(1 << 20);
	admin_rec rec;
	assert_int_equal(admin_get(a, &ADMIN_EDITION, 1, &rec), CF_OK);
	int audits = count(SQL_AUDITS);
	admin_rec bad = rec;
	bad.v[ED_ENDS] = "2024-01-01"; /* before the first day: the schema refuses */
	assert_int_equal(admin_save(0, &ADMIN_EDITION, &bad), CF_ERR_CONFLICT);
	assert_int_equal(count(SQL_AUDITS), audits);
	admin_rec again;
	assert_int_equal(admin_get(a, &ADMIN_EDITION, 1, &again), CF_OK);
	assert_string_equal(again.v[ED_ENDS], rec.v[ED_ENDS]);
	admin_rec good = rec;
	good.v[ED_CITY_FR] = "Meknès";
	assert_int_equal(admin_save(0, &ADMIN_EDITION, &good), CF_OK);
	assert_int_equal(count(SQL_AUDITS), audits + 1);
	assert_int_equal(count(SQL_LAST_AFTER), 1);
	/* JSON escapes what it must. */
	good.v[ED_CITY_EN] = "Fez \"\\ </script>";
	char *j = admin_rec_json(a, &ADMIN_EDITION, &good);
	assert_non_null(strstr(j, "\"city_en\":\"Fez \\\"\\\\ </script>\""));
	assert_non_null(strstr(j, "\"area_m2\":1500"));
	arena_free(a);
}

static void the_committee_cannot_raise_itself(void **state)
{
	(void)state;
	int64_t committee = id_of("committee@example.org"), admin = id_of("admin@example.org");
	assert_true(committee > 0 && admin > 0);
	assert_int_equal(acct_grant(committee, 0, committee, ROLE_ADMIN, 0), CF_ERR_PERM);
	assert_int_equal(acct_revoke(admin, 1, admin, ROLE_ADMIN, 0), CF_ERR_PERM);
	assert_int_equal(acct_set_disabled(admin, admin, 1), CF_ERR_PERM);
	assert_int_equal(acct_grant(committee, 0, committee, ROLE_DESK, 99), CF_ERR_INVALID);
	assert_int_equal(acct_grant(committee, 0, committee, ROLE_DESK, 1), CF_OK);
	assert_int_equal(acct_revoke(committee, 0, committee, ROLE_DESK, 1), CF_OK);
	assert_int_equal(acct_revoke(committee, 0, committee, ROLE_DESK, 1), CF_ERR_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logo_type_comes_from_the_bytes),
		cmocka_unit_test(an_invitation_token_works_once),
		cmocka_unit_test(a_reset_token_expires_and_an_unknown_email_leaves_no_trace),
		cmocka_unit_test(reset_links_are_capped_at_three_an_hour),
		cmocka_unit_test(one_sender_claims_a_message),
		cmocka_unit_test(five_failures_block_an_email_for_fifteen_minutes),
		cmocka_unit_test(a_refused_save_writes_nothing_and_a_save_is_audited),
		cmocka_unit_test(the_committee_cannot_raise_itself),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
