/*
 * errors.c - the error pages: 400, 403, 404, 405, 413, 500, 503, translated,
 * with a way back. Never shows internal details.
 */
#include "../html/html.h"
#include "pages.h"

#include <string.h>

void page_error(request *r, int status, const char *message)
{
	lang l = r->lang;
	const char *title, *text;
	switch (status) {
	case 400:
		title = tr(l, "Bad request");
		text = tr(
			l,
			"The request could not be understood. Check the address or the form and try again.");
		break;
	case 403:
		title = tr(l, "Not allowed");
		text = tr(l, "Your account does not give access to this page.");
		break;
	case 404:
		title = tr(l, "Page not found");
		text = tr(
			l,
			"There is no page at this address. It may have moved, or the link may be mistyped.");
		break;
	case 405:
		title = tr(l, "Method not allowed");
		text = tr(l, "This address does not accept this kind of request.");
		break;
	case 409:
		title = tr(l, "Not possible");
		text = tr(l, "This cannot be done now. Nothing was changed.");
		break;
	case 413:
		title = tr(l, "Too large");
		text = tr(l,
			  "What you sent is larger than this server accepts. Send a smaller file.");
		break;
	case 503:
		title = tr(l, "Temporarily unavailable");
		text = tr(
			l,
			"The database cannot be reached for a moment. What you sent may not have been saved: check, then try again in a few seconds.");
		break;
	default:
		status = 500;
		title = tr(l, "Something went wrong");
		text = tr(
			l,
			"The server could not answer this request. Nothing was changed. Try again in a moment.");
		break;
	}
	r->status = status;
	buf_reset(&r->out);
	page_begin(r, title, 0);
	html_printf(&r->out, "<section class=\"error\"><h1>%s</h1><p>%s</p>", title,
		    message ? message : text);
	html_printf(&r->out, "<p><a href=\"%s\">%s</a></p></section>\n", site_href(r, "/"),
		    tr(l, "Back to the home page"));
	page_end(r);
}

void page_error_status(request *r, int status)
{
	/* Called before the router ran: settle a language from the headers. */
	int l = lang_parse(req_cookie(r, "lang"));
	if (l < 0)
		l = lang_accept(req_header(r, "Accept-Language"));
	r->lang = l >= 0 ? (lang)l : LANG_AR;
	/* The registry import is where big files come: say what to do instead. */
	if (status == 413 && r->path && !strncmp(r->path, "/admin/registry/import", 22)) {
		page_error(
			r, 413,
			tr(r->lang,
			   "The file is larger than the site accepts (16 MB). Nothing was imported. Split the file into smaller ones, or ask the site's technical administrator to import it on the server."));
		return;
	}
	page_error(r, status, NULL);
}
