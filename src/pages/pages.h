/*
 * pages.h - the page handlers (one file per feature) and the page chrome.
 *
 * A handler reads its typed input from the request, calls the model, and
 * renders through the html emitters. It never touches SQL or the HTTP
 * library. Each handler's comment names its URL and parameters.
 */
#ifndef CF_PAGES_H
#define CF_PAGES_H
#include "../http/request.h"

/* Page chrome (layout.c). */
enum page_flags {
	PAGE_SAMPLE = 1, /* the page shows sample data: say so */
};
/* page_begin - doctype, <head>, header with navigation and the language
 * switcher, in r->lang and its direction. title is plain text (escaped). */
void page_begin(request *r, const char *title, unsigned flags);
void page_end(request *r);
/* page_csrf_field - the hidden input every state-changing form carries. */
void page_csrf_field(request *r);
/* page_lang_link - href for the current page in another language. */
const char *page_lang_link(request *r, lang l);

/* page_legal_form - a legal form code (association, eig, artisan, else a
 * cooperative) in words (format.c). */
const char *page_legal_form(lang l, const char *code);

/* Typed request values (params.c). page_int - s as a whole number in
 * [lo, hi] (digits, Arabic-Indic ones too, an optional leading '-', at most
 * 18 digits, nothing else): 1 and *out when it is one; 0 when s is NULL,
 * empty, or not one (*out untouched). page_int_param - the same for the
 * request's value key (form, else query). page_id_param - a positive id. */
int page_int(const char *s, long long lo, long long hi, long long *out);
int page_int_param(const request *r, const char *key, long long lo, long long hi, long long *out);
int page_id_param(const request *r, const char *key, int64_t *id);

/* Filtered lists (filters.c). page_code_param - the query value of key when
 * it is a code (a-z, 0-9, '-', '_', at most 40 bytes), else NULL.
 * page_named_select - a labelled <select> of v's codes and names in r's
 * language, "all" (value "") first, selected kept. */
struct named;
const char *page_code_param(const request *r, const char *key);
void page_named_select(request *r, const char *name, const char *label, const char *all,
		       const struct named *v, size_t n, const char *selected);

/* Errors (errors.c): a translated page for status; message may be NULL. */
void page_error(request *r, int status, const char *message);
void page_error_status(request *r, int status);

/* Formatting in the page's language (format.c); results in r's arena. */
const char *fmt_int(request *r, long n);
const char *fmt_date(request *r, const char *iso);
const char *fmt_date_range(request *r, const char *from_iso, const char *to_iso);
const char *fmt_weekday(request *r, const char *iso);
/* fmt_datetime - a stored UTC time ("2026-11-30T00:39:17Z") as the reader
 * writes it, in Moroccan time (the process's TZ, Africa/Casablanca: main.c):
 * "30 نونبر 2026، 01:39", "30 novembre 2026 à 01 h 39", "30 November 2026,
 * 01:39". A value that is not such a time comes back as fmt_date does. */
const char *fmt_datetime(request *r, const char *iso);
/* fmt_dec - v with digits decimals as the reader writes it: "14.73" in
 * Arabic and English, "14,73" in French (decimal comma). */
const char *fmt_dec(request *r, double v, int digits);
/* page_text - a stored free text in the reader's language: the half of an
 * "<Arabic> — <French>" text (text_pick, model/text.h), else s; r's arena. */
const char *page_text(request *r, const char *s);

/* page_link_to - path as a complete address: the deployment's address
 * (setting base_url, or COOPFAIR_BASE_URL) in front; without one, when
 * trust_host, the request's Host (else path alone). r's arena (invite.c). */
const char *page_link_to(request *r, const char *path, int trust_host);
/* Handlers. */
void page_home(request *r);
void page_exhibitors(request *r);
void page_exhibitor(request *r);
void page_static(request *r);
void page_health(request *r);
void page_signin_form(request *r);
void page_signin(request *r);
void page_signout(request *r);

#endif
