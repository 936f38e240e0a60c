/* backup_archive.c - the fair's archive as one zip (backup_archive.h),
 * written with libzip and libxlsxwriter. */
#include "backup_archive.h"
#include "../db/backup_db.h"
#include "../util/buf.h"
#include "table_export.h"

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

/* csv_field - s[0..n) as one cell, through the CSV writer every export of
 * coopfair shares (table_export_csv_value: quoted when needed, a cell that
 * a spreadsheet would run as a formula defused). */
static void csv_field(buf *b, const char *s, size_t n)
{
	char *cell = strndup(s, n);
	if (!cell)
		abort();
	if (table_export_csv_value(b, cell))
		b->overflow = 1; /* flush_csv reports it */
	free(cell);
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

/* The archive of one edition: each table's rows that belong to the
 * edition (? is its id), and the rows they name (cooperatives, accounts,
 * organisations, places). Left out, as not the edition's or not for the
 * records: sign-in secrets (password hashes, sessions, tokens, the gate's
 * API keys, badge tokens), the outbox and audit log (whole-site, holding
 * links and addresses), settings, uploads of the registry, migrations. */
#define ED_CATS "(SELECT id FROM category WHERE edition_id = ?)"
#define ED_APPS "(SELECT id FROM application WHERE edition_id = ?)"
#define ED_ENTRIES "(SELECT id FROM prize_entry WHERE category_id IN " ED_CATS ")"
#define ED_ORGS "(SELECT organisation_id FROM edition_organisation WHERE edition_id = ?)"
static const db_dump_query edition_tables[] = {
	{ "edition", "SELECT * FROM edition WHERE id = ?" },
	{ "edition_organisation",
	  "SELECT * FROM edition_organisation WHERE edition_id = ? ORDER BY role, position" },
	{ "organisation", "SELECT * FROM organisation WHERE id IN " ED_ORGS " ORDER BY id" },
	{ "organisation_logo", "SELECT * FROM organisation_logo WHERE organisation_id IN " ED_ORGS
			       " ORDER BY organisation_id" },
	{ "region", "SELECT * FROM region ORDER BY id" },
	{ "province", "SELECT * FROM province ORDER BY id" },
	{ "space", "SELECT * FROM space WHERE edition_id = ? ORDER BY id" },
	{ "side_event", "SELECT * FROM side_event WHERE edition_id = ? ORDER BY id" },
	{ "category", "SELECT * FROM category WHERE edition_id = ? ORDER BY id" },
	{ "cooperative",
	  "SELECT * FROM cooperative WHERE id IN (SELECT cooperative_id FROM application WHERE "
	  "edition_id = ? UNION SELECT cooperative_id FROM exhibitor WHERE edition_id = ?) "
	  "ORDER BY id" },
	{ "application", "SELECT * FROM application WHERE edition_id = ? ORDER BY id" },
	{ "application_event",
	  "SELECT * FROM application_event WHERE application_id IN " ED_APPS " ORDER BY id" },
	{ "application_review", "SELECT * FROM application_review WHERE application_id IN " ED_APPS
				" ORDER BY application_id, account_id" },
	{ "application_photo",
	  "SELECT * FROM application_photo WHERE application_id IN " ED_APPS " ORDER BY id" },
	{ "selection_rules", "SELECT * FROM selection_rules WHERE edition_id = ?" },
	{ "selection_category",
	  "SELECT * FROM selection_category WHERE edition_id = ? ORDER BY category_id" },
	{ "exhibitor", "SELECT * FROM exhibitor WHERE edition_id = ? ORDER BY id" },
	{ "stand_venue", "SELECT * FROM stand_venue WHERE edition_id = ?" },
	{ "stand_zone", "SELECT * FROM stand_zone WHERE edition_id = ? ORDER BY id" },
	{ "stand_entrance", "SELECT * FROM stand_entrance WHERE edition_id = ? ORDER BY id" },
	{ "stand", "SELECT * FROM stand WHERE edition_id = ? ORDER BY id" },
	{ "stand_apart", "SELECT * FROM stand_apart WHERE edition_id = ?" },
	{ "stand_complement", "SELECT * FROM stand_complement WHERE edition_id = ?" },
	{ "account",
	  "SELECT id, name, lang, cooperative_id, organisation_id, is_sample FROM account WHERE id "
	  "IN (SELECT account_id FROM account_role WHERE edition_id = ? UNION SELECT account_id "
	  "FROM prize_juror WHERE category_id IN " ED_CATS " UNION SELECT account_id FROM "
	  "application_review WHERE application_id IN " ED_APPS " UNION SELECT account_id FROM "
	  "application_event WHERE application_id IN " ED_APPS ") ORDER BY id" },
	{ "account_role", "SELECT * FROM account_role WHERE edition_id = ? ORDER BY account_id" },
	{ "prize_category",
	  "SELECT * FROM prize_category WHERE category_id IN " ED_CATS " ORDER BY category_id" },
	{ "prize_criterion",
	  "SELECT * FROM prize_criterion WHERE category_id IN " ED_CATS " ORDER BY id" },
	{ "prize_juror", "SELECT * FROM prize_juror WHERE category_id IN " ED_CATS
			 " ORDER BY category_id, account_id" },
	{ "prize_rule", "SELECT * FROM prize_rule WHERE edition_id = ? ORDER BY id" },
	{ "prize_entry", "SELECT * FROM prize_entry WHERE category_id IN " ED_CATS " ORDER BY id" },
	{ "prize_conflict", "SELECT * FROM prize_conflict WHERE entry_id IN " ED_ENTRIES
			    " ORDER BY entry_id, account_id" },
	{ "prize_assignment", "SELECT * FROM prize_assignment WHERE entry_id IN " ED_ENTRIES
			      " ORDER BY entry_id, account_id" },
	{ "prize_score", "SELECT * FROM prize_score WHERE entry_id IN " ED_ENTRIES
			 " ORDER BY entry_id, account_id, criterion_id" },
	{ "prize_comment", "SELECT * FROM prize_comment WHERE entry_id IN " ED_ENTRIES
			   " ORDER BY entry_id, account_id" },
	{ "prize_result",
	  "SELECT * FROM prize_result WHERE entry_id IN " ED_ENTRIES " ORDER BY entry_id" },
	{ "prize_log", "SELECT * FROM prize_log WHERE category_id IN " ED_CATS " ORDER BY id" },
	{ "gate", "SELECT id, edition_id, name FROM gate WHERE edition_id = ? ORDER BY id" },
	{ "gate_rule", "SELECT * FROM gate_rule WHERE edition_id = ? ORDER BY id" },
	{ "badge",
	  "SELECT id, edition_id, role, name_ar, name_latin, organisation, phone, email, revoked, "
	  "replaces_id, inside, is_sample, created_at FROM badge WHERE edition_id = ? ORDER BY id" },
	{ "checkin", "SELECT * FROM checkin WHERE edition_id = ? ORDER BY id" },
	{ "gate_tap", "SELECT * FROM gate_tap WHERE gate_id IN (SELECT id FROM gate WHERE "
		      "edition_id = ?) ORDER BY id" },
};

cf_err backup_archive_write(const char *db_path, int64_t edition_id, const char *out,
			    const void *certs, size_t ncerts, const char *readme_extra,
			    backup_archive_info *info)
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
	cf_err e = !a.wb ? CF_ERR_IO
		   : edition_id
			   ? db_backup_dump_queries(db_path, edition_tables,
						    sizeof edition_tables / sizeof *edition_tables,
						    edition_id, row_fn, &a, info->why)
			   : db_backup_dump(db_path, row_fn, &a, info->why);
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
			"csv/TABLE.csv      %s, UTF-8, one header line\r\n"
			"tables.xlsx        the same tables, one sheet each\r\n"
			"files/TABLE/...    stored files (photos, logos); the table's cell gives the "
			"file name\r\n"
			"certificates.pdf   the prize certificates of published categories (when "
			"any)\r\n\r\n"
			"%d tables, %lld rows, %lld files.\r\n",
			readme_extra ? readme_extra : "",
			edition_id
				? "the edition's rows of every table (and the cooperatives, "
				  "accounts,\r\n                   organisations and places they "
				  "name)"
				: "every table of the database",
			info->tables, info->rows, info->files);
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
