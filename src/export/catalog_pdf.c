/* catalog_pdf.c - see catalog_pdf.h. */
#include "catalog_pdf.h"
#include "badge_pdf.h"
#include "photo.h"
#include "../util/xalloc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AR_FONT "Noto Naskh Arabic"
#define LAT_FONT "Noto Sans"
#define HEAD_H 30.0 /* the running header of a page of blocks */
#define FOOT_H 22.0
/* A photo's longest side in the PDF: a block's photo is about 2.4 inches
 * wide, so 600 pixels print at 250 dpi; larger uploads (up to
 * PHOTO_SIDE_MAX) are scaled down, which keeps 300 exhibitors' catalogue
 * to a few megabytes. */
#define PRINT_SIDE 600

typedef struct geom {
	double w, h, m; /* page size, margin */
	int per_page;	/* exhibitor blocks per page */
	int a5;
	double block_h;
} geom;

static geom geom_of(int a5)
{
	geom g;
	g.w = a5 ? 420 : 595;
	g.h = a5 ? 595 : 842;
	g.m = a5 ? 28 : 36;
	g.per_page = a5 ? 3 : 4;
	g.a5 = a5;
	g.block_h = (g.h - 2 * g.m - HEAD_H - FOOT_H) / g.per_page;
	return g;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum { AL_START, AL_CENTER, AL_END };

/* text - s in font, wrapped in width w, at (x, y); rtl sets the base
 * direction (and so which side "start" is); lines caps the height (0: no
 * cap; past it the text ends with an ellipsis). Returns the height used. */
static double text(cairo_t *cr, const char *s, const char *font, double x, double y, double w,
		   int rtl, int align, int lines)
{
	if (!s || !*s)
		return 0;
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	if (lines) {
		pango_layout_set_height(lay, -lines);
		pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_auto_dir(lay, FALSE);
	pango_context_set_base_dir(pango_layout_get_context(lay),
				   rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(lay);
	/* PANGO_ALIGN_LEFT means "start" once the base direction is RTL */
	pango_layout_set_alignment(lay, align == AL_CENTER ? PANGO_ALIGN_CENTER
					: align == AL_END  ? PANGO_ALIGN_RIGHT
							   : PANGO_ALIGN_LEFT);
	pango_layout_set_text(lay, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	int pw, ph;
	pango_layout_get_size(lay, &pw, &ph);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return (double)ph / PANGO_SCALE;
}

struct png_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	struct png_reader *r = closure;
	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len, r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* image - a surface for PNG or JPEG bytes (JPEG embedded as is, through
 * its mime data, when its size is known: w, h > 0); NULL when unreadable.
 * jpeg keeps re-encoded bytes alive while the surface lives. */
static cairo_surface_t *image(const void *data, size_t len, const char *mime, int w, int h,
			      buf *jpeg)
{
	cairo_surface_t *sf = NULL;
	if (!data || !len)
		return NULL;
	if (mime && !strcmp(mime, "image/png")) {
		struct png_reader r = { data, len };
		sf = cairo_image_surface_create_from_png_stream(read_png, &r);
	} else {
		if (w <= 0 || h <= 0) {
			if (!jpeg || photo_catalogue(data, len, PRINT_SIDE, jpeg, &w, &h))
				return NULL;
			data = jpeg->data, len = jpeg->len;
		}
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_surface_set_mime_data(sf, CAIRO_MIME_TYPE_JPEG, data, len, NULL, NULL);
	}
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return NULL;
	}
	return sf;
}

/* paint sf fitted (aspect kept) and centred in the box x, y, bw, bh */
static void fit(cairo_t *cr, cairo_surface_t *sf, double x, double y, double bw, double bh)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	if (w <= 0 || h <= 0)
		return;
	double sc = bw / w < bh / h ? bw / w : bh / h;
	cairo_save(cr);
	cairo_translate(cr, x + (bw - w * sc) / 2, y + (bh - h * sc) / 2);
	cairo_scale(cr, sc, sc);
	cairo_set_source_surface(cr, sf, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
}

static void footer(cairo_t *cr, const geom *g, int page)
{
	char s[32];
	snprintf(s, sizeof s, "— %d —", page);
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	text(cr, s, LAT_FONT " 8", g->m, g->h - g->m - 10, g->w - 2 * g->m, 0, AL_CENTER, 0);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static void cover(cairo_t *cr, const geom *g, const catalog_book *b, buf *logos)
{
	double cw = g->w - 2 * g->m, y = g->h * 0.16;
	cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
	cairo_rectangle(cr, 0, 0, g->w, g->h * 0.08);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	y += text(cr, "دليل العارضين", AR_FONT " Bold 30", g->m, y, cw, 1, AL_CENTER, 0) + 4;
	y += text(cr, "Catalogue des exposants", LAT_FONT " Bold 20", g->m, y, cw, 0, AL_CENTER,
		  0) +
	     24;
	y += text(cr, b->name_ar, AR_FONT " 16", g->m, y, cw, 1, AL_CENTER, 0) + 6;
	y += text(cr, b->name_fr, LAT_FONT " 13", g->m, y, cw, 0, AL_CENTER, 0) + 10;
	y += text(cr, b->when, LAT_FONT " 11", g->m, y, cw, 0, AL_CENTER, 0) + 10;
	if (b->sample)
		y += text(cr,
			  "معطيات توضيحية (مثال): العارضون في هذا الدليل أمثلة · Données fictives "
			  "(exemple) : les exposants de ce catalogue sont des exemples",
			  LAT_FONT " Bold 10", g->m, y, cw, 1, AL_CENTER, 0) +
		     10;
	if (!b->npartners)
		return;
	y = g->h * 0.62;
	y += text(cr, "الشركاء · Partenaires", LAT_FONT " Bold 12", g->m, y, cw, 1, AL_CENTER, 0) +
	     10;
	/* logos in rows of four, each in a box with its name below */
	int cols = 4;
	double bw = cw / cols, bh = g->a5 ? 36 : 50;
	for (size_t i = 0; i < b->npartners; i++) {
		const catalog_logo *lg = &b->partners[i];
		double x = g->m + (double)(i % (size_t)cols) * bw,
		       yy = y + (double)(i / (size_t)cols) * (bh + 34);
		cairo_surface_t *sf = image(lg->data, lg->len, lg->mime, 0, 0, &logos[i]);
		if (sf) {
			fit(cr, sf, x + 6, yy, bw - 12, bh);
			cairo_surface_destroy(sf);
		}
		text(cr, lg->name_ar, AR_FONT " 7", x + 2, yy + bh + 2, bw - 4, 1, AL_CENTER, 1);
		text(cr, lg->name_fr, LAT_FONT " 6.5", x + 2, yy + bh + 14, bw - 4, 0, AL_CENTER,
		     2);
	}
}

/* one category of the book: its first entry, its count, its first page */
typedef struct part {
	size_t first, n;
	int page;
} part;

static const char *cat_line(const catalog_entry *c, char *tmp, size_t cap)
{
	snprintf(tmp, cap, "%s · %s", c->row.category.v[LANG_AR], c->row.category.v[LANG_FR]);
	return tmp;
}

static void contents(cairo_t *cr, const geom *g, const catalog_book *b, const part *parts,
		     int nparts, int index_page)
{
	double cw = g->w - 2 * g->m, y = g->m;
	y += text(cr, "المحتويات", AR_FONT " Bold 18", g->m, y, cw, 1, AL_CENTER, 0);
	y += text(cr, "Sommaire", LAT_FONT " Bold 16", g->m, y, cw, 0, AL_CENTER, 0) + 18;
	char tmp[512], pg[32];
	for (int i = 0; i < nparts; i++) {
		const catalog_entry *c = &b->entries[parts[i].first];
		text(cr, cat_line(c, tmp, sizeof tmp), LAT_FONT " 12", g->m, y, cw - 60, 1,
		     AL_START, 1);
		snprintf(pg, sizeof pg, "%zu  ·  p. %d", parts[i].n, parts[i].page);
		y += text(cr, pg, LAT_FONT " 11", g->m, y, cw, 0, AL_START, 1) + 12;
	}
	snprintf(pg, sizeof pg, "p. %d", index_page);
	text(cr, "فهرس حسب العمالة أو الإقليم · Index par préfecture ou province", LAT_FONT " 12",
	     g->m, y, cw - 60, 1, AL_START, 1);
	text(cr, pg, LAT_FONT " 11", g->m, y, cw, 0, AL_START, 1);
}

/* one exhibitor's block in the box x, y, w, h */
static void block(cairo_t *cr, const geom *g, const catalog_entry *c, double x, double y, double w,
		  double h, buf *scaled)
{
	double pw = w * 0.32, tx = x, tw = w - pw - 10, ty = y + 4;
	char tmp[600];
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x, y + h - 2);
	cairo_line_to(cr, x + w, y + h - 2);
	cairo_stroke(cr);
	/* the photo on the right (the start of an Arabic reader's line) */
	double px = x + w - pw, py = y + 6, ph = h - 14;
	cairo_set_source_rgb(cr, 0.94, 0.94, 0.94);
	cairo_rectangle(cr, px, py, pw, ph);
	cairo_fill(cr);
	if (c->photo) {
		int big = c->photo_w > PRINT_SIDE || c->photo_h > PRINT_SIDE || c->photo_w <= 0;
		cairo_surface_t *sf =
			big ? image(c->photo, c->photo_len, "image/jpeg", 0, 0, scaled)
			    : image(c->photo, c->photo_len, c->photo_mime, c->photo_w, c->photo_h,
				    NULL);
		if (sf) {
			fit(cr, sf, px, py, pw, ph);
			cairo_surface_destroy(sf);
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	int small = g->per_page > 3;
	ty += text(cr, c->row.name_ar, AR_FONT " Bold 12", tx, ty, tw, 1, AL_START, 2);
	ty += text(cr, c->row.name_fr, LAT_FONT " Bold 10", tx, ty, tw, 0, AL_START, 2) + 2;
	snprintf(tmp, sizeof tmp, "الجناح · Stand : %s",
		 *c->row.stand ? c->row.stand : "— non attribué");
	cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
	ty += text(cr, tmp, LAT_FONT " Bold 10", tx, ty, tw, 0, AL_START, 1) + 1;
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	snprintf(tmp, sizeof tmp, "%s · %s — %s · %s", c->row.category.v[LANG_AR],
		 c->row.category.v[LANG_FR], c->row.province.v[LANG_AR],
		 c->row.province.v[LANG_FR]);
	ty += text(cr, tmp, LAT_FONT " 7.5", tx, ty, tw, 0, AL_START, 1) + 2;
	cairo_set_source_rgb(cr, 0, 0, 0);
	ty += text(cr, c->prof.products_ar, AR_FONT " 8.5", tx, ty, tw, 1, AL_START, 2);
	ty += text(cr, c->prof.products_fr, LAT_FONT " 7.5", tx, ty, tw, 0, AL_START, 2) + 2;
	if (!small || h > 150) {
		ty += text(cr, c->prof.about_fr, LAT_FONT " 7", tx, ty, tw, 0, AL_START, 2) + 2;
	}
	/* public contact only: the entry was read with catalog_profile_public */
	if (*c->prof.phone) {
		snprintf(tmp, sizeof tmp, "☎ %s%s", c->prof.phone,
			 c->prof.whatsapp ? "  (WhatsApp)" : "");
		ty += text(cr, tmp, LAT_FONT " 8", tx, ty, tw, 0, AL_START, 1);
	}
	if (*c->prof.email)
		ty += text(cr, c->prof.email, LAT_FONT " 8", tx, ty, tw, 0, AL_START, 1);
	if (*c->prof.web)
		ty += text(cr, c->prof.web, LAT_FONT " 8", tx, ty, tw, 0, AL_START, 1);
	if (c->row.is_sample) { /* across the foot of the photo */
		cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
		cairo_rectangle(cr, px, py + ph - 13, pw, 13);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		text(cr, "مثال · EXEMPLE", LAT_FONT " Bold 7", px, py + ph - 12, pw, 0, AL_CENTER,
		     1);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
}

static int by_province(const void *pa, const void *pb)
{
	const catalog_entry *x = *(const catalog_entry *const *)pa,
			    *y = *(const catalog_entry *const *)pb;
	int c = strcmp(x->row.province.v[LANG_FR], y->row.province.v[LANG_FR]);
	if (c)
		return c;
	return strcmp(x->row.name_fr, y->row.name_fr);
}

cf_err catalog_pdf(const catalog_book *b, void (*progress)(size_t done, size_t total, void *arg),
		   void *arg, buf *out)
{
	geom g = geom_of(b->a5);
	/* the plan: parts by category, each from a new page */
	part *parts = xcalloc(b->n ? b->n : 1, sizeof *parts);
	int *page_of = xcalloc(b->n ? b->n : 1, sizeof *page_of);
	const catalog_entry **idx = xcalloc(b->n ? b->n : 1, sizeof *idx);
	/* re-encoded JPEG logos: alive until the PDF is finished */
	buf *logos = xcalloc(b->npartners ? b->npartners : 1, sizeof *logos);
	for (size_t i = 0; i < b->npartners; i++)
		buf_init(&logos[i], 4u << 20);
	/* photos scaled down for print: alive until the PDF is finished */
	buf *scaled = xcalloc(b->n ? b->n : 1, sizeof *scaled);
	for (size_t i = 0; i < b->n; i++)
		buf_init(&scaled[i], 4u << 20);
	int nparts = 0, page = 3; /* 1 cover, 2 contents */
	for (size_t i = 0; i < b->n; i++) {
		if (!i ||
		    strcmp(b->entries[i].row.category_code, b->entries[i - 1].row.category_code)) {
			if (nparts)
				page += (int)((parts[nparts - 1].n + (size_t)g.per_page - 1) /
					      (size_t)g.per_page);
			parts[nparts++] = (part){ i, 0, page };
		}
		page_of[i] = page + (int)(parts[nparts - 1].n / (size_t)g.per_page);
		parts[nparts - 1].n++;
		idx[i] = &b->entries[i];
	}
	int index_page = nparts ? page + (int)((parts[nparts - 1].n + (size_t)g.per_page - 1) /
					       (size_t)g.per_page)
				: 3;

	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, g.w, g.h);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				       "دليل العارضين — Catalogue des exposants");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	cover(cr, &g, b, logos);
	cairo_show_page(cr);
	contents(cr, &g, b, parts, nparts, index_page);
	footer(cr, &g, 2);
	cairo_show_page(cr);
	double cw = g.w - 2 * g.m;
	char tmp[600];
	for (int p = 0; p < nparts; p++) {
		for (size_t k = 0; k < parts[p].n; k++) {
			size_t i = parts[p].first + k;
			int slot = (int)(k % (size_t)g.per_page);
			if (!slot) {
				cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
				text(cr, cat_line(&b->entries[i], tmp, sizeof tmp),
				     LAT_FONT " Bold 12", g.m, g.m, cw, 1, AL_CENTER, 1);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			block(cr, &g, &b->entries[i], g.m, g.m + HEAD_H + slot * g.block_h, cw,
			      g.block_h, &scaled[i]);
			if (slot == g.per_page - 1 || k == parts[p].n - 1) {
				footer(cr, &g, page_of[i]);
				cairo_show_page(cr);
			}
			if (progress)
				progress(i + 1, b->n, arg);
		}
	}
	/* index by province */
	qsort(idx, b->n, sizeof *idx, by_province);
	int ipage = index_page;
	double y = g.m;
	y += text(cr, "فهرس حسب العمالة أو الإقليم", AR_FONT " Bold 16", g.m, y, cw, 1, AL_CENTER,
		  0);
	y += text(cr, "Index par préfecture ou province", LAT_FONT " Bold 14", g.m, y, cw, 0,
		  AL_CENTER, 0) +
	     10;
	for (size_t i = 0; i < b->n; i++) {
		const catalog_entry *c = idx[i];
		int head = !i ||
			   strcmp(c->row.province.v[LANG_FR], idx[i - 1]->row.province.v[LANG_FR]);
		if (y > g.h - g.m - FOOT_H - (head ? 34 : 14)) {
			footer(cr, &g, ipage++);
			cairo_show_page(cr);
			y = g.m;
		}
		if (head) {
			snprintf(tmp, sizeof tmp, "%s · %s", c->row.province.v[LANG_AR],
				 c->row.province.v[LANG_FR]);
			cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
			y += 6 + text(cr, tmp, LAT_FONT " Bold 10", g.m, y + 6, cw, 1, AL_START, 1);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		/* the Arabic name, the stand and the page: the French name is
		 * printed once, in the exhibitor's block */
		size_t at = (size_t)(c - b->entries);
		snprintf(tmp, sizeof tmp, "%s  —  %s  —  p. %d", c->row.name_ar,
			 *c->row.stand ? c->row.stand : "—", page_of[at]);
		y += text(cr, tmp, AR_FONT " 8", g.m, y, cw, 1, AL_START, 1);
	}
	footer(cr, &g, ipage);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	for (size_t i = 0; i < b->npartners; i++)
		buf_free(&logos[i]);
	for (size_t i = 0; i < b->n; i++)
		buf_free(&scaled[i]);
	free(parts), free(page_of), free(idx), free(logos), free(scaled);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}

cf_err catalog_cards_pdf(const catalog_entry *entries, const char *const *urls, size_t n,
			 const char *edition, buf *out)
{
	const double W = 420, H = 595, M = 30, cw = W - 2 * M;
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, W, H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				       "بطاقة الجناح — Carte de stand");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	char tmp[600];
	for (size_t i = 0; i < n; i++) {
		const catalog_entry *c = &entries[i];
		cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
		cairo_rectangle(cr, 0, 0, W, 34);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		text(cr, edition, AR_FONT " 9", M, 9, cw, 1, AL_CENTER, 1);
		cairo_set_source_rgb(cr, 0, 0, 0);
		double y = 50;
		y += text(cr, c->row.name_ar, AR_FONT " Bold 22", M, y, cw, 1, AL_CENTER, 2) + 2;
		y += text(cr, c->row.name_fr, LAT_FONT " Bold 15", M, y, cw, 0, AL_CENTER, 2) + 6;
		snprintf(tmp, sizeof tmp, "%s · %s", c->row.category.v[LANG_AR],
			 c->row.category.v[LANG_FR]);
		y += text(cr, tmp, LAT_FONT " 11", M, y, cw, 1, AL_CENTER, 1) + 8;
		cairo_set_source_rgb(cr, 0.10, 0.30, 0.45);
		snprintf(tmp, sizeof tmp, "الجناح · Stand  %s", *c->row.stand ? c->row.stand : "—");
		y += text(cr, tmp, LAT_FONT " Bold 28", M, y, cw, 0, AL_CENTER, 1) + 12;
		cairo_set_source_rgb(cr, 0, 0, 0);
		double side = 190;
		badge_qr(cr, urls[i], (W - side) / 2, y, side);
		y += side + 8;
		y += text(cr, urls[i], "Noto Sans Mono 8", M, y, cw, 0, AL_CENTER, 2) + 6;
		y += text(cr, "امسحوا الرمز لحفظ معلومات الاتصال بالتعاونية", AR_FONT " 10", M, y,
			  cw, 1, AL_CENTER, 2);
		y += text(cr, "Scannez le code pour garder le contact de la coopérative",
			  LAT_FONT " 9", M, y, cw, 0, AL_CENTER, 2) +
		     6;
		if (*c->prof.phone) {
			snprintf(tmp, sizeof tmp, "☎ %s%s", c->prof.phone,
				 c->prof.whatsapp ? "  (WhatsApp)" : "");
			y += text(cr, tmp, LAT_FONT " Bold 11", M, y, cw, 0, AL_CENTER, 1);
		}
		if (*c->prof.email)
			y += text(cr, c->prof.email, LAT_FONT " 10", M, y, cw, 0, AL_CENTER, 1);
		if (*c->prof.web)
			y += text(cr, c->prof.web, LAT_FONT " 10", M, y, cw, 0, AL_CENTER, 1);
		if (c->row.is_sample) {
			cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
			text(cr, "معطيات توضيحية (مثال) · données fictives (exemple)",
			     LAT_FONT " Bold 9", M, H - 16, cw, 0, AL_CENTER, 1);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
