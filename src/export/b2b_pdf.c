/* b2b_pdf.c - see b2b_pdf.h. */
#include "b2b_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define A4_W 595.0
#define A4_H 842.0
#define M 42.0

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* text - s in a box of width w at (x, y), from the start of the reading
 * direction; returns its height */
static double text(cairo_t *cr, const char *s, const char *font, double x, double y, double w,
		   int rtl)
{
	if (!s || !*s)
		return 0;
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_auto_dir(lay, FALSE);
	pango_context_set_base_dir(pango_layout_get_context(lay),
				   rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(lay);
	pango_layout_set_alignment(lay, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(lay, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	int pw, ph;
	pango_layout_get_pixel_size(lay, &pw, &ph);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return ph;
}

cf_err b2b_pdf(const char *title, const char *who, const char *const head[4], const b2b_pdf_line *v,
	       size_t n, int rtl, buf *out)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, A4_W, A4_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return CF_ERR_IO;
	}
	cairo_t *cr = cairo_create(sf);
	double w = A4_W - 2 * M, y = M;
	/* columns: slot, with whom, status, table; mirrored in Arabic */
	static const double cw[4] = { 120, 220, 110, 61 };
	y += text(cr, title, "Noto Naskh Arabic, Noto Sans Bold 16", M, y, w, rtl) + 6;
	y += text(cr, who, "Noto Naskh Arabic, Noto Sans 11", M, y, w, rtl) + 16;
	for (size_t i = 0; i <= n; i++) {
		if (y > A4_H - M - 20) {
			cairo_show_page(cr);
			y = M;
		}
		const char *cells[4];
		if (i == 0)
			for (int c = 0; c < 4; c++)
				cells[c] = head[c];
		else
			cells[0] = v[i - 1].slot, cells[1] = v[i - 1].with,
			cells[2] = v[i - 1].status, cells[3] = v[i - 1].table;
		double x = 0, h = 14;
		for (int c = 0; c < 4; c++) {
			double cx = rtl ? M + w - x - cw[c] : M + x;
			double th = text(cr, cells[c],
					 i ? "Noto Naskh Arabic, Noto Sans 9"
					   : "Noto Naskh Arabic, Noto Sans Bold 9",
					 cx, y, cw[c] - 6, rtl);
			if (th > h)
				h = th;
			x += cw[c];
		}
		y += h + 6;
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
		cairo_rectangle(cr, M, y - 3, w, 0.5);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	cairo_show_page(cr);
	cairo_status_t s = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t s2 = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	return s == CAIRO_STATUS_SUCCESS && s2 == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
