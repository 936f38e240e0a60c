/* registry_export.c - see registry_export.h. */
#include "registry_export.h"
#include "table_export.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct csv_ctx {
	buf *out;
	const export_col *cols;
	int ncols;
	arena *a;
};

/* csv_value - a cell through the one CSV rule (table_export.h). */
static void csv_value(buf *b, const char *v)
{
	if (table_export_csv_value(b, v))
		return; /* buf.h: the buffer stops at its cap */
}

static int csv_row(void *ctx, const registry_coop *c)
{
	struct csv_ctx *x = ctx;
	arena *a = arena_new(1u << 16);
	for (int i = 0; i < x->ncols; i++) {
		if (i)
			buf_putc(x->out, ';');
		csv_value(x->out, text_cleaned(a, registry_export_value(a, c, x->cols[i])));
	}
	buf_puts(x->out, "\r\n");
	arena_free(a);
	return x->out->overflow;
}

cf_err registry_export_csv(buf *out, const char *typed, const export_col *cols, int ncols)
{
	buf_puts(out, "\xef\xbb\xbf");
	for (int i = 0; i < ncols; i++) {
		if (i)
			buf_putc(out, ';');
		csv_value(out, registry_export_col_header(cols[i]));
	}
	buf_puts(out, "\r\n");
	struct csv_ctx x = { out, cols, ncols, NULL };
	cf_err e = registry_each(typed, csv_row, &x);
	if (e)
		return e;
	return out->overflow ? CF_ERR_TOOBIG : CF_OK;
}

struct xlsx_ctx {
	lxw_worksheet *ws;
	const export_col *cols;
	int ncols;
	lxw_row_t row;
	int failed;
};

static int xlsx_row(void *ctx, const registry_coop *c)
{
	struct xlsx_ctx *x = ctx;
	arena *a = arena_new(1u << 16);
	for (int i = 0; i < x->ncols; i++) {
		export_col col = x->cols[i];
		lxw_error err;
		if ((col == EXP_WOMEN || col == EXP_MEN || col == EXP_YOUNG) && !c->members_known)
			continue; /* unknown: an empty cell, which imports back as unknown */
		if (col == EXP_WOMEN || col == EXP_MEN || col == EXP_YOUNG)
			err = worksheet_write_number(x->ws, x->row, (lxw_col_t)i,
						     col == EXP_WOMEN ? c->members_women
						     : col == EXP_MEN ? c->members_men
								      : c->members_young,
						     NULL);
		else
			err = worksheet_write_string(
				x->ws, x->row, (lxw_col_t)i,
				text_cleaned(a, registry_export_value(a, c, col)), NULL);
		if (err)
			x->failed = 1;
	}
	arena_free(a);
	x->row++;
	return x->failed || x->row >= 1048576;
}

cf_err registry_export_xlsx(buf *out, const char *typed, const export_col *cols, int ncols)
{
	char path[] = "/tmp/coopfair-export-XXXXXX";
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
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Registre");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int i = 0; i < ncols; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, registry_export_col_header(cols[i]),
				       bold);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, 22, NULL);
	}
	struct xlsx_ctx x = { ws, cols, ncols, 1, 0 };
	cf_err e = registry_each(typed, xlsx_row, &x);
	if (workbook_close(wb) != LXW_NO_ERROR || x.failed)
		e = e ? e : CF_ERR_IO;
	return table_export_take(path, e, out);
}
