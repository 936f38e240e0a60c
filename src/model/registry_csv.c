/*
 * registry_csv.c - reading the CSV files organisers bring (Excel and
 * LibreOffice exports: comma, semicolon or tab, quoted values over several
 * lines, CRLF) and the values in their cells (counts with Arabic-Indic
 * digits, dates in ISO or French order, yes/no in three languages, legal
 * forms, email addresses). No database: see registry_csv.h; the import
 * that uses them is registry_import.c.
 */
#include "registry_csv.h"
#include "registry_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV records ---- */
/* regcsv_next - read one record. 1: a record (fields via regcsv_field), 0: end
 * of data, -1: a quoted value is not closed. *start gets its first line. */
int regcsv_next(regcsv *c, long *start)
{
	buf_reset(&c->field);
	c->n = 0;
	*start = c->line;
	if (c->p >= c->end)
		return 0;
	for (;;) {
		if (c->n < REGCSV_FIELDS_MAX)
			c->off[c->n] = c->field.len;
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				if (c->p >= c->end)
					return -1;
				char ch = *c->p;
				if (ch == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						buf_putc(&c->field, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (ch == '\n')
					c->line++;
				if (!(ch == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))
					buf_putc(&c->field, ch == '\r' ? '\n' : ch);
				c->p++;
			}
		}
		/* unquoted text, or what follows a closing quote up to the separator */
		const char *run = c->p;
		while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
			c->p++;
		if (c->p > run)
			buf_append(&c->field, run, (size_t)(c->p - run));
		buf_putc(&c->field, 0);
		c->n++;
		if (c->p < c->end && *c->p == c->sep) {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		c->line++;
		return 1;
	}
}

/* Blanks a spreadsheet cell hides at its ends: ASCII, then no-break and
 * narrow no-break spaces, the Unicode spaces U+2000-U+200B, ZWNJ/ZWJ,
 * LRM/RLM, the BOM and the ideographic space. */
static const char *const invisible[] = {
	"\xc2\xa0",	"\xe2\x80\xaf", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82",
	"\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87",
	"\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\x8b", "\xe2\x80\x8c",
	"\xe2\x80\x8d", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xef\xbb\xbf", "\xe3\x80\x80",
	"\xe2\x81\xa0",
};

/* blank_at - the length of the blank s starts with (0 if none). */
static size_t blank_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if ((unsigned char)*s < 0xc2)
		return 0;
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
		if (!strncmp(s, invisible[i], strlen(invisible[i])))
			return strlen(invisible[i]);
	return 0;
}

/* blank_before - the length of the blank that ends s[0..n) (0 if none). */
static size_t blank_before(const char *s, size_t n)
{
	if (!n)
		return 0;
	if (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')
		return 1;
	if ((unsigned char)s[n - 1] < 0x80)
		return 0;
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
		size_t k = strlen(invisible[i]);
		if (n >= k && !memcmp(s + n - k, invisible[i], k))
			return k;
	}
	return 0;
}

/* regcsv_field - field i of the record, trimmed of blanks, invisible ones
 * too (a no-break space after a registration number is no part of it). */
char *regcsv_field(regcsv *c, int i)
{
	if (i >= c->n || i >= REGCSV_FIELDS_MAX)
		return (char *)"";
	char *s = c->field.data + c->off[i];
	for (size_t k; (k = blank_at(s));)
		s += k;
	size_t n = strlen(s);
	for (size_t k; (k = blank_before(s, n));)
		s[n -= k] = 0;
	/* the apostrophe an export puts before = + - @ so that a spreadsheet
	 * does not run the value as a formula (registry_export.c) */
	if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
		s++;
	return s;
}

/* regcsv_bad_line - the 1-based line of the first byte that is not part of
 * valid UTF-8 (or a NUL), or 0 when the data is all UTF-8. */
/* line_at - the 1-based line of byte i. */
static long line_at(const unsigned char *p, size_t i)
{
	long line = 1;
	for (const unsigned char *q = p; (q = memchr(q, '\n', (size_t)(p + i - q))) != NULL; q++)
		line++;
	return line;
}

long regcsv_bad_line(const unsigned char *p, size_t len)
{
	/* The line is counted only when a bad byte is found; ASCII without NUL
	 * passes eight bytes at a time (every import reads the file twice:
	 * to tell its encoding, then to import it). */
	for (size_t i = 0; i < len;) {
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080ull) &&
			    !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		unsigned c = p[i];
		if (c == 0)
			return line_at(p, i);
		if (c < 0x80) {
			i++;
			continue;
		}
		int n = (c & 0xe0) == 0xc0   ? 1
			: (c & 0xf0) == 0xe0 ? 2
			: (c & 0xf8) == 0xf0 ? 3
					     : -1;
		if (n < 0 || i + (size_t)n >= len)
			return line_at(p, i);
		uint32_t v = c & (n == 1 ? 0x1f : n == 2 ? 0x0f : 0x07);
		for (int k = 1; k <= n; k++) {
			if ((p[i + (size_t)k] & 0xc0) != 0x80)
				return line_at(p, i);
			v = (v << 6) | (p[i + (size_t)k] & 0x3f);
		}
		if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) ||
		    (n == 3 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
			return line_at(p, i);
		i += (size_t)n + 1;
	}
	return 0;
}

char regcsv_separator(const char *p, const char *end)
{
	int comma = 0, semi = 0, tab = 0, quoted = 0;
	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += *p == ',', semi += *p == ';', tab += *p == '\t';
	}
	return semi >= comma && semi >= tab && semi ? ';' : tab > comma ? '\t' : ',';
}

/* ---- values ---- */

/* regcsv_count - a whole number 0..10,000,000 written with Western or
 * Arabic-Indic digits, spaces allowed as thousands separators; -1 if not. */
long regcsv_count(const char *s)
{
	char d[64];
	registry_digits(s, d, sizeof d);
	long v = 0;
	int digits = 0;
	for (const char *p = d; *p; p++) {
		if (*p == ' ')
			continue;
		if (!strncmp(p, "\xc2\xa0", 2) ||
		    !strncmp(p, "\xe2\x80\xaf", 3)) { /* NBSP, narrow NBSP */
			p += *p == '\xc2' ? 1 : 2;
			continue;
		}
		if (*p < '0' || *p > '9' || v > 10000000)
			return -1;
		v = v * 10 + (*p - '0');
		digits++;
	}
	return digits && v <= 10000000 ? v : -1;
}

/* excel_serial - an Excel date serial number (days since 1899-12-30, the
 * 1900 system; a fraction is the time of day) as year, month, day; 0 when
 * s is not one in 1927-2119 (10000-80000): a bare year or a count is not. */
static int excel_serial(const char *d, int *y, int *m, int *dd)
{
	char *end;
	double v = strtod(d, &end);
	if (end == d || *end || strspn(d, "0123456789.") != strlen(d) || v < 10000 || v > 80000)
		return 0;
	/* civil from days (H. Hinnant), days counted from 1970-01-01 */
	long z = (long)v - 25569 + 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
	return 1;
}

/* regcsv_date - ISO 2019-03-25 or 25/03/2019 (also 25-03-2019, 25.03.2019,
 * 2019/03/25), with or without a time after it (25/03/2019 00:00,
 * 2019-03-25T00:00:00), or an Excel serial number (43549), into iso[11];
 * 0 when not a real date. */
int regcsv_date(const char *s, char iso[11])
{
	char d[64];
	registry_digits(s, d, sizeof d);
	/* a time of day after the date says nothing more: cut it */
	for (char *p = d; *p; p++)
		if ((*p == ' ' || *p == 'T') && p > d && p[1] >= '0' && p[1] <= '9' &&
		    strchr(p + 1, ':')) {
			*p = 0;
			break;
		}
	int a, b, c;
	char s1, s2, rest;
	int y, m, dd;
	if (excel_serial(d, &y, &m, &dd)) {
		/* y, m, dd set */
	} else if (sscanf(d, "%d%c%d%c%d%c", &a, &s1, &b, &s2, &c, &rest) != 5 || s1 != s2) {
		return 0;
	} else if (a >= 1000 && (s1 == '-' || s1 == '/' || s1 == '.')) {
		y = a, m = b, dd = c;
	} else if (c >= 1000 && (s1 == '/' || s1 == '-' || s1 == '.')) {
		y = c, m = b, dd = a;
	} else {
		return 0;
	}
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 0;
	/* "%04d-%02d-%02d" without snprintf (once a row of an import) */
	const int parts[3] = { y, m, dd }, widths[3] = { 4, 2, 2 };
	char *w = iso;
	for (int i = 0; i < 3; i++) {
		if (i)
			*w++ = '-';
		for (int k = widths[i] - 1, v = parts[i]; k >= 0; k--, v /= 10)
			w[k] = (char)('0' + v % 10);
		w += widths[i];
	}
	*w = 0;
	return 1;
}

int regcsv_phone(const char *s, char out[24])
{
	char d[64];
	registry_digits(s, d, sizeof d);
	char digits[32];
	size_t n = 0;
	int plus = 0;
	for (const char *p = d; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof digits)
				return 0;
			digits[n++] = *p;
		} else if (*p == '+' && !n && !plus) {
			plus = 1;
		} else if (!strchr(" .-/()", *p) && strncmp(p, "\xc2\xa0", 2)) {
			return 0;
		} else if (*p == '\xc2') {
			p++; /* a no-break space between groups */
		}
	}
	digits[n] = 0;
	out[0] = 0;
	if (!n)
		return !plus;
	const char *national = NULL;
	if (!plus && n == 10 && digits[0] == '0')
		national = digits + 1; /* 06 12 34 56 78 */
	else if (!plus && n == 9 && digits[0] != '0')
		national = digits; /* 612345678: Excel dropped the leading 0 */
	else if ((plus && n == 12 && !strncmp(digits, "212", 3)) ||
		 (!plus && n == 12 && !strncmp(digits, "212", 3)))
		national = digits + 3;
	else if (!plus && n == 14 && !strncmp(digits, "00212", 5))
		national = digits + 5;
	if (national) {
		/* Moroccan numbers: 9 digits after the 0, starting 5, 6, 7 or 8 */
		if (strlen(national) != 9 || !strchr("5678", national[0]))
			return 0;
		snprintf(out, 24, "+212%s", national);
		return 1;
	}
	/* another country: +CC... or 00CC..., 8 to 15 digits */
	const char *intl = plus ? digits : !strncmp(digits, "00", 2) ? digits + 2 : NULL;
	if (!intl || strlen(intl) < 8 || strlen(intl) > 15 || intl[0] == '0')
		return 0;
	snprintf(out, 24, "+%s", intl);
	return 1;
}

/* regcsv_yesno - 1, 0, or -1 when s is neither (empty = no). */
int regcsv_yesno(const char *s)
{
	static const char *const yes[] = {
		"oui", "o", "yes", "y", "1", "x", "vrai", "true", "نعم"
	};
	static const char *const no[] = { "non", "n", "no", "0", "faux", "false", "لا", "" };
	char k[64];
	registry_norm(s, k, sizeof k);
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(k, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcmp(k, no[i]))
			return 0;
	return -1;
}

/* regcsv_legal - the legal_form code, or NULL. Empty means cooperative. */
const char *regcsv_legal(const char *s)
{
	char k[128];
	registry_norm(s, k, sizeof k);
	if (!*k || !strncmp(k, "coop", 4) || !strncmp(k, "تعاونيه", strlen("تعاونيه")) ||
	    !strncmp(k, "societe cooperative", 19) || !strncmp(k, "union de cooperatives", 21) ||
	    !strncmp(k, "union des cooperatives", 22) ||
	    !strncmp(k, "اتحاد التعاونيات", strlen("اتحاد التعاونيات")) ||
	    !strncmp(k, "اتحاد تعاونيات", strlen("اتحاد تعاونيات")))
		return "cooperative"; /* a union of cooperatives is registered as one */
	if (!strncmp(k, "association", 11) || !strncmp(k, "جمعيه", strlen("جمعيه")))
		return "association";
	if (!strcmp(k, "gie") || !strcmp(k, "eig") || !strncmp(k, "groupement d interet", 20) ||
	    !strncmp(k, "economic interest", 17) ||
	    !strncmp(k, "مجموعه ذات النفع", strlen("مجموعه ذات النفع")) ||
	    !strncmp(k, "مجموعه ذات نفع", strlen("مجموعه ذات نفع")))
		return "eig";
	if (!strncmp(k, "artisan", 7) || !strncmp(k, "صانع", strlen("صانع")) ||
	    !strncmp(k, "حرفي", strlen("حرفي")))
		return "artisan";
	return NULL;
}

int regcsv_email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(s) > 254)
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return 0;
	return at[strlen(at) - 1] != '.';
}
