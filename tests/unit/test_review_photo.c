/* test_review_photo.c - review fixes in photo decoding: a progressive JPEG
 * whose header announces many pixels is refused before libjpeg allocates
 * its whole-image coefficient buffer (2 bytes per sample, zeroed: about
 * 216 MB for 6000 x 6000, 864 MB at the 12000-pixel side cap), however
 * small the upload. */
#include "unit.h"

#include <stdio.h> /* before jpeglib.h */

#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/export/photo.h"

/* jpeg_of - a w x h grey-ish RGB JPEG in memory (malloc'd), progressive or not. */
static unsigned char *jpeg_of(int w, int h, int progressive, size_t *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	unsigned char *m = NULL;
	unsigned long size = 0;
	jpeg_mem_dest(&c, &m, &size);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = malloc((size_t)w * 3);
	memset(row, 0x80, (size_t)w * 3);
	while (c.next_scanline < c.image_height) {
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	*len = size;
	return m;
}

/* set_sof_size - rewrite the frame header's height and width in place. */
static void set_sof_size(unsigned char *p, size_t len, unsigned w, unsigned h)
{
	for (size_t i = 2; i + 9 < len;) {
		assert_int_equal(p[i], 0xff);
		unsigned m = p[i + 1];
		if (m == 0xc0 || m == 0xc1 || m == 0xc2) {
			p[i + 5] = (unsigned char)(h >> 8), p[i + 6] = (unsigned char)h;
			p[i + 7] = (unsigned char)(w >> 8), p[i + 8] = (unsigned char)w;
			return;
		}
		i += 2 + ((size_t)p[i + 2] << 8 | p[i + 3]);
	}
	fail_msg("no frame header");
}

static void huge_progressive_jpeg_is_refused(void **st)
{
	(void)st;
	size_t len;
	unsigned char *jpg = jpeg_of(16, 16, 1, &len);
	set_sof_size(jpg, len, 6000, 6000); /* a few hundred bytes announcing 36 megapixels */
	buf out;
	buf_init(&out, 4u << 20);
	int w, h;
	assert_int_equal(photo_catalogue(jpg, len, PHOTO_SIDE_MAX, &out, &w, &h), CF_ERR_TOOBIG);
	buf_free(&out);
	free(jpg);
}

static void ordinary_progressive_and_large_baseline_jpegs_pass(void **st)
{
	(void)st;
	size_t len;
	unsigned char *jpg = jpeg_of(1600, 1200, 1, &len);
	buf out;
	buf_init(&out, 4u << 20);
	int w, h;
	assert_int_equal(photo_catalogue(jpg, len, PHOTO_SIDE_MAX, &out, &w, &h), CF_OK);
	assert_int_equal(w, 1200);
	assert_int_equal(h, 900);
	free(jpg);
	/* baseline: decoded a row band at a time at 1/8 scale, no whole-image buffer */
	jpg = jpeg_of(16, 16, 0, &len);
	set_sof_size(jpg, len, 6000, 6000);
	buf_reset(&out);
	cf_err e = photo_catalogue(jpg, len, PHOTO_SIDE_MAX, &out, &w, &h);
	assert_int_not_equal(e, CF_ERR_TOOBIG);
	buf_free(&out);
	free(jpg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(huge_progressive_jpeg_is_refused),
		cmocka_unit_test(ordinary_progressive_and_large_baseline_jpegs_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
