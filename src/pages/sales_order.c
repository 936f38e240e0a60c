/*
 * sales_order.c - a visitor's order taken at the stand, for delivery after
 * the fair (issue 16's optional point), on the exhibitor's phone.
 *
 *   GET  /my/orders          the order form and the exhibitor's orders
 *   POST /my/orders          name, phone, products, amount
 *   POST /my/orders/close    id, status (delivered or cancelled)
 *
 * The visitor's name and phone are shown here only, to the exhibitor who
 * took the order; the committee sees counts and amounts (/admin/sales).
 */
#include "../html/html.h"
#include "../model/sales.h"
#include "sales.h"

#include <string.h>

#define N_(s) (s) /* a msgid, translated by sales_code_label */

/* ascii_digits - s with its Arabic-Indic and Eastern Arabic-Indic digits
 * written as ASCII ones (a phone typed on an Arabic keyboard) */
static char *ascii_digits(arena *a, const char *s)
{
	if (!s)
		return NULL;
	char *out = arena_alloc(a, strlen(s) + 1), *w = out;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if ((p[0] == 0xd9 && p[1] >= 0xa0 && p[1] <= 0xa9) ||
		    (p[0] == 0xdb && p[1] >= 0xb0 && p[1] <= 0xb9)) {
			*w++ = (char)('0' + (p[1] - (p[0] == 0xd9 ? 0xa0 : 0xb0)));
			p += 2;
		} else
			*w++ = (char)*p++;
	}
	*w = '\0';
	return out;
}

static const char *status_label(request *r, const char *st)
{
	static const char *const STATUS[][2] = {
		{ "delivered", N_("Delivered") },
		{ "cancelled", N_("Order cancelled") },
	};
	return sales_code_label(r, st, STATUS, sizeof STATUS / sizeof *STATUS, N_("To deliver"));
}

/* GET /my/orders */
void page_sales_orders(request *r)
{
	lang l = r->lang;
	edition ed;
	int64_t ex, cat;
	if (sales_my_exhibitor(r, &ed, &ex, &cat))
		return;
	sale_order *v;
	size_t n;
	if (req_fail(r, sales_orders_of(r->a, ex, &v, &n)))
		return;
	page_begin(r, tr(l, "Orders for after the fair"), 0);
	buf *o = &r->out;
	html_printf(o, "<h1>%s</h1><p>%s</p>", tr(l, "Orders for after the fair"),
		    tr(l, "A visitor orders at your stand and you deliver after the fair: the name "
			  "and phone are seen by you alone."));
	const char *err = req_query(r, "error");
	if (err && !strcmp(err, "invalid"))
		html_printf(
			o, "<p class=\"error\" role=\"alert\">%s</p>",
			tr(l,
			   "Give the visitor's name, a phone number (at least 6 digits), what was ordered and the amount in whole dirhams."));
	else if (err && !strcmp(err, "closed"))
		html_printf(o, "<p class=\"error\" role=\"alert\">%s</p>",
			    tr(l, "This order is already delivered or cancelled."));
	html_printf(o,
		    "<form method=\"post\" action=\"%s\" class=\"sale-form\">"
		    "<label>%s <input name=\"name\" required maxlength=\"200\" "
		    "autocomplete=\"off\"></label>"
		    "<label>%s <input name=\"phone\" type=\"tel\" required maxlength=\"40\" "
		    "dir=\"ltr\" autocomplete=\"off\"></label>"
		    "<label>%s <textarea name=\"products\" required maxlength=\"1000\" "
		    "rows=\"2\"></textarea></label>"
		    "<label>%s <input name=\"amount\" inputmode=\"numeric\" required "
		    "dir=\"ltr\" autocomplete=\"off\"></label>",
		    site_href(r, "/my/orders"), tr(l, "Visitor's name"), tr(l, "Phone"),
		    tr(l, "Products ordered"), tr(l, "Amount (dirhams)"));
	page_csrf_field(r);
	html_printf(o, "<button type=\"submit\">%s</button></form>", tr(l, "Record the order"));
	html_printf(o, "<h2>%s</h2>", tr(l, "My orders"));
	if (!n)
		html_printf(o, "<p>%s</p>", tr(l, "No order yet."));
	else
		html_raw(o, "<ul class=\"sales orders\">");
	for (size_t i = 0; i < n; i++) {
		html_printf(o,
			    "<li data-order=\"%lld\" data-status=\"%s\"><strong>%s</strong> %s · "
			    "<bdi>%s</bdi> · <a href=\"tel:%s\" dir=\"ltr\">%s</a> · %s<br>"
			    "<bdi>%s</bdi>",
			    (long long)v[i].id, v[i].status, fmt_int(r, v[i].amount),
			    tr(l, "dirhams"), v[i].name, v[i].phone, v[i].phone,
			    status_label(r, v[i].status), v[i].products);
		if (!strcmp(v[i].status, "open")) {
			html_printf(o,
				    "<form method=\"post\" action=\"%s\" class=\"inline\">"
				    "<input type=\"hidden\" name=\"id\" value=\"%lld\">",
				    site_href(r, "/my/orders/close"), (long long)v[i].id);
			page_csrf_field(r);
			html_printf(o,
				    "<button type=\"submit\" name=\"status\" value=\"delivered\">%s"
				    "</button> <button type=\"submit\" name=\"status\" "
				    "value=\"cancelled\">%s</button></form>",
				    tr(l, "Mark delivered"), tr(l, "Cancel the order"));
		}
		html_raw(o, "</li>");
	}
	if (n)
		html_raw(o, "</ul>");
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/my/sales"),
		    tr(l, "My sales"));
	page_end(r);
}

/* POST /my/orders  name, phone, products, amount */
void page_sales_order_add(request *r)
{
	edition ed;
	int64_t ex, cat, id;
	if (sales_my_exhibitor(r, &ed, &ex, &cat))
		return;
	long long amount;
	sale_order_input in = { req_form(r, "name"), ascii_digits(r->a, req_form(r, "phone")),
				req_form(r, "products"), -1 };
	if (page_int(req_form(r, "amount"), 0, SALES_AMOUNT_MAX, &amount))
		in.amount = (long)amount;
	cf_err e = sales_order_add(ex, &in, &id);
	static const sales_error ADD[] = { { CF_ERR_INVALID, "invalid" } };
	if (sales_error_to(r, e, "/my/orders", ADD, 1) || req_fail(r, e))
		return;
	resp_redirect(r, "/my/orders");
}

/* POST /my/orders/close  id, status */
void page_sales_order_close(request *r)
{
	edition ed;
	int64_t ex, cat, id;
	if (sales_my_exhibitor(r, &ed, &ex, &cat))
		return;
	if (!page_id_param(r, "id", &id)) {
		page_error(r, 400, NULL);
		return;
	}
	cf_err e = sales_order_close(r->user_id, ex, id, req_form(r, "status"));
	static const sales_error CLOSE[] = { { CF_ERR_STATE, "closed" },
					     { CF_ERR_INVALID, "invalid" } };
	if (sales_error_to(r, e, "/my/orders", CLOSE, 2) || req_fail(r, e))
		return;
	resp_redirect(r, "/my/orders");
}
