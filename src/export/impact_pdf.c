/* impact_pdf.c - the impact report as PDF (impact_export.h): A4 portrait, a
 * cover, then each table: its title, a bar chart of its first column when
 * worth one, its rows, and the source of its figures. Text through pango
 * (Arabic shaped; right to left when the reader's language is). */
#include "impact_export.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define A4_W 595.0
#define A4_H 842.0
#define M 42.0

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* text - s in a box of width w at (x, y); returns its height. align: -1
 * start, 0 centre, 1 end (of the reading direction). */
static double text(cairo_t *cr, const char *s, const char *font, double x, double y, double w,
		   int rtl, int align)
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
	PangoAlignment al = align == 0		  ? PANGO_ALIGN_CENTER
			    : (align < 0) == !rtl ? PANGO_ALIGN_LEFT
						  : PANGO_ALIGN_RIGHT;
	pango_layout_set_alignment(lay, al);
	pango_layout_set_text(lay, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	int pw, ph;
	pango_layout_get_pixel_size(lay, &pw, &ph);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return ph;
}

static void num(char out[32], long v)
{
	snprintf(out, 32, "%ld", v);
}

typedef struct pdf {
	cairo_t *cr;
	double y;
	int rtl;
} pdf;

static void need(pdf *p, double h)
{
	if (p->y + h > A4_H - M) {
		cairo_show_page(p->cr);
		p->y = M;
	}
}

static void chart(pdf *p, const impact_table *t)
{
	size_t n = t->nrows > 24 ? 24 : t->nrows;
	if (!n)
		return;
	double h = 120, w = A4_W - 2 * M, bw = w / (double)n;
	need(p, h + 40);
	long max = 1;
	for (size_t i = 0; i < n; i++)
		if (t->rows[i].v[0] > max)
			max = t->rows[i].v[0];
	for (size_t i = 0; i < n; i++) {
		/* first row at the start of the reading direction */
		double x = p->rtl ? M + w - (double)(i + 1) * bw : M + (double)i * bw;
		double bh = (double)t->rows[i].v[0] * h / (double)max;
		cairo_set_source_rgb(p->cr, 0.18, 0.49, 0.20);
		cairo_rectangle(p->cr, x + 2, p->y + h - bh, bw - 4, bh);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		char v[32];
		num(v, t->rows[i].v[0]);
		text(p->cr, v, "Noto Sans 6", x, p->y + h - bh - 9, bw, 0, 0);
		text(p->cr, t->rows[i].name, "Noto Naskh Arabic, Noto Sans 6", x, p->y + h + 2, bw,
		     p->rtl, 0);
	}
	p->y += h + 34;
}

static void table(pdf *p, const impact_table *t, const impact_cover *c)
{
	double w = A4_W - 2 * M;
	int ncols = t->ncols + (t->group ? 1 : 0);
	double vw = ncols > 2 ? 70 : 110, nw = w - vw * ncols;
	need(p, 60);
	p->y += text(p->cr, t->title, "Noto Naskh Arabic, Noto Sans Bold 13", M, p->y, w, p->rtl,
		     -1) +
		6;
	if (t->chart)
		chart(p, t);
	/* head */
	need(p, 20);
	double x0 = p->rtl ? M + w - nw : M;
	double hh = text(p->cr, c->name_head, "Noto Naskh Arabic, Noto Sans Bold 8", x0, p->y, nw,
			 p->rtl, -1);
	for (int k = 0; k < ncols; k++) {
		double x = p->rtl ? M + w - nw - (k + 1) * vw : M + nw + k * vw;
		const char *h = t->group ? (k == 0 ? t->group : t->cols[k - 1]) : t->cols[k];
		double th = text(p->cr, h, "Noto Naskh Arabic, Noto Sans Bold 7", x, p->y, vw - 4,
				 p->rtl, 1);
		if (th > hh)
			hh = th;
	}
	p->y += hh + 6;
	for (size_t i = 0; i < t->nrows; i++) {
		const impact_row *x = &t->rows[i];
		need(p, 24);
		double rh = text(p->cr, x->name, "Noto Naskh Arabic, Noto Sans 8", x0, p->y, nw,
				 p->rtl, -1);
		for (int k = 0; k < ncols; k++) {
			double cx = p->rtl ? M + w - nw - (k + 1) * vw : M + nw + k * vw;
			char v[32];
			const char *s = v;
			if (t->group && k == 0)
				s = x->group;
			else
				num(v, x->v[t->group ? k - 1 : k]);
			double th = text(p->cr, s, "Noto Naskh Arabic, Noto Sans 8", cx, p->y,
					 vw - 4, p->rtl, 1);
			if (th > rh)
				rh = th;
		}
		p->y += rh > 12 ? rh + 2 : 14;
	}
	need(p, 20);
	char src[512];
	snprintf(src, sizeof src, "%s — %s", c->source_head, t->source);
	p->y += text(p->cr, src, "Noto Sans Mono 6", M, p->y + 4, w, 0, -1) + 18;
}

cf_err impact_pdf(const impact_report *r, const impact_cover *c, buf *out)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, A4_W, A4_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return CF_ERR_IO;
	}
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, c->title);
	cairo_t *cr = cairo_create(sf);
	pdf p = { cr, M, c->rtl };
	double w = A4_W - 2 * M;
	/* cover */
	cairo_set_source_rgb(cr, 0.18, 0.49, 0.20);
	cairo_rectangle(cr, 0, 0, A4_W, 12);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double y = 220;
	y += text(cr, c->title, "Noto Naskh Arabic, Noto Sans Bold 28", M, y, w, c->rtl, 0) + 24;
	y += text(cr, c->edition, "Noto Naskh Arabic, Noto Sans 16", M, y, w, c->rtl, 0) + 12;
	y += text(cr, c->dates, "Noto Naskh Arabic, Noto Sans 13", M, y, w, c->rtl, 0) + 8;
	y += text(cr, c->region, "Noto Naskh Arabic, Noto Sans 13", M, y, w, c->rtl, 0) + 24;
	if (*c->compared)
		y += text(cr, c->compared, "Noto Naskh Arabic, Noto Sans Italic 11", M, y, w,
			  c->rtl, 0) +
		     12;
	if (*c->sample) {
		cairo_set_source_rgb(cr, 0.7, 0.1, 0.1);
		text(cr, c->sample, "Noto Naskh Arabic, Noto Sans Bold 12", M, y + 30, w, c->rtl,
		     0);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	cairo_show_page(cr);
	for (size_t i = 0; i < r->nt; i++)
		table(&p, &r->t[i], c);
	if (p.y > M)
		cairo_show_page(cr);
	cairo_status_t s = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t s2 = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	return s == CAIRO_STATUS_SUCCESS && s2 == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
