/* test_lang.c - the wording of issue 19 that code, not only translations,
 * must keep: the importer reads back the labels the pages offer. Runs from
 * the repository's root (po/ is read as coopfair reads it). */
#include "unit.h"

#include <string.h>

#include "../../src/i18n/i18n.h"
#include "../../src/model/registry_csv.h"
#include "../../src/model/text.h"
#include "../../src/pages/pages.h"

#include <stdlib.h>
#include <time.h>

static request req;

static request *in(lang l)
{
	req.lang = l;
	return &req;
}

static int load_po(void **st)
{
	(void)st;
	/* as main() does before anything else */
	setenv("TZ", "Africa/Casablanca", 1);
	tzset();
	memset(&req, 0, sizeof req);
	req.a = arena_new(1 << 20);
	return i18n_load("po") == CF_OK ? 0 : -1;
}

static int unload(void **st)
{
	(void)st;
	arena_free(req.a);
	return 0;
}

/* A stored UTC time is shown in Moroccan time, in the reader's words, never
 * as "2026-11-30T00:39:17Z": GMT+1, and GMT+0 during Ramadan. */
static void times_are_moroccan_and_in_words(void **st)
{
	(void)st;
	assert_string_equal(fmt_datetime(in(LANG_AR), "2024-02-20T09:05:00Z"),
			    "20 فبراير 2024، 10:05");
	assert_string_equal(fmt_datetime(in(LANG_FR), "2024-02-20T09:05:00Z"),
			    "20 février 2024 à 10 h 05");
	assert_string_equal(fmt_datetime(in(LANG_EN), "2024-02-20T09:05:00Z"),
			    "20 February 2024, 10:05");
	/* Ramadan 2024: Morocco is on GMT */
	assert_string_equal(fmt_datetime(in(LANG_AR), "2024-03-20T09:05:00Z"),
			    "20 مارس 2024، 09:05");
	/* the day changes with the hour; November is نونبر */
	assert_string_equal(fmt_datetime(in(LANG_AR), "2026-11-29T23:39:17Z"),
			    "30 نونبر 2026، 00:39");
	assert_string_equal(fmt_datetime(in(LANG_FR), "2024-01-31T23:30:00Z"),
			    "1er février 2024 à 00 h 30");
	assert_string_equal(fmt_date(in(LANG_FR), "2024-02-01"), "1er février 2024");
	assert_string_equal(fmt_date(in(LANG_AR), "2024-02-01"), "1 فبراير 2024");
	assert_string_equal(fmt_datetime(in(LANG_AR), "not a time"), "not a time");
}

/* A reason written "Arabic — French" is read in one language. */
static void bilingual_texts_show_the_readers_half(void **st)
{
	(void)st;
	char out[200];
	const char *both = "وصل الطلب ناقصا. — La candidature est arrivée incomplète.";
	assert_string_equal(text_pick(both, LANG_AR, out, sizeof out), "وصل الطلب ناقصا.");
	assert_string_equal(text_pick(both, LANG_FR, out, sizeof out),
			    "La candidature est arrivée incomplète.");
	assert_string_equal(text_pick(both, LANG_EN, out, sizeof out),
			    "La candidature est arrivée incomplète.");
	/* one language, or a dash inside a sentence: whole */
	assert_string_equal(text_pick("Produits — miel et dattes", LANG_AR, out, sizeof out),
			    "Produits — miel et dattes");
	assert_string_equal(text_pick("العسل — التمور — الزيتون", LANG_FR, out, sizeof out),
			    "العسل — التمور — الزيتون");
	/* a small buffer cuts at a character boundary */
	char tiny[6];
	assert_string_equal(text_pick(both, LANG_AR, tiny, sizeof tiny), "وص");
}

/* The application form offers "مجموعة ذات النفع الاقتصادي" (Law 13-97): an
 * import that writes the very label must be accepted, and so must the label
 * shown before the glossary (ذات نفع اقتصادي). */
static void importer_accepts_the_legal_form_labels_the_pages_show(void **st)
{
	(void)st;
	for (int l = 0; l < LANG__MAX; l++) {
		const char *label = tr((lang)l, "economic interest group");
		const char *code = regcsv_legal(label);
		assert_non_null(code);
		assert_string_equal(code, "eig");
	}
	assert_string_equal(tr(LANG_AR, "economic interest group"), "مجموعة ذات النفع الاقتصادي");
	assert_string_equal(regcsv_legal("مجموعة ذات نفع اقتصادي"), "eig");
	assert_string_equal(regcsv_legal(tr(LANG_AR, "cooperative")), "cooperative");
	assert_string_equal(regcsv_legal(tr(LANG_FR, "association")), "association");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(importer_accepts_the_legal_form_labels_the_pages_show),
		cmocka_unit_test(times_are_moroccan_and_in_words),
		cmocka_unit_test(bilingual_texts_show_the_readers_half),
	};
	return cmocka_run_group_tests(tests, load_po, unload);
}
