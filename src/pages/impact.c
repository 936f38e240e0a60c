/*
 * impact.c - the impact report, for the committee.
 *
 *   GET /admin/impact?vs=ID       the report of the back office's edition,
 *                                 key figures beside edition ID's (default:
 *                                 the edition before, else after; vs=0: none)
 *   GET /admin/impact.csv?vs=ID   every table as CSV rows
 *   GET /admin/impact.xlsx?vs=ID  one sheet per table
 *   GET /admin/impact.pdf?vs=ID   cover, charts, tables
 */
#include "impact.h"

#include "../export/impact_export.h"
#include "../export/table_export.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/impact.h"
#include "edition.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *pick(lang l, const char *ar, const char *fr, const char *en)
{
	return l == LANG_AR ? ar : l == LANG_FR ? fr : en;
}

/* read - the report in r's language (titles, heads, names); -1 when the
 * answer is already made. */
static int read_report(request *r, impact_report *rep)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return -1;
	long long vs = -1;
	int64_t vs_id = 0;
	const char *q = req_query(r, "vs");
	if (q && page_int(q, 0, INT64_MAX, &vs))
		vs_id = vs;
	else if (req_fail(r, impact_compare_default(ed.id, &vs_id)))
		return -1;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char slot[17];
	strftime(slot, sizeof slot, "%Y-%m-%dT%H:%M", &tm);
	cf_err e = impact_read(r->a, ed.id, vs_id, slot, rep);
	if (e == CF_ERR_INVALID) {
		page_error(r, 400, tr(l, "There is no such edition to compare with."));
		return -1;
	}
	if (req_fail(r, e))
		return -1;
	for (size_t i = 0; i < rep->nt; i++) {
		impact_table *t = &rep->t[i];
		t->title = tr(l, t->title);
		for (int c = 0; c < t->ncols; c++)
			t->cols[c] = tr(l, t->cols[c]);
		if (t->group)
			t->group = tr(l, t->group);
		int days = !strcmp(t->id, "visitors_day") || !strcmp(t->id, "sales_day");
		for (size_t k = 0; k < t->nrows; k++) {
			impact_row *x = &t->rows[k];
			x->name = t->msgid_names || x->msgid_name ? tr(l, x->name_en)
				  : days			  ? fmt_date(r, x->key)
					 : pick(l, x->name_ar, x->name_fr, x->name_en);
			x->group = pick(l, x->group_ar, x->group_fr, x->group_en);
		}
	}
	if (rep->vs.id)
		rep->t[0].cols[1] = pick(l, rep->vs.name_ar, rep->vs.name_fr, rep->vs.name_en);
	rep->t[0].cols[0] = pick(l, rep->ed.name_ar, rep->ed.name_fr, rep->ed.name_en);
	return 0;
}

static void cover(request *r, const impact_report *rep, impact_cover *c)
{
	lang l = r->lang;
	c->title = tr(l, "Impact report");
	c->edition = pick(l, rep->ed.name_ar, rep->ed.name_fr, rep->ed.name_en);
	c->dates = fmt_date_range(r, rep->ed.starts_on, rep->ed.ends_on);
	c->region = pick(l, rep->ed.region_ar, rep->ed.region_fr, rep->ed.region_en);
	c->compared =
		rep->vs.id
			? arena_printf(r->a, "%s — %s", tr(l, "Compared edition"),
				       pick(l, rep->vs.name_ar, rep->vs.name_fr, rep->vs.name_en))
			: "";
	c->sample =
		rep->sample ? tr(l, "Sample data: the demo's figures are generated examples.") : "";
	c->name_head = tr(l, "Name");
	c->group_head = tr(l, "Category");
	c->source_head = tr(l, "Source");
	c->rtl = l == LANG_AR;
}

static const char *vs_arg(request *r, const impact_report *rep)
{
	return arena_printf(r->a, "vs=%lld", (long long)rep->vs.id);
}

/* GET /admin/impact?vs=ID */
void page_impact(request *r)
{
	lang l = r->lang;
	impact_report rep;
	if (read_report(r, &rep))
		return;
	edition *all;
	size_t nall = 0;
	if (req_fail(r, edition_all(r->a, &all, &nall)))
		return;
	page_begin(r, tr(l, "Impact report"), rep.sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p class=\"lead\"><bdi>%s</bdi> · %s · %s</p>",
		    tr(l, "Impact report"), pick(l, rep.ed.name_ar, rep.ed.name_fr, rep.ed.name_en),
		    fmt_date_range(r, rep.ed.starts_on, rep.ed.ends_on),
		    pick(l, rep.ed.region_ar, rep.ed.region_fr, rep.ed.region_en));
	if (rep.sample)
		html_printf(o, "<p class=\"sample\" role=\"note\">%s</p>",
			    tr(l, "Sample data: the demo's figures are generated examples."));
	const char *vs = vs_arg(r, &rep);
	html_printf(o,
		    "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    site_href(r, "/admin/impact.pdf?%s", vs), tr(l, "Report (PDF)"),
		    site_href(r, "/admin/impact.xlsx?%s", vs), tr(l, "Export (XLSX)"),
		    site_href(r, "/admin/impact.csv?%s", vs), tr(l, "Export (CSV)"));
	html_printf(o,
		    "<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s "
		    "<select name=\"vs\"><option value=\"0\">%s</option>",
		    site_href(r, "/admin/impact"), tr(l, "Compare with"),
		    tr(l, "No other edition"));
	for (size_t i = 0; i < nall; i++)
		if (all[i].id != rep.ed.id)
			html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)all[i].id,
				    all[i].id == rep.vs.id ? " selected" : "",
				    text3_get(&all[i].name, l));
	html_printf(o, "</select></label><button type=\"submit\">%s</button></form>",
		    tr(l, "Show"));
	html_printf(
		o, "<p>%s</p>",
		tr(l,
		   "The programme's figures are its bookings and the participants marked present: a session open without booking counts none. The coaching meeting's participants are those of its session."));
	for (size_t i = 0; i < rep.nt; i++) {
		impact_table *t = &rep.t[i];
		html_printf(o, "<section id=\"%s\"><h2>%s</h2>", t->id, t->title);
		if (t->chart && t->nrows) {
			page_bar *b = arena_alloc(r->a, t->nrows * sizeof *b);
			for (size_t k = 0; k < t->nrows; k++)
				b[k] = (page_bar){ t->rows[k].name, t->rows[k].v[0],
						   t->ncols > 1 ? t->rows[k].v[1] : 0 };
			page_bars(r, t->title, b, t->nrows, t->ncols > 1);
		}
		html_printf(o,
			    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
			    "aria-label=\"%s\"><table data-table=\"%s\"><thead><tr><th>%s</th>",
			    t->title, t->id, tr(l, "Name"));
		if (t->group)
			html_printf(o, "<th>%s</th>", t->group);
		for (int c = 0; c < t->ncols; c++)
			html_printf(o, "<th>%s</th>", t->cols[c]);
		html_raw(o, "</tr></thead><tbody>");
		for (size_t k = 0; k < t->nrows; k++) {
			impact_row *x = &t->rows[k];
			html_printf(o, "<tr data-key=\"%s\"><td><bdi>%s</bdi></td>", x->key,
				    x->name);
			if (t->group)
				html_printf(o, "<td><bdi>%s</bdi></td>", x->group);
			for (int c = 0; c < t->ncols; c++)
				html_printf(o, "<td data-v=\"%ld\">%s</td>", x->v[c],
					    fmt_int(r, x->v[c]));
			html_raw(o, "</tr>");
		}
		if (!t->nrows)
			html_printf(o, "<tr><td colspan=\"%d\">%s</td></tr>",
				    t->ncols + 1 + (t->group != NULL), tr(l, "Nothing recorded."));
		html_printf(o,
			    "</tbody></table></div><p class=\"source\">%s <code "
			    "dir=\"ltr\">%s</code></p>"
			    "</section>",
			    tr(l, "Source"), t->source);
	}
	page_end(r);
}

/* GET /admin/impact.csv?vs=ID */
void page_impact_csv(request *r)
{
	impact_report rep;
	if (read_report(r, &rep))
		return;
	buf *o = &r->out;
	r->content_type = "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition", "attachment; filename=\"impact-report.csv\"");
	html_raw(o, "table;key;name;group;");
	for (int c = 0; c < IMPACT_COLS; c++)
		html_printf(o, "v%d;", c + 1);
	html_raw(o, "source\r\n");
	cf_err e = CF_OK;
	for (size_t i = 0; i < rep.nt && !e; i++) {
		impact_table *t = &rep.t[i];
		for (size_t k = 0; k < t->nrows && !e; k++) {
			impact_row *x = &t->rows[k];
			const char *cells[4] = { t->id, x->key, x->name, x->group };
			for (int c = 0; c < 4 && !e; c++) {
				e = table_export_csv_value(o, cells[c]);
				html_raw(o, ";");
			}
			for (int c = 0; c < IMPACT_COLS; c++) {
				if (c < t->ncols)
					html_printf(o, "%ld", x->v[c]);
				html_raw(o, ";");
			}
			if (!e)
				e = table_export_csv_value(o, t->source);
			html_raw(o, "\r\n");
		}
	}
	req_fail(r, e);
}

/* GET /admin/impact.xlsx?vs=ID */
void page_impact_xlsx(request *r)
{
	impact_report rep;
	if (read_report(r, &rep))
		return;
	impact_cover c;
	cover(r, &rep, &c);
	buf_reset(&r->out);
	if (req_fail(r, impact_xlsx(&rep, &c, &r->out)))
		return;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp_header(r, "Content-Disposition", "attachment; filename=\"impact-report.xlsx\"");
}

/* GET /admin/impact.pdf?vs=ID */
void page_impact_pdf(request *r)
{
	impact_report rep;
	if (read_report(r, &rep))
		return;
	impact_cover c;
	cover(r, &rep, &c);
	buf_reset(&r->out);
	if (req_fail(r, impact_pdf(&rep, &c, &r->out)))
		return;
	r->content_type = "application/pdf";
	resp_header(r, "Content-Disposition", "inline; filename=\"impact-report.pdf\"");
}
