/* test_registry_photo.c - photos made fit for the catalogue: scaled down,
 * turned upright from the EXIF orientation, re-encoded as JPEG (metadata
 * gone), and junk or oversized pictures refused. */
#include "unit.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/export/photo.h"
#include "../../src/model/registry_app.h"

/* png_of - a w x h RGB PNG in memory (malloc'd). */
static unsigned char *png_of(int w, int h, size_t *len)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGB;
	unsigned char *pix = malloc((size_t)w * (size_t)h * 3);
	for (int i = 0; i < w * h * 3; i++)
		pix[i] = (unsigned char)(i * 7);
	png_alloc_size_t size = 0;
	png_image_write_to_memory(&img, NULL, &size, 0, pix, 0, NULL);
	unsigned char *out = malloc(size);
	assert_true(png_image_write_to_memory(&img, out, &size, 0, pix, 0, NULL));
	free(pix);
	*len = size;
	return out;
}

static void large_png_becomes_a_small_jpeg(void **st)
{
	(void)st;
	size_t len;
	unsigned char *png = png_of(2400, 1000, &len);
	buf out;
	buf_init(&out, 4u << 20);
	int w, h, tw, th;
	assert_int_equal(photo_catalogue(png, len, PHOTO_SIDE_MAX, &out, &w, &h), CF_OK);
	assert_int_equal(w, 1200);
	assert_int_equal(h, 500);
	assert_string_equal(app_photo_type((unsigned char *)out.data, out.len, &tw, &th),
			    "image/jpeg");
	assert_int_equal(tw, 1200);
	assert_int_equal(th, 500);
	buf_free(&out);
	free(png);
}

static void small_picture_is_not_enlarged(void **st)
{
	(void)st;
	size_t len;
	unsigned char *png = png_of(3, 2, &len);
	buf out;
	buf_init(&out, 1u << 20);
	int w, h;
	assert_int_equal(photo_catalogue(png, len, PHOTO_SIDE_MAX, &out, &w, &h), CF_OK);
	assert_int_equal(w, 3);
	assert_int_equal(h, 2);
	buf_free(&out);
	free(png);
}

static void exif_orientation_turns_it_upright_and_exif_is_dropped(void **st)
{
	(void)st;
	size_t len;
	unsigned char *png = png_of(300, 100, &len);
	buf jpg;
	buf_init(&jpg, 1u << 20);
	int w, h;
	assert_int_equal(photo_catalogue(png, len, PHOTO_SIDE_MAX, &jpg, &w, &h), CF_OK);
	/* insert an APP1 EXIF segment: Orientation = 6 (turn 90 degrees clockwise) */
	static const unsigned char app1[] = { 0xff, 0xe1, 0x00, 0x22, 'E',  'x', 'i', 'f', 0,
					      0,    'M',  'M',	0,    0x2a, 0,	 0,   0,   8,
					      0,    1,	  0x01, 0x12, 0,    3,	 0,   0,   0,
					      1,    0,	  6,	0,    0,    0,	 0,   0,   0 };
	size_t n = jpg.len + sizeof app1;
	unsigned char *with = malloc(n);
	memcpy(with, jpg.data, 2);
	memcpy(with + 2, app1, sizeof app1);
	memcpy(with + 2 + sizeof app1, jpg.data + 2, jpg.len - 2);
	buf out;
	buf_init(&out, 1u << 20);
	assert_int_equal(photo_catalogue(with, n, PHOTO_SIDE_MAX, &out, &w, &h), CF_OK);
	assert_int_equal(w, 100);
	assert_int_equal(h, 300);
	for (size_t i = 0; i + 4 <= out.len; i++)
		assert_false(!memcmp(out.data + i, "Exif", 4));
	buf_free(&out);
	buf_free(&jpg);
	free(with);
	free(png);
}

static void junk_and_bombs_are_refused(void **st)
{
	(void)st;
	buf out;
	buf_init(&out, 1u << 20);
	int w, h;
	assert_int_equal(
		photo_catalogue((const unsigned char *)"GIF89a", 6, PHOTO_SIDE_MAX, &out, &w, &h),
		CF_ERR_INVALID);
	assert_int_equal(photo_catalogue((const unsigned char *)"\xff\xd8\xff\xe0garbage", 11,
					 PHOTO_SIDE_MAX, &out, &w, &h),
			 CF_ERR_INVALID);
	size_t len;
	unsigned char *png = png_of(4001, 1, &len); /* wider than a PNG may be */
	assert_int_equal(photo_catalogue(png, len, PHOTO_SIDE_MAX, &out, &w, &h), CF_ERR_TOOBIG);
	free(png);
	png = png_of(10, 10, &len);
	assert_int_not_equal(photo_catalogue(png, len / 2, PHOTO_SIDE_MAX, &out, &w, &h),
			     CF_OK); /* truncated */
	free(png);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(large_png_becomes_a_small_jpeg),
		cmocka_unit_test(small_picture_is_not_enlarged),
		cmocka_unit_test(exif_orientation_turns_it_upright_and_exif_is_dropped),
		cmocka_unit_test(junk_and_bombs_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
