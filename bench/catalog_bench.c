/*
 * catalog_bench.c - the catalogue PDF's figures (issue 18), for `make bench`:
 * the time to draw the catalogue of 300 exhibitors (A4 and A5), each with
 * a product photo as large as an upload can be (PHOTO_SIDE_MAX, scaled
 * down for print by catalog_pdf), and a public contact; beside it, as the
 * reference measured in the same run on the same machine, the time to draw
 * 300 badges on A4 sheets (badge_pdf: the gate's PDF, same cairo + pango
 * and QR code). Printed: CPU seconds (median of the runs), pages, size,
 * and the ratio to the reference.
 * Usage: catalog_bench [--quick]   (--quick: one run instead of three)
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/export/badge_pdf.h"
#include "../src/export/catalog_pdf.h"
#include "../src/export/photo.h"
#include "../src/util/xalloc.h"

#define N 300
#define PHOTOS 12

/* CPU time of this process: on a shared machine the wall clock measures
 * the neighbours too; the ratio is what compares. */
static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* a photo of PHOTO_SIDE_MAX x 3/4 of it, as an upload becomes (JPEG) */
static void photo(int k, buf *jpg, int *w, int *h)
{
	int W = PHOTO_SIDE_MAX, H = PHOTO_SIDE_MAX * 3 / 4;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cairo_t *cr = cairo_create(sf);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, 0, W, H);
	cairo_pattern_add_color_stop_rgb(p, 0, 0.9, 0.8 - k * 0.05, 0.6);
	cairo_pattern_add_color_stop_rgb(p, 1, 0.3 + k * 0.05, 0.4, 0.7);
	cairo_set_source(cr, p);
	cairo_paint(cr);
	cairo_pattern_destroy(p);
	for (int i = 0; i < 40; i++) { /* some detail, so JPEG has work */
		cairo_set_source_rgb(cr, (i * 37 % 100) / 100.0, (i * 53 % 100) / 100.0, k / 12.0);
		cairo_arc(cr, (i * 97 + k * 31) % W, (i * 61 + k * 17) % H, 20 + i % 60, 0, 6.283);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	buf png;
	buf_init(&png, 64u << 20);
	cairo_surface_write_to_png_stream(sf, to_buf, &png);
	cairo_surface_destroy(sf);
	if (photo_catalogue((const unsigned char *)png.data, png.len, PHOTO_SIDE_MAX, jpg, w, h)) {
		fprintf(stderr, "catalog_bench: photo failed\n");
		exit(1);
	}
	buf_free(&png);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int pages_of(const buf *pdf)
{
	int n = 0;
	for (size_t i = 0; i + 10 < pdf->len; i++)
		if (!memcmp(pdf->data + i, "/Type /Page", 11) && pdf->data[i + 11] != 's')
			n++;
	return n;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 && !strcmp(argv[1], "--quick") ? 1 : 3;
	static const char *cat_code[3] = { "handicrafts", "terroir", "pastries" };
	static const text3 cat_name[3] = { { { "الصناعة التقليدية", "Artisanat", "Handicrafts" } },
					   { { "المنتوجات المجالية", "Produits du terroir",
					       "Local products" } },
					   { { "الحلويات", "Pâtisserie", "Pastries" } } };
	static const text3 prov[6] = {
		{ { "فاس", "Fès", "Fès" } },	     { { "مكناس", "Meknès", "Meknès" } },
		{ { "تازة", "Taza", "Taza" } },	     { { "صفرو", "Sefrou", "Sefrou" } },
		{ { "إفران", "Ifrane", "Ifrane" } }, { { "بولمان", "Boulemane", "Boulemane" } }
	};
	buf jpg[PHOTOS];
	int pw[PHOTOS], ph[PHOTOS];
	for (int k = 0; k < PHOTOS; k++) {
		buf_init(&jpg[k], 16u << 20);
		photo(k, &jpg[k], &pw[k], &ph[k]);
	}
	catalog_entry *e = xcalloc(N, sizeof *e);
	badge *bd = xcalloc(N, sizeof *bd);
	char(*names)[4][160] = xcalloc(N, sizeof *names);
	for (int i = 0; i < N; i++) {
		int c = i * 3 / N; /* categories in order, as catalog_entries sorts */
		snprintf(names[i][0], 160, "تعاونية رقم %d للنسيج والصناعة التقليدية", i + 1);
		snprintf(names[i][1], 160, "Coopérative n° %d du tissage et de l’artisanat", i + 1);
		snprintf(names[i][2], 160, "A%03d", i / 2 + 1);
		snprintf(names[i][3], 160, "+212 535 %02d %02d %02d", i % 90 + 10, i % 80 + 10,
			 i % 70 + 10);
		catalog_entry *x = &e[i];
		x->row.id = i + 1;
		x->row.name_ar = names[i][0];
		x->row.name_fr = names[i][1];
		x->row.category_code = cat_code[c];
		x->row.category = cat_name[c];
		x->row.province = prov[i % 6];
		x->row.province_code = prov[i % 6].v[LANG_FR];
		x->row.stand = names[i][2];
		x->category_rank = c;
		x->prof.about_ar = "تعاونية نسائية تصنع منتوجات يدوية من مواد محلية.";
		x->prof.about_fr = "Une coopérative de femmes qui fait des produits à la main.";
		x->prof.products_ar = "زرابي، أغطية، وسائد مطرزة، حقائب من الصوف";
		x->prof.products_fr = "Tapis, couvertures, coussins brodés, sacs en laine";
		x->prof.phone = i % 3 ? names[i][3] : "";
		x->prof.whatsapp = i % 2;
		x->prof.email = i % 4 ? "" : "commandes@example.org";
		x->prof.web = "";
		x->photo = jpg[i % PHOTOS].data;
		x->photo_len = jpg[i % PHOTOS].len;
		x->photo_w = pw[i % PHOTOS];
		x->photo_h = ph[i % PHOTOS];
		x->photo_mime = "image/jpeg";
		bd[i] = (badge){ .id = i + 1,
				 .role = "exhibitor",
				 .name_ar = names[i][0],
				 .name_latin = names[i][1],
				 .organisation = names[i][1],
				 .token = "0123456789abcdef0123456789abcdef" };
	}
	catalog_book b = { .name_ar = "معرض التعاونيات المبدعة",
			   .name_fr = "Salon des coopératives créatives",
			   .when = "Fès, 20-24 février 2024",
			   .entries = e,
			   .n = N };
	printf("catalogue PDF, %d exhibitors with a %dx%d photo each (median of %d run%s)\n", N,
	       pw[0], ph[0], runs, runs > 1 ? "s" : "");
	double ref[3], t4[3], t5[3];
	size_t size4 = 0, size5 = 0;
	int pages4 = 0, pages5 = 0;
	for (int r = 0; r < runs; r++) {
		buf out;
		buf_init(&out, 256u << 20);
		double t = now();
		if (badge_pdf(bd, N, "Salon 2024", 1, NULL, NULL, &out))
			return 1;
		ref[r] = now() - t;
		buf_free(&out);
		for (int a5 = 0; a5 < 2; a5++) {
			buf_init(&out, 256u << 20);
			b.a5 = a5;
			t = now();
			if (catalog_pdf(&b, NULL, NULL, &out)) {
				fprintf(stderr, "catalog_bench: catalog_pdf failed\n");
				return 1;
			}
			(a5 ? t5 : t4)[r] = now() - t;
			*(a5 ? &size5 : &size4) = out.len;
			*(a5 ? &pages5 : &pages4) = pages_of(&out);
			buf_free(&out);
		}
	}
	qsort(ref, (size_t)runs, sizeof *ref, cmp);
	qsort(t4, (size_t)runs, sizeof *t4, cmp);
	qsort(t5, (size_t)runs, sizeof *t5, cmp);
	double mr = ref[runs / 2], m4 = t4[runs / 2], m5 = t5[runs / 2];
	printf("  reference: %d badges on A4 sheets (badge_pdf)  %6.2f s CPU\n", N, mr);
	printf("  catalogue A4: %3d pages, %5.1f MB            %6.2f s CPU = %4.1f x the reference\n",
	       pages4, size4 / 1e6, m4, m4 / mr);
	printf("  catalogue A5: %3d pages, %5.1f MB            %6.2f s CPU = %4.1f x the reference\n",
	       pages5, size5 / 1e6, m5, m5 / mr);
	for (int k = 0; k < PHOTOS; k++)
		buf_free(&jpg[k]);
	free(e), free(bd), free(names);
	return 0;
}
