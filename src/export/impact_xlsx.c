/* impact_xlsx.c - the impact report as XLSX, one sheet per table
 * (impact_export.h). */
#include "impact_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

cf_err impact_xlsx(const impact_report *r, const impact_cover *c, buf *out)
{
	char path[] = "/tmp/coopfair-impact-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return CF_ERR_IO;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		return CF_ERR_IO;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (size_t i = 0; i < r->nt; i++) {
		const impact_table *t = &r->t[i];
		/* sheet names: at most 31 characters, the table's id is ASCII */
		char sheet[32];
		snprintf(sheet, sizeof sheet, "%.31s", t->id);
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
		if (!ws)
			continue;
		if (c->rtl)
			worksheet_right_to_left(ws);
		worksheet_write_string(ws, 0, 0, t->title, bold);
		worksheet_write_string(ws, 1, 0, c->edition, NULL);
		worksheet_write_string(ws, 2, 0, c->source_head, bold);
		worksheet_write_string(ws, 2, 1, t->source, NULL);
		lxw_col_t col = 0;
		worksheet_write_string(ws, 4, col++, "key", bold);
		worksheet_write_string(ws, 4, col++, c->name_head, bold);
		if (t->group)
			worksheet_write_string(ws, 4, col++, t->group, bold);
		for (int k = 0; k < t->ncols; k++)
			worksheet_write_string(ws, 4, col++, t->cols[k], bold);
		worksheet_set_column(ws, 0, 0, 16, NULL);
		worksheet_set_column(ws, 1, 2, 40, NULL);
		for (size_t k = 0; k < t->nrows; k++) {
			const impact_row *x = &t->rows[k];
			lxw_row_t row = (lxw_row_t)(5 + k);
			col = 0;
			worksheet_write_string(ws, row, col++, x->key, NULL);
			worksheet_write_string(ws, row, col++, x->name ? x->name : "", NULL);
			if (t->group)
				worksheet_write_string(ws, row, col++, x->group ? x->group : "",
						       NULL);
			for (int v = 0; v < t->ncols; v++)
				worksheet_write_number(ws, row, col++, (double)x->v[v], NULL);
		}
	}
	cf_err e = workbook_close(wb) == LXW_NO_ERROR ? CF_OK : CF_ERR_IO;
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
