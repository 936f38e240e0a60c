/*
 * demo_catalog.c - the demo edition's catalogue profiles (issue 18): every
 * sample exhibitor gets a short sample presentation, a sample public
 * contact (a phone for orders on two in three, a WhatsApp link on half of
 * those, an email on one in four, a web page on one in five: never the
 * private contact of the registry) and one product photo (the first ten
 * two), uploaded with its accepted application and chosen for its profile.
 * The photos are pictures drawn here with cairo, labelled as examples in
 * Arabic and French, then re-encoded like every uploaded photo
 * (photo_catalogue). Deterministic: the same drawing for the same row.
 */
#include "../export/photo.h"
#include "demo.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PHOTO_W 400
#define PHOTO_H 300
#define ROWS_MAX 400

static const char SQL_ROWS[] =
	"SELECT x.cooperative_id, a.id, k.code FROM exhibitor x "
	"JOIN application a ON a.edition_id = x.edition_id AND a.cooperative_id = x.cooperative_id "
	"JOIN category k ON k.id = x.category_id "
	"WHERE x.edition_id = ? ORDER BY x.id";
static const char SQL_PHOTO[] = "INSERT INTO application_photo (application_id, mime, width, "
				"height, data) VALUES (?, 'image/jpeg', ?, ?, ?)";
static const char SQL_CHOSEN[] = "INSERT INTO catalog_photo (cooperative_id, photo_id, position) "
				 "VALUES (?, ?, ?)";
static const char SQL_PROFILE[] =
	"INSERT INTO catalog_profile (cooperative_id, about_ar, about_fr, phone, phone_public, "
	"whatsapp, email, email_public, web, web_public, is_sample, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '2024-02-10T10:00:00Z')";

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void label(cairo_t *cr, const char *s, const char *font, double y)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (PHOTO_W - 20) * PANGO_SCALE);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	pango_layout_set_text(lay, s, -1);
	cairo_move_to(cr, 10, y);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

/* A sample product picture: a coloured table top, the product as a simple
 * shape (a jar for food, a vase for handicrafts, a cake for pastries),
 * and a band that says it is a sample. n varies colours and shape. */
static cf_err draw(const char *category, int n, buf *png)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PHOTO_W, PHOTO_H);
	cairo_t *cr = cairo_create(sf);
	double hue = (double)(n * 37 % 100) / 100.0;
	cairo_pattern_t *bg = cairo_pattern_create_linear(0, 0, 0, PHOTO_H);
	cairo_pattern_add_color_stop_rgb(bg, 0, 0.93, 0.90 - hue * 0.2, 0.80);
	cairo_pattern_add_color_stop_rgb(bg, 1, 0.75 - hue * 0.3, 0.60, 0.45 + hue * 0.3);
	cairo_set_source(cr, bg);
	cairo_paint(cr);
	cairo_pattern_destroy(bg);
	cairo_set_source_rgb(cr, 0.45, 0.30, 0.18); /* table */
	cairo_rectangle(cr, 0, 210, PHOTO_W, 90);
	cairo_fill(cr);
	double r = 0.3 + hue * 0.6, g = 0.5 - hue * 0.3, b = 0.2 + (n % 3) * 0.2;
	cairo_set_source_rgb(cr, r, g, b);
	if (!strcmp(category, "terroir")) { /* a jar with its lid */
		cairo_rectangle(cr, 150, 100, 100, 120);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.8, 0.7, 0.2);
		cairo_rectangle(cr, 145, 85, 110, 20);
	} else if (!strcmp(category, "pastries")) { /* a round cake */
		cairo_scale(cr, 1, 0.45);
		cairo_arc(cr, 200, 430, 110, 0, 2 * 3.14159265);
		cairo_fill(cr);
		cairo_identity_matrix(cr);
		cairo_set_source_rgb(cr, 0.95, 0.9, 0.8);
		cairo_rectangle(cr, 90, 160, 220, 34);
	} else { /* a vase */
		cairo_move_to(cr, 170, 90);
		cairo_curve_to(cr, 100, 150, 130, 220, 160, 220);
		cairo_line_to(cr, 240, 220);
		cairo_curve_to(cr, 270, 220, 300, 150, 230, 90);
		cairo_close_path(cr);
	}
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.55); /* the band */
	cairo_rectangle(cr, 0, 0, PHOTO_W, 62);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	label(cr, "صورة توضيحية (مثال)", "Noto Naskh Arabic Bold 16", 2);
	label(cr, "PHOTO D’EXEMPLE · SAMPLE PHOTO", "Noto Sans Bold 11", 36);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	cairo_status_t st = cairo_surface_write_to_png_stream(sf, to_buf, png);
	cairo_surface_destroy(sf);
	return st == CAIRO_STATUS_SUCCESS && !png->overflow ? CF_OK : CF_ERR_IO;
}

static cf_err add_photo(db *d, int64_t app, int64_t coop, const char *category, int n, int position)
{
	buf png, jpg;
	buf_init(&png, 4u << 20);
	buf_init(&jpg, 4u << 20);
	int w = 0, h = 0;
	cf_err e = draw(category, n, &png);
	if (!e)
		e = photo_catalogue((const unsigned char *)png.data, png.len, PHOTO_SIDE_MAX, &jpg,
				    &w, &h);
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_PHOTO);
		db_bind_int(s, 1, app);
		db_bind_int(s, 2, w);
		db_bind_int(s, 3, h);
		db_bind_blob(s, 4, jpg.data, jpg.len);
		e = db_run(s);
	}
	if (!e) {
		db_stmt *s = db_prepare(d, SQL_CHOSEN);
		db_bind_int(s, 1, coop);
		db_bind_int(s, 2, db_last_id(d));
		db_bind_int(s, 3, position);
		e = db_run(s);
	}
	buf_free(&png);
	buf_free(&jpg);
	return e;
}

cf_err demo_catalog(db *d, int64_t edition_id)
{
	static struct {
		int64_t coop, app;
		char category[32];
	} rows[ROWS_MAX];
	int n = 0, rc;
	db_stmt *s = db_prepare(d, SQL_ROWS);
	db_bind_int(s, 1, edition_id);
	while ((rc = db_step(s)) == DB_ROW && n < ROWS_MAX) {
		rows[n].coop = db_col_int(s, 0);
		rows[n].app = db_col_int(s, 1);
		snprintf(rows[n].category, sizeof rows[n].category, "%s", db_col_text(s, 2));
		n++;
	}
	db_done(s);
	if (rc == DB_ERR)
		return CF_ERR_DB;
	cf_err e = CF_OK;
	for (int i = 0; i < n && !e; i++) {
		char phone[32], email[64], web[64];
		snprintf(phone, sizeof phone, "+212 535 %02d %02d %02d", 10 + i % 80, 20 + i % 70,
			 30 + i % 60);
		snprintf(email, sizeof email, "commandes.coop%02d@example.org", i + 1);
		snprintf(web, sizeof web, "https://example.org/cooperative-%02d", i + 1);
		s = db_prepare(d, SQL_PROFILE);
		db_bind_int(s, 1, rows[i].coop);
		db_bind_text(
			s, 2,
			"(مثال) تعاونية من جهة فاس مكناس، منتوجاتها مصنوعة يدويا من مواد محلية.");
		db_bind_text(
			s, 3,
			"(exemple) Une coopérative de la région Fès-Meknès ; ses produits sont "
			"faits à la main avec des matières locales.");
		db_bind_text(s, 4, phone);
		db_bind_int(s, 5, i % 3 != 2);
		db_bind_int(s, 6, i % 3 != 2 && i % 2 == 0);
		db_bind_text(s, 7, email);
		db_bind_int(s, 8, i % 4 == 0);
		db_bind_text(s, 9, web);
		db_bind_int(s, 10, i % 5 == 0);
		e = db_run(s);
		if (!e)
			e = add_photo(d, rows[i].app, rows[i].coop, rows[i].category, i, 0);
		if (!e && i < 10)
			e = add_photo(d, rows[i].app, rows[i].coop, rows[i].category, i + 50, 1);
	}
	return e;
}
