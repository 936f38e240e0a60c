/*
 * registry_import.c - importing cooperatives from the files organisers have.
 *
 *   GET  /admin/registry/import                  the upload form
 *   POST /admin/registry/import  file, mode, csrf decode (UTF-8, UTF-16, .xlsx:
 *                                                at once; Windows-1256/1252:
 *                                                first a preview to confirm),
 *                                                then import all or nothing
 *   POST /admin/registry/import/confirm  upload, encoding, mode, apply, csrf
 *                                                import a kept upload read
 *                                                with the chosen encoding;
 *                                                mode=update: list the changes
 *                                                to known cooperatives, and
 *                                                with apply=1 write them
 *
 * Organisers only (the route table says so).
 */
#include "../html/html.h"
#include "../model/registry.h"
#include "../model/registry_decode.h"
#include "registry.h"

#include <stdlib.h>
#include <string.h>

/* The decoded text of a web upload: the body is capped at 16 MiB, and one
 * byte of Windows-1256 becomes at most two of UTF-8 (three for UTF-16). */
#define DECODED_MAX (3u * REGISTRY_IMPORT_MAX)

static void import_form(request *r)
{
	lang l = r->lang;
	buf *o = &r->out;
	html_printf(
		o,
		"<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" class=\"stack\">",
		site_href(r, "/admin/registry/import"));
	page_csrf_field(r);
	html_printf(
		o,
		"<label for=\"file\">%s</label><input id=\"file\" name=\"file\" type=\"file\" required "
		"accept=\".csv,.txt,.tsv,.xlsx,text/csv,text/plain,"
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">"
		"<p class=\"hint\" id=\"file-hint\">%s</p>"
		"<fieldset><legend>%s</legend>"
		"<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\"add\" checked> %s</label>"
		"<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\"update\"> %s</label>"
		"</fieldset><button type=\"submit\">%s</button></form>",
		tr(l, "CSV file (UTF-8, comma or semicolon)"),
		tr(l,
		   "Also read: CSV saved by Excel in Arabic or French Windows encodings (you confirm how it reads), Unicode text (tab-separated), and Excel workbooks (.xlsx, the first sheet)."),
		tr(l, "Cooperatives already in the registry"),
		tr(l, "Add new cooperatives only: a known one is a problem to correct"),
		tr(l,
		   "Add new ones and update known ones with the file's values (you see every change before it is written; empty cells change nothing)"),
		tr(l, "Check and import"));
	html_printf(
		o, "<section class=\"help\"><h2>%s</h2><p>%s</p><p>%s</p><p>%s</p></section>\n",
		tr(l, "What the file must look like"),
		arena_printf(
			r->a,
			tr(l,
			   "One line per cooperative, and a first line naming the columns, in French or Arabic: %s. A name, the registration number and the province are required."),
			/* the headers in the reader's language (the importer takes both) */
			l == LANG_AR
				? "الاسم، الاسم بالفرنسية، رقم التسجيل، العمالة أو الإقليم، الشكل القانوني، تاريخ التسجيل، "
				  "القطاع، المنتوجات، المنتوجات بالفرنسية، المنخرطات، المنخرطون، الشباب، برئاسة امرأة، "
				  "الشخص المكلف بالتواصل، الهاتف، البريد الإلكتروني"
				: "Nom, Nom (arabe), Numéro d’immatriculation, Province, Forme juridique, "
				  "Date d’immatriculation, Secteur, Produits, Produits (ar), Adhérentes, Adhérents, "
				  "Jeunes, Présidée par une femme, Personne de contact, Téléphone, "
				  "Adresse électronique"),
		tr(l,
		   "The import is all or nothing: if any line has a problem, nothing is written and you get the list of the lines to correct."),
		arena_printf(
			r->a,
			tr(l,
			   "Files up to %d MB can be sent here. For a bigger file, split it into smaller files, or ask the site's technical administrator to import it on the server."),
			16));
}

/* encoding_label - an encoding as organisers know it. */
static const char *encoding_label(lang l, reg_encoding e)
{
	switch (e) {
	case REG_ENC_CP1256:
		return tr(l, "Arabic Windows text (Windows-1256)");
	case REG_ENC_CP1252:
		return tr(l, "French Windows text (Windows-1252)");
	case REG_ENC_UTF16:
		return tr(l, "Unicode text (UTF-16)");
	case REG_ENC_XLSX:
		return tr(l, "Excel workbook (.xlsx), first sheet");
	default:
		return tr(l, "UTF-8 text");
	}
}

/* report - the import's report page. */
static void report(request *r, const char *filename, reg_encoding enc, cf_err e, import_report *rep)
{
	lang l = r->lang;
	r->status = e == CF_OK ? 200 : e == CF_ERR_TOOBIG ? 413 : e == CF_ERR_INVALID ? 422 : 500;
	page_begin(r, tr(l, "Import report"), 0);
	buf *o = &r->out;
	reg_subnav(r, "/admin/registry/import");
	html_printf(o, "<h1>%s</h1>", tr(l, "Import report"));
	html_printf(o, "<p>%s <bdi dir=\"ltr\">%s</bdi> — %s</p>", tr(l, "File:"),
		    filename ? filename : "", encoding_label(l, enc));
	if (!e) {
		html_printf(o, "<p class=\"ok-box\" role=\"status\">%s",
			    arena_printf(r->a,
					 trn(l, "%ld cooperative imported.",
					     "%ld cooperatives imported.", rep->imported),
					 rep->imported));
		if (rep->mode == IMPORT_UPDATE)
			html_printf(
				o, " %s",
				arena_printf(r->a,
					     trn(l, "%ld known cooperative updated.",
						 "%ld known cooperatives updated.", rep->updated),
					     rep->updated));
		html_raw(o, "</p>");
	} else {
		html_printf(
			o, "<p class=\"error-box\" role=\"alert\">%s %s</p>",
			tr(l, "Nothing was imported: the registry is unchanged."),
			arena_printf(
				r->a,
				trn(l,
				    "%ld line read; correct the problems below and send the file again.",
				    "%ld lines read; correct the problems below and send the file again.",
				    rep->rows),
				rep->rows));
		html_raw(o, "<ol class=\"report\">");
		for (size_t i = 0; i < rep->nissues; i++)
			html_printf(o, "<li>%s</li>",
				    registry_issue_text(r->a, l, &rep->issues[i]));
		html_raw(o, "</ol>");
		if (rep->more)
			html_printf(o, "<p>%s</p>",
				    arena_printf(r->a,
						 trn(l, "... and %ld more problem.",
						     "... and %ld more problems.", rep->more),
						 rep->more));
	}
	const char **notes;
	size_t nnotes = registry_report_notes(r->a, l, rep, &notes);
	if (nnotes) {
		html_raw(o, "<ul class=\"report-notes\">");
		for (size_t i = 0; i < nnotes; i++)
			html_printf(o, "<li>%s</li>", notes[i]);
		html_raw(o, "</ul>");
	}
	html_printf(o, "<h2>%s</h2>", tr(l, "Import another file"));
	import_form(r);
	page_end(r);
}

/* refuse - the file cannot be read at all: say what it is. */
static void refuse(request *r, int status, const char *why)
{
	lang l = r->lang;
	r->status = status;
	page_begin(r, tr(l, "Import cooperatives"), 0);
	reg_subnav(r, "/admin/registry/import");
	html_printf(&r->out, "<h1>%s</h1><p class=\"error-box\" role=\"alert\">%s %s</p>",
		    tr(l, "Import cooperatives"), why,
		    tr(l, "Nothing was imported: the registry is unchanged."));
	import_form(r);
	page_end(r);
}

/* decode_error - the sentence for a file registry_decode refused. */
static const char *decode_error(lang l, cf_err e, reg_encoding enc)
{
	if (e == CF_ERR_TOOBIG)
		return tr(l, "The file is too big once read: split it into smaller files.");
	if (enc == REG_ENC_XLS_OLD)
		return tr(
			l,
			"This is an Excel 97-2003 workbook (.xls), which coopfair does not read. Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or as CSV UTF-8.");
	return tr(
		l,
		"This is an Excel workbook (.xlsx), but it could not be read (damaged or protected). Open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8.");
}

/* preview_table - the first rows of text as a table. */
static void preview_table(request *r, const char *text, size_t len)
{
	registry_preview_row *rows;
	size_t n = registry_preview(r->a, text, len, 6, &rows);
	buf *o = &r->out;
	/* a wide table scrolls on a phone: focusable, so a keyboard can scroll it */
	html_printf(o,
		    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
		    "<table class=\"preview\"><tbody>",
		    tr(r->lang, "The first rows of the file"));
	for (size_t i = 0; i < n; i++) {
		html_raw(o, "<tr>");
		for (int k = 0; k < rows[i].n; k++)
			html_printf(o,
				    i ? "<td><bdi>%s</bdi></td>"
				      : "<th scope=\"col\"><bdi>%s</bdi></th>",
				    rows[i].cells[k]);
		html_raw(o, "</tr>");
	}
	html_raw(o, "</tbody></table></div>");
}

/* preview - an 8-bit file: its first rows read both ways, the likelier
 * first, each with a button that imports it read that way. */
static void preview(request *r, int64_t upload, const char *filename, const char *data, size_t len,
		    reg_encoding guess, int update)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Check how the file reads"), 0);
	buf *o = &r->out;
	reg_subnav(r, "/admin/registry/import");
	html_printf(
		o, "<h1>%s</h1><p>%s <bdi dir=\"ltr\">%s</bdi></p><p class=\"notice\">%s</p>",
		tr(l, "Check how the file reads"), tr(l, "File:"), filename,
		tr(l,
		   "This file is not UTF-8: Excel saved it in a Windows encoding, which a file does not name. Here are its first rows read the likelier way, then the other way. Import it the way its names read right; nothing is written before you choose."));
	reg_encoding ways[2] = { guess, guess == REG_ENC_CP1256 ? REG_ENC_CP1252 : REG_ENC_CP1256 };
	for (int w = 0; w < 2; w++) {
		buf text;
		buf_init(&text, DECODED_MAX);
		reg_encoding found;
		int guessed;
		if (registry_decode(data, len, ways[w], &text, &found, &guessed)) {
			buf_free(&text);
			continue;
		}
		/* the arena owns it: what follows allocates from the arena */
		size_t text_len = text.len;
		const char *text_data = arena_adopt(r->a, buf_detach(&text));
		html_printf(o, "<section class=\"preview-way\"><h2>%s</h2>",
			    w == 0 ? arena_printf(r->a, tr(l, "Read as %s (likelier)"),
						  encoding_label(l, ways[w]))
				   : arena_printf(r->a, tr(l, "Read as %s"),
						  encoding_label(l, ways[w])));
		if (found == REG_ENC_UTF8)
			preview_table(r, data, len);
		else
			preview_table(r, text_data ? text_data : "", text_len);
		html_printf(o, "<form method=\"post\" action=\"%s\">",
			    site_href(r, "/admin/registry/import/confirm"));
		page_csrf_field(r);
		html_printf(o,
			    "<input type=\"hidden\" name=\"upload\" value=\"%lld\">"
			    "<input type=\"hidden\" name=\"encoding\" value=\"%s\">"
			    "<input type=\"hidden\" name=\"mode\" value=\"%s\">"
			    "<button type=\"submit\">%s</button></form></section>",
			    (long long)upload, registry_encoding_code(ways[w]),
			    update ? "update" : "add",
			    arena_printf(r->a, tr(l, "It reads right: import it as %s"),
					 encoding_label(l, ways[w])));
	}
	page_end(r);
}

/* changes_page - an update import checked clean: what it would add and
 * change, and the button that applies it (the file kept as upload). */
static void changes_page(request *r, int64_t upload, const char *filename, reg_encoding enc,
			 const import_report *rep)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Check the changes"), 0);
	buf *o = &r->out;
	reg_subnav(r, "/admin/registry/import");
	html_printf(o, "<h1>%s</h1><p>%s <bdi dir=\"ltr\">%s</bdi> — %s</p>",
		    tr(l, "Check the changes"), tr(l, "File:"), filename, encoding_label(l, enc));
	html_printf(o, "<p class=\"notice\">%s %s %s</p>",
		    arena_printf(r->a,
				 trn(l, "%ld new cooperative to add.",
				     "%ld new cooperatives to add.", rep->imported),
				 rep->imported),
		    arena_printf(r->a,
				 trn(l, "%ld known cooperative to update.",
				     "%ld known cooperatives to update.", rep->updated),
				 rep->updated),
		    tr(l, "Nothing is written before you apply; then all of it is, or nothing."));
	if (rep->nchanges) {
		html_printf(
			o,
			"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"changes\">"
			"<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(l, "The changes"), tr(l, "Line"), tr(l, "Cooperative"), tr(l, "Column"),
			tr(l, "Now"), tr(l, "After"));
		for (size_t i = 0; i < rep->nchanges; i++) {
			const import_change *c = &rep->changes[i];
			html_printf(
				o,
				"<tr><td class=\"num\">%ld</td><td><bdi>%s</bdi></td><td><bdi>%s</bdi></td>"
				"<td><bdi>%s</bdi></td><td><bdi>%s</bdi></td></tr>",
				c->line, c->name, c->column, *c->before ? c->before : "—",
				c->after);
		}
		html_raw(o, "</tbody></table></div>");
		if (rep->more_changes)
			html_printf(
				o, "<p>%s</p>",
				arena_printf(r->a,
					     trn(l, "... and %ld more change.",
						 "... and %ld more changes.", rep->more_changes),
					     rep->more_changes));
	}
	html_printf(o, "<form method=\"post\" action=\"%s\">",
		    site_href(r, "/admin/registry/import/confirm"));
	page_csrf_field(r);
	html_printf(o,
		    "<input type=\"hidden\" name=\"upload\" value=\"%lld\">"
		    "<input type=\"hidden\" name=\"encoding\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"mode\" value=\"update\">"
		    "<input type=\"hidden\" name=\"apply\" value=\"1\">"
		    "<button type=\"submit\">%s</button></form>",
		    (long long)upload, registry_encoding_code(enc), tr(l, "Apply these changes"));
	html_printf(o, "<p><a href=\"%s\">%s</a></p>", site_href(r, "/admin/registry/import"),
		    tr(l, "Cancel"));
	page_end(r);
}

/* import_bytes - decode data as forced (REG_ENC_AUTO: detect), then import
 * or, for an 8-bit guess, keep the file and show the preview. update: known
 * cooperatives are updated, after a check listing the changes (apply = 0)
 * and only once confirmed (apply = 1). upload: the kept copy, 0 if none. */
static void import_bytes(request *r, const char *filename, const char *data, size_t len,
			 reg_encoding forced, int update, int apply, int64_t upload)
{
	buf text;
	buf_init(&text, DECODED_MAX);
	reg_encoding enc;
	int guessed;
	cf_err e = registry_decode(data, len, forced, &text, &enc, &guessed);
	if (e) {
		buf_free(&text);
		refuse(r, e == CF_ERR_TOOBIG ? 413 : 422, decode_error(r->lang, e, enc));
		return;
	}
	/* the arena owns the decoded text: what follows allocates from the arena */
	size_t text_len = text.len;
	const char *text_data = arena_adopt(r->a, buf_detach(&text));
	if (guessed || (update && !apply)) {
		if (!upload && registry_upload_keep(r->user_id, filename, data, len, &upload)) {
			page_error(r, 500, NULL);
			return;
		}
	}
	if (guessed) {
		preview(r, upload, filename, data, len, enc, update);
		return;
	}
	const char *t = enc == REG_ENC_UTF8 ? data : text_data ? text_data : "";
	size_t tn = enc == REG_ENC_UTF8 ? len : text_len;
	import_report rep;
	import_mode mode = !update ? IMPORT_ADD : apply ? IMPORT_UPDATE : IMPORT_UPDATE_CHECK;
	e = registry_import_as(r->a, t, tn, r->user_id, mode, NULL, NULL, &rep);
	if (mode == IMPORT_UPDATE_CHECK && !e)
		changes_page(r, upload, filename, enc, &rep);
	else
		report(r, filename, enc, e, &rep);
}

/* GET /admin/registry/import */
void page_registry_import_form(request *r)
{
	lang l = r->lang;
	page_begin(r, tr(l, "Import cooperatives"), 0);
	reg_subnav(r, "/admin/registry/import");
	html_printf(&r->out, "<h1>%s</h1>", tr(l, "Import cooperatives"));
	import_form(r);
	page_end(r);
}

/* POST /admin/registry/import  file (multipart), csrf */
void page_registry_import(request *r)
{
	lang l = r->lang;
	const kv *f = req_form_kv(r, "file");
	if (!f || !f->len) {
		refuse(r, 400, tr(l, "Choose a CSV file to import."));
		return;
	}
	const char *mode = req_form(r, "mode");
	import_bytes(r, f->filename ? f->filename : "", f->value, f->len, REG_ENC_AUTO,
		     mode && !strcmp(mode, "update"), 0, 0);
}

/* POST /admin/registry/import/confirm  upload, encoding, csrf */
void page_registry_import_confirm(request *r)
{
	lang l = r->lang;
	const char *id_s = req_form(r, "upload");
	reg_encoding enc = registry_encoding_parse(req_form(r, "encoding"));
	long long id = 0;
	page_int(id_s, 1, INT64_MAX, &id);
	const char *filename;
	char *data;
	size_t len;
	const char *mode = req_form(r, "mode"), *apply = req_form(r, "apply");
	int update = mode && !strcmp(mode, "update"), applying = apply && !strcmp(apply, "1");
	if (enc == REG_ENC_AUTO || enc == REG_ENC_XLS_OLD) {
		refuse(r, 400, tr(l, "Choose how the file reads."));
		return;
	}
	if (id <= 0 || registry_upload_get(r->a, id, r->user_id, &filename, &data, &len)) {
		refuse(r, 404,
		       tr(l,
			  "This file is no longer waiting (files wait one day, and are imported once): send it again."));
		return;
	}
	arena_adopt(r->a, data); /* the import allocates from the arena */
	import_bytes(r, filename, data, len, enc, update, applying, id);
	/* imported or refused, the kept copy has served (an update still to be
	 * confirmed keeps it); were this to fail, it expires within a day */
	if ((!update || applying || r->status != 200) && registry_upload_drop(id))
		r->status = r->status;
}
