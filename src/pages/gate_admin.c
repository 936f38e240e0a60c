/*
 * gate_admin.c - the counts, the rules and the gates, for the committee
 * (the dashboard is also open to the desk).
 *
 *   GET  /desk/counts            inside now, entries per day (with the same
 *                                day of the previous edition), per hour, per
 *                                gate, per role, unique visitors vs entries;
 *                                SVG charts; ?day=YYYY-MM-DD for the hours
 *   GET  /desk/counts.csv        the same figures as CSV
 *   GET  /desk/counts.xlsx       the same figures as a spreadsheet
 *   POST /admin/gate/rules       role, day, opens, closes: the role enters only
 *                                on listed days, in those hours
 *   POST /admin/gate/gates       name: a new gate (with its scanner key)
 */
#include "../export/gate_xlsx.h"
#include "../html/html.h"
#include "../model/edition.h"
#include "../model/gate.h"
#include "../model/role.h"
#include "gate.h"

#include <string.h>

/* bars - a bar chart of v (entries, and unique as a second, lighter bar). */
static void bars(request *r, const char *title, const gate_count *v, size_t n,
		 const char *(*label)(request *, const char *))
{
	buf *o = &r->out;
	long max = 1;
	for (size_t i = 0; i < n; i++)
		if (v[i].entries > max)
			max = v[i].entries;
	int bw = 36, h = 160, w = (int)n * (bw + 12) + 12;
	html_printf(o,
		    "<figure class=\"chart\"><figcaption>%s</figcaption>"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		    "height=\"%d\" role=\"img\" aria-label=\"%s\" direction=\"ltr\">",
		    title, w, h + 40, w, h + 40, title);
	for (size_t i = 0; i < n; i++) {
		int x = 12 + (int)i * (bw + 12);
		int he = (int)(v[i].entries * h / max), hu = (int)(v[i].unique * h / max);
		html_printf(
			o,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2e7d32\"><title>%ld</title></rect>"
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#a5d6a7\"><title>%ld</title></rect>"
			"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>"
			"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%ld</text>",
			x, h - he, bw / 2, he, v[i].entries, x + bw / 2, h - hu, bw / 2, hu,
			v[i].unique, x + bw / 2, h + 14, label ? label(r, v[i].key) : v[i].key,
			x + bw / 2, h + 28, v[i].entries);
	}
	html_raw(o, "</svg></figure>");
}

static const char *day_label(request *r, const char *iso)
{
	return fmt_date(r, iso);
}

static void table(request *r, const char *head, const gate_count *v, size_t n,
		  const char *(*label)(request *, const char *))
{
	lang l = r->lang;
	html_printf(&r->out,
		    "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", head,
		    tr(l, "Entries"), tr(l, "Unique badges"));
	for (size_t i = 0; i < n; i++)
		html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
			    label ? label(r, v[i].key) : v[i].key, fmt_int(r, v[i].entries),
			    fmt_int(r, v[i].unique));
	html_raw(&r->out, "</tbody></table>");
}

static const char *gate_label(request *r, const char *name)
{
	return page_text(r, name);
}

static int iso_day(const char *s)
{
	if (!s || strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* GET /desk/counts?day=YYYY-MM-DD */
void page_gate_admin(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	const char *day = req_query(r, "day");
	if (!iso_day(day))
		day = NULL;
	gate_stats st;
	if (req_fail(r, gate_stats_read(r->a, ed.id, day, &st)))
		return;
	int64_t prev;
	if (req_fail(r, gate_previous_edition(ed.id, &prev)))
		return;
	gate_info *g;
	size_t ng = 0;
	if (req_fail(r, gate_list(r->a, ed.id, &g, &ng)))
		return;
	gate_rule_row *rules;
	size_t nr = 0;
	if (req_fail(r, gate_rules(r->a, ed.id, &rules, &nr)))
		return;
	page_begin(r, tr(l, "Gate counts"), st.sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Gate counts"));
	if (st.sample)
		html_printf(
			o, "<p class=\"sample\" role=\"note\">%s</p>",
			tr(l,
			   "Sample data: the demo's badges and check-ins are generated examples."));
	html_printf(o,
		    "<dl class=\"facts\"><dt>%s</dt><dd id=\"inside-now\">%s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		    tr(l, "Badges inside now"), fmt_int(r, st.inside_now),
		    tr(l, "Entries (badges)"), fmt_int(r, st.entries), tr(l, "Unique badges"),
		    fmt_int(r, st.unique), tr(l, "Entries without a badge (counter)"),
		    fmt_int(r, st.taps_in));
	html_printf(o,
		    "<p><a href=\"%s\">%s</a> · "
		    "<a href=\"%s\">%s</a></p>",
		    site_href(r, "/desk/counts.csv"), tr(l, "Export (CSV)"),
		    site_href(r, "/desk/counts.xlsx"), tr(l, "Export (XLSX)"));

	html_printf(o, "<h2>%s</h2>", tr(l, "Entries per day"));
	bars(r, tr(l, "Entries per day (dark) and unique badges (light)"), st.per_day, st.n_day,
	     day_label);
	html_printf(
		o,
		"<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, "Day"), tr(l, "Entries"), tr(l, "Unique badges"),
		tr(l, "Same day, previous edition"));
	for (size_t i = 0; i < st.n_day; i++) {
		long before = 0;
		if (prev && req_fail(r, gate_entries_on(prev, (int)i, &before)))
			return;
		html_printf(o,
			    "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
			    "<td>%s</td></tr>",
			    site_href(r, "/desk/counts?day=%s", st.per_day[i].key),
			    fmt_date(r, st.per_day[i].key), fmt_int(r, st.per_day[i].entries),
			    fmt_int(r, st.per_day[i].unique), prev ? fmt_int(r, before) : "—");
	}
	html_raw(o, "</tbody></table>");
	html_printf(o, "<h2>%s</h2>", day ? fmt_date(r, day) : tr(l, "Entries per hour, all days"));
	bars(r, tr(l, "Entries per hour"), st.per_hour, st.n_hour, NULL);
	html_printf(o, "<h2>%s</h2>", tr(l, "Per gate"));
	table(r, tr(l, "Gate"), st.per_gate, st.n_gate, gate_label);
	html_printf(o, "<h2>%s</h2>", tr(l, "Per role"));
	table(r, tr(l, "Role"), st.per_role, st.n_role, badge_role_label);

	if (r->roles & ROLES_ORGANISERS) {
		html_printf(
			o, "<h2>%s</h2><p>%s</p><ul>", tr(l, "Rules per role and day"),
			tr(l,
			   "A role with rules enters only on the days listed, and only in the hours given; a role without rules enters every day."));
		for (size_t i = 0; i < nr; i++) {
			html_printf(o, "<li>%s: %s", badge_role_label(r, rules[i].role),
				    fmt_date(r, rules[i].day));
			if (*rules[i].opens || *rules[i].closes)
				html_printf(o, " (<span dir=\"ltr\">%s–%s</span>)",
					    *rules[i].opens ? rules[i].opens : "00:00",
					    *rules[i].closes ? rules[i].closes : "24:00");
			html_raw(o, "</li>");
		}
		html_printf(
			o,
			"</ul><form method=\"post\" action=\"%s\" class=\"filters\">"
			"<label>%s <select name=\"role\">"
			"<option value=\"visitor\">%s</option><option value=\"exhibitor\">%s</option>"
			"<option value=\"jury\">%s</option><option value=\"official\">%s</option>"
			"<option value=\"press\">%s</option><option value=\"staff\">%s</option>"
			"</select></label><label>%s <input name=\"day\" type=\"date\" dir=\"ltr\"></label>"
			"<label>%s <input name=\"opens\" type=\"time\" dir=\"ltr\"></label>"
			"<label>%s <input name=\"closes\" type=\"time\" dir=\"ltr\"></label>",
			site_href(r, "/admin/gate/rules"), tr(l, "Role"),
			badge_role_label(r, "visitor"), badge_role_label(r, "exhibitor"),
			badge_role_label(r, "jury"), badge_role_label(r, "official"),
			badge_role_label(r, "press"), badge_role_label(r, "staff"), tr(l, "Day"),
			tr(l, "From (optional)"), tr(l, "Until (optional)"));
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\">%s</button></form><h2>%s</h2><ul>",
			    tr(l, "Add the rule"), tr(l, "Gates"));
		for (size_t i = 0; i < ng; i++)
			html_printf(o, "<li><bdi>%s</bdi></li>", page_text(r, g[i].name));
		html_printf(o,
			    "</ul><form method=\"post\" action=\"%s\" class=\"filters\">"
			    "<label>%s <input name=\"name\" maxlength=\"100\" required></label>",
			    site_href(r, "/admin/gate/gates"), tr(l, "Name"));
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Add a gate"));
	}
	page_end(r);
}

static void csv_field(buf *o, const char *s)
{
	/* no field of ours holds a quote or a comma but a gate's name */
	html_raw(o, "\"");
	for (; *s; s++) {
		char c[3] = { *s, 0, 0 };
		if (*s == '"')
			c[1] = '"';
		if (buf_puts(o, c))
			return;
	}
	html_raw(o, "\"");
}

static void csv_rows(request *r, const char *kind, const gate_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "%s,", kind);
		csv_field(&r->out, v[i].key);
		html_printf(&r->out, ",%ld,%ld\r\n", v[i].entries, v[i].unique);
	}
}

/* GET /desk/counts.csv */
void page_gate_counts_csv(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	gate_stats st;
	if (req_fail(r, gate_stats_read(r->a, ed.id, NULL, &st)))
		return;
	r->content_type = "text/csv; charset=utf-8";
	resp_header(r, "Content-Disposition", "attachment; filename=\"gate-counts.csv\"");
	html_raw(&r->out, "kind,key,entries,unique\r\n");
	csv_rows(r, "day", st.per_day, st.n_day);
	csv_rows(r, "hour", st.per_hour, st.n_hour);
	csv_rows(r, "gate", st.per_gate, st.n_gate);
	csv_rows(r, "role", st.per_role, st.n_role);
	html_printf(&r->out, "inside_now,,%ld,\r\ntaps_in,,%ld,\r\n", st.inside_now, st.taps_in);
}

/* POST /admin/gate/rules  role, day, opens, closes (HH:MM or empty) */
void page_gate_rule_add(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	if (req_fail(r, gate_rule_add(ed.id, req_form(r, "role"), req_form(r, "day"),
				      req_form(r, "opens"), req_form(r, "closes"))))
		return;
	resp_redirect(r, "/desk/counts");
}

/* POST /admin/gate/gates  name */
void page_gate_gate_add(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	int64_t id;
	if (req_fail(r, gate_create(ed.id, req_form(r, "name"), &id)))
		return;
	resp_redirect(r, "/desk/counts");
}

/* GET /desk/counts.xlsx */
void page_gate_counts_xlsx(request *r)
{
	edition ed;
	if (req_fail(r, edition_current(r->a, &ed)))
		return;
	gate_stats st;
	if (req_fail(r, gate_stats_read(r->a, ed.id, NULL, &st)))
		return;
	buf_reset(&r->out);
	if (req_fail(r, gate_xlsx(&st, &r->out)))
		return;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	resp_header(r, "Content-Disposition", "attachment; filename=\"gate-counts.xlsx\"");
}
