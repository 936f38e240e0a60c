/*
 * backup_archive.h - the archive of a fair for the records (a regional
 * council's, say): one zip file, readable without coopfair, holding
 *   coopfair-archive/README.txt        what is inside, when it was made
 *   coopfair-archive/csv/TABLE.csv     every table (an edition's rows of it),
 *                                      UTF-8 CSV with a header
 *   coopfair-archive/tables.xlsx       the same, one sheet per table
 *   coopfair-archive/files/TABLE/...   every stored file (photos, logos),
 *                                      named in the CSV/XLSX cell instead
 *                                      of the bytes
 *   coopfair-archive/certificates.pdf  the prize certificates, when given
 * The rows come from db_backup_dump (one consistent snapshot).
 */
#ifndef CF_BACKUP_ARCHIVE_H
#define CF_BACKUP_ARCHIVE_H
#include <stddef.h>
#include <stdint.h>

#include "../util/err.h"

typedef struct backup_archive_info {
	int tables;
	long long rows, files;
	char why[512];
} backup_archive_info;

/* backup_archive_write - write the archive of edition edition_id of the
 * database at db_path into out (a new file: CF_ERR_CONFLICT when it
 * exists): the edition's rows of each table and the rows they name, without
 * sign-in secrets (backup_archive.c lists them); edition_id 0 archives every
 * table whole. certs/ncerts: a PDF to include (NULL: none). readme_extra
 * goes into README.txt. */
cf_err backup_archive_write(const char *db_path, int64_t edition_id, const char *out,
			    const void *certs, size_t ncerts, const char *readme_extra,
			    backup_archive_info *info) CF_MUST_USE;

#endif
