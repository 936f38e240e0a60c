/* gate_xlsx.c - see gate_xlsx.h. */
#include "gate_xlsx.h"
#include "table_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void rows(lxw_worksheet *ws, lxw_row_t *row, const char *kind, const gate_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++, (*row)++) {
		worksheet_write_string(ws, *row, 0, kind, NULL);
		worksheet_write_string(ws, *row, 1, v[i].key, NULL);
		worksheet_write_number(ws, *row, 2, (double)v[i].entries, NULL);
		worksheet_write_number(ws, *row, 3, (double)v[i].unique, NULL);
	}
}

cf_err gate_xlsx(const gate_stats *st, buf *out)
{
	char path[] = "/tmp/coopfair-gate-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return CF_ERR_IO;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		return CF_ERR_IO;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Gate");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	static const char *const HEAD[] = { "kind", "key", "entries", "unique" };
	for (int i = 0; i < 4; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, HEAD[i], bold);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, i == 1 ? 36 : 12, NULL);
	}
	lxw_row_t row = 1;
	rows(ws, &row, "day", st->per_day, st->n_day);
	rows(ws, &row, "hour", st->per_hour, st->n_hour);
	rows(ws, &row, "gate", st->per_gate, st->n_gate);
	rows(ws, &row, "role", st->per_role, st->n_role);
	worksheet_write_string(ws, row, 0, "inside_now", NULL);
	worksheet_write_number(ws, row++, 2, (double)st->inside_now, NULL);
	worksheet_write_string(ws, row, 0, "taps_in", NULL);
	worksheet_write_number(ws, row++, 2, (double)st->taps_in, NULL);
	cf_err e = workbook_close(wb) == LXW_NO_ERROR ? CF_OK : CF_ERR_IO;
	return table_export_take(path, e, out);
}
