/*
 * sales.c - an exhibitor's sales, from a phone, and the committee's totals.
 *
 *   GET  /my/sales?day=YYYY-MM-DD  the form, the day's sales and total
 *                                  (today when no day is given)
 *   POST /my/sales                 amount, items, category, payment
 *   POST /my/sales/fix             id, amount, items, category, payment;
 *                                  remove=1 takes the sale back (today only)
 *   GET  /admin/sales              totals per day, category, province,
 *                                  women-led or not, and exhibitor
 *
 * The exhibitor is the signed-in account's cooperative in the current
 * edition: no parameter can name another one (the model checks each sale's
 * exhibitor too).
 */
#include "sales.h"

#include "../html/html.h"
#include "../model/edition.h"
#include "../model/account.h"
#include "../model/sales.h"
#include "edition.h"

#include <string.h>

#define N_(s) (s) /* a msgid, translated by sales_code_label */

const char *sales_code_label(request *r, const char *code, const char *const (*map)[2], size_t n,
			     const char *dflt)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, map[i][0]))
			return tr(r->lang, map[i][1]);
	return tr(r->lang, dflt);
}

int sales_my_exhibitor(request *r, edition *ed, int64_t *ex, int64_t *category)
{
	lang l = r->lang;
	if (!r->account || !r->account->cooperative_id) {
		page_error(
			r, 403,
			tr(l,
			   "Your account is not linked to a cooperative. Ask the organising committee to link it."));
		return -1;
	}
	if (req_fail(r, edition_current(r->a, ed)))
		return -1;
	cf_err e = sales_exhibitor_of(ed->id, r->account->cooperative_id, ex, category);
	if (e == CF_ERR_NOTFOUND) {
		page_error(r, 403, tr(l, "Your cooperative does not exhibit in this edition."));
		return -1;
	}
	return req_fail(r, e) ? -1 : 0;
}

int sales_error_to(request *r, cf_err e, const char *back, const sales_error *map, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (e == map[i].e) {
			resp_redirect(r, arena_printf(r->a, "%s?error=%s", back, map[i].code));
			return 1;
		}
	return 0;
}

const char *sales_payment_label(request *r, const char *code)
{
	static const char *const PAY[][2] = {
		{ "cash", N_("Cash") },
		{ "card", N_("Card") },
		{ "transfer", N_("Bank transfer") },
		{ "mobile", N_("Mobile payment") },
	};
	return sales_code_label(r, code, PAY, sizeof PAY / sizeof *PAY, N_("Not said"));
}

typedef struct ctx {
	edition ed;
	int64_t exhibitor, category;
	named *cats;
	size_t ncats;
} ctx;

static int context(request *r, ctx *c)
{
	if (sales_my_exhibitor(r, &c->ed, &c->exhibitor, &c->category) ||
	    req_fail(r, edition_categories(r->a, c->ed.id, &c->cats, &c->ncats)))
		return -1;
	return 0;
}

static const char *cat_name(request *r, const ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->ncats; i++)
		if (c->cats[i].id == id)
			return text3_get(&c->cats[i].name, r->lang);
	return "";
}

static void cat_select(request *r, const ctx *c, int64_t selected)
{
	html_printf(&r->out, "<label>%s <select name=\"category\">", tr(r->lang, "Category"));
	for (size_t i = 0; i < c->ncats; i++)
		html_printf(&r->out, "<option value=\"%lld\"%s>%s</option>",
			    (long long)c->cats[i].id, c->cats[i].id == selected ? " selected" : "",
			    text3_get(&c->cats[i].name, r->lang));
	html_raw(&r->out, "</select></label>");
}

static void pay_select(request *r, const char *selected)
{
	static const char *const P[] = { "", "cash", "card", "transfer", "mobile" };
	html_printf(&r->out, "<label>%s <select name=\"payment\">",
		    tr(r->lang, "Paid by (optional)"));
	for (size_t i = 0; i < 5; i++)
		html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", P[i],
			    !strcmp(P[i], selected) ? " selected" : "",
			    sales_payment_label(r, P[i]));
	html_raw(&r->out, "</select></label>");
}

/* GET /my/sales?day=YYYY-MM-DD */
void page_sales_my(request *r)
{
	lang l = r->lang;
	ctx c;
	if (context(r, &c))
		return;
	char today[11];
	edition_today(today);
	const char *day = req_query(r, "day");
	if (!sales_day_valid(day))
		day = today;
	int is_today = !strcmp(day, today);
	sale_row *v;
	size_t n;
	long amount, items;
	if (req_fail(r, sales_of_day(r->a, c.exhibitor, day, &v, &n, &amount, &items)))
		return;
	page_begin(r, tr(l, "My sales"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "My sales"));
	const char *err = req_query(r, "error");
	if (err && !strcmp(err, "invalid"))
		html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>",
			    tr(l, "Check the amount (whole dirhams) and the number of items."));
	else if (err && !strcmp(err, "day"))
		html_printf(
			o, "<p class=\"error\" role=\"alert\">%s</p>",
			tr(l,
			   "A sale can be corrected only on the day it was recorded. Ask the organising committee."));
	if (is_today) {
		html_printf(o,
			    "<form method=\"post\" action=\"%s\" class=\"sale-form\">"
			    "<label>%s <input name=\"amount\" inputmode=\"numeric\" required "
			    "autocomplete=\"off\" dir=\"ltr\"></label>"
			    "<label>%s <input name=\"items\" inputmode=\"numeric\" value=\"1\" "
			    "required dir=\"ltr\"></label>",
			    site_href(r, "/my/sales"), tr(l, "Amount (dirhams)"), tr(l, "Items"));
		cat_select(r, &c, c.category);
		pay_select(r, "");
		page_csrf_field(r);
		html_printf(o, "<button type=\"submit\">%s</button></form>",
			    tr(l, "Record the sale"));
	}
	html_printf(o,
		    "<h2>%s</h2><p class=\"day-total\" id=\"day-total\" role=\"status\">%s "
		    "<strong>%s</strong> %s · %s <strong>%s</strong></p>",
		    fmt_date(r, day), tr(l, "Total of the day"), fmt_int(r, amount),
		    tr(l, "dirhams"), tr(l, "Items"), fmt_int(r, items));
	if (n) {
		html_printf(o, "<ul class=\"sales\">");
		for (size_t i = 0; i < n; i++) {
			html_printf(o, "<li><strong>%s</strong> %s · %s %s · %s · %s",
				    fmt_int(r, v[i].amount), tr(l, "dirhams"), tr(l, "Items"),
				    fmt_int(r, v[i].items), cat_name(r, &c, v[i].category_id),
				    sales_payment_label(r, v[i].payment));
			if (is_today) {
				html_printf(
					o,
					"<details><summary>%s</summary>"
					"<form method=\"post\" action=\"%s\">"
					"<input type=\"hidden\" name=\"id\" value=\"%lld\">"
					"<label>%s <input name=\"amount\" inputmode=\"numeric\" "
					"value=\"%ld\" dir=\"ltr\"></label>"
					"<label>%s <input name=\"items\" inputmode=\"numeric\" "
					"value=\"%ld\" dir=\"ltr\"></label>",
					tr(l, "Correct"), site_href(r, "/my/sales/fix"),
					(long long)v[i].id, tr(l, "Amount (dirhams)"), v[i].amount,
					tr(l, "Items"), v[i].items);
				cat_select(r, &c, v[i].category_id);
				pay_select(r, v[i].payment);
				page_csrf_field(r);
				html_printf(
					o,
					"<button type=\"submit\">%s</button> "
					"<button type=\"submit\" name=\"remove\" value=\"1\">%s</button>"
					"</form></details>",
					tr(l, "Save the correction"), tr(l, "Take the sale back"));
			}
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul>");
	} else {
		html_printf(o, "<p>%s</p>", tr(l, "No sale recorded on this day."));
	}
	html_printf(o,
		    "<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s "
		    "<input type=\"date\" name=\"day\" value=\"%s\" dir=\"ltr\"></label>"
		    "<button type=\"submit\">%s</button></form>"
		    "<p><a href=\"%s\">%s</a></p>",
		    site_href(r, "/my/sales"), tr(l, "Another day"), day, tr(l, "Show"),
		    site_href(r, "/my/b2b"), tr(l, "My B2B meetings"));
	page_end(r);
}

static int read_input(request *r, const ctx *c, sale_input *in)
{
	long long amount, items, cat = c->category;
	if (!page_int_param(r, "amount", 0, SALES_AMOUNT_MAX, &amount) ||
	    !page_int_param(r, "items", 1, SALES_ITEMS_MAX, &items))
		return -1;
	if (req_form(r, "category") && !page_int_param(r, "category", 1, INT64_MAX, &cat))
		return -1;
	const char *pay = req_form(r, "payment");
	in->amount = (long)amount;
	in->items = (long)items;
	in->category_id = cat;
	in->payment = pay ? pay : "";
	return sales_payment_valid(in->payment) ? 0 : -1;
}

/* what a sale's form tells of a refusal: a closed day, a bad field */
static const sales_error FIX_ERRORS[] = { { CF_ERR_STATE, "day" }, { CF_ERR_INVALID, "invalid" } };

/* POST /my/sales  amount, items, category, payment */
void page_sales_add(request *r)
{
	ctx c;
	if (context(r, &c))
		return;
	sale_input in;
	if (read_input(r, &c, &in)) {
		resp_redirect(r, "/my/sales?error=invalid");
		return;
	}
	char today[11];
	edition_today(today);
	int64_t id;
	cf_err e = sales_add(c.exhibitor, today, &in, &id);
	if (sales_error_to(r, e, "/my/sales", FIX_ERRORS + 1, 1) || req_fail(r, e))
		return;
	resp_redirect(r, "/my/sales");
}

/* POST /my/sales/fix  id, amount, items, category, payment, remove */
void page_sales_fix(request *r)
{
	ctx c;
	if (context(r, &c))
		return;
	int64_t id;
	if (!page_id_param(r, "id", &id)) {
		page_error(r, 400, NULL);
		return;
	}
	const char *rm = req_form(r, "remove");
	int remove = rm && !strcmp(rm, "1");
	sale_input in = { 0, 1, c.category, "" };
	if (!remove && read_input(r, &c, &in)) {
		resp_redirect(r, "/my/sales?error=invalid");
		return;
	}
	char today[11];
	edition_today(today);
	cf_err e = sales_correct(r->user_id, c.exhibitor, id, today, &in, remove);
	if (sales_error_to(r, e, "/my/sales", FIX_ERRORS, 2) || req_fail(r, e))
		return;
	resp_redirect(r, "/my/sales");
}

static const char *sum_name(request *r, const sales_sum *s)
{
	return r->lang == LANG_AR ? s->name_ar : r->lang == LANG_FR ? s->name_fr : s->name_en;
}

static void sums(request *r, const char *title, const char *head, const sales_sum *v, size_t n,
		 int is_day)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(o,
		    "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr></thead><tbody>",
		    title, head, tr(l, "Sales (dirhams)"), tr(l, "Items sold"),
		    tr(l, "Number of sales"));
	for (size_t i = 0; i < n; i++)
		html_printf(o, "<tr><td><bdi>%s</bdi></td><td>%s</td><td>%s</td><td>%s</td></tr>",
			    is_day ? fmt_date(r, v[i].key) : sum_name(r, &v[i]),
			    fmt_int(r, v[i].amount), fmt_int(r, v[i].items),
			    fmt_int(r, v[i].sales));
	html_raw(o, "</tbody></table>");
}

/* GET /admin/sales */
void page_sales_admin(request *r)
{
	lang l = r->lang;
	edition ed;
	if (req_fail(r, admin_edition(r, &ed)))
		return;
	sales_totals t;
	if (req_fail(r, sales_totals_read(r->a, ed.id, &t)))
		return;
	page_begin(r, tr(l, "Exhibitors' sales"), t.sample ? PAGE_SAMPLE : 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1>", tr(l, "Exhibitors' sales"));
	if (t.sample)
		html_printf(o, "<p class=\"sample\" role=\"note\">%s</p>",
			    tr(l, "Sample data: the demo's sales are generated examples."));
	html_printf(o,
		    "<dl class=\"facts\"><dt>%s</dt><dd id=\"sales-total\">%s</dd><dt>%s</dt>"
		    "<dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>"
		    "<p><a href=\"%s\">%s</a> · <a href=\"%s\">%s</a></p>",
		    tr(l, "Sales (dirhams)"), fmt_int(r, t.amount), tr(l, "Items sold"),
		    fmt_int(r, t.items), tr(l, "Number of sales"), fmt_int(r, t.sales),
		    tr(l, "Exhibitors who recorded sales"), fmt_int(r, t.sellers),
		    site_href(r, "/admin/impact"), tr(l, "Impact report"),
		    site_href(r, "/admin/b2b"), tr(l, "B2B meetings"));
	sums(r, tr(l, "Sales by day"), tr(l, "Day"), t.by_day, t.n_day, 1);
	sums(r, tr(l, "Sales by category"), tr(l, "Category"), t.by_category, t.n_category, 0);
	sums(r, tr(l, "Sales by province"), tr(l, "Province"), t.by_province, t.n_province, 0);
	for (size_t i = 0; i < t.n_lead; i++) {
		const char *n = strcmp(t.by_lead[i].key, "1") ? tr(l, "Other cooperatives")
							      : tr(l, "Women-led cooperatives");
		t.by_lead[i].name_ar = t.by_lead[i].name_fr = t.by_lead[i].name_en = n;
	}
	sums(r, tr(l, "Sales of women-led cooperatives and others"), tr(l, "Cooperatives"),
	     t.by_lead, t.n_lead, 0);
	sums(r, tr(l, "Sales by exhibitor"), tr(l, "Exhibitor"), t.by_exhibitor, t.n_exhibitor, 0);
	page_end(r);
}
