/*
 * list.h - THE list of the site: one mechanism for every table a person
 * searches, sorts, pages through and exports (issue 10): the committee's
 * applications, cooperatives, accounts and audit log, and the public
 * exhibitors.
 *
 * A page declares its columns (list_spec), reads the address (list_begin:
 * ?q= search words, ?sort=KEY or -KEY, ?page=N, ?format=csv|xlsx), adds its
 * rows as cells of text (list_add, list_cell), then list_end searches
 * (every word of q, folded by the registry's normaliser registry_norm, must
 * appear in the row), sorts, and pages; a page past the end is a 404.
 * list_export answers ?format= with the rows found (every page, sorted);
 * list_search, list_table and list_pager render. Every link keeps the
 * filters of the address (the spec's keys), the search and the sort.
 *
 * Rows are held in memory (the request's arena): lists of a regional fair
 * are hundreds or a few thousand rows; a page that can have more reads at
 * most LIST_ROWS_MAX and says so (list.truncated).
 */
#ifndef CF_PAGES_LIST_H
#define CF_PAGES_LIST_H
#include "pages.h"

#ifndef N_
#define N_(s) (s) /* a msgid translated later (column labels) */
#endif

#define LIST_ROWS_MAX 20000
#define LIST_COLS_MAX 12
#define LIST_KEEP_MAX 8

typedef struct list_col {
	const char *key;   /* in ?sort=, and the CSV/XLSX header's stable part */
	const char *label; /* English msgid of the header */
	int numeric;	   /* sorted by number, right-aligned, a number in XLSX */
	/* link: a site path the id is appended to, e.g. "/exhibitors/": a cell
	 * of this column whose id is set links there. The link is made only
	 * for the rows shown (a list holds thousands of rows and shows 20). */
	const char *link;
} list_col;

typedef struct list_spec {
	const char *name; /* class of the table, file name of exports */
	const char *path; /* the list's address, e.g. "/admin/accounts" */
	const list_col *cols;
	int ncols;
	const char *keep[LIST_KEEP_MAX]; /* filter keys of the address, kept by links */
	int per_page;
	int sort, desc; /* default order: column index (-1: the page's own), descending */
} list_spec;

/* One cell: text is what is searched, sorted (unless num), exported; href
 * makes it a link, cls a tag (<span class=cls>), lang a <bdi lang=...>;
 * other is a second text shown beside it (the name in the other script:
 * lang "ar" and "fr" are each other's other). */
typedef struct list_cell {
	const char *text, *href, *cls, *lang, *other;
	const char *tag; /* a short label shown after (<span class="tag">) */
	double num;
	long long id; /* with the column's link: what the cell links to */
} list_cell;

typedef struct list {
	const list_spec *spec;
	request *r;
	list_cell *cells; /* rows x ncols */
	size_t nrows, cap;
	size_t *order; /* the rows found, in order */
	size_t found;
	const char *q; /* as typed, kept in the search box ("" when none) */
	char qn[512];  /* q folded by registry_norm */
	int sort, desc, page, pages;
	int format; /* 0 HTML, 1 CSV, 2 XLSX */
	int truncated;
} list;

/* list_begin - read q, sort, page and format from r's address. A sort key
 * that is no column, a format that is neither csv nor xlsx, or a page that
 * is not a number from 1: CF_ERR_INVALID (answer 400). */
cf_err list_begin(request *r, const list_spec *spec, list *l) CF_MUST_USE;
/* list_add - a new row, its cells empty; NULL past LIST_ROWS_MAX (and
 * l->truncated set). */
list_cell *list_add(list *l);
/* list_expect - room for n rows at once (a page that knows how many it
 * will add saves the list growing); a hint, not a limit. */
void list_expect(list *l, size_t n);
/* list_end - search, sort and page. CF_ERR_NOTFOUND when the page asked is
 * past the end (answer 404; page 1 of nothing is not past the end). */
cf_err list_end(list *l) CF_MUST_USE;
/* list_export - when ?format= asked for CSV or XLSX, answer with every row
 * found (sorted) and return 1; 0 for HTML. Headers in r's language. */
int list_export(list *l);
/* list_search - the search box, with the filters of the address kept as
 * hidden fields (a page's own filter form may show them instead: pass 0). */
void list_search(list *l, int keep_filters);
/* list_count - text ("N rows found", translated with trn by the page) as
 * a status line, data-count = the rows found. */
void list_count(list *l, const char *text);
/* list_table - the current page's rows, with sortable headers. */
void list_table(list *l);
/* list_pager - links to every page (when more than one). */
void list_pager(list *l);
/* list_exports - links to this very list as CSV and XLSX. */
void list_exports(list *l);
/* list_href - the list's address with its filters, search and sort, and
 * key=value (NULL value: left out); arena-owned, not yet escaped. */
const char *list_href(list *l, const char *key, const char *value);

#endif
