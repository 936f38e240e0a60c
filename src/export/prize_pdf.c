/* prize_pdf.c - see prize_pdf.h. */
#include "prize_pdf.h"
#include "photo.h"
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

/* A logo read once for every page: a cairo surface (PNG decoded, JPEG
 * embedded as is through its mime data). */
typedef struct logo_img {
	cairo_surface_t *sf;
	int w, h;
	buf jpeg; /* keeps the JPEG bytes alive while the surface lives */
} logo_img;

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

static int logo_load(const prize_pdf_edition *ed, int i, logo_img *out)
{
	memset(out, 0, sizeof *out);
	buf_init(&out->jpeg, 4u << 20);
	if (!strcmp(ed->logo[i].type, "image/png")) {
		struct png_reader r = { ed->logo[i].data, ed->logo[i].len };
		out->sf = cairo_image_surface_create_from_png_stream(read_png, &r);
	} else {
		/* re-encoded small and clean (photo.c), then embedded as JPEG */
		if (photo_catalogue(ed->logo[i].data, ed->logo[i].len, 400, &out->jpeg, &out->w,
				    &out->h))
			return 0;
		out->sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, out->w, out->h);
		cairo_surface_set_mime_data(out->sf, CAIRO_MIME_TYPE_JPEG,
					    (const unsigned char *)buf_cstr(&out->jpeg),
					    out->jpeg.len, NULL, NULL);
	}
	if (cairo_surface_status(out->sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(out->sf);
		out->sf = NULL;
		return 0;
	}
	out->w = cairo_image_surface_get_width(out->sf);
	out->h = cairo_image_surface_get_height(out->sf);
	return out->w > 0 && out->h > 0;
}

/* logos_row - the logos side by side, each at most 44 points high, centred
 * on the page at y. */
static void logos_row(cairo_t *cr, logo_img *lg, int n, double y)
{
	double hmax = 44, gap = 18, total = 0, wv[PRIZE_PDF_LOGOS];
	for (int i = 0; i < n; i++) {
		double sc = hmax / lg[i].h;
		if (lg[i].w * sc > 110)
			sc = 110.0 / lg[i].w;
		wv[i] = lg[i].w * sc;
		total += wv[i] + (i ? gap : 0);
	}
	double x = (PAGE_W - total) / 2;
	for (int i = 0; i < n; i++) {
		double sc = wv[i] / lg[i].w;
		cairo_save(cr);
		cairo_translate(cr, x, y + (hmax - lg[i].h * sc) / 2);
		cairo_scale(cr, sc, sc);
		cairo_set_source_surface(cr, lg[i].sf, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		x += wv[i] + gap;
	}
}

static const char *const months_fr[12] = { "janvier",	"février", "mars",     "avril",
					   "mai",	"juin",	   "juillet",  "août",
					   "septembre", "octobre", "novembre", "décembre" };
static const char *const months_ar[12] = {
	"يناير",  "فبراير", "مارس",  "أبريل",  "ماي",	"يونيو",
	"يوليوز", "غشت",    "شتنبر", "أكتوبر", "نونبر", "دجنبر"
};

/* place_dates - "Fès, 20-24 février 2024" in French, and the same in
 * Arabic (Moroccan month names). */
static void place_dates(const prize_pdf_edition *ed, char *ar, size_t nar, char *fr, size_t nfr)
{
	int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
	if (sscanf(ed->from, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 ||
	    sscanf(ed->to, "%4d-%2d-%2d", &y2, &m2, &d2) != 3 || m1 < 1 || m1 > 12 || m2 < 1 ||
	    m2 > 12) {
		snprintf(ar, nar, "%s", ed->city_ar);
		snprintf(fr, nfr, "%s", ed->city_fr);
		return;
	}
	if (m1 == m2 && y1 == y2) {
		snprintf(fr, nfr, "%s, %d–%d %s %d", ed->city_fr, d1, d2, months_fr[m1 - 1], y1);
		snprintf(ar, nar, "%s، من %d إلى %d %s %d", ed->city_ar, d1, d2, months_ar[m1 - 1],
			 y1);
	} else {
		snprintf(fr, nfr, "%s, %d %s – %d %s %d", ed->city_fr, d1, months_fr[m1 - 1], d2,
			 months_fr[m2 - 1], y2);
		snprintf(ar, nar, "%s، من %d %s إلى %d %s %d", ed->city_ar, d1, months_ar[m1 - 1],
			 d2, months_ar[m2 - 1], y2);
	}
}

void prize_pdf_award_line(const prize_award *w, char *ar, size_t nar, char *fr, size_t nfr)
{
	/* Only winners carry a rank: a participation certificate says so and
	 * nothing more. */
	if (w->winner) {
		snprintf(ar, nar, "الجائزة %d", w->rank);
		snprintf(fr, nfr, "%d%s prix", w->rank, w->rank == 1 ? "er" : "e");
	} else {
		snprintf(ar, nar, "شارك في جائزة الإبداع");
		snprintf(fr, nfr, "A participé au prix de la créativité");
	}
}

/* content - the certificate's text from y0 down to the place and dates, in
 * two columns (Arabic right, French left); returns where it ends. */
static double content(cairo_t *cr, const prize_award *w, const prize_pdf_edition *ed, double y0)
{
	double col = (PAGE_W - 2 * MARGIN - 30) / 2;
	double xr = MARGIN + col + 30, xl = MARGIN; /* Arabic on the right, French on the left */
	char ar[512], fr[512];
	double yr = y0, yl = y0;
	cairo_set_source_rgb(cr, 0.05, 0.40, 0.27);
	yr += text_at(cr, "شهادة", "Noto Naskh Arabic Bold 30", xr, yr, col, 1) + 6;
	yl += text_at(cr, "Certificat", "Noto Serif Bold 28", xl, yl, col, 0) + 10;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	yr += text_at(cr, "جائزة الإبداع", "Noto Naskh Arabic 18", xr, yr, col, 1) + 4;
	yl += text_at(cr, "Prix de la créativité", "Noto Serif 17", xl, yl, col, 0) + 6;
	yr += text_at(cr, w->edition.v[LANG_AR], "Noto Naskh Arabic 12", xr, yr, col, 1) + 10;
	yl += text_at(cr, w->edition.v[LANG_FR], "Noto Serif 11", xl, yl, col, 0) + 10;
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
	prize_pdf_award_line(w, ar, sizeof ar, fr, sizeof fr);
	cairo_set_source_rgb(cr, w->winner ? 0.55 : 0.1, w->winner ? 0.27 : 0.1,
			     w->winner ? 0.07 : 0.1);
	yr += text_at(cr, ar, "Noto Naskh Arabic Bold 16", xr, yr, col, 1) + 4;
	yl += text_at(cr, fr, "Noto Serif Bold 15", xl, yl, col, 0) + 6;
	/* Place and dates. */
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	place_dates(ed, ar, sizeof ar, fr, sizeof fr);
	yr += text_at(cr, ar, "Noto Naskh Arabic 12", xr, yr, col, 1);
	yl += text_at(cr, fr, "Noto Serif 11", xl, yl, col, 0);
	return yr > yl ? yr : yl;
}

/* page - one certificate. Names come from people: the text rule
 * (util/text.h) first, so no bidi control of theirs reorders the page. */
static void page(cairo_t *cr, const prize_award *award, const prize_pdf_edition *ed, logo_img *lg,
		 int nlg, const char *verify_base)
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
	/* the organiser's and partners' logos head the page */
	if (nlg)
		logos_row(cr, lg, nlg, 40);
	/* Who signs, measured first: a long title (the demo's chair is three
	 * lines) moves the signature space up, so that it never runs into the
	 * verification code under it. */
	snprintf(ar, sizeof ar, "رئاسة اللجنة المنظمة%s%s", *ed->chair_ar ? "\n" : "",
		 ed->chair_ar);
	snprintf(fr, sizeof fr, "Pour le comité d'organisation%s%s", *ed->chair_fr ? "\n" : "",
		 ed->chair_fr);
	cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *rc = cairo_create(rec);
	double hs_ar = text_at(rc, ar, "Noto Naskh Arabic 10", xr, 0, col, 1);
	double hs_fr = text_at(rc, fr, "Noto Serif 9", xl, 0, col, 0);
	double hs = hs_ar > hs_fr ? hs_ar : hs_fr;
	double code_y = PAGE_H - 110;
	double ys = code_y - 6 - hs - 44;
	if (ys > PAGE_H - 178)
		ys = PAGE_H - 178;
	/* The text, measured first on a recording surface: long names shrink
	 * it (evenly, towards the centre) so that it ends above the signature
	 * space. */
	double y0 = nlg ? 92 : 60, limit = ys + 30;
	double end = content(rc, w, ed, y0);
	cairo_destroy(rc);
	cairo_surface_destroy(rec);
	double f = end > limit ? (limit - y0) / (end - y0) : 1;
	cairo_save(cr);
	cairo_translate(cr, PAGE_W / 2 * (1 - f), y0 * (1 - f));
	cairo_scale(cr, f, f);
	(void)content(cr, w, ed, y0);
	cairo_restore(cr);
	/* The signature space: a line per language, who signs under it, below
	 * the longer column. */
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, xr + col / 4, ys + 40);
	cairo_line_to(cr, xr + 3 * col / 4, ys + 40);
	cairo_move_to(cr, xl + col / 4, ys + 40);
	cairo_line_to(cr, xl + 3 * col / 4, ys + 40);
	cairo_stroke(cr);
	text_at(cr, ar, "Noto Naskh Arabic 10", xr, ys + 44, col, 1);
	text_at(cr, fr, "Noto Serif 9", xl, ys + 44, col, 0);
	/* The verification code: each language in its column, the address and
	 * the log's head under both. */
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	snprintf(ar, sizeof ar, "رمز التحقق: \u2066%s\u2069", w->code);
	snprintf(fr, sizeof fr, "Code de vérification : %s", w->code);
	text_at(cr, ar, "Noto Naskh Arabic 11", xr, code_y, col, 1);
	text_at(cr, fr, "Noto Sans 10", xl, code_y + 2, col, 0);
	char url[512];
	snprintf(url, sizeof url, "%s/prize/verify?code=%s", verify_base, w->code);
	text_at(cr, url, "Noto Sans Mono 9", MARGIN, PAGE_H - 90, PAGE_W - 2 * MARGIN, 0);
	if (w->head && *w->head) {
		snprintf(url, sizeof url,
			 "Empreinte du journal du prix — \u2067بصمة سجل الجائزة\u2069 : %s",
			 w->head);
		text_at(cr, url, "Noto Sans Mono 7", MARGIN, PAGE_H - 77, PAGE_W - 2 * MARGIN, 0);
	}
	if (w->is_sample)
		text_at(cr, "معطيات توضيحية (مثال) · données fictives (exemple)",
			"Noto Sans Bold 10", MARGIN, PAGE_H - 63, PAGE_W - 2 * MARGIN, 0);
	cairo_show_page(cr);
	arena_free(a);
}

cf_err prize_pdf(const prize_award *awards, size_t n, const prize_pdf_edition *ed,
		 const char *verify_base, buf *out)
{
	logo_img lg[PRIZE_PDF_LOGOS];
	int nlg = 0;
	for (int i = 0; i < ed->nlogos && i < PRIZE_PDF_LOGOS; i++)
		if (logo_load(ed, i, &lg[nlg]))
			nlg++;
		else
			buf_free(&lg[nlg].jpeg);
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				       "Prix de la créativité — جائزة الإبداع");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "coopfair");
	cairo_t *cr = cairo_create(sf);
	for (size_t i = 0; i < n; i++)
		page(cr, &awards[i], ed, lg, nlg, verify_base);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	for (int i = 0; i < nlg; i++) {
		cairo_surface_destroy(lg[i].sf);
		buf_free(&lg[i].jpeg);
	}
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (out->overflow)
		return CF_ERR_TOOBIG;
	return st == CAIRO_STATUS_SUCCESS ? CF_OK : CF_ERR_IO;
}
