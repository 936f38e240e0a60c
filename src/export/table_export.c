/* table_export.c - see table_export.h. */
#include "table_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* plain_number - only a number ("-12", "3,5"): a leading minus is harmless
 * then. */
static int plain_number(const char *v)
{
	if (*v == '-')
		v++;
	int digits = 0, sep = 0;
	for (; *v; v++) {
		if (*v >= '0' && *v <= '9')
			digits++;
		else if ((*v == '.' || *v == ',') && digits && !sep)
			sep = 1;
		else
			return 0;
	}
	return digits > 0;
}

/* csv_value - v quoted when it holds a separator, a quote or a line end;
 * a leading = + - @ tab or CR (a formula in a spreadsheet) is defused
 * with an apostrophe, as OWASP advises against CSV injection. */
cf_err table_export_csv_value(buf *b, const char *v)
{
	int formula = *v == '=' || *v == '+' || *v == '@' || *v == '\t' || *v == '\r' ||
		      (*v == '-' && v[1] && !plain_number(v));
	if (!formula && !strpbrk(v, ";\"\n\r,"))
		return buf_puts(b, v);
	cf_err e = buf_putc(b, '"');
	if (!e && formula)
		e = buf_putc(b, '\'');
	for (; *v && !e; v++) {
		if (*v == '"')
			e = buf_putc(b, '"');
		if (!e)
			e = buf_putc(b, *v);
	}
	return e ? e : buf_putc(b, '"');
}

cf_err table_export_csv(buf *out, const char *const *head, int ncols, const char *const *cells,
			size_t nrows)
{
	cf_err e = buf_puts(out, "\xEF\xBB\xBF");
	for (size_t row = 0; row <= nrows && !e; row++) {
		for (int c = 0; c < ncols && !e; c++) {
			const char *v =
				row ? cells[(row - 1) * (size_t)ncols + (size_t)c] : head[c];
			if (c)
				e = buf_putc(out, ';');
			if (!e)
				e = table_export_csv_value(out, v ? v : "");
		}
		if (!e)
			e = buf_puts(out, "\r\n");
	}
	return e;
}

cf_err table_export_xlsx(buf *out, const char *sheet, const char *const *head, int ncols,
			 const int *is_num, const char *const *cells, size_t nrows)
{
	char path[] = "/tmp/coopfair-table-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return CF_ERR_IO;
	close(fd);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return CF_ERR_IO;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	int failed = !ws;
	for (int c = 0; c < ncols && !failed; c++) {
		failed |=
			worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold) != LXW_NO_ERROR;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 24, NULL);
	}
	for (size_t row = 0; row < nrows && !failed; row++) {
		for (int c = 0; c < ncols && !failed; c++) {
			const char *v = cells[row * (size_t)ncols + (size_t)c];
			if (!v || !*v)
				continue;
			lxw_error w;
			if (is_num && is_num[c] && plain_number(v) && !strchr(v, ','))
				w = worksheet_write_number(ws, (lxw_row_t)(row + 1), (lxw_col_t)c,
							   strtod(v, NULL), NULL);
			else
				w = worksheet_write_string(ws, (lxw_row_t)(row + 1), (lxw_col_t)c,
							   v, NULL);
			failed |= w != LXW_NO_ERROR;
		}
	}
	cf_err e = workbook_close(wb) != LXW_NO_ERROR || failed ? CF_ERR_IO : CF_OK;
	return table_export_take(path, e, out);
}

cf_err table_export_take(const char *path, cf_err e, buf *out)
{
	if (!e) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			e = CF_ERR_IO;
		} else {
			char chunk[65536];
			size_t n;
			while (!e && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
				e = buf_append(out, chunk, n);
			fclose(f);
		}
	}
	unlink(path);
	return e;
}
