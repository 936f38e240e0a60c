/* test_registry_text.c - the search normaliser, with edge and hostile strings. */
#include "unit.h"

#include <string.h>

#include "../../src/model/registry_app.h"
#include "../../src/model/registry_text.h"

static const char *norm(const char *in)
{
	static char out[512];
	registry_norm(in, out, sizeof out);
	return out;
}

static void french_accents_and_case_fold(void **st)
{
	(void)st;
	assert_string_equal(norm("Coopérative AL-AMAL"), "cooperative al amal");
	assert_string_equal(norm("ÉLÈVE Çà Œuvre Ærø straße"), "eleve ca oeuvre aero strasse");
	assert_string_equal(norm("Fès-Meknès"), "fes meknes");
	/* decomposed accents (e + combining acute) fold the same way */
	assert_string_equal(norm("Cooperative\xcc\x81 Fe\xcc\x80s"), "cooperative fes");
	assert_string_equal(norm("l'huile d’olive"), "l huile d olive");
}

static void arabic_hamza_maqsura_marbuta_tatweel_diacritics(void **st)
{
	(void)st;
	assert_string_equal(norm("أإآٱا"), "ااااا");
	assert_string_equal(norm("مصطفى"), "مصطفي");
	assert_string_equal(norm("تعاونية"), "تعاونيه");
	assert_string_equal(norm("تعـــاونية"), "تعاونيه");
	assert_string_equal(norm("التَّعَاوُنِيَّةُ"), "التعاونيه");
	assert_string_equal(norm("تعاونية الأمل"), "تعاونيه الامل"); /* norm is static: a literal */
	assert_string_equal(norm("مؤسسة"), "موسسه");
	assert_string_equal(norm("ک ی"), "ك ي"); /* Persian kaf and ya */
}

static void digits_and_punctuation(void **st)
{
	(void)st;
	assert_string_equal(norm("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789");
	assert_string_equal(norm("  ,;!!  "), "");
	assert_string_equal(norm("a،b؛c؟d"), "a b c d");
	assert_string_equal(norm(""), "");
	char out[4];
	assert_int_equal(registry_norm(NULL, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void invisible_and_bidi_controls_vanish(void **st)
{
	(void)st;
	/* RLO, LRI, ZWJ, ZWNJ, BOM, RLM inside a word do not split it */
	assert_string_equal(
		norm("co\xe2\x80\xaeop\xe2\x81\xa6\xe2\x80\x8d\xe2\x80\x8c\xef\xbb\xbf\xe2\x80\x8f"),
		"coop");
	assert_string_equal(norm("a\xc2\xa0"
				 "b\xe2\x80\xaf"
				 "c"),
			    "a b c"); /* NBSP, narrow NBSP */
}

static void invalid_utf8_is_dropped_not_crashing(void **st)
{
	(void)st;
	assert_string_equal(norm("a\xff\xfe"
				 "b"),
			    "ab");
	assert_string_equal(norm("\xc0\xaf"), "");	     /* overlong '/' */
	assert_string_equal(norm("x\xed\xa0\x80y"), "xy");   /* surrogate */
	assert_string_equal(norm("\xe2\x82"), "");	     /* truncated */
	assert_string_equal(norm("\xf4\x90\x80\x80z"), "z"); /* past U+10FFFF */
}

static void output_is_capped_at_a_character_boundary(void **st)
{
	(void)st;
	char out[6];
	size_t n = registry_norm("ابجد", out, sizeof out); /* 2 bytes each */
	assert_int_equal(n, 4);
	assert_string_equal(out, "اب");
	char one[1];
	assert_int_equal(registry_norm("abc", one, 1), 0);
	assert_string_equal(one, "");
	char big[64 * 1024];
	static char in[200000];
	memset(in, 'A', sizeof in - 1);
	n = registry_norm(in, big, sizeof big);
	assert_int_equal(n, sizeof big - 1);
}

static void index_text_adds_words_without_article(void **st)
{
	(void)st;
	char out[256];
	registry_index_text("تعاونية الأمل للنسيج", out, sizeof out);
	assert_string_equal(out, "تعاونيه الامل للنسيج امل نسيج");
	registry_index_text("ال لل", out, sizeof out); /* too short to strip */
	assert_string_equal(out, "ال لل");
}

static void fts_query_is_prefix_words_and_safe(void **st)
{
	(void)st;
	char q[512];
	registry_fts_query("Coop \"AL\" amal*", q, sizeof q);
	assert_string_equal(q, "\"amal\"*"); /* generic words dropped beside a specific one */
	registry_fts_query("tissage coop", q, sizeof q);
	assert_string_equal(q, "\"tissage\"* AND \"coop\"*"); /* the last word is being typed */
	registry_fts_query("cooperative", q, sizeof q);
	assert_string_equal(q, "\"cooperative\"*");
	registry_fts_query("الأمل", q, sizeof q);
	assert_string_equal(q, "(\"الامل\"* OR \"امل\"*)");
	assert_int_equal(registry_fts_query("\" OR * NEAR( -", q, sizeof q),
			 strlen("\"or\"* AND \"near\"*"));
	assert_int_equal(registry_fts_query("!!!", q, sizeof q), 0);
	assert_string_equal(q, "");
	char tiny[8];
	assert_int_equal(registry_fts_query("abcdefgh", tiny, sizeof tiny), 0);
}

static void arabic_presentation_forms_fold_to_letters(void **st)
{
	(void)st;
	/* "تعاونية البستان" as a PDF copy gives it: U+FExx positional forms
	 * (norm's buffer is static: compare with a literal, not with norm()) */
	assert_string_equal(norm("ﺗﻌﺎﻭﻧﻴﺔ ﺍﻟﺒﺴﺘﺎﻥ"), "تعاونيه البستان");
	/* lam-alef ligatures (U+FEF5-U+FEFC) and hamza forms inside them */
	assert_string_equal(norm("ﻷﻣﻞ"), "لامل");
	/* Presentation Forms-A: a ligature and a Persian letter's forms */
	assert_string_equal(norm("\xef\xb7\xb2"), "الله"); /* U+FDF2 */
	assert_string_equal(norm("\xef\xae\x8e"), "ك");	   /* U+FB8E keheh -> kaf */
	/* tashkil forms vanish like the combining marks they show */
	assert_string_equal(norm("ﺑﹶﺎ"), "با");
	char out[256];
	registry_index_text("ﺗﻌﺎﻭﻧﻴﺔ ﺍﻟﺒﺴﺘﺎﻥ", out, sizeof out);
	assert_string_equal(out, "تعاونيه البستان بستان");
}

static void bare_waw_and_ba_prefixes_are_indexed_without_them(void **st)
{
	(void)st;
	char out[256];
	registry_index_text("تعاونية بمكناس للصوف وحرير", out, sizeof out);
	assert_string_equal(out, "تعاونيه بمكناس للصوف وحرير مكناس صوف حرير");
	/* short words keep their first letter: "وفا" is not "فا" */
	registry_index_text("وفا بر", out, sizeof out);
	assert_string_equal(out, "وفا بر");
}

static void place_spellings_find_the_registry_spelling(void **st)
{
	(void)st;
	char q[512];
	registry_fts_query("Fez", q, sizeof q);
	assert_string_equal(q, "(\"fez\"* OR \"fes\"*)");
	registry_fts_query("tissage Miknas", q, sizeof q);
	assert_string_equal(q, "\"tissage\"* AND (\"miknas\"* OR \"meknes\"*)");
	registry_fts_query("Marrakesh", q, sizeof q);
	assert_string_equal(q, "(\"marrakesh\"* OR \"marrakech\"*)");
	registry_fts_exact("الوفاء Fez", q, sizeof q);
	assert_string_equal(q, "(\"الوفاء\" OR \"وفاء\") AND (\"fez\" OR \"fes\")");
}

static void registration_numbers_share_one_key(void **st)
{
	(void)st;
	char k[64];
	const char *same[] = { "HO-2015-001",
			       "ho 2015 001",
			       "HO-2015-001\xc2\xa0",
			       "HO\xe2\x80\x91"
			       "2015\xe2\x80\x91"
			       "001",
			       "\xe2\x80\x8bHO/2015/001",
			       "HO-٢٠١٥-٠٠١" };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		registry_reg_key(same[i], k, sizeof k);
		assert_string_equal(k, "ho2015001");
	}
	registry_reg_key("HO-2015-002", k, sizeof k);
	assert_string_not_equal(k, "ho2015001");
	assert_int_equal(registry_reg_key(" - ", k, sizeof k), 0);
}

static void digits_helper_converts_only_digits(void **st)
{
	(void)st;
	char out[64];
	registry_digits("٠٦ ۱۲-34 x", out, sizeof out);
	assert_string_equal(out, "06 12-34 x");
}

static void photo_type_comes_from_the_bytes(void **st)
{
	(void)st;
	int w, h;
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
					     0,	   0,	0,   13,  'I',	'H',  'D',  'R',
					     0,	   0,	2,   0,	  0,	0,    1,    0x80 };
	assert_string_equal(app_photo_type(png, sizeof png, &w, &h), "image/png");
	assert_int_equal(w, 512);
	assert_int_equal(h, 384);
	/* JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 400 */
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0,	 4,    'J',
					     'F',  0xff, 0xc0, 0,    11, 8,    0x01,
					     0x2c, 0x01, 0x90, 3,    1,	 0x22, 0 };
	assert_string_equal(app_photo_type(jpg, sizeof jpg, &w, &h), "image/jpeg");
	assert_int_equal(w, 400);
	assert_int_equal(h, 300);
	/* a GIF, an HTML page named .jpg, a truncated JPEG, a PNG of zero width */
	assert_null(app_photo_type((const unsigned char *)"GIF89a\1\0\1\0", 10, &w, &h));
	assert_null(app_photo_type((const unsigned char *)"<html><script>", 14, &w, &h));
	assert_null(app_photo_type(jpg, 6, &w, &h));
	unsigned char zero[sizeof png];
	memcpy(zero, png, sizeof png);
	zero[18] = zero[19] = 0;
	assert_null(app_photo_type(zero, sizeof zero, &w, &h));
	/* a segment length that points past the end */
	static const unsigned char bad[] = { 0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0, 0, 0, 0, 0, 0 };
	assert_null(app_photo_type(bad, sizeof bad, &w, &h));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(french_accents_and_case_fold),
		cmocka_unit_test(arabic_hamza_maqsura_marbuta_tatweel_diacritics),
		cmocka_unit_test(digits_and_punctuation),
		cmocka_unit_test(invisible_and_bidi_controls_vanish),
		cmocka_unit_test(invalid_utf8_is_dropped_not_crashing),
		cmocka_unit_test(output_is_capped_at_a_character_boundary),
		cmocka_unit_test(index_text_adds_words_without_article),
		cmocka_unit_test(fts_query_is_prefix_words_and_safe),
		cmocka_unit_test(arabic_presentation_forms_fold_to_letters),
		cmocka_unit_test(bare_waw_and_ba_prefixes_are_indexed_without_them),
		cmocka_unit_test(place_spellings_find_the_registry_spelling),
		cmocka_unit_test(registration_numbers_share_one_key),
		cmocka_unit_test(digits_helper_converts_only_digits),
		cmocka_unit_test(photo_type_comes_from_the_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
