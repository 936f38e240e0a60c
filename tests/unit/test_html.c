/*
 * test_html.c - the escaping emitters (html.h) with hostile strings.
 *
 * Each test states one behaviour of html_printf, html_text, url_arg,
 * json_str or text_clean. Expected outputs are written out in full so a
 * change in escaping shows up as a failing test, not as a silent XSS.
 */
#include "unit.h"

#include "../../src/html/html.h"
#include <limits.h>
#include <stdio.h>

#define HOSTILE "<script>alert(1)</script>\"'&"
#define HOSTILE_ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
#define RLO "\xE2\x80\xAE"  /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define FFFD "\xEF\xBF\xBD" /* U+FFFD REPLACEMENT CHARACTER */

static buf out;
static arena *a;

static int setup(void **state)
{
	(void)state;
	buf_init(&out, 64u << 20);
	a = arena_new(64u << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	arena_free(a);
	return 0;
}

/* text - html_text(s) as a string (owned by the test's buffer). */
static const char *text(const char *s)
{
	buf_reset(&out);
	html_text(&out, s);
	return buf_cstr(&out);
}

/* utf8_valid - whether s is well-formed UTF-8 (no overlong, no surrogate). */
static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		int n;
		if (*p < 0x80) {
			p++;
			continue;
		} else if ((*p & 0xE0) == 0xC0) {
			n = 1, c = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			n = 2, c = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			n = 3, c = *p & 0x07;
		} else {
			return 0;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3F);
		}
		static const uint32_t min[4] = { 0, 0x80, 0x800, 0x10000 };
		if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		p += n + 1;
	}
	return 1;
}

/* ---- html_text ---- */

static void html_text_escapes_the_five_html_specials(void **state)
{
	(void)state;
	assert_string_equal(text(HOSTILE), HOSTILE_ESCAPED);
}

static void html_text_keeps_arabic_and_french_letters(void **state)
{
	(void)state;
	const char *s = "تعاونية الأمل — Coopérative Al Amal, Fès";
	assert_string_equal(text(s), s);
}

static void html_text_of_null_emits_nothing(void **state)
{
	(void)state;
	assert_string_equal(text(NULL), "");
}

static void html_text_drops_right_to_left_override(void **state)
{
	(void)state;
	assert_string_equal(text("abc" RLO "def"), "abcdef");
}

static void html_text_drops_every_bidi_embedding_override_and_isolate(void **state)
{
	(void)state;
	/* U+202A LRE, U+202B RLE, U+202C PDF, U+202D LRO, U+202E RLO,
	 * U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI */
	static const char *const controls[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
		"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
	};
	for (size_t i = 0; i < sizeof controls / sizeof controls[0]; i++) {
		char s[32];
		snprintf(s, sizeof s, "x%sy%s", controls[i], controls[i]);
		assert_string_equal(text(s), "xy");
	}
}

static void html_text_keeps_characters_next_to_the_bidi_controls(void **state)
{
	(void)state;
	/* U+2029 (before U+202A) and U+206A (after U+2069) are not controls that
	 * reorder text; U+2065 is unassigned. They stay. */
	assert_string_equal(text("\xE2\x80\xA9\xE2\x81\xAA"), "\xE2\x80\xA9\xE2\x81\xAA");
}

static void html_text_drops_c0_and_c1_controls_but_keeps_tab_and_newlines(void **state)
{
	(void)state;
	assert_string_equal(text("a\x01"
				 "b\x1b"
				 "c\x7f"
				 "d\xC2\x80"
				 "e\xC2\x9F"
				 "f"),
			    "abcdef");
	assert_string_equal(text("a\tb\nc\rd"), "a\tb\nc\rd");
}

static void html_text_replaces_invalid_bytes_with_fffd(void **state)
{
	(void)state;
	assert_string_equal(text("a\xFF"
				 "b"),
			    "a" FFFD "b");
	assert_string_equal(text("a\x80"
				 "b"),
			    "a" FFFD "b");
	assert_string_equal(text("\xFE\xFE"), FFFD FFFD);
}

static void html_text_replaces_a_truncated_sequence_at_the_end(void **state)
{
	(void)state;
	const char *r = text("ok\xE2\x82");
	assert_true(utf8_valid(r));
	assert_non_null(strstr(r, FFFD));
	assert_memory_equal(r, "ok", 2);
}

static void html_text_refuses_overlong_encodings_of_markup(void **state)
{
	(void)state;
	/* Overlong '<' (C0 BC), '/' (E0 80 AF) and '<' in four bytes: none may
	 * decode to the ASCII character, every byte is replaced. */
	const char *cases[] = { "\xC0\xBC", "\xC1\xBC", "\xE0\x80\xAF", "\xF0\x80\x80\xBC" };
	for (size_t i = 0; i < 4; i++) {
		const char *r = text(cases[i]);
		assert_true(utf8_valid(r));
		assert_null(strchr(r, '<'));
		assert_null(strchr(r, '/'));
		assert_non_null(strstr(r, FFFD));
	}
}

static void html_text_refuses_utf16_surrogates(void **state)
{
	(void)state;
	const char *r = text("a\xED\xA0\x80"
			     "b\xED\xBF\xBF"
			     "c");
	assert_true(utf8_valid(r));
	assert_null(strstr(r, "\xED\xA0\x80"));
	assert_null(strstr(r, "\xED\xBF\xBF"));
	assert_non_null(strstr(r, FFFD));
	assert_int_equal(r[0], 'a');
}

static void html_text_refuses_code_points_above_10ffff(void **state)
{
	(void)state;
	const char *r = text("\xF4\x90\x80\x80");
	assert_true(utf8_valid(r));
	assert_null(strstr(r, "\xF4\x90"));
}

static void html_text_keeps_four_byte_characters(void **state)
{
	(void)state;
	/* U+1F33F HERB and U+10FFFF, the last code point. */
	assert_string_equal(text("\xF0\x9F\x8C\xBF \xF4\x8F\xBF\xBF"),
			    "\xF0\x9F\x8C\xBF \xF4\x8F\xBF\xBF");
}

static void html_text_output_is_always_valid_utf8(void **state)
{
	(void)state;
	/* Every two-byte combination, as a cheap exhaustive sweep. */
	char s[3] = { 0 };
	for (int i = 1; i < 256; i++)
		for (int j = 1; j < 256; j += 7) {
			s[0] = (char)i, s[1] = (char)j;
			if (!utf8_valid(text(s)))
				fail_msg("invalid output for %02x %02x", i, j);
		}
}

static void html_text_escapes_a_long_string_without_loss(void **state)
{
	(void)state;
	size_t n = 1u << 20;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? '<' : 'x';
	s[n] = 0;
	const char *r = text(s);
	assert_int_equal(strlen(r), n / 2 * 5);
	assert_memory_equal(r, "x&lt;x&lt;", 10);
	assert_memory_equal(r + strlen(r) - 5, "x&lt;", 5);
	free(s);
}

static void html_text_n_reads_only_n_bytes(void **state)
{
	(void)state;
	buf_reset(&out);
	html_text_n(&out, "<ab>cd", 3);
	assert_string_equal(buf_cstr(&out), "&lt;ab");
}

static void html_text_n_cut_inside_a_character_gives_fffd(void **state)
{
	(void)state;
	buf_reset(&out);
	html_text_n(&out, "\xD9\x81\xD8\xA7", 3); /* "فا" cut after one byte of ا */
	assert_string_equal(buf_cstr(&out), "\xD9\x81" FFFD);
}

/* ---- html_printf ---- */

static void html_printf_escapes_string_arguments_in_text_and_attributes(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "<p title=\"%s\">%s</p>", HOSTILE, HOSTILE);
	assert_string_equal(buf_cstr(&out),
			    "<p title=\"" HOSTILE_ESCAPED "\">" HOSTILE_ESCAPED "</p>");
}

static void html_printf_drops_bidi_controls_from_arguments(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "<bdi>%s</bdi>", "evil" RLO "txt.exe");
	assert_string_equal(buf_cstr(&out), "<bdi>eviltxt.exe</bdi>");
}

static void html_printf_does_not_reinterpret_percent_in_arguments(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "[%s]", "%s%d%n%%");
	assert_string_equal(buf_cstr(&out), "[%s%d%n%%]");
}

static void html_printf_formats_integers_like_printf(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "%d %i %u %x|%ld %lu|%lld %llu|%zu", -42, 7, 42u, 255u, -1234567890123L,
		    18446744073709551615UL, (long long)INT64_MIN, 18446744073709551615ULL,
		    (size_t)99);
	assert_string_equal(buf_cstr(&out), "-42 7 42 ff|-1234567890123 18446744073709551615|"
					    "-9223372036854775808 18446744073709551615|99");
	buf_reset(&out);
	html_printf(&out, "%d %d %x %u %zu", 0, INT_MIN, 0u, UINT_MAX, (size_t)0);
	char want[96];
	snprintf(want, sizeof want, "%d %d %x %u %zu", 0, INT_MIN, 0u, UINT_MAX, (size_t)0);
	assert_string_equal(buf_cstr(&out), want);
}

static void html_printf_writes_a_literal_percent_for_double_percent(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "100%% <b>%d</b>", 5);
	assert_string_equal(buf_cstr(&out), "100% <b>5</b>");
}

static void html_printf_keeps_the_format_raw(void **state)
{
	(void)state;
	buf_reset(&out);
	html_printf(&out, "<a href=\"/x?a=1&amp;b=2\">%s</a>", "&");
	assert_string_equal(buf_cstr(&out), "<a href=\"/x?a=1&amp;b=2\">&amp;</a>");
}

static void html_printf_null_string_argument_emits_nothing(void **state)
{
	(void)state;
	const char *volatile none = NULL; /* hidden from the format checker */
	buf_reset(&out);
	html_printf(&out, "[%s]", none);
	assert_string_equal(buf_cstr(&out), "[]");
}

/* A format reaching html_printf through a variable, as a translated format
 * would; the compiler cannot check it. */
static const char *volatile trailing_percent = "50%";
static const char *volatile float_directive = "%f";

/* These two pass a bad format on purpose, past the compiler's check. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void printf_trailing_percent(void *arg)
{
	(void)arg;
	buf b;
	buf_init(&b, 1024);
	html_printf(&b, trailing_percent, 1);
	buf_free(&b);
}

static void printf_float(void *arg)
{
	(void)arg;
	buf b;
	buf_init(&b, 1024);
	html_printf(&b, float_directive, 1);
	buf_free(&b);
}
#pragma GCC diagnostic pop

static void
html_printf_aborts_on_a_trailing_percent_instead_of_reading_past_the_format(void **state)
{
	(void)state;
	assert_true(unit_aborts(printf_trailing_percent, NULL));
}

static void html_printf_aborts_on_an_unsupported_directive(void **state)
{
	(void)state;
	assert_true(unit_aborts(printf_float, NULL));
}

static void html_raw_appends_literal_as_is(void **state)
{
	(void)state;
	buf_reset(&out);
	html_raw(&out, "<hr>&amp;");
	assert_string_equal(buf_cstr(&out), "<hr>&amp;");
}

/* ---- url_arg ---- */

static void url_arg_percent_encodes_hostile_input(void **state)
{
	(void)state;
	assert_string_equal(url_arg(a, HOSTILE),
			    "%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27%26");
}

static void url_arg_keeps_only_unreserved_characters(void **state)
{
	(void)state;
	assert_string_equal(url_arg(a, "AZaz09-_.~"), "AZaz09-_.~");
	assert_string_equal(url_arg(a, " +&=?#/%"), "%20%2B%26%3D%3F%23%2F%25");
}

static void url_arg_encodes_utf8_bytewise(void **state)
{
	(void)state;
	assert_string_equal(url_arg(a, "Fès فاس"), "F%C3%A8s%20%D9%81%D8%A7%D8%B3");
	assert_string_equal(url_arg(a, "\xFF" RLO), "%FF%E2%80%AE");
}

static void url_arg_of_empty_string_is_empty(void **state)
{
	(void)state;
	assert_string_equal(url_arg(a, ""), "");
}

/* ---- json_str ---- */

static const char *json(const char *s)
{
	buf_reset(&out);
	json_str(&out, s);
	return buf_cstr(&out);
}

static void json_str_is_safe_inside_a_script_element(void **state)
{
	(void)state;
	assert_string_equal(json(HOSTILE),
			    "\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\\"'\\u0026\"");
}

static void json_str_escapes_quotes_backslashes_and_controls(void **state)
{
	(void)state;
	assert_string_equal(json("a\"b\\c\n\r\t\x01\x1f"),
			    "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\"");
}

static void json_str_escapes_line_and_paragraph_separators(void **state)
{
	(void)state;
	assert_string_equal(json("a\xE2\x80\xA8"
				 "b\xE2\x80\xA9"),
			    "\"a\\u2028b\\u2029\"");
}

static void json_str_replaces_invalid_utf8(void **state)
{
	(void)state;
	assert_string_equal(json("a\xC0\xBC"
				 "b\xED\xA0\x80"),
			    "\"a\\ufffd\\ufffdb\\ufffd\\ufffd\\ufffd\"");
}

static void json_str_keeps_arabic_as_utf8(void **state)
{
	(void)state;
	assert_string_equal(json("فاس"), "\"فاس\"");
}

static void json_str_of_null_is_empty_string(void **state)
{
	(void)state;
	assert_string_equal(json(NULL), "\"\"");
}

/* ---- text_clean ---- */

static void text_clean_drops_bidi_controls_without_escaping(void **state)
{
	(void)state;
	assert_string_equal(text_clean(a, "<b>" RLO "x&y</b>"), "<b>x&y</b>");
}

static void text_clean_replaces_invalid_utf8(void **state)
{
	(void)state;
	const char *r = text_clean(a, "a\xC0\xAF\xED\xA0\x80\xFF"
				      "z");
	assert_true(utf8_valid(r));
	assert_int_equal(r[0], 'a');
	assert_int_equal(r[strlen(r) - 1], 'z');
	assert_null(strchr(r, '/'));
}

static void text_clean_of_only_invalid_bytes_fits_its_buffer(void **state)
{
	(void)state;
	/* Each invalid byte grows to three: the worst case of the output size. */
	size_t n = 100000;
	char *s = malloc(n + 1);
	memset(s, 0xFF, n);
	s[n] = 0;
	const char *r = text_clean(a, s);
	assert_int_equal(strlen(r), 3 * n);
	free(s);
}

/* reference_text - html_text as it was before its fast path (issue 17):
 * every character decoded, the rule and the entities applied one by one. */
static void reference_text(buf *b, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = text_utf8_next(p + i, n - i, &c);
		if (!len) {
			(void)buf_puts(b, FFFD);
			i++;
			continue;
		}
		const char *rep = text_dropped(c) ? ""
				  : c == '&'	  ? "&amp;"
				  : c == '<'	  ? "&lt;"
				  : c == '>'	  ? "&gt;"
				  : c == '"'	  ? "&quot;"
				  : c == '\''	  ? "&#39;"
						  : NULL;
		if (rep)
			(void)buf_puts(b, rep);
		else
			(void)buf_append(b, p + i, len);
		i += len;
	}
}

static void expect_as_reference(const unsigned char *p, size_t n)
{
	buf ref;
	buf_init(&ref, 1u << 20);
	reference_text(&ref, p, n);
	buf_reset(&out);
	html_text_n(&out, (const char *)p, n);
	assert_int_equal(out.len, ref.len);
	assert_memory_equal(out.data ? out.data : "", ref.data ? ref.data : "", ref.len);
	/* html_text reads up to the NUL without measuring first: the same
	 * bytes from an exact-size copy (under ASan, a read past it fails) */
	if (!memchr(p, 0, n)) {
		char *z = malloc(n + 1);
		memcpy(z, p, n);
		z[n] = 0;
		buf_reset(&out);
		html_text(&out, z);
		assert_int_equal(out.len, ref.len);
		assert_memory_equal(out.data ? out.data : "", ref.data ? ref.data : "", ref.len);
		free(z);
	}
	buf_free(&ref);
}

static void html_text_fast_path_gives_what_decoding_each_character_gives(void **state)
{
	(void)state;
	int checked = 0;
	/* every pair and every triple starting with a lead byte, between letters */
	for (int x = 0; x < 256; x++)
		for (int y = 0; y < 256; y++) {
			unsigned char s[6] = { 'a', (unsigned char)x, (unsigned char)y, 'b', 0, 0 };
			expect_as_reference(s, 4);
			expect_as_reference(s + 1, 2); /* cut at the end */
			expect_as_reference(s + 1, 1);
			checked++;
			if (x >= 0xE0 && x <= 0xE2)
				for (int z = 0x7E; z < 0xC1; z++) {
					unsigned char t[5] = { 'a', (unsigned char)x,
							       (unsigned char)y, (unsigned char)z,
							       'b' };
					expect_as_reference(t, 5);
					checked++;
				}
		}
	/* random strings, bytes biased toward the interesting ones */
	static const unsigned char pick[] = { 'a',  ' ',  '&',	'<',  '>',  '"',  '\'', 0x01,
					      0x09, 0x0A, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0,
					      0xC1, 0xC2, 0xD8, 0xD9, 0xDF, 0xE0, 0xE2, 0xEF,
					      0xF0, 0xF4, 0xF5, 0xFF, 0x81, 0xAA, 0xA6 };
	unsigned seed = 17;
	for (int k = 0; k < 20000; k++) {
		unsigned char s[48];
		size_t n = (size_t)(k % 48);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = (seed >> 16) & 1 ? pick[(seed >> 17) % sizeof pick]
						: (unsigned char)(seed >> 8);
		}
		expect_as_reference(s, n);
		checked++;
	}
	assert_true(checked > 65536 + 20000);
}

static void text_clean_of_null_is_null(void **state)
{
	(void)state;
	assert_null(text_clean(a, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_text_escapes_the_five_html_specials),
		cmocka_unit_test(html_text_fast_path_gives_what_decoding_each_character_gives),
		cmocka_unit_test(html_text_keeps_arabic_and_french_letters),
		cmocka_unit_test(html_text_of_null_emits_nothing),
		cmocka_unit_test(html_text_drops_right_to_left_override),
		cmocka_unit_test(html_text_drops_every_bidi_embedding_override_and_isolate),
		cmocka_unit_test(html_text_keeps_characters_next_to_the_bidi_controls),
		cmocka_unit_test(html_text_drops_c0_and_c1_controls_but_keeps_tab_and_newlines),
		cmocka_unit_test(html_text_replaces_invalid_bytes_with_fffd),
		cmocka_unit_test(html_text_replaces_a_truncated_sequence_at_the_end),
		cmocka_unit_test(html_text_refuses_overlong_encodings_of_markup),
		cmocka_unit_test(html_text_refuses_utf16_surrogates),
		cmocka_unit_test(html_text_refuses_code_points_above_10ffff),
		cmocka_unit_test(html_text_keeps_four_byte_characters),
		cmocka_unit_test(html_text_output_is_always_valid_utf8),
		cmocka_unit_test(html_text_escapes_a_long_string_without_loss),
		cmocka_unit_test(html_text_n_reads_only_n_bytes),
		cmocka_unit_test(html_text_n_cut_inside_a_character_gives_fffd),
		cmocka_unit_test(html_printf_escapes_string_arguments_in_text_and_attributes),
		cmocka_unit_test(html_printf_drops_bidi_controls_from_arguments),
		cmocka_unit_test(html_printf_does_not_reinterpret_percent_in_arguments),
		cmocka_unit_test(html_printf_formats_integers_like_printf),
		cmocka_unit_test(html_printf_writes_a_literal_percent_for_double_percent),
		cmocka_unit_test(html_printf_keeps_the_format_raw),
		cmocka_unit_test(html_printf_null_string_argument_emits_nothing),
		cmocka_unit_test(
			html_printf_aborts_on_a_trailing_percent_instead_of_reading_past_the_format),
		cmocka_unit_test(html_printf_aborts_on_an_unsupported_directive),
		cmocka_unit_test(html_raw_appends_literal_as_is),
		cmocka_unit_test(url_arg_percent_encodes_hostile_input),
		cmocka_unit_test(url_arg_keeps_only_unreserved_characters),
		cmocka_unit_test(url_arg_encodes_utf8_bytewise),
		cmocka_unit_test(url_arg_of_empty_string_is_empty),
		cmocka_unit_test(json_str_is_safe_inside_a_script_element),
		cmocka_unit_test(json_str_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(json_str_escapes_line_and_paragraph_separators),
		cmocka_unit_test(json_str_replaces_invalid_utf8),
		cmocka_unit_test(json_str_keeps_arabic_as_utf8),
		cmocka_unit_test(json_str_of_null_is_empty_string),
		cmocka_unit_test(text_clean_drops_bidi_controls_without_escaping),
		cmocka_unit_test(text_clean_replaces_invalid_utf8),
		cmocka_unit_test(text_clean_of_only_invalid_bytes_fits_its_buffer),
		cmocka_unit_test(text_clean_of_null_is_null),
	};
	return cmocka_run_group_tests_name("html", tests, setup, teardown);
}
