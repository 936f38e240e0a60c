/* registry_decode.c - encodings and workbooks into UTF-8 CSV; see
 * registry_decode.h. The .xlsx reader uses libzip (the container) and
 * expat (the XML), both from Debian. */
#include "registry_decode.h"
#include "registry_csv.h"

#include <expat.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "registry_codepages.inc"

static const char *const enc_codes[REG_ENC__MAX] = {
	[REG_ENC_AUTO] = "auto",	   [REG_ENC_UTF8] = "utf-8",
	[REG_ENC_UTF16] = "utf-16",	   [REG_ENC_CP1256] = "windows-1256",
	[REG_ENC_CP1252] = "windows-1252", [REG_ENC_XLSX] = "xlsx",
	[REG_ENC_XLS_OLD] = "xls",
};

const char *registry_encoding_code(reg_encoding e)
{
	return e < REG_ENC__MAX ? enc_codes[e] : "auto";
}

reg_encoding registry_encoding_parse(const char *s)
{
	for (int i = 0; s && i < REG_ENC__MAX; i++)
		if (!strcmp(s, enc_codes[i]))
			return (reg_encoding)i;
	return REG_ENC_AUTO;
}

static cf_err put_utf8(buf *b, uint32_t c)
{
	char o[4];
	size_t n;
	if (c < 0x80)
		o[0] = (char)c, n = 1;
	else if (c < 0x800)
		o[0] = (char)(0xc0 | (c >> 6)), o[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	else if (c < 0x10000)
		o[0] = (char)(0xe0 | (c >> 12)), o[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
		o[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		o[0] = (char)(0xf0 | (c >> 18)), o[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
		o[2] = (char)(0x80 | ((c >> 6) & 0x3f)), o[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	return buf_append(b, o, n);
}

/* utf16 - UTF-16 (be: big-endian) after its BOM; unpaired surrogates
 * become U+FFFD (the import then reports the line). */
static cf_err utf16(const unsigned char *p, size_t len, int be, buf *out)
{
	cf_err e = CF_OK;
	for (size_t i = 0; i + 1 < len && !e; i += 2) {
		uint32_t c =
			be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
		if (c >= 0xd800 && c <= 0xdbff && i + 3 < len) {
			uint32_t d = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
					: (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i += 2;
			} else {
				c = 0xfffd;
			}
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = 0xfffd;
		}
		e = put_utf8(out, c);
	}
	return e;
}

/* codepage - an 8-bit file through table (bytes 0x80-0xFF). */
static cf_err codepage(const unsigned char *p, size_t len, const uint16_t *table, buf *out)
{
	cf_err e = CF_OK;
	for (size_t i = 0; i < len && !e; i++) {
		if (p[i] < 0x80) {
			size_t j = i;
			while (j < len && p[j] < 0x80)
				j++;
			e = buf_append(out, p + i, j - i);
			i = j - 1;
		} else {
			e = put_utf8(out, table[p[i] - 0x80]);
		}
	}
	return e;
}

/* looks_arabic - whether an 8-bit file is Windows-1256 rather than 1252:
 * bytes that are Arabic letters in 1256 (0xC1-0xDF but for the four French
 * capitals Ç È É Ê at 0xC7-0xCA... which are also ا ب ة ت, so they count
 * too, and ل م ن ه و ى ي at 0xE1-0xED) are rare in French, whose accented
 * letters (é è à ç ê ô at 0xE0-0xFB) sit at the same places in both. */
static int looks_arabic(const unsigned char *p, size_t len)
{
	long arabic = 0, french = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = p[i];
		if (c >= 0xc1 && c <= 0xdf && c != 0xd7)
			arabic++;
		else if (c == 0xe1 || (c >= 0xe3 && c <= 0xe6) || c == 0xec || c == 0xed)
			arabic++;
		else if (c >= 0xe0)
			french++;
	}
	/* French text uses É, È, Ç at most now and then; an Arabic name is
	 * several such bytes in a row */
	return arabic > french;
}

cf_err registry_decode(const char *data, size_t len, reg_encoding forced, buf *out,
		       reg_encoding *found, int *guessed)
{
	const unsigned char *p = (const unsigned char *)data;
	*guessed = 0;
	reg_encoding enc = forced;
	if (len >= 4 && !memcmp(p, "PK\x03\x04", 4))
		enc = REG_ENC_XLSX; /* whatever it is called, a zip is a workbook */
	else if (len >= 8 && !memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		enc = REG_ENC_XLS_OLD;
	else if (len >= 2 && (!memcmp(p, "\xff\xfe", 2) || !memcmp(p, "\xfe\xff", 2)))
		enc = REG_ENC_UTF16;
	else if (enc == REG_ENC_AUTO || enc == REG_ENC_XLSX || enc == REG_ENC_UTF16) {
		if (!regcsv_bad_line(p, len))
			enc = REG_ENC_UTF8;
		else {
			enc = looks_arabic(p, len) ? REG_ENC_CP1256 : REG_ENC_CP1252;
			*guessed = 1;
		}
	}
	*found = enc;
	switch (enc) {
	case REG_ENC_XLSX:
		return registry_xlsx_csv(data, len, out);
	case REG_ENC_XLS_OLD:
		return CF_ERR_INVALID;
	case REG_ENC_UTF16:
		if (len < 2 || (memcmp(p, "\xff\xfe", 2) && memcmp(p, "\xfe\xff", 2)))
			return utf16(p, len, 0, out);
		return utf16(p + 2, len - 2, p[0] == 0xfe, out);
	case REG_ENC_CP1256:
		return codepage(p, len, cp1256_high, out);
	case REG_ENC_CP1252:
		return codepage(p, len, cp1252_high, out);
	default:
		return CF_OK; /* UTF-8: the caller reads data itself, no copy */
	}
}

/* ---- .xlsx: the first sheet ---- */

/* zip_text - one member of the zip as a NUL-terminated malloc'd string (at
 * most 256 MB), or NULL. */
static char *zip_text(zip_t *z, const char *name, size_t *n)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > (256u << 20))
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *s = malloc(st.size + 1);
	zip_int64_t got = s ? zip_fread(f, s, st.size) : -1;
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(s);
		return NULL;
	}
	s[st.size] = 0;
	*n = st.size;
	return s;
}

/* The parse state, for the shared strings and for the sheet. */
struct xl {
	XML_Parser x;
	buf text; /* the current <t>/<v> text */
	int in_text;
	/* shared strings */
	char **strings;
	size_t nstrings, capstrings;
	int in_si;
	/* sheet */
	buf *out;
	char type[16];
	long col, next_col; /* the cell's column (0-based), the next one to write */
	int in_cell, in_row, row_cells;
	long width; /* the first row's width: shorter rows are padded to it */
	cf_err err;
	char sheet_target[256]; /* workbook.xml.rels: the first sheet's file */
	char sheet_rid[64];
};

static const char *attr(const XML_Char **a, const char *name)
{
	for (; a && a[0]; a += 2) {
		const char *colon = strchr(a[0], ':');
		if (!strcmp(a[0], name) || (colon && !strcmp(colon + 1, name)))
			return a[1];
	}
	return NULL;
}

/* local - an element's name without its namespace prefix. */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static void XMLCALL on_chars(void *ud, const XML_Char *s, int len)
{
	struct xl *x = ud;
	if (x->in_text && !x->err)
		x->err = buf_append(&x->text, s, (size_t)len);
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xl *x = ud;
	(void)a;
	name = local(name);
	if (!strcmp(name, "si")) {
		x->in_si = 1;
		buf_reset(&x->text);
	} else if (!strcmp(name, "t") && x->in_si) {
		x->in_text = 1;
	} else if (!strcmp(name, "rPh")) {
		x->in_si = 2; /* phonetic runs are not part of the value */
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xl *x = ud;
	name = local(name);
	if (!strcmp(name, "t")) {
		x->in_text = 0;
	} else if (!strcmp(name, "rPh")) {
		x->in_si = 1;
	} else if (!strcmp(name, "si")) {
		if (x->nstrings == x->capstrings) {
			x->capstrings = x->capstrings ? x->capstrings * 2 : 256;
			char **w = realloc(x->strings, x->capstrings * sizeof *w);
			if (!w) {
				x->err = CF_ERR_TOOBIG;
				return;
			}
			x->strings = w;
		}
		x->strings[x->nstrings++] = strdup(buf_cstr(&x->text));
		x->in_si = 0;
	}
}

/* A rich-text run inside rPh must not add to the value: on_chars checks
 * in_text, which sst_start sets only while in_si == 1. */
static void XMLCALL sst_start_guard(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xl *x = ud;
	if (x->in_si == 2)
		return;
	sst_start(ud, name, a);
}

/* column_of - the 0-based column of a cell reference like "AB12". */
static long column_of(const char *ref)
{
	long c = 0;
	for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c - 1;
}

static void put_value(struct xl *x, const char *v)
{
	/* empty cells the sheet skipped, then this one, quoted */
	while (x->next_col < x->col && !x->err) {
		x->err = buf_puts(x->out, x->row_cells++ ? ";\"\"" : "\"\"");
		x->next_col++;
	}
	if (x->err)
		return;
	if (x->row_cells++)
		x->err = buf_putc(x->out, ';');
	if (!x->err)
		x->err = buf_putc(x->out, '"');
	for (const char *p = v; *p && !x->err; p++)
		x->err = *p == '"' ? buf_puts(x->out, "\"\"") : buf_putc(x->out, *p);
	if (!x->err)
		x->err = buf_putc(x->out, '"');
	x->next_col = x->col + 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xl *x = ud;
	name = local(name);
	if (!strcmp(name, "row")) {
		x->in_row = 1;
		x->row_cells = 0;
		x->next_col = 0;
	} else if (!strcmp(name, "c") && x->in_row) {
		const char *t = attr(a, "t"), *r = attr(a, "r");
		snprintf(x->type, sizeof x->type, "%s", t ? t : "n");
		x->col = r ? column_of(r) : x->next_col;
		if (x->col < 0 || x->col > 1000)
			x->col = x->next_col;
		x->in_cell = 1;
		buf_reset(&x->text);
	} else if (x->in_cell && (!strcmp(name, "v") || !strcmp(name, "t"))) {
		x->in_text = 1;
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xl *x = ud;
	name = local(name);
	if (!strcmp(name, "v") || !strcmp(name, "t")) {
		x->in_text = 0;
	} else if (!strcmp(name, "c") && x->in_cell) {
		const char *v = buf_cstr(&x->text);
		if (!strcmp(x->type, "s")) {
			char *end;
			unsigned long i = strtoul(v, &end, 10);
			v = *v && !*end && i < x->nstrings && x->strings[i] ? x->strings[i] : "";
		} else if (!strcmp(x->type, "b")) {
			v = !strcmp(v, "1") ? "oui" : "non";
		} else if (!strcmp(x->type, "e")) {
			v = ""; /* #N/A, #REF!...: no value */
		}
		put_value(x, v);
		x->in_cell = 0;
	} else if (!strcmp(name, "row") && x->in_row) {
		/* a sheet leaves trailing empty cells out: the CSV has them */
		if (x->row_cells && x->width && x->next_col < x->width) {
			x->col = x->width - 1;
			put_value(x, "");
		}
		if (x->row_cells && !x->width)
			x->width = x->next_col;
		if (x->row_cells && !x->err)
			x->err = buf_puts(x->out, "\r\n");
		x->in_row = 0;
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xl *x = ud;
	name = local(name);
	if (!strcmp(name, "sheet") && !*x->sheet_rid) {
		const char *id = attr(a, "id");
		if (id)
			snprintf(x->sheet_rid, sizeof x->sheet_rid, "%s", id);
	} else if (!strcmp(name, "Relationship") && *x->sheet_rid) {
		const char *id = attr(a, "Id"), *target = attr(a, "Target");
		if (id && target && !strcmp(id, x->sheet_rid)) {
			if (target[0] == '/')
				snprintf(x->sheet_target, sizeof x->sheet_target, "%s", target + 1);
			else
				snprintf(x->sheet_target, sizeof x->sheet_target, "xl/%s", target);
		}
	}
}

/* parse - run expat over text with the given handlers. */
static int parse(struct xl *x, const char *text, size_t n, XML_StartElementHandler start,
		 XML_EndElementHandler end)
{
	x->x = XML_ParserCreate("UTF-8");
	if (!x->x)
		return 0;
	XML_SetUserData(x->x, x);
	XML_SetElementHandler(x->x, start, end);
	XML_SetCharacterDataHandler(x->x, on_chars);
	int ok = XML_Parse(x->x, text, (int)n, 1) == XML_STATUS_OK;
	XML_ParserFree(x->x);
	return ok;
}

cf_err registry_xlsx_csv(const char *data, size_t len, buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return CF_ERR_INVALID;
	}
	struct xl x = { .out = out };
	buf_init(&x.text, 1u << 20);
	cf_err e = CF_OK;
	size_t n;
	/* the first sheet: workbook.xml names it, its rels give its file */
	char *wb = zip_text(z, "xl/workbook.xml", &n);
	if (wb)
		parse(&x, wb, n, rels_start, NULL);
	free(wb);
	char *rels = *x.sheet_rid ? zip_text(z, "xl/_rels/workbook.xml.rels", &n) : NULL;
	if (rels)
		parse(&x, rels, n, rels_start, NULL);
	free(rels);
	char *sst = zip_text(z, "xl/sharedStrings.xml", &n);
	if (sst && !parse(&x, sst, n, sst_start_guard, sst_end))
		e = CF_ERR_INVALID;
	free(sst);
	char *sheet =
		zip_text(z, *x.sheet_target ? x.sheet_target : "xl/worksheets/sheet1.xml", &n);
	if (!sheet)
		e = CF_ERR_INVALID;
	else if (!e && !parse(&x, sheet, n, sheet_start, sheet_end))
		e = x.err ? x.err : CF_ERR_INVALID;
	if (!e)
		e = x.err;
	free(sheet);
	for (size_t i = 0; i < x.nstrings; i++)
		free(x.strings[i]);
	free(x.strings);
	buf_free(&x.text);
	zip_discard(z);
	zip_error_fini(&ze);
	return e;
}
