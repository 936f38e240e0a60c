/*
 * registry.h - the registry of cooperatives: records, search, CSV import
 * and the rows behind the exports.
 *
 * Search runs over text normalised in C (registry_text.h) and kept in an
 * FTS5 index (rowid = cooperative id); rows changed by any module are
 * marked (indexed = 0, by a trigger) and re-indexed before the next search.
 * The import is all or nothing: one transaction, and any problem in the
 * file means nothing is written and a line-by-line report comes back.
 * Model code: no HTML, no HTTP. What is returned lives in the arena given.
 */
#ifndef CF_REGISTRY_H
#define CF_REGISTRY_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../i18n/i18n.h"
#include "../util/arena.h"

/* The biggest file the import reads (the national registry, 65,000
 * cooperatives, is about 15 MB). The web upload is further capped by the
 * server's request-body cap. */
#define REGISTRY_IMPORT_MAX (32u << 20)
/* How many problems a report lists before it says "and N more". */
#define REGISTRY_REPORT_MAX 200

typedef struct registry_coop {
	int64_t id;
	const char *name_ar, *name_fr, *legal_form, *reg_number, *reg_date;
	const char *province_code, *province_fr, *province_ar, *region_fr, *region_ar;
	const char *sector, *products_ar, *products_fr;
	int members_women, members_men, members_young, women_led, first_time, is_sample;
	int women_led_known, first_time_known, members_known; /* 0: the value is unknown */
	const char *contact_name, *phone, *email;	      /* private */
	int editions;					      /* past editions exhibited at */
} registry_coop;

/* registry_index_pending - (re)build the search entries of marked rows
 * (every row after an import or a change). Returns how many were indexed. */
int registry_index_pending(void);

/* registry_search - cooperatives matching what a person typed, best first
 * (names weigh ten times the other fields), page is 1-based; *total gets
 * the number of matches, counted up to REGISTRY_SEARCH_BROAD: a query with
 * that many matches is too broad to rank and is listed unranked (the page
 * asks for more words). From REGISTRY_SEARCH_RANKED matches on, the exact
 * registration number and whole words still come first, but bm25 no longer
 * orders the rest (by id instead): its cost grows with every match. An
 * empty query lists by name. Private fields are filled: pages for
 * organisers only. */
#define REGISTRY_SEARCH_BROAD 5000
#define REGISTRY_SEARCH_RANKED 1000
cf_err registry_search(arena *a, const char *typed, int page, int per_page, registry_coop **out,
		       int *total, size_t *count) CF_MUST_USE;
/* registry_get - one cooperative; CF_ERR_NOTFOUND. */
cf_err registry_get(arena *a, int64_t id, registry_coop *out) CF_MUST_USE;
/* One edition in a cooperative's history: applied and/or exhibited. */
typedef struct registry_past {
	int64_t edition_id;
	const char *name_ar, *name_fr, *starts_on;
	const char *status; /* application status code, "" when it did not apply */
	int exhibited;
} registry_past;

/* registry_history - the editions a cooperative applied to or exhibited
 * at, newest first (at most 50); count returned, array in *out. */
cf_err registry_history(arena *a, int64_t coop_id, registry_past **out, size_t *count) CF_MUST_USE;

/* registry_count - cooperatives in the registry. */
int registry_count(void);

/* ---- Import -------------------------------------------------------- */

/* One problem found in an import file. */
typedef enum import_problem {
	IMP_TOO_BIG,	   /* value: size in bytes */
	IMP_EMPTY,	   /* the file has no header line */
	IMP_ENCODING,	   /* line: first line with bytes that are not UTF-8 */
	IMP_QUOTE,	   /* line: a quoted value never closed */
	IMP_NO_COLUMN,	   /* column: a required column is missing */
	IMP_DUP_COLUMN,	   /* column: the same field twice */
	IMP_FIELD_COUNT,   /* line, value: fields found, other: fields expected */
	IMP_REQUIRED,	   /* line, column: empty */
	IMP_NUMBER,	   /* line, column, value */
	IMP_DATE,	   /* line, column, value */
	IMP_YESNO,	   /* line, column, value */
	IMP_LEGAL_FORM,	   /* line, column, value */
	IMP_PROVINCE,	   /* line, column, value */
	IMP_EMAIL,	   /* line, column, value */
	IMP_PHONE,	   /* line, column, value */
	IMP_TOO_LONG,	   /* line, column */
	IMP_DUP_REG_FILE,  /* line, value, other: the earlier line */
	IMP_DUP_REG_DB,	   /* line, value, detail: existing name */
	IMP_DUP_NAME_FILE, /* line, value, other */
	IMP_DUP_NAME_DB,   /* line, value */
	IMP_DB,		   /* the database refused (nothing written) */
	IMP__MAX
} import_problem;

typedef struct import_issue {
	import_problem kind;
	long line;	    /* 1-based line of the file where the record starts */
	const char *column; /* the header as written in the file */
	const char *value;
	long other;
	const char *detail;
} import_issue;

/* The fields an import line can change on a known cooperative. */
typedef enum reg_line_field {
	REG_LINE_NAME_AR,
	REG_LINE_NAME_FR,
	REG_LINE_LEGAL,
	REG_LINE_DATE,
	REG_LINE_PROVINCE,
	REG_LINE_SECTOR,
	REG_LINE_PROD_AR,
	REG_LINE_PROD_FR,
	REG_LINE_WOMEN,
	REG_LINE_MEN,
	REG_LINE_YOUNG,
	REG_LINE_WOMEN_LED, /* "1" / "0" */
	REG_LINE_FIRST,	    /* "1" / "0" */
	REG_LINE_CONTACT,
	REG_LINE_PHONE,
	REG_LINE_EMAIL,
	REG_LINE__MAX
} reg_line_field;

/* One change an update import makes (or would make) to a cooperative. */
typedef struct import_change {
	long line;
	int64_t coop_id;
	const char *name;   /* the cooperative, as registered */
	const char *column; /* the header as written in the file */
	const char *before, *after;
} import_change;

/* How an import treats lines naming a cooperative already registered. */
typedef enum import_mode {
	IMPORT_ADD,	     /* they are problems: only new cooperatives */
	IMPORT_UPDATE_CHECK, /* check everything, list the changes, write nothing */
	IMPORT_UPDATE,	     /* add the new ones and update the known ones */
} import_mode;

typedef struct import_report {
	long rows;     /* data records read */
	long imported; /* written (0 when any issue) */
	import_issue *issues;
	size_t nissues;	      /* listed (at most REGISTRY_REPORT_MAX) */
	long more;	      /* further issues not listed */
	char separator;	      /* ',' or ';' */
	const char **ignored; /* header names not mapped to a field */
	size_t nignored;
	/* rows imported with a fact the file did not give (no column or an
	 * empty cell), stored as unknown: led by women, first participation,
	 * member counts */
	long unknown_women_led, unknown_first_time, unknown_members;
	/* update modes: new rows are counted in `imported` (to be added when
	 * checking), known rows that change in `updated`, their changes
	 * listed up to REGISTRY_REPORT_MAX (more_changes beyond) */
	import_mode mode;
	long updated;
	import_change *changes;
	size_t nchanges;
	long more_changes;
} import_report;

/* A progress callback: records read so far, and bytes read of the total. */
typedef void (*import_progress)(void *ctx, long rows, size_t done, size_t total);

/* registry_import - parse data (len bytes, UTF-8 with or without BOM, ','
 * or ';', quoted fields, CRLF or LF, headers in French or Arabic), check
 * every record, and insert all of them in one transaction, or nothing.
 * CF_OK when imported; CF_ERR_INVALID when the report lists problems;
 * CF_ERR_TOOBIG past REGISTRY_IMPORT_MAX; CF_ERR_DB. actor: account id
 * for the audit (0 = command line). */
cf_err registry_import(arena *a, const char *data, size_t len, int64_t actor, import_progress cb,
		       void *cb_ctx, import_report *rep) CF_MUST_USE;
/* registry_import_as - registry_import in a mode (import_mode): with
 * IMPORT_UPDATE_CHECK nothing is written and CF_OK means the file is clean
 * (the report then lists what IMPORT_UPDATE would add and change). */
cf_err registry_import_as(arena *a, const char *data, size_t len, int64_t actor, import_mode mode,
			  import_progress cb, void *cb_ctx, import_report *rep) CF_MUST_USE;
/* registry_issue_text - one problem as a sentence in l saying what is
 * wrong and how to fix it (arena-owned). */
const char *registry_issue_text(arena *a, lang l, const import_issue *is);

/* registry_report_notes - what the organiser must know about an import
 * besides its problems, as sentences in l (arena): the columns ignored, and
 * how many rows have facts stored as unknown. Count returned, array in *out. */
size_t registry_report_notes(arena *a, lang l, const import_report *rep, const char ***out);

/* ---- Uploads waiting for confirmation ---------------------------- */

/* registry_upload_keep - keep an uploaded file (a day at most; older ones
 * are deleted now) until its owner confirms how it reads; its id in *id. */
cf_err registry_upload_keep(int64_t account, const char *filename, const char *data, size_t len,
			    int64_t *id) CF_MUST_USE;
/* registry_upload_get - the kept file, only for the account that sent it:
 * *data is malloc'd (the caller frees it), *filename in the arena.
 * CF_ERR_NOTFOUND when gone or someone else's. */
cf_err registry_upload_get(arena *a, int64_t id, int64_t account, const char **filename,
			   char **data, size_t *len) CF_MUST_USE;
/* registry_upload_drop - forget a kept file (after its import). */
cf_err registry_upload_drop(int64_t id) CF_MUST_USE;

/* One row of a decoded file's preview: at most 12 cells, each cut at 60 bytes. */
typedef struct registry_preview_row {
	int n;
	const char **cells;
} registry_preview_row;
/* registry_preview - the first maxrows records of UTF-8 CSV text, for a
 * person to see whether the text reads right (arena). */
size_t registry_preview(arena *a, const char *text, size_t len, int maxrows,
			registry_preview_row **out);

/* registry_generate - write a deterministic CSV of n cooperatives (French
 * headers, ';', quoted fields, Arabic-Indic digits in some phones) to f,
 * for tests and the benchmark; seed changes the data. */
cf_err registry_generate(FILE *f, long n, uint64_t seed) CF_MUST_USE;

/* ---- Export -------------------------------------------------------- */

typedef enum export_col {
	EXP_NAME_AR,
	EXP_NAME_FR,
	EXP_LEGAL_FORM,
	EXP_REG_NUMBER,
	EXP_REG_DATE,
	EXP_PROVINCE,
	EXP_REGION,
	EXP_SECTOR,
	EXP_PRODUCTS_AR,
	EXP_PRODUCTS_FR,
	EXP_WOMEN,
	EXP_MEN,
	EXP_YOUNG,
	EXP_WOMEN_LED,
	EXP_FIRST_TIME,
	EXP_CONTACT,
	EXP_PHONE,
	EXP_EMAIL,
	EXP__MAX
} export_col;

/* registry_export_col_key / _header - the column's key in forms ("name_fr")
 * and its header in an exported file (French, as the import reads it). */
const char *registry_export_col_key(export_col c);
const char *registry_export_col_header(export_col c);
/* registry_export_value - column c of a cooperative as text (arena). */
const char *registry_export_value(arena *a, const registry_coop *c, export_col col);
/* registry_each - call fn for every cooperative matching typed (all when
 * empty), by name; fn returns non-zero to stop. The coop is valid only
 * during the call (the arena is reset between batches of rows). */
cf_err registry_each(const char *typed, int (*fn)(void *ctx, const registry_coop *c),
		     void *ctx) CF_MUST_USE;

#endif
