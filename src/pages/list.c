/* list.c - see list.h. */
#include "list.h"
#include "../export/table_export.h"
#include "../html/html.h"
#include "../model/registry_text.h"
#include "../util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cf_err list_begin(request *r, const list_spec *spec, list *l)
{
	memset(l, 0, sizeof *l);
	l->spec = spec;
	l->r = r;
	l->sort = spec->sort;
	l->desc = spec->desc;
	l->page = 1;
	const char *q = req_query(r, "q");
	l->q = q ? text_clean(r->a, q) : "";
	if (strlen(l->q) > 200)
		return CF_ERR_INVALID;
	registry_norm(l->q, l->qn, sizeof l->qn);
	const char *s = req_query(r, "sort");
	if (s && *s) {
		int desc = *s == '-';
		int found = -1;
		for (int i = 0; i < spec->ncols; i++)
			if (!strcmp(spec->cols[i].key, s + desc))
				found = i;
		if (found < 0)
			return CF_ERR_INVALID;
		l->sort = found, l->desc = desc;
	}
	const char *p = req_query(r, "page");
	if (p && *p) {
		long long page;
		if (!page_int(p, 1, 999999, &page))
			return CF_ERR_INVALID;
		l->page = (int)page;
	}
	const char *f = req_query(r, "format");
	if (f && *f) {
		if (!strcmp(f, "csv"))
			l->format = 1;
		else if (!strcmp(f, "xlsx"))
			l->format = 2;
		else
			return CF_ERR_INVALID;
	}
	return CF_OK;
}

/* grow - room for cap rows; the rows already added are kept (each new row
 * is cleared by list_add, so the new room is not zeroed). */
static void grow(list *l, size_t cap)
{
	size_t nc = (size_t)l->spec->ncols;
	list_cell *c = arena_alloc_raw(l->r->a, cap * nc * sizeof *c);
	if (l->nrows)
		memcpy(c, l->cells, l->nrows * nc * sizeof *c);
	l->cells = c, l->cap = cap;
}

void list_expect(list *l, size_t n)
{
	if (n > LIST_ROWS_MAX)
		n = LIST_ROWS_MAX;
	if (n > l->cap)
		grow(l, n);
}

list_cell *list_add(list *l)
{
	size_t nc = (size_t)l->spec->ncols;
	if (l->nrows == LIST_ROWS_MAX) {
		l->truncated = 1;
		return NULL;
	}
	if (l->nrows == l->cap)
		grow(l, l->cap ? l->cap * 2 : 64);
	list_cell *row = &l->cells[l->nrows++ * nc];
	memset(row, 0, nc * sizeof *row);
	return row;
}

/* row_matches - every word of the folded query is in the folded row. */
static int row_matches(list *l, const list_cell *row)
{
	if (!*l->qn)
		return 1;
	buf all;
	buf_init(&all, 1u << 16);
	for (int c = 0; c < l->spec->ncols; c++) {
		const char *parts[2] = { row[c].text, row[c].other };
		for (int k = 0; k < 2; k++)
			if (parts[k] && *parts[k] &&
			    (buf_puts(&all, parts[k]) || buf_putc(&all, ' ')))
				break;
	}
	size_t cap = all.len * 3 + 8;
	/* on the heap, not the arena: no arena allocation while `all` is live
	 * (a request past its memory cap escapes by longjmp and would leak it) */
	char *folded = xmalloc(cap);
	registry_norm(all.len ? all.data : "", folded, cap);
	buf_free(&all);
	char words[sizeof l->qn];
	memcpy(words, l->qn, sizeof words);
	int match = 1;
	for (char *save = NULL, *w = strtok_r(words, " ", &save); w && match;
	     w = strtok_r(NULL, " ", &save))
		if (!strstr(folded, w))
			match = 0;
	free(folded);
	return match;
}

/* The sort: one column of one list at a time per thread; text compares
 * folded (registry_norm), so "É" sorts with "e" and hamza forms together. */
static _Thread_local const list *sorting;
static _Thread_local char **sort_keys;

static int by_column(const void *pa, const void *pb)
{
	const list *l = sorting;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	size_t nc = (size_t)l->spec->ncols;
	const list_cell *x = &l->cells[a * nc + (size_t)l->sort],
			*y = &l->cells[b * nc + (size_t)l->sort];
	int d;
	if (l->spec->cols[l->sort].numeric)
		d = x->num < y->num ? -1 : x->num > y->num;
	else
		d = strcmp(sort_keys[a], sort_keys[b]);
	if (l->desc)
		d = -d;
	return d ? d : (a > b) - (a < b); /* stable: the page's own order */
}

cf_err list_end(list *l)
{
	size_t nc = (size_t)l->spec->ncols;
	l->order = arena_alloc(l->r->a, (l->nrows ? l->nrows : 1) * sizeof *l->order);
	for (size_t i = 0; i < l->nrows; i++)
		if (row_matches(l, &l->cells[i * nc]))
			l->order[l->found++] = i;
	char **keys = NULL;
	if (l->sort >= 0 && !l->spec->cols[l->sort].numeric) {
		keys = arena_alloc_raw(l->r->a, (l->nrows ? l->nrows : 1) * sizeof *keys);
		for (size_t i = 0; i < l->found; i++) {
			const char *t = l->cells[l->order[i] * nc + (size_t)l->sort].text;
			size_t cap = (t ? strlen(t) : 0) * 3 + 8;
			keys[l->order[i]] = arena_alloc(l->r->a, cap);
			registry_norm(t ? t : "", keys[l->order[i]], cap);
		}
	}
	/* no sort asked: the rows found are already in the page's own order */
	if (l->sort >= 0) {
		sorting = l, sort_keys = keys;
		qsort(l->order, l->found, sizeof *l->order, by_column);
		sorting = NULL, sort_keys = NULL;
	}
	int per = l->spec->per_page;
	l->pages = (int)((l->found + (size_t)per - 1) / (size_t)per);
	if (l->format)
		return CF_OK; /* an export holds every page */
	if (l->page > (l->pages ? l->pages : 1))
		return CF_ERR_NOTFOUND;
	return CF_OK;
}

int list_export(list *l)
{
	if (!l->format)
		return 0;
	request *r = l->r;
	int nc = l->spec->ncols;
	const char **head = arena_alloc(r->a, (size_t)nc * sizeof *head);
	int *num = arena_alloc(r->a, (size_t)nc * sizeof *num);
	for (int c = 0; c < nc; c++) {
		head[c] = tr(r->lang, l->spec->cols[c].label);
		num[c] = l->spec->cols[c].numeric;
	}
	const char **cells =
		arena_alloc(r->a, (l->found ? l->found : 1) * (size_t)nc * sizeof *cells);
	for (size_t i = 0; i < l->found; i++)
		for (int c = 0; c < nc; c++)
			cells[i * (size_t)nc + (size_t)c] =
				l->cells[l->order[i] * (size_t)nc + (size_t)c].text;
	buf_reset(&r->out);
	cf_err e = l->format == 2 ? table_export_xlsx(&r->out, l->spec->name, head, nc, num, cells,
						      l->found)
				  : table_export_csv(&r->out, head, nc, cells, l->found);
	if (e) {
		page_error(r, e == CF_ERR_TOOBIG ? 413 : 500, NULL);
		return 1;
	}
	r->content_type =
		l->format == 2 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"%s.%s\"", l->spec->name,
				 l->format == 2 ? "xlsx" : "csv"));
	resp_header(r, "Cache-Control", "no-store");
	return 1;
}

const char *list_href(list *l, const char *key, const char *value)
{
	request *r = l->r;
	const list_spec *s = l->spec;
	/* the arguments, each escaped once, then joined in one allocation (a
	 * list page makes a dozen of these links: headers, pager, exports) */
	const char *k[LIST_KEEP_MAX + 3], *v[LIST_KEEP_MAX + 3];
	int n = 0;
	for (int i = 0; i < LIST_KEEP_MAX && s->keep[i]; i++) {
		const char *x = req_query(r, s->keep[i]);
		if (!x || !strcmp(s->keep[i], key))
			continue;
		k[n] = s->keep[i], v[n++] = url_arg(r->a, x);
	}
	if (*l->q && strcmp(key, "q"))
		k[n] = "q", v[n++] = url_arg(r->a, l->q);
	if (strcmp(key, "sort") && l->sort >= 0 && (l->sort != s->sort || l->desc != s->desc))
		k[n] = "sort", v[n++] = l->desc ? arena_printf(r->a, "-%s", s->cols[l->sort].key)
						: s->cols[l->sort].key;
	if (value)
		k[n] = key, v[n++] = url_arg(r->a, value);
	const char *path = site_href(r, "%s", s->path);
	size_t len = strlen(path) + 1;
	for (int i = 0; i < n; i++)
		len += strlen(k[i]) + strlen(v[i]) + 2;
	char *h = arena_alloc_raw(r->a, len), *p = h;
	p = stpcpy(p, path);
	for (int i = 0; i < n; i++) {
		*p++ = i ? '&' : '?';
		p = stpcpy(p, k[i]);
		*p++ = '=';
		p = stpcpy(p, v[i]);
	}
	*p = 0;
	return h;
}

/* page_link - list_href to page p. */
static const char *page_link(list *l, int p)
{
	char num[16];
	snprintf(num, sizeof num, "%d", p);
	return list_href(l, "page", num);
}

void list_search(list *l, int keep_filters)
{
	request *r = l->r;
	lang lg = r->lang;
	html_printf(&r->out,
		    "<form class=\"list-search\" method=\"get\" action=\"%s\" role=\"search\">",
		    site_href(r, "%s", l->spec->path));
	for (int i = 0; keep_filters && i < LIST_KEEP_MAX && l->spec->keep[i]; i++) {
		const char *v = req_query(r, l->spec->keep[i]);
		if (v)
			html_printf(&r->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
				    l->spec->keep[i], v);
	}
	html_printf(
		&r->out,
		"<label for=\"list-q\">%s</label> <input type=\"search\" id=\"list-q\" name=\"q\" "
		"value=\"%s\" maxlength=\"200\"> <button type=\"submit\">%s</button></form>\n",
		tr(lg, "Search"), l->q, tr(lg, "Search"));
}

void list_count(list *l, const char *text)
{
	html_printf(&l->r->out, "<p class=\"found\" role=\"status\" data-count=\"%zu\">%s</p>",
		    l->found, text);
}

/* cell_html - one cell. The hottest loop of a list page (a cell is a few
 * pieces, a page a hundred cells): pieces appended one by one rather than
 * through html_printf's format scan. Every text still goes through
 * html_text, the escaping emitter. */
static void cell_html(request *r, const list_col *col, const list_cell *c)
{
	buf *o = &r->out;
	const char *href = c->href;
	if (!href && col->link && c->id)
		href = site_href(r, "%s%lld", col->link, c->id);
	if (href) {
		html_raw(o, "<a href=\"");
		html_text(o, href);
		html_raw(o, "\">");
	}
	if (c->cls) {
		html_raw(o, "<span class=\"");
		html_text(o, c->cls);
		html_raw(o, "\">");
	}
	if (c->lang) {
		if (*c->lang) {
			html_raw(o, "<bdi lang=\"");
			html_text(o, c->lang);
			html_raw(o, "\">");
		} else {
			html_raw(o, "<bdi>");
		}
	}
	html_text(o, c->text ? c->text : "");
	if (c->lang)
		html_raw(o, "</bdi>");
	if (c->cls)
		html_raw(o, "</span>");
	if (href)
		html_raw(o, "</a>");
	if (c->tag) {
		html_raw(o, " <span class=\"tag\">");
		html_text(o, c->tag);
		html_raw(o, "</span>");
	}
	if (c->other && *c->other) {
		const char *ol = !c->lang		  ? ""
				 : !strcmp(c->lang, "ar") ? "fr"
				 : !strcmp(c->lang, "fr") ? "ar"
							  : "";
		html_raw(o, *ol ? " <span class=\"other\"><bdi lang=\""
				: " <span class=\"other\"><bdi");
		if (*ol) {
			html_raw(o, ol);
			html_raw(o, "\"");
		}
		html_raw(o, ">");
		html_text(o, c->other);
		html_raw(o, "</bdi></span>");
	}
}

void list_table(list *l)
{
	request *r = l->r;
	lang lg = r->lang;
	buf *o = &r->out;
	const list_spec *s = l->spec;
	size_t from = (size_t)(l->page - 1) * (size_t)s->per_page;
	size_t to = from + (size_t)s->per_page < l->found ? from + (size_t)s->per_page : l->found;
	if (from >= to)
		return;
	html_printf(o, "<div class=\"table-wrap\"><table class=\"%s list\"><thead><tr>", s->name);
	for (int c = 0; c < s->ncols; c++) {
		int on = c == l->sort;
		/* A click on the sorted column turns its order round. */
		const char *key =
			on && !l->desc ? arena_printf(r->a, "-%s", s->cols[c].key) : s->cols[c].key;
		html_raw(o, "<th scope=\"col\"");
		if (on)
			html_raw(o, l->desc ? " aria-sort=\"descending\""
					    : " aria-sort=\"ascending\"");
		if (s->cols[c].numeric)
			html_raw(o, " class=\"num\"");
		html_printf(o, "><a href=\"%s\">%s</a></th>", list_href(l, "sort", key),
			    tr(lg, s->cols[c].label));
	}
	html_raw(o, "</tr></thead><tbody>");
	for (size_t i = from; i < to; i++) {
		const list_cell *row = &l->cells[l->order[i] * (size_t)s->ncols];
		html_raw(o, "<tr>");
		for (int c = 0; c < s->ncols; c++) {
			html_raw(o, s->cols[c].numeric ? "<td class=\"num\">" : "<td>");
			cell_html(r, &s->cols[c], &row[c]);
			html_raw(o, "</td>");
		}
		html_raw(o, "</tr>");
	}
	html_raw(o, "</tbody></table></div>\n");
	if (l->truncated)
		html_printf(o, "<p class=\"warn-box\">%s</p>",
			    arena_printf(r->a,
					 trn(lg, "Only the first %d row is listed.",
					     "Only the first %d rows are listed.", LIST_ROWS_MAX),
					 LIST_ROWS_MAX));
}

void list_pager(list *l)
{
	if (l->pages <= 1)
		return;
	request *r = l->r;
	lang lg = r->lang;
	buf *o = &r->out;
	html_printf(o, "<nav class=\"pager\" aria-label=\"%s\"><ul>", tr(lg, "Pages"));
	if (l->page > 1)
		html_printf(o, "<li><a rel=\"prev\" href=\"%s\">%s</a></li>",
			    page_link(l, l->page - 1), tr(lg, "Previous"));
	for (int p = 1; p <= l->pages; p++) {
		/* Around the current page, the first and the last: ten links at most. */
		if (p != 1 && p != l->pages && abs(p - l->page) > 3) {
			if (p == 2 || p == l->pages - 1)
				html_raw(o, "<li aria-hidden=\"true\">…</li>");
			continue;
		}
		if (p == l->page)
			html_printf(o, "<li><span aria-current=\"page\">%d</span></li>", p);
		else
			html_printf(o, "<li><a href=\"%s\">%d</a></li>", page_link(l, p), p);
	}
	if (l->page < l->pages)
		html_printf(o, "<li><a rel=\"next\" href=\"%s\">%s</a></li>",
			    page_link(l, l->page + 1), tr(lg, "Next"));
	html_raw(o, "</ul></nav>\n");
}

void list_exports(list *l)
{
	request *r = l->r;
	lang lg = r->lang;
	html_printf(&r->out,
		    "<p class=\"exports\">%s <a href=\"%s\" download>CSV</a> · "
		    "<a href=\"%s\" download>XLSX</a></p>\n",
		    tr(lg, "Export this list:"), list_href(l, "format", "csv"),
		    list_href(l, "format", "xlsx"));
}
