/*
 * test_i18n.c - languages (lang_parse, lang_accept) and translations (tr).
 *
 * The translation tests load a po/ folder this program writes itself, so
 * they do not depend on the wording of the real po/ files, which
 * translators change. The tables are global: they are loaded once, by the
 * group setup.
 */
#include "unit.h"

#include "../../src/i18n/i18n.h"
#include "../../src/model/text.h"

#include <sys/stat.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

static char dir[256];

static void write_po(const char *lang_code, const char *body)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, lang_code);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/test.po", dir, lang_code);
	char text[4096];
	snprintf(text, sizeof text,
		 "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n%s",
		 body);
	unit_write_file(path, text);
}

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(dir, sizeof dir);
	write_po("ar", "msgid \"Hello\"\nmsgstr \"مرحبا\"\n\n"
		       "msgid \"Only in French\"\nmsgstr \"\"\n\n"
		       "#, fuzzy\nmsgid \"Fuzzy in Arabic\"\nmsgstr \"ترجمة غير مؤكدة\"\n\n"
		       "msgid \"%d exhibitors match.\"\nmsgstr \"%s عارض\"\n\n"
		       "msgid \"%d women, %d men\"\nmsgstr \"%d نساء، %d رجال\"\n");
	write_po("fr", "msgid \"Hello\"\nmsgstr \"Bonjour\"\n\n"
		       "msgid \"Only in French\"\nmsgstr \"Seulement en français\"\n\n"
		       "msgid \"Fuzzy in Arabic\"\nmsgstr \"Incertain en arabe\"\n\n"
		       "msgid \"%d exhibitors match.\"\nmsgstr \"%d exposants correspondent.\"\n");
	write_po("en", "msgid \"Only in English\"\nmsgstr \"Only in English (en)\"\n");
	return i18n_load(dir) == CF_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmtree(dir);
	return 0;
}

/* ---- lang_parse ---- */

static void lang_parse_knows_the_three_codes(void **state)
{
	(void)state;
	assert_int_equal(lang_parse("ar"), LANG_AR);
	assert_int_equal(lang_parse("fr"), LANG_FR);
	assert_int_equal(lang_parse("en"), LANG_EN);
}

static void lang_parse_accepts_region_subtags_and_any_case(void **state)
{
	(void)state;
	assert_int_equal(lang_parse("fr-MA"), LANG_FR);
	assert_int_equal(lang_parse("ar_MA"), LANG_AR);
	assert_int_equal(lang_parse("EN-gb"), LANG_EN);
}

static void lang_parse_refuses_other_and_malformed_codes(void **state)
{
	(void)state;
	const char *bad[] = { "",	"a",   "f", "de",  "fra",   "french",
			      "arabic", "fr ", "*", "-fr", "ar;q=1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lang_parse(bad[i]) != -1)
			fail_msg("lang_parse(\"%s\") accepted", bad[i]);
	assert_int_equal(lang_parse(NULL), -1);
}

/* ---- lang_accept ---- */

static void lang_accept_takes_a_single_language(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("fr"), LANG_FR);
	assert_int_equal(lang_accept("fr-MA"), LANG_FR);
}

static void lang_accept_skips_languages_we_do_not_speak(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("de-DE, de;q=0.9, en;q=0.5"), LANG_EN);
}

static void lang_accept_prefers_the_highest_q(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("en;q=0.3, ar;q=0.2, fr;q=0.8"), LANG_FR);
	assert_int_equal(lang_accept("fr;q=0.5, ar"), LANG_AR);
	assert_int_equal(lang_accept("fr;q=0.501, en;q=0.5"), LANG_FR);
}

static void lang_accept_takes_the_earlier_language_on_a_tie(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("en;q=0.8, fr;q=0.8"), LANG_EN);
	assert_int_equal(lang_accept("ar, fr"), LANG_AR);
}

static void lang_accept_never_picks_a_language_with_q_zero(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("fr;q=0"), -1);
	assert_int_equal(lang_accept("fr;q=0.000, de"), -1);
	assert_int_equal(lang_accept("ar;q=0, en;q=0.1"), LANG_EN);
}

static void lang_accept_tolerates_spaces_around_parts(void **state)
{
	(void)state;
	assert_int_equal(lang_accept("  fr-MA ; q=0.9 ,\tar ; q=0.95 "), LANG_AR);
}

static void lang_accept_of_nothing_is_none(void **state)
{
	(void)state;
	assert_int_equal(lang_accept(NULL), -1);
	assert_int_equal(lang_accept(""), -1);
	assert_int_equal(lang_accept("*"), -1);
	assert_int_equal(lang_accept("*;q=0.5"), -1);
}

static void lang_accept_skips_malformed_parts(void **state)
{
	(void)state;
	assert_int_equal(lang_accept(",,;;,;q=,fr;q=abc,=,en;q=0.1"), LANG_EN);
	assert_int_equal(lang_accept(";q=1,fr"), LANG_FR);
	assert_int_equal(lang_accept("fr;q=-1, en;q=0.2"), LANG_EN);
}

static void lang_accept_skips_an_overlong_part(void **state)
{
	(void)state;
	char h[600];
	memset(h, 'x', 500);
	memcpy(h + 500, ",ar;q=0.4", 10);
	assert_int_equal(lang_accept(h), LANG_AR);
	/* an overlong part that starts with a code of ours is still skipped */
	memcpy(h, "fr;q=1.0", 8);
	assert_int_equal(lang_accept(h), LANG_AR);
}

static void lang_accept_survives_a_very_long_header(void **state)
{
	(void)state;
	size_t n = 1u << 20;
	char *h = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		h[i] = i % 3 == 2 ? ',' : 'z';
	memcpy(h + n - 3, ",en", 3);
	h[n] = 0;
	assert_int_equal(lang_accept(h), LANG_EN);
	free(h);
}

/* ---- codes, directions ---- */

static void only_arabic_is_right_to_left(void **state)
{
	(void)state;
	assert_string_equal(lang_dir(LANG_AR), "rtl");
	assert_string_equal(lang_dir(LANG_FR), "ltr");
	assert_string_equal(lang_dir(LANG_EN), "ltr");
	assert_string_equal(lang_code(LANG_AR), "ar");
	assert_string_equal(lang_native(LANG_AR), "العربية");
}

/* ---- tr ---- */

static void tr_finds_a_translation(void **state)
{
	(void)state;
	assert_string_equal(tr(LANG_AR, "Hello"), "مرحبا");
	assert_string_equal(tr(LANG_FR, "Hello"), "Bonjour");
	assert_true(tr_has(LANG_AR, "Hello"));
}

static void tr_falls_back_from_arabic_to_french(void **state)
{
	(void)state;
	assert_false(tr_has(LANG_AR, "Only in French"));
	assert_string_equal(tr(LANG_AR, "Only in French"), "Seulement en français");
}

static void tr_falls_back_to_english_after_french(void **state)
{
	(void)state;
	assert_string_equal(tr(LANG_AR, "Only in English"), "Only in English (en)");
	assert_string_equal(tr(LANG_FR, "Only in English"), "Only in English (en)");
}

static void tr_in_english_never_takes_french(void **state)
{
	(void)state;
	assert_string_equal(tr(LANG_EN, "Only in French"), "Only in French");
}

static void tr_of_an_unknown_msgid_is_the_msgid(void **state)
{
	(void)state;
	assert_string_equal(tr(LANG_AR, "Never translated"), "Never translated");
}

static void tr_never_returns_an_empty_translation(void **state)
{
	(void)state;
	/* "Only in French" has msgstr "" in ar: that is "untranslated". */
	assert_true(strlen(tr(LANG_AR, "Only in French")) > 0);
}

static void tr_ignores_fuzzy_translations(void **state)
{
	(void)state;
	assert_false(tr_has(LANG_AR, "Fuzzy in Arabic"));
	assert_string_equal(tr(LANG_AR, "Fuzzy in Arabic"), "Incertain en arabe");
}

static void tr_refuses_a_translation_whose_directives_differ(void **state)
{
	(void)state;
	/* ar has "%s" for "%d": a page would crash on it; fr has it right. */
	assert_false(tr_has(LANG_AR, "%d exhibitors match."));
	assert_string_equal(tr(LANG_AR, "%d exhibitors match."), "%d exposants correspondent.");
}

static void tr_keeps_a_translation_whose_directives_match(void **state)
{
	(void)state;
	assert_string_equal(tr(LANG_AR, "%d women, %d men"), "%d نساء، %d رجال");
}

static void loaded_count_counts_only_usable_translations(void **state)
{
	(void)state;
	/* ar: Hello and "%d women, %d men" (empty, fuzzy and mismatched ones
	 * are not loaded). */
	assert_int_equal(i18n_loaded_count(LANG_AR), 2);
	assert_int_equal(i18n_loaded_count(LANG_FR), 4);
	assert_int_equal(i18n_loaded_count(LANG_EN), 1);
}

static void load_of_a_missing_folder_is_an_io_error(void **state)
{
	(void)state;
	assert_int_equal(i18n_load("/nonexistent/coopfair/po"), CF_ERR_IO);
}

static void load_malformed(void *arg)
{
#ifdef __SANITIZE_ADDRESS__
	/* exit(1) from inside libgettextpo leaves its parse state behind; that
	 * is not a leak of ours. */
	__lsan_disable();
#endif
	exit(i18n_load(arg) == CF_OK ? 0 : 7);
}

static void load_of_a_malformed_po_file_fails(void **state)
{
	(void)state;
	char bad[256], path[512];
	unit_tmpdir(bad, sizeof bad);
	for (int l = 0; l < LANG__MAX; l++) {
		snprintf(path, sizeof path, "%s/%s", bad, lang_code((lang)l));
		mkdir(path, 0700);
	}
	snprintf(path, sizeof path, "%s/fr/broken.po", bad);
	unit_write_file(path, "msgid \"Hello\nmsgstr Bonjour\"\n\"\n");
	/* libgettextpo's fatal errors must not return: coopfair exits (1);
	 * otherwise i18n_load returns an error. Either way, not CF_OK. */
	int st = unit_exit_status(load_malformed, bad);
	unit_rmtree(bad);
	assert_true(st == 1 || st == 7);
}

/* ---- text3 (text stored in three languages) ---- */

static void text3_get_falls_back_french_english_arabic(void **state)
{
	(void)state;
	text3 t = { { "عربي", "", "" } };
	assert_string_equal(text3_get(&t, LANG_FR), "عربي");
	text3 u = { { "", "français", "english" } };
	assert_string_equal(text3_get(&u, LANG_AR), "français");
	text3 v = { { NULL, NULL, "english" } };
	assert_string_equal(text3_get(&v, LANG_AR), "english");
	text3 w = { { NULL, NULL, NULL } };
	assert_string_equal(text3_get(&w, LANG_EN), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lang_parse_knows_the_three_codes),
		cmocka_unit_test(lang_parse_accepts_region_subtags_and_any_case),
		cmocka_unit_test(lang_parse_refuses_other_and_malformed_codes),
		cmocka_unit_test(lang_accept_takes_a_single_language),
		cmocka_unit_test(lang_accept_skips_languages_we_do_not_speak),
		cmocka_unit_test(lang_accept_prefers_the_highest_q),
		cmocka_unit_test(lang_accept_takes_the_earlier_language_on_a_tie),
		cmocka_unit_test(lang_accept_never_picks_a_language_with_q_zero),
		cmocka_unit_test(lang_accept_tolerates_spaces_around_parts),
		cmocka_unit_test(lang_accept_of_nothing_is_none),
		cmocka_unit_test(lang_accept_skips_malformed_parts),
		cmocka_unit_test(lang_accept_skips_an_overlong_part),
		cmocka_unit_test(lang_accept_survives_a_very_long_header),
		cmocka_unit_test(only_arabic_is_right_to_left),
		cmocka_unit_test(tr_finds_a_translation),
		cmocka_unit_test(tr_falls_back_from_arabic_to_french),
		cmocka_unit_test(tr_falls_back_to_english_after_french),
		cmocka_unit_test(tr_in_english_never_takes_french),
		cmocka_unit_test(tr_of_an_unknown_msgid_is_the_msgid),
		cmocka_unit_test(tr_never_returns_an_empty_translation),
		cmocka_unit_test(tr_ignores_fuzzy_translations),
		cmocka_unit_test(tr_refuses_a_translation_whose_directives_differ),
		cmocka_unit_test(tr_keeps_a_translation_whose_directives_match),
		cmocka_unit_test(loaded_count_counts_only_usable_translations),
		cmocka_unit_test(load_of_a_missing_folder_is_an_io_error),
		cmocka_unit_test(load_of_a_malformed_po_file_fails),
		cmocka_unit_test(text3_get_falls_back_french_english_arabic),
	};
	return cmocka_run_group_tests_name("i18n", tests, setup, teardown);
}
