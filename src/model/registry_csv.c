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
		while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
			buf_putc(&c->field, *c->p++);
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

/* regcsv_field - field i of the record, trimmed of spaces and tabs. */
char *regcsv_field(regcsv *c, int i)
{
	if (i >= c->n || i >= REGCSV_FIELDS_MAX)
		return (char *)"";
	char *s = c->field.data + c->off[i];
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

/* regcsv_bad_line - the 1-based line of the first byte that is not part of
 * valid UTF-8 (or a NUL), or 0 when the data is all UTF-8. */
long regcsv_bad_line(const unsigned char *p, size_t len)
{
	long line = 1;
	for (size_t i = 0; i < len;) {
		unsigned c = p[i];
		if (c == '\n')
			line++;
		if (c == 0)
			return line;
		if (c < 0x80) {
			i++;
			continue;
		}
		int n = (c & 0xe0) == 0xc0   ? 1
			: (c & 0xf0) == 0xe0 ? 2
			: (c & 0xf8) == 0xf0 ? 3
					     : -1;
		if (n < 0 || i + (size_t)n >= len)
			return line;
		uint32_t v = c & (n == 1 ? 0x1f : n == 2 ? 0x0f : 0x07);
		for (int k = 1; k <= n; k++) {
			if ((p[i + (size_t)k] & 0xc0) != 0x80)
				return line;
			v = (v << 6) | (p[i + (size_t)k] & 0x3f);
		}
		if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) ||
		    (n == 3 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
			return line;
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

/* regcsv_date - ISO 2019-03-25 or 25/03/2019 (also 25-03-2019, 25.03.2019)
 * into iso[11]; 0 when not a real date. */
int regcsv_date(const char *s, char iso[11])
{
	char d[64];
	registry_digits(s, d, sizeof d);
	int a, b, c;
	char s1, s2, rest;
	if (sscanf(d, "%d%c%d%c%d%c", &a, &s1, &b, &s2, &c, &rest) != 5 || s1 != s2)
		return 0;
	int y, m, dd;
	if (a >= 1000 && s1 == '-')
		y = a, m = b, dd = c;
	else if (c >= 1000 && (s1 == '/' || s1 == '-' || s1 == '.'))
		y = c, m = b, dd = a;
	else
		return 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 0;
	snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
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
	if (!*k || !strncmp(k, "coop", 4) || !strncmp(k, "تعاونيه", strlen("تعاونيه")))
		return "cooperative";
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
