/* stand_pdf.c - see stand_pdf.h. */
#include "stand_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 1191.0 /* A3 landscape, points */
#define PAGE_H 842.0
#define MARGIN 40.0

unsigned stand_colour(int c)
{
	static const unsigned pal[] = { 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
					0x0072B2, 0xD55E00, 0xCC79A7, 0x999999 };
	return pal[(unsigned)c % (sizeof pal / sizeof *pal)];
}

unsigned stand_zone_tint(const char *kind)
{
	if (!strcmp(kind, "exhibitors_hub"))
		return 0xF4F1EA;
	if (!strcmp(kind, "agora"))
		return 0xE3EEF8;
	if (!strcmp(kind, "partners_hub"))
		return 0xE8F3E4;
	if (!strcmp(kind, "entertainment"))
		return 0xF8E6EE;
	return 0xEEEEEE;
}

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
			     (c & 255) / 255.0);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* text centred on (x, y): pango shapes Arabic. */
static void text_c(cairo_t *cr, const char *text, const char *font, double x, double y)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, text, -1);
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	cairo_move_to(cr, x - (double)w / PANGO_SCALE / 2, y - (double)h / PANGO_SCALE / 2);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

cf_err stand_pdf(const stand_plan *pl, const char *const *cat_names, const char *title, buf *out)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	double top = MARGIN + 50, avail_h = PAGE_H - top - 110;
	double k = (PAGE_W - 2 * MARGIN) / (pl->width > 0 ? pl->width : 1);
	if (pl->depth * k > avail_h)
		k = avail_h / (pl->depth > 0 ? pl->depth : 1);
	double ox = (PAGE_W - pl->width * k) / 2, oy = top;
	rgb(cr, 0x222222);
	text_c(cr, title, "Noto Sans Bold 18", PAGE_W / 2, MARGIN + 16);
	for (size_t i = 0; i < pl->nzones; i++) {
		const stand_zone_row *z = &pl->zones[i];
		rgb(cr, stand_zone_tint(z->kind));
		cairo_rectangle(cr, ox + z->x * k, oy + z->y * k, z->w * k, z->h * k);
		cairo_fill(cr);
		rgb(cr, 0x555555);
		char name[256];
		snprintf(name, sizeof name, "%s · %s", z->name_ar, z->name_fr);
		/* hub names along its top edge, the others in their middle */
		double ty = !strcmp(z->kind, "exhibitors_hub") ? z->y + 1 : z->y + z->h / 2;
		text_c(cr, name, "Noto Sans 11", ox + (z->x + z->w / 2) * k, oy + ty * k);
	}
	rgb(cr, 0x222222);
	cairo_set_line_width(cr, 2);
	if (pl->noutline) {
		for (size_t i = 0; i < pl->noutline; i++)
			cairo_line_to(cr, ox + pl->outline[2 * i] * k,
				      oy + pl->outline[2 * i + 1] * k);
		cairo_close_path(cr);
	} else {
		cairo_rectangle(cr, ox, oy, pl->width * k, pl->depth * k);
	}
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.8);
	for (size_t i = 0; i < pl->nstands; i++) {
		const stand_row *s = &pl->stands[i];
		int cat = -1;
		for (size_t j = 0; j < pl->nex; j++)
			if (pl->ex[j].who.stand == (int)i)
				cat = pl->ex[j].category;
		rgb(cr, cat >= 0 ? stand_colour(cat) : 0xFFFFFF);
		cairo_rectangle(cr, ox + s->site.x * k, oy + s->site.y * k, s->site.w * k,
				s->site.h * k);
		cairo_fill_preserve(cr);
		rgb(cr, 0x222222);
		cairo_stroke(cr);
		text_c(cr, s->code, "Noto Sans Bold 10", ox + (s->site.x + s->site.w / 2) * k,
		       oy + (s->site.y + s->site.h / 2) * k);
	}
	for (size_t i = 0; i < pl->nentrances; i++) {
		const stand_entrance_row *en = &pl->entrances[i];
		rgb(cr, 0xC0392B);
		cairo_set_line_width(cr, 6);
		cairo_move_to(cr, ox + en->x * k, oy + en->y * k);
		cairo_line_to(cr, ox + (en->vertical ? en->x : en->x + en->w) * k,
			      oy + (en->vertical ? en->y + en->w : en->y) * k);
		cairo_stroke(cr);
		char name[256];
		snprintf(name, sizeof name, "%s · %s", en->name_ar, en->name_fr);
		double mx, my;
		stand_door_middle(en, &mx, &my);
		/* beside the door, inside the hall for a door down a side wall */
		double dx = !en->vertical ? 0 : en->x < pl->width / 2 ? 40 : -40;
		double dy = en->vertical ? 0 : en->y <= 0 ? -10 : 12;
		text_c(cr, name, "Noto Sans Bold 10", ox + mx * k + dx, oy + my * k + dy);
	}
	/* legend and a 5 m scale bar under the plan */
	double ly = oy + pl->depth * k + 40, lx = ox;
	for (int c = 0; c < pl->ncat; c++) {
		rgb(cr, stand_colour(c));
		cairo_rectangle(cr, lx, ly - 7, 14, 14);
		cairo_fill(cr);
		rgb(cr, 0x222222);
		PangoLayout *lay = pango_cairo_create_layout(cr);
		PangoFontDescription *fd = pango_font_description_from_string("Noto Sans 11");
		pango_layout_set_font_description(lay, fd);
		pango_layout_set_text(lay, cat_names[c], -1);
		int w, h;
		pango_layout_get_size(lay, &w, &h);
		cairo_move_to(cr, lx + 20, ly - (double)h / PANGO_SCALE / 2);
		pango_cairo_show_layout(cr, lay);
		lx += 40 + (double)w / PANGO_SCALE;
		pango_font_description_free(fd);
		g_object_unref(lay);
	}
	cairo_set_line_width(cr, 3);
	double sx = PAGE_W - MARGIN - 5 * k;
	cairo_move_to(cr, sx, ly);
	cairo_line_to(cr, sx + 5 * k, ly);
	cairo_stroke(cr);
	text_c(cr, "5 m", "Noto Sans 10", sx + 2.5 * k, ly + 12);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
