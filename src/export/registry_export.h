/*
 * registry_export.h - the registry as CSV (UTF-8 with BOM, ';' as French
 * spreadsheets expect, every value quoted when needed) and as XLSX
 * (libxlsxwriter), with the columns the committee chose. The CSV reads
 * back through the import with the same headers.
 */
#ifndef CF_REGISTRY_EXPORT_H
#define CF_REGISTRY_EXPORT_H
#include "../model/registry.h"
#include "../util/buf.h"

/* registry_export_csv / _xlsx - every cooperative matching typed (all when
 * empty or NULL) with columns cols[0..ncols) into out. CF_ERR_TOOBIG when
 * out's cap is passed, CF_ERR_IO when the XLSX could not be written. */
cf_err registry_export_csv(buf *out, const char *typed, const export_col *cols,
			   int ncols) CF_MUST_USE;
cf_err registry_export_xlsx(buf *out, const char *typed, const export_col *cols,
			    int ncols) CF_MUST_USE;

#endif
