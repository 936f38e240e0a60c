/*
 * table_export.h - any table of text as CSV (UTF-8 with BOM, ';' as French
 * spreadsheets expect, quoted when needed, formula-looking values defused)
 * or as XLSX (libxlsxwriter). The shared lists of the back office
 * (pages/list.h) export through it. No HTML, no HTTP.
 */
#ifndef CF_TABLE_EXPORT_H
#define CF_TABLE_EXPORT_H
#include <stddef.h>

#include "../util/buf.h"

/* table_export_csv / _xlsx - head[0..ncols) then rows: cell (row, col) is
 * cells[row * ncols + col] (NULL reads as ""). is_num[col] (may be NULL)
 * marks columns written as numbers in XLSX. CF_ERR_TOOBIG when out's cap
 * is passed, CF_ERR_IO when the XLSX could not be written. */
/* table_export_csv_value - one CSV cell: quoted when it holds a separator,
 * a quote or a line end; a leading = + - @ tab or CR (a formula in a
 * spreadsheet) defused with an apostrophe (OWASP, CSV injection). Every CSV
 * export of coopfair writes its cells through it. */
cf_err table_export_csv_value(buf *b, const char *v) CF_MUST_USE;
cf_err table_export_csv(buf *out, const char *const *head, int ncols, const char *const *cells,
			size_t nrows) CF_MUST_USE;
cf_err table_export_xlsx(buf *out, const char *sheet, const char *const *head, int ncols,
			 const int *is_num, const char *const *cells, size_t nrows) CF_MUST_USE;
/* table_export_take - the end of every XLSX export: when e is CF_OK, append
 * the workbook written at path to out; remove path either way; the first
 * error (e, CF_ERR_IO, CF_ERR_TOOBIG). */
cf_err table_export_take(const char *path, cf_err e, buf *out) CF_MUST_USE;

#endif
