/*
 * impact.h - the impact report of an edition (issue 16): exhibitors by
 * gender, women-led, province, region, category and first time; visitors
 * per day (the gate's counts); sales by category, day and province, the
 * average per exhibitor and the women-led share (sales.h); B2B meetings and
 * outcomes (b2b.h); the programme's sessions held per kind and per space,
 * their bookings, attendance and waiting lists (prog_counts, prog.h); prize
 * winners; key figures side by side with another
 * edition; and every edition of every region in the database, side by side.
 *
 * The report is a list of tables, each with the model function and query
 * its figures come from (source), so that the page, the PDF, the XLSX (one
 * sheet per table) and the CSV are four renderings of one structure, and
 * every figure is traceable. Titles, column heads and the names of rows
 * marked msgid_names are English msgids: pages translate them.
 * Model code: no HTML, no HTTP.
 */
#ifndef CF_IMPACT_H
#define CF_IMPACT_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/err.h"

#define IMPACT_COLS 5

typedef struct impact_row {
	const char *key;			    /* a code, a day, an id as text */
	const char *name_ar, *name_fr, *name_en;    /* the row's name */
	const char *group_ar, *group_fr, *group_en; /* a second label, or "" */
	long v[IMPACT_COLS];
	int msgid_name;		  /* this row's name_en is a msgid (name_ar, name_fr too) */
	const char *name, *group; /* in the reader's language: set by the page */
} impact_row;

typedef struct impact_table {
	const char *id;	    /* a-z and '_': CSV kind, XLSX sheet */
	const char *title;  /* msgid */
	const char *source; /* the model function and query (not translated) */
	const char *group;  /* msgid of the second label's column, NULL when none */
	int ncols;
	const char *cols[IMPACT_COLS]; /* msgids */
	int msgid_names;	       /* the rows' names are msgids */
	int chart;		       /* worth a bar chart of column 0 */
	impact_row *rows;
	size_t nrows;
} impact_table;

#define IMPACT_TABLES_MAX 16 /* 14 used */

typedef struct impact_edition {
	int64_t id;
	const char *slug, *name_ar, *name_fr, *name_en, *starts_on, *ends_on;
	const char *region_ar, *region_fr, *region_en;
	int number;
} impact_edition;

typedef struct impact_report {
	impact_edition ed, vs; /* vs.id 0: no edition to compare with */
	int sample;	       /* some figures come from sample data */
	impact_table t[IMPACT_TABLES_MAX];
	size_t nt;
} impact_report;

/* impact_read - the report of edition_id, its key figures side by side with
 * vs_id's (0: none). now_slot ('YYYY-MM-DDTHH:MM', Moroccan time) tells B2B
 * meetings and programme sessions held from those to come. CF_ERR_NOTFOUND: no such edition. */
cf_err impact_read(arena *a, int64_t edition_id, int64_t vs_id, const char *now_slot,
		   impact_report *out) CF_MUST_USE;

/* impact_compare_default - the edition to compare edition_id with: the one
 * before it (by start date), else the one after, else 0. */
cf_err impact_compare_default(int64_t edition_id, int64_t *vs) CF_MUST_USE;

#endif
