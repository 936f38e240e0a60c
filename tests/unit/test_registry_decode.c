/* test_registry_decode.c - files as organisers have them, into UTF-8 CSV:
 * UTF-16 with a BOM, Windows-1256 and 1252 told apart, .xlsx workbooks
 * (written here with libxlsxwriter, as Excel and coopfair's export do),
 * old .xls named for what they are, and hostile bytes. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../../src/model/registry_csv.h"
#include "../../src/model/registry_decode.h"

static const char *decode(const char *data, size_t len, reg_encoding forced, reg_encoding *enc,
			  int *guessed, cf_err *e)
{
	static buf out;
	buf_free(&out);
	buf_init(&out, 1u << 20);
	*e = registry_decode(data, len, forced, &out, enc, guessed);
	return out.data ? out.data : "";
}

static void utf16_with_a_bom_becomes_utf8(void **st)
{
	(void)st;
	/* "Nom\tاسم\r\n" in UTF-16LE, then the same in UTF-16BE */
	static const char le[] = "\xff\xfe"
				 "N\0o\0m\0\t\0\x27\x06\x33\x06\x45\x06\r\0\n\0";
	static const char be[] = "\xfe\xff"
				 "\0N\0o\0m\0\t\x06\x27\x06\x33\x06\x45\0\r\0\n";
	reg_encoding enc;
	int guessed;
	cf_err e;
	assert_string_equal(decode(le, sizeof le - 1, REG_ENC_AUTO, &enc, &guessed, &e),
			    "Nom\tاسم\r\n");
	assert_int_equal(e, CF_OK);
	assert_int_equal(enc, REG_ENC_UTF16);
	assert_int_equal(guessed, 0);
	assert_string_equal(decode(be, sizeof be - 1, REG_ENC_AUTO, &enc, &guessed, &e),
			    "Nom\tاسم\r\n");
	/* an unpaired surrogate and an odd last byte do not crash */
	static const char bad[] = "\xff\xfe\x00\xd8"
				  "A\0Z";
	decode(bad, sizeof bad - 1, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(e, CF_OK);
}

static void windows_arabic_and_french_are_told_apart(void **st)
{
	(void)st;
	/* "تعاونية البركة;Fès" in Windows-1256, "Coopérative Forêt" in 1252 */
	static const char ar[] = "\xca\xda\xc7\xe6\xe4\xed\xc9 \xc7\xe1\xc8\xd1\xdf\xc9;F\xe8s\r\n";
	static const char fr[] = "Coop\xe9rative For\xeat;F\xe8s\r\n";
	reg_encoding enc;
	int guessed;
	cf_err e;
	assert_string_equal(decode(ar, sizeof ar - 1, REG_ENC_AUTO, &enc, &guessed, &e),
			    "تعاونية البركة;Fès\r\n");
	assert_int_equal(enc, REG_ENC_CP1256);
	assert_int_equal(guessed, 1);
	assert_string_equal(decode(fr, sizeof fr - 1, REG_ENC_AUTO, &enc, &guessed, &e),
			    "Coopérative Forêt;Fès\r\n");
	assert_int_equal(enc, REG_ENC_CP1252);
	assert_int_equal(guessed, 1);
	/* the organiser's choice wins, and UTF-8 is never guessed */
	decode(fr, sizeof fr - 1, REG_ENC_CP1256, &enc, &guessed, &e);
	assert_int_equal(enc, REG_ENC_CP1256);
	assert_int_equal(guessed, 0);
	decode("Nom;Fès\n", 9, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(enc, REG_ENC_UTF8);
	assert_int_equal(guessed, 0);
	assert_int_equal(registry_encoding_parse("windows-1256"), REG_ENC_CP1256);
	assert_int_equal(registry_encoding_parse("ebcdic"), REG_ENC_AUTO);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)size + 1);
	*n = fread(p, 1, (size_t)size, f);
	fclose(f);
	return p;
}

static void an_xlsx_workbook_reads_as_its_first_sheet(void **st)
{
	(void)st;
	char path[] = "/tmp/cf-xlsx-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	/* shared strings, a number, a date serial, a boolean, a skipped cell,
	 * a quote and a separator inside values, a second sheet ignored */
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Coopératives");
	worksheet_write_string(ws, 0, 0, "Nom", NULL);
	worksheet_write_string(ws, 0, 1, "الاسم", NULL);
	worksheet_write_string(ws, 0, 2, "Adhérentes", NULL);
	worksheet_write_string(ws, 0, 3, "Date", NULL);
	worksheet_write_string(ws, 1, 0, "Coop \"A\"; B", NULL);
	worksheet_write_number(ws, 1, 2, 12, NULL);
	worksheet_write_number(ws, 1, 3, 42076, NULL);
	worksheet_write_boolean(ws, 2, 0, 1, NULL);
	worksheet_write_string(ws, 2, 1, "تعاونية", NULL);
	lxw_worksheet *other = workbook_add_worksheet(wb, "Autre");
	worksheet_write_string(other, 0, 0, "ignored", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t n;
	char *data = slurp(path, &n);
	unlink(path);
	reg_encoding enc;
	int guessed;
	cf_err e;
	const char *csv = decode(data, n, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(e, CF_OK);
	assert_int_equal(enc, REG_ENC_XLSX);
	assert_string_equal(csv, "\"Nom\";\"الاسم\";\"Adhérentes\";\"Date\"\r\n"
				 "\"Coop \"\"A\"\"; B\";\"\";\"12\";\"42076\"\r\n"
				 "\"oui\";\"تعاونية\";\"\";\"\"\r\n");
	/* cut short, it is refused, not half read */
	decode(data, n / 2, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(e, CF_ERR_INVALID);
	assert_int_equal(enc, REG_ENC_XLSX);
	free(data);
}

static void old_xls_and_hostile_zips_are_refused(void **st)
{
	(void)st;
	reg_encoding enc;
	int guessed;
	cf_err e;
	char xls[64] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	decode(xls, sizeof xls, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(e, CF_ERR_INVALID);
	assert_int_equal(enc, REG_ENC_XLS_OLD);
	decode("PK\x03\x04garbage", 11, REG_ENC_AUTO, &enc, &guessed, &e);
	assert_int_equal(e, CF_ERR_INVALID);
	/* random bytes after a zip signature, many times */
	unsigned s = 7;
	for (int round = 0; round < 200; round++) {
		char junk[512];
		memcpy(junk, "PK\x03\x04", 4);
		for (size_t i = 4; i < sizeof junk; i++)
			junk[i] = (char)((s = s * 1103515245u + 12345u) >> 16);
		decode(junk, sizeof junk, REG_ENC_AUTO, &enc, &guessed, &e);
		assert_int_equal(e, CF_ERR_INVALID);
	}
}

/* regcsv_bad_line passes ASCII eight bytes at a time and counts lines only
 * once it finds a bad byte: the line is the same wherever the byte falls. */
static void bad_line_is_found_wherever_it_falls(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t len;
		long line;
	} cases[] = {
		{ "Nom;Province\nCoop A;Fes\n", 24, 0 },
		{ "Nom;Province\nتعاونية الأمل;فاس\nCoop B;Meknes\n", 0, 0 },
		{ "abc\nabc\nabc\nabc\nabc\n\xe9t\xe9\n", 0, 6 },
		{ "a longer first line of ASCII\nsecond\nthe third has a NUL: \0!\n", 60, 3 },
		{ "\xd8\xa7\xd9\x84\n\xc0\xaf overlong\n", 0, 2 },
		{ "ab\xd8\nX", 0, 1 }, /* a lead byte, then a new line */
		{ "0123456789abcdef\n0123456\xed\xa0\x80", 0, 2 }, /* a surrogate */
		{ "line one\nline two\n\xe2\x82", 0, 3 },	   /* cut at the end */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		assert_int_equal(regcsv_bad_line((const unsigned char *)cases[i].text, len),
				 cases[i].line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf16_with_a_bom_becomes_utf8),
		cmocka_unit_test(windows_arabic_and_french_are_told_apart),
		cmocka_unit_test(an_xlsx_workbook_reads_as_its_first_sheet),
		cmocka_unit_test(old_xls_and_hostile_zips_are_refused),
		cmocka_unit_test(bad_line_is_found_wherever_it_falls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
