/* prize_pdf.c - see prize_pdf.h. */
#include "prize_pdf.h"
#include "../util/text.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 842.0 /* A4 landscape, points */
#define PAGE_H 595.0
#define MARGIN 48.0

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* text_at - a paragraph in a column; rtl for Arabic (pango shapes it and
 * lays it out right to left; alignment follows the direction). Returns the
 * height used. */
static double text_at(cairo_t *cr, const char *text, const char *font, double x, double y,
		      double width, int rtl)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
	pango_layout_set_auto_dir(lay, FALSE);
	PangoContext *ctx = pango_layout_get_context(lay);
	pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(lay);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	pango_layout_set_text(lay, text, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return (double)h / PANGO_SCALE;
}

/* page - one certificate. Names come from people: the text rule
 * (util/text.h) first, so no bidi control of theirs reorders the page. */
static void page(cairo_t *cr, const prize_award *award, const char *verify_base)
{
	arena *a = arena_new(64 * 1024);
	prize_award clean = *award;
	const prize_award *w = &clean;
	clean.name_ar = text_cleaned(a, award->name_ar);
	clean.name_fr = text_cleaned(a, award->name_fr);
	for (int l = 0; l < LANG__MAX; l++) {
		clean.edition.v[l] = text_cleaned(a, award->edition.v[l]);
		clean.category.v[l] = text_cleaned(a, award->category.v[l]);
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* Frame in the site's green. */
	cairo_set_source_rgb(cr, 0.05, 0.40, 0.27);
	cairo_set_line_width(cr, 6);
	cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 1.2);
	cairo_rectangle(cr, 30, 30, PAGE_W - 60, PAGE_H - 60);
	cairo_stroke(cr);
	double col = (PAGE_W - 2 * MARGIN - 30) / 2;
	double xr = MARGIN + col + 30, xl = MARGIN; /* Arabic on the right, French on the left */
	char ar[512], fr[512];
	double yr = 60, yl = 60;
	cairo_set_source_rgb(cr, 0.05, 0.40, 0.27);
	yr += text_at(cr, "شهادة", "Noto Naskh Arabic Bold 30", xr, yr, col, 1) + 6;
	yl += text_at(cr, "Certificat", "Noto Serif Bold 28", xl, yl, col, 0) + 10;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	yr += text_at(cr, "جائزة الإبداع", "Noto Naskh Arabic 18", xr, yr, col, 1) + 4;
	yl += text_at(cr, "Prix de la créativité", "Noto Serif 17", xl, yl, col, 0) + 6;
	yr += text_at(cr, w->edition.v[LANG_AR], "Noto Naskh Arabic 12", xr, yr, col, 1) + 16;
	yl += text_at(cr, w->edition.v[LANG_FR], "Noto Serif 11", xl, yl, col, 0) + 16;
	double y = yr > yl ? yr : yl;
	yr = yl = y;
	yr += text_at(cr, w->winner ? "تُمنح هذه الشهادة إلى" : "تُمنح شهادة المشاركة هذه إلى",
		      "Noto Naskh Arabic 13", xr, yr, col, 1) +
	      4;
	yl += text_at(cr,
		      w->winner ? "Ce certificat est décerné à"
				: "Ce certificat de participation est décerné à",
		      "Noto Serif 12", xl, yl, col, 0) +
	      6;
	cairo_set_source_rgb(cr, 0.05, 0.40, 0.27);
	yr += text_at(cr, w->name_ar, "Noto Naskh Arabic Bold 20", xr, yr, col, 1) + 6;
	yl += text_at(cr, w->name_fr, "Noto Serif Bold 18", xl, yl, col, 0) + 8;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	snprintf(ar, sizeof ar, "فئة: %s", w->category.v[LANG_AR]);
	snprintf(fr, sizeof fr, "Catégorie : %s", w->category.v[LANG_FR]);
	yr += text_at(cr, ar, "Noto Naskh Arabic 14", xr, yr, col, 1) + 4;
	yl += text_at(cr, fr, "Noto Serif 13", xl, yl, col, 0) + 6;
	if (w->winner) {
		snprintf(ar, sizeof ar, "الرتبة %d من أصل %d", w->rank, w->of);
		snprintf(fr, sizeof fr, "%d%s prix (sur %d participants)", w->rank,
			 w->rank == 1 ? "er" : "e", w->of);
	} else {
		snprintf(ar, sizeof ar, "المرتبة %d من أصل %d مشاركا", w->rank, w->of);
		snprintf(fr, sizeof fr, "Classement : %d sur %d participants", w->rank, w->of);
	}
	cairo_set_source_rgb(cr, w->winner ? 0.55 : 0.1, w->winner ? 0.27 : 0.1,
			     w->winner ? 0.07 : 0.1);
	yr += text_at(cr, ar, "Noto Naskh Arabic Bold 16", xr, yr, col, 1);
	yl += text_at(cr, fr, "Noto Serif Bold 15", xl, yl, col, 0);
	/* The verification code: each language in its column, the address
	 * under both. */
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	snprintf(ar, sizeof ar, "رمز التحقق: \u2066%s\u2069", w->code);
	snprintf(fr, sizeof fr, "Code de vérification : %s", w->code);
	text_at(cr, ar, "Noto Naskh Arabic 12", xr, PAGE_H - 125, col, 1);
	text_at(cr, fr, "Noto Sans 11", xl, PAGE_H - 125, col, 0);
	char url[512];
	snprintf(url, sizeof url, "%s/prize/verify?code=%s", verify_base, w->code);
	text_at(cr, url, "Noto Sans Mono 10", MARGIN, PAGE_H - 95, PAGE_W - 2 * MARGIN, 0);
	if (w->is_sample)
		text_at(cr, "نموذج — بيانات تجريبية · EXEMPLE — données fictives",
			"Noto Sans Bold 10", MARGIN, PAGE_H - 70, PAGE_W - 2 * MARGIN, 0);
	cairo_show_page(cr);
	arena_free(a);
}

cf_err prize_pdf(const prize_award *awards, size_t n, const char *verify_base, buf *out)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				       "Prix de la créativité — جائزة الإبداع");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	for (size_t i = 0; i < n; i++)
		page(cr, &awards[i], verify_base);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
