/* backup_archive.c - the fair's archive as one zip (backup_archive.h),
 * written with libzip and libxlsxwriter. */
#include "backup_archive.h"
#include "../db/backup_db.h"
#include "../util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#define ROOT "coopfair-archive/"
#define XLSX_CELL_MAX 32767

struct arch {
	zip_t *z;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char table[64];
	buf csv;
	backup_archive_info *info;
	int failed;
};

/* add_bytes - a copy of p[n] as the zip entry name (libzip frees it). */
static cf_err add_bytes(zip_t *z, const char *name, const void *p, size_t n)
{
	void *copy = malloc(n ? n : 1);
	if (!copy)
		abort();
	memcpy(copy, p, n);
	zip_source_t *src = zip_source_buffer(z, copy, n, 1);
	if (!src) {
		free(copy);
		return CF_ERR_IO;
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return CF_ERR_IO;
	}
	return CF_OK;
}

static cf_err flush_csv(struct arch *a)
{
	if (!*a->table)
		return CF_OK;
	char name[128];
	snprintf(name, sizeof name, ROOT "csv/%s.csv", a->table);
	cf_err e = a->csv.overflow ? CF_ERR_TOOBIG : add_bytes(a->z, name, a->csv.data, a->csv.len);
	buf_reset(&a->csv);
	a->table[0] = 0;
	return e;
}

static void csv_field(buf *b, const char *s, size_t n)
{
	int quote = strcspn(s, ",\"\r\n") < n;
	if (quote)
		buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, s[i]);
	}
	if (quote)
		buf_putc(b, '"');
}

/* blob_ext - a file extension from the bytes' magic number. */
static const char *blob_ext(const unsigned char *p, size_t n)
{
	if (n >= 8 && !memcmp(p, "\x89PNG", 4))
		return "png";
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8)
		return "jpg";
	if (n >= 4 && !memcmp(p, "%PDF", 4))
		return "pdf";
	return "bin";
}

static cf_err start_table(struct arch *a, const char *table, int ncol, const char *const *names)
{
	cf_err e = flush_csv(a);
	if (e)
		return e;
	snprintf(a->table, sizeof a->table, "%s", table);
	a->info->tables++;
	buf_append(&a->csv, "\xef\xbb\xbf", 3); /* BOM: spreadsheets then read UTF-8 */
	char sheet[32];
	snprintf(sheet, sizeof sheet, "%s", table); /* sheet names: 31 characters at most */
	a->ws = workbook_add_worksheet(a->wb, sheet);
	for (int c = 0; c < ncol; c++) {
		if (c)
			buf_putc(&a->csv, ',');
		csv_field(&a->csv, names[c], strlen(names[c]));
		if (a->ws)
			worksheet_write_string(a->ws, 0, (lxw_col_t)c, names[c], NULL);
	}
	buf_puts(&a->csv, "\r\n");
	return CF_OK;
}

static cf_err row_fn(void *ctx, const char *table, int64_t row, int ncol, const char *const *names,
		     const db_value *vals)
{
	struct arch *a = ctx;
	cf_err e;
	if (strcmp(a->table, table) && (e = start_table(a, table, ncol, names)))
		return e;
	if (row < 0)
		return CF_OK;
	a->info->rows++;
	lxw_row_t xr = (lxw_row_t)(row + 1);
	char num[128];
	/* Stored files are named by the row's id when it has one. */
	long long id = row + 1;
	for (int c = 0; c < ncol; c++)
		if (!strcmp(names[c], "id") && vals[c].type == DBV_INT)
			id = (long long)vals[c].i;
	for (int c = 0; c < ncol; c++) {
		const db_value *v = &vals[c];
		const char *s = "";
		size_t n = 0;
		if (c)
			buf_putc(&a->csv, ',');
		if (v->type == DBV_INT || v->type == DBV_REAL) {
			if (v->type == DBV_INT)
				snprintf(num, sizeof num, "%lld", (long long)v->i);
			else
				snprintf(num, sizeof num, "%.17g", v->r);
			buf_puts(&a->csv, num);
			if (a->ws && xr < LXW_ROW_MAX)
				worksheet_write_number(a->ws, xr, (lxw_col_t)c,
						       v->type == DBV_INT ? (double)v->i : v->r,
						       NULL);
			continue;
		}
		if (v->type == DBV_TEXT) {
			s = v->p;
			n = v->n;
		} else if (v->type == DBV_BLOB) {
			/* The bytes go into a file of their own; the cell names it. */
			snprintf(num, sizeof num, "files/%.20s/%lld-%.16s.%s", table, id, names[c],
				 blob_ext(v->p, v->n));
			char entry[160];
			snprintf(entry, sizeof entry, ROOT "%s", num);
			if ((e = add_bytes(a->z, entry, v->p, v->n)))
				return e;
			a->info->files++;
			s = num;
			n = strlen(num);
		}
		csv_field(&a->csv, s, n);
		if (a->ws && xr < LXW_ROW_MAX && n) {
			char *cell = strndup(s, n < XLSX_CELL_MAX ? n : XLSX_CELL_MAX);
			if (!cell)
				abort();
			worksheet_write_string(a->ws, xr, (lxw_col_t)c, cell, NULL);
			free(cell);
		}
	}
	buf_puts(&a->csv, "\r\n");
	return CF_OK;
}

cf_err backup_archive_write(const char *db_path, const char *out, const void *certs, size_t ncerts,
			    const char *readme_extra, backup_archive_info *info)
{
	memset(info, 0, sizeof *info);
	struct stat st;
	if (stat(out, &st) == 0) {
		snprintf(info->why, sizeof info->why, "%s already exists; it is never overwritten",
			 out);
		return CF_ERR_CONFLICT;
	}
	int zerr = 0;
	struct arch a = { 0 };
	a.info = info;
	a.z = zip_open(out, ZIP_CREATE | ZIP_EXCL, &zerr);
	if (!a.z) {
		snprintf(info->why, sizeof info->why, "cannot create %s", out);
		return CF_ERR_IO;
	}
	char xlsx[4200];
	snprintf(xlsx, sizeof xlsx, "%s.tables-XXXXXX", out);
	int fd = mkstemp(xlsx);
	if (fd >= 0)
		close(fd);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	a.wb = fd >= 0 ? workbook_new_opt(xlsx, &opt) : NULL;
	buf_init(&a.csv, (size_t)1 << 30);
	cf_err e = a.wb ? db_backup_dump(db_path, row_fn, &a, info->why) : CF_ERR_IO;
	if (!e)
		e = flush_csv(&a);
	if (a.wb && workbook_close(a.wb) != LXW_NO_ERROR && !e)
		e = CF_ERR_IO;
	buf_free(&a.csv);
	if (!e) {
		zip_source_t *src = zip_source_file(a.z, xlsx, 0, -1);
		if (!src || zip_file_add(a.z, ROOT "tables.xlsx", src, ZIP_FL_ENC_UTF_8) < 0)
			e = CF_ERR_IO;
	}
	if (!e && certs && ncerts)
		e = add_bytes(a.z, ROOT "certificates.pdf", certs, ncerts);
	if (!e) {
		buf r;
		buf_init(&r, 1 << 20);
		buf_printf(
			&r,
			"coopfair archive\r\n\r\n%s\r\n\r\n"
			"csv/TABLE.csv      every table of the database, UTF-8, one header line\r\n"
			"tables.xlsx        the same tables, one sheet each\r\n"
			"files/TABLE/...    stored files (photos, logos); the table's cell gives the "
			"file name\r\n"
			"certificates.pdf   the prize certificates of published categories (when "
			"any)\r\n\r\n"
			"%d tables, %lld rows, %lld files.\r\n",
			readme_extra ? readme_extra : "", info->tables, info->rows, info->files);
		e = add_bytes(a.z, ROOT "README.txt", r.data, r.len);
		buf_free(&r);
	}
	if (e) {
		if (!*info->why)
			snprintf(info->why, sizeof info->why, "writing %s failed (%s)", out,
				 cf_strerror(e));
		zip_discard(a.z);
		unlink(xlsx);
		unlink(out);
		return e;
	}
	if (zip_close(a.z) < 0) {
		snprintf(info->why, sizeof info->why, "cannot finish %s: %s", out,
			 zip_strerror(a.z));
		zip_discard(a.z);
		unlink(xlsx);
		unlink(out);
		return CF_ERR_IO;
	}
	unlink(xlsx);
	return CF_OK;
}
