/* registry_import_report.c - the import report in words: the notes on
 * ignored columns and unknown facts, and the text of each problem a line
 * has; see registry.h. (Moved out of registry_import.c as is.) */
#include "../i18n/i18n.h"
#include "../util/buf.h"
#include "registry.h"

size_t registry_report_notes(arena *a, lang l, const import_report *rep, const char ***out)
{
	const char **v = arena_alloc(a, 4 * sizeof *v);
	size_t n = 0;
	if (rep->nignored) {
		buf b;
		buf_init(&b, 4096);
		for (size_t i = 0; i < rep->nignored; i++)
			buf_printf(&b, "%s\"%s\"", i ? ", " : "", rep->ignored[i]);
		v[n++] = arena_printf(
			a, tr(l, "These columns were not recognised and were ignored: %s."),
			b.data ? b.data : "");
		buf_free(&b);
	}
	if (rep->unknown_women_led)
		v[n++] = arena_printf(
			a,
			trn(l,
			    "%ld cooperative: whether it is led by women is unknown (the file does not say); stored as unknown, not as \"no\".",
			    "%ld cooperatives: whether they are led by women is unknown (the file does not say); stored as unknown, not as \"no\".",
			    rep->unknown_women_led),
			rep->unknown_women_led);
	if (rep->unknown_first_time)
		v[n++] = arena_printf(
			a,
			trn(l,
			    "%ld cooperative: whether it is its first fair is unknown (the file does not say); stored as unknown.",
			    "%ld cooperatives: whether it is their first fair is unknown (the file does not say); stored as unknown.",
			    rep->unknown_first_time),
			rep->unknown_first_time);
	if (rep->unknown_members)
		v[n++] = arena_printf(
			a,
			trn(l,
			    "%ld cooperative: the number of members is unknown (the file does not say); stored as unknown, not as 0.",
			    "%ld cooperatives: the number of members is unknown (the file does not say); stored as unknown, not as 0.",
			    rep->unknown_members),
			rep->unknown_members);
	*out = v;
	return n;
}

const char *registry_issue_text(arena *a, lang l, const import_issue *is)
{
	switch (is->kind) {
	case IMP_TOO_BIG:
		return arena_printf(
			a,
			tr(l,
			   "The file is %ld MB; an import takes at most %d MB. Split it into smaller files and import them one after the other."),
			(is->other + (1 << 20) - 1) >> 20, (int)(REGISTRY_IMPORT_MAX >> 20));
	case IMP_EMPTY:
		return tr(
			l,
			"The file has no cooperatives: it needs a header line naming the columns, then one line per cooperative.");
	case IMP_ENCODING:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: the file is not UTF-8 text. In your spreadsheet, save it again as \"CSV UTF-8\" (LibreOffice: character set \"Unicode (UTF-8)\")."),
			is->line);
	case IMP_QUOTE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: a value opens a quote (\") that is never closed. Close the quote, or write a quote inside a value as two quotes (\"\")."),
			is->line);
	case IMP_NO_COLUMN:
		return arena_printf(
			a,
			tr(l,
			   "The column \"%s\" is missing. Add it to the header line (its Arabic name is accepted too)."),
			is->column);
	case IMP_DUP_COLUMN:
		return arena_printf(
			a,
			tr(l,
			   "The column \"%s\" appears twice in the header line. Keep only one of them."),
			is->column);
	case IMP_FIELD_COUNT:
		return arena_printf(
			a,
			trn(l,
			    "Line %ld: the header line has %s columns, and this line has %ld value. A value that contains the separator must be put in quotes.",
			    "Line %ld: the header line has %s columns, and this line has %ld values. A value that contains the separator must be put in quotes.",
			    is->other),
			is->line, is->detail, is->other);
	case IMP_REQUIRED:
		return arena_printf(
			a, tr(l, "Line %ld, column \"%s\": the value is empty. Fill it in."),
			is->line, is->column);
	case IMP_NUMBER:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not a whole number. Write digits only, for example 12."),
			is->line, is->column, is->value);
	case IMP_DATE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not a date. Write it as 2019-03-25 or 25/03/2019."),
			is->line, is->column, is->value);
	case IMP_YESNO:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is neither yes nor no. Write oui or non (in Arabic: %s)."),
			is->line, is->column, is->value, "نعم / لا");
	case IMP_LEGAL_FORM:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not a known legal form. Write cooperative, association, GIE or artisan."),
			is->line, is->column, is->value);
	case IMP_PROVINCE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not one of Morocco's 75 prefectures and provinces. Write its name as in the official list, for example Fes, Sefrou or %s."),
			is->line, is->column, is->value, "فاس");
	case IMP_EMAIL:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not an email address. Correct it or leave it empty."),
			is->line, is->column, is->value);
	case IMP_PHONE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": \"%s\" is not a phone number. Write it like 06 12 34 56 78 or +212 6 12 34 56 78, or leave it empty."),
			is->line, is->column, is->value);
	case IMP_TOO_LONG:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld, column \"%s\": the value is longer than 1000 characters. Shorten it."),
			is->line, is->column);
	case IMP_DUP_REG_FILE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: the registration number %s is already on line %ld. Remove one of the two lines, or correct the number."),
			is->line, is->value, is->other);
	case IMP_DUP_REG_DB:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: the registration number %s is already in the registry (%s). Remove this line: the cooperative is already registered."),
			is->line, is->value, is->detail);
	case IMP_DUP_NAME_FILE:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: a cooperative with the same name (%s) in the same province is already on line %ld. Remove the duplicate line."),
			is->line, is->value, is->other);
	case IMP_DUP_NAME_DB:
		return arena_printf(
			a,
			tr(l,
			   "Line %ld: a cooperative with the same name (%s) in the same province is already in the registry. Remove this line."),
			is->line, is->value);
	default:
		return tr(
			l,
			"The database refused the import; nothing was written. Try again in a moment.");
	}
}
