/* test_lang.c - the wording of issue 19 that code, not only translations,
 * must keep: the importer reads back the labels the pages offer. Runs from
 * the repository's root (po/ is read as coopfair reads it). */
#include "unit.h"

#include <string.h>

#include "../../src/i18n/i18n.h"
#include "../../src/model/registry_csv.h"

static int load_po(void **st)
{
	(void)st;
	return i18n_load("po") == CF_OK ? 0 : -1;
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
	};
	return cmocka_run_group_tests(tests, load_po, NULL);
}
