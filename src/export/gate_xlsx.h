/*
 * gate_xlsx.h - the gate's counts as a spreadsheet (libxlsxwriter): one
 * sheet with the kind (day, hour, gate, role), the key, entries and unique
 * badges, then the totals. Export code: the caller passes the counts.
 */
#ifndef CF_GATE_XLSX_H
#define CF_GATE_XLSX_H
#include "../model/gate.h"
#include "../util/buf.h"

/* gate_xlsx - append the workbook to out. CF_ERR_IO when it cannot be
 * written, CF_ERR_TOOBIG past out's cap. */
cf_err gate_xlsx(const gate_stats *st, buf *out) CF_MUST_USE;

#endif
