/* badge_pdf.c - see badge_pdf.h. */
#include "badge_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#define BADGE_W 252.0 /* 89 x 63.5 mm */
#define BADGE_H 180.0
#define A4_W 595.0
#define A4_H 842.0
#define COLS 2
#define ROWS 4

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void text(cairo_t *cr, const char *s, const char *font, double x, double y, double w,
		 int rtl)
{
	if (!s || !*s)
		return;
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_auto_dir(lay, FALSE);
	pango_context_set_base_dir(pango_layout_get_context(lay),
				   rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(lay);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	pango_layout_set_text(lay, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

static void band_colour(cairo_t *cr, const char *role)
{
	static const struct {
		const char *role;
		double r, g, b;
	} C[] = { { "visitor", 0.05, 0.40, 0.27 }, { "exhibitor", 0.10, 0.30, 0.65 },
		  { "jury", 0.55, 0.15, 0.50 },	   { "official", 0.70, 0.10, 0.10 },
		  { "press", 0.85, 0.45, 0.05 },   { "staff", 0.25, 0.25, 0.25 } };
	for (size_t i = 0; i < sizeof C / sizeof *C; i++)
		if (!strcmp(role, C[i].role)) {
			cairo_set_source_rgb(cr, C[i].r, C[i].g, C[i].b);
			return;
		}
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static const char *role_text(const char *role)
{
	if (!strcmp(role, "visitor"))
		return "زائر · Visiteur";
	if (!strcmp(role, "exhibitor"))
		return "عارض · Exposant";
	if (!strcmp(role, "jury"))
		return "لجنة التحكيم · Jury";
	if (!strcmp(role, "official"))
		return "رسمي · Officiel";
	if (!strcmp(role, "press"))
		return "صحافة · Presse";
	return "منظم · Organisation";
}

int badge_qr(cairo_t *cr, const char *text, double x, double y, double side)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return 0;
	double m = side / q->width;
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(cr, x + c * m, y + r * m, m, m);
	cairo_fill(cr);
	QRcode_free(q);
	return 1;
}

/* one badge with its top-left corner at (x, y) */
static void draw(cairo_t *cr, const badge *b, const char *edition, double x, double y)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, BADGE_W, BADGE_H);
	cairo_fill(cr);
	band_colour(cr, b->role);
	cairo_rectangle(cr, x, y, BADGE_W, 26);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	text(cr, role_text(b->role), "Noto Sans Bold 11", x + 6, y + 5, BADGE_W - 12, 1);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double tw = BADGE_W - 100; /* text column left of the QR code */
	text(cr, b->name_ar, "Noto Naskh Arabic Bold 13", x + 6, y + 32, tw - 6, 1);
	text(cr, b->name_latin, "Noto Sans Bold 11", x + 6, y + 56, tw - 6, 0);
	text(cr, b->organisation, "Noto Sans 8", x + 6, y + 76, tw - 6, 0);
	text(cr, edition, "Noto Naskh Arabic 7", x + 6, y + 120, tw - 6, 1);
	if (b->is_sample)
		text(cr, "نموذج · EXEMPLE", "Noto Sans Bold 8", x + 6, y + 150, tw - 6, 0);
	badge_qr(cr, b->token, x + BADGE_W - 84 - 8, y + 34, 84);
	text(cr, b->token, "Noto Sans Mono 5.5", x + BADGE_W - 100, y + 124, 96, 0);
	cairo_restore(cr);
}

static void crop_marks(cairo_t *cr, double x, double y)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.3);
	double xs[2] = { x, x + BADGE_W }, ys[2] = { y, y + BADGE_H };
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double dx = i ? 1 : -1, dy = j ? 1 : -1;
			cairo_move_to(cr, xs[i] + dx * 3, ys[j]);
			cairo_line_to(cr, xs[i] + dx * 12, ys[j]);
			cairo_move_to(cr, xs[i], ys[j] + dy * 3);
			cairo_line_to(cr, xs[i], ys[j] + dy * 12);
		}
	cairo_stroke(cr);
}

cf_err badge_pdf(const badge *v, size_t n, const char *edition, int sheet,
		 void (*progress)(size_t done, size_t total, void *arg), void *arg, buf *out)
{
	double pw = sheet ? A4_W : BADGE_W, ph = sheet ? A4_H : BADGE_H;
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, pw, ph);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, "Badges — الشارات");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	/* a sheet: 2 x 4 badges, 24 pt apart, centred */
	double gap = 24, mx = (A4_W - COLS * BADGE_W - (COLS - 1) * gap) / 2,
	       my = (A4_H - ROWS * BADGE_H - (ROWS - 1) * gap) / 2;
	for (size_t i = 0; i < n; i++) {
		if (!sheet) {
			draw(cr, &v[i], edition, 0, 0);
			cairo_show_page(cr);
		} else {
			size_t k = i % (COLS * ROWS);
			double x = mx + (double)(k % COLS) * (BADGE_W + gap),
			       y = my + (double)(k / COLS) * (BADGE_H + gap);
			draw(cr, &v[i], edition, x, y);
			crop_marks(cr, x, y);
			if (k == COLS * ROWS - 1 || i == n - 1)
				cairo_show_page(cr);
		}
		if (progress)
			progress(i + 1, n, arg);
	}
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
