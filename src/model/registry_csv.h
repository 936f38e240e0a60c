/*
 * registry_csv.h - reading a CSV file record by record, and the values of
 * its cells, for the registry import (registry_import.c). Pure: no
 * database; the record's bytes live in the reader's buffer.
 */
#ifndef CF_REGISTRY_CSV_H
#define CF_REGISTRY_CSV_H
#include "../util/buf.h"

#include <stddef.h>

/* Fields of a record that are kept; more are counted only. */
#define REGCSV_FIELDS_MAX 128

/* regcsv - a reader over data in memory. Set p, end, line = 1 and sep
 * (regcsv_separator), buf_init(&field, cap) before the first record;
 * buf_free(&field) after the last. */
typedef struct regcsv {
	const char *p, *end;
	long line;
	char sep;
	buf field; /* the bytes of the current record's fields */
	size_t off[REGCSV_FIELDS_MAX + 1];
	int n; /* fields in the record (may exceed REGCSV_FIELDS_MAX: counted only) */
} regcsv;

/* regcsv_next - read one record. 1: a record (fields via regcsv_field),
 * 0: end of data, -1: a quoted value is not closed. *start gets the line
 * the record begins on. */
int regcsv_next(regcsv *c, long *start);

/* regcsv_field - field i of the current record, trimmed of spaces, tabs
 * and invisible blanks (NBSP, U+2000-U+200F, BOM...) at both ends ("" past
 * the last one); valid until the next regcsv_next. */
char *regcsv_field(regcsv *c, int i);

/* regcsv_bad_line - the 1-based line of the first byte that is not part of
 * valid UTF-8 (or a NUL), or 0 when the data is all UTF-8. */
long regcsv_bad_line(const unsigned char *p, size_t len);

/* regcsv_separator - the separator of the first record in [p, end):
 * ';' or '\t' when they outnumber commas (outside quotes), else ','. */
char regcsv_separator(const char *p, const char *end);

/* regcsv_count - a whole number 0..10,000,000 written with Western or
 * Arabic-Indic digits, spaces allowed as thousands separators; -1 if not. */
long regcsv_count(const char *s);

/* regcsv_date - ISO 2019-03-25 or 25/03/2019 (also 25-03-2019,
 * 25.03.2019, 2019/03/25), a time after it ignored (25/03/2019 00:00), or
 * an Excel serial number (43549 = 2019-03-25), into iso[11]; 0 when not a
 * real date. */
int regcsv_date(const char *s, char iso[11]);

/* regcsv_phone - a phone number in one stored form: Moroccan numbers as
 * +212 and nine digits (06 12 34 56 78, 0612345678, 612345678 as Excel
 * leaves it, +212 6..., 00212 6...; Arabic-Indic digits too), others as +
 * and 8-15 digits; out = "" for an empty value. 0 when not a phone number. */
int regcsv_phone(const char *s, char out[24]);

/* regcsv_yesno - 1, 0, or -1 when s is neither (empty = no); French,
 * English and Arabic words, 1/0, x. */
int regcsv_yesno(const char *s);

/* regcsv_legal - the legal_form code (cooperative, association, eig,
 * artisan) of s in French or Arabic, or NULL. Empty means cooperative. */
const char *regcsv_legal(const char *s);

/* regcsv_email_ok - 1 when s looks like one email address. */
int regcsv_email_ok(const char *s);

#endif
