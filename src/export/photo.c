/* photo.c - see photo.h. libjpeg (turbo) and libpng's simplified API. */
#include "photo.h"
#include "../util/xalloc.h"

#include <stdio.h> /* before jpeglib.h, which needs FILE */

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void on_jpeg_error(j_common_ptr c)
{
	longjmp(((struct jerr *)c->err)->jump, 1);
}

static void on_jpeg_message(j_common_ptr c)
{
	(void)c; /* warnings about a damaged file are not worth a log line each */
}

/* exif_orientation - the EXIF Orientation (1..8) in an APP1 marker, 1 if none. */
static int exif_orientation(const unsigned char *p, unsigned len)
{
	if (len < 14 || memcmp(p, "Exif\0\0", 6))
		return 1;
	p += 6, len -= 6;
	int le = p[0] == 'I';
	if (!(le ? p[0] == 'I' && p[1] == 'I' : p[0] == 'M' && p[1] == 'M'))
		return 1;
#define U16(q) \
	(le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : (unsigned)(q)[0] << 8 | (unsigned)(q)[1])
#define U32(q)                                                                          \
	(le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 | (uint32_t)(q)[2] << 16 |       \
			 (uint32_t)(q)[3] << 24                                         \
	    : (uint32_t)(q)[0] << 24 | (uint32_t)(q)[1] << 16 | (uint32_t)(q)[2] << 8 | \
			 (uint32_t)(q)[3])
	uint32_t ifd = U32(p + 4);
	if (ifd > len - 2)
		return 1;
	unsigned n = U16(p + ifd);
	for (unsigned i = 0; i < n && i < 200; i++) {
		uint32_t e = ifd + 2 + 12 * i;
		if (e + 12 > len)
			break;
		if (U16(p + e) == 0x0112) {
			unsigned v = U16(p + e + 8);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
#undef U16
#undef U32
}

/* decode_jpeg - RGB pixels (malloc'd) at a reduced scale that keeps the
 * longest side at least max_side when the picture has it. */
static unsigned char *decode_jpeg(const unsigned char *data, size_t len, int max_side, int *w,
				  int *h, int *orient, cf_err *e)
{
	struct jpeg_decompress_struct c;
	struct jerr jerr;
	unsigned char *volatile pix = NULL;
	c.err = jpeg_std_error(&jerr.pub);
	jerr.pub.error_exit = on_jpeg_error;
	jerr.pub.output_message = on_jpeg_message;
	*e = CF_ERR_INVALID;
	if (setjmp(jerr.jump)) {
		jpeg_destroy_decompress(&c);
		free(pix);
		return NULL;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, data, (unsigned long)len);
	jpeg_save_markers(&c, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(&c, TRUE);
	*orient = 1;
	for (jpeg_saved_marker_ptr m = c.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1)
			*orient = exif_orientation(m->data, m->data_length);
	/* A progressive (or multi-scan) JPEG is decoded through a whole-image
	 * buffer of DCT coefficients, 2 bytes per sample whatever the output
	 * scale: 12000 x 12000 would zero ~864 MB from a small upload. */
	int whole_image = jpeg_has_multiple_scans(&c);
	if (c.image_width > PHOTO_SOURCE_SIDE_MAX || c.image_height > PHOTO_SOURCE_SIDE_MAX ||
	    (whole_image &&
	     (uint64_t)c.image_width * c.image_height > PHOTO_MULTISCAN_PIXELS_MAX)) {
		jpeg_destroy_decompress(&c);
		*e = CF_ERR_TOOBIG;
		return NULL;
	}
	unsigned longest = c.image_width > c.image_height ? c.image_width : c.image_height;
	c.scale_num = 1;
	c.scale_denom = 1;
	while (c.scale_denom < 8 && longest / (c.scale_denom * 2) >= (unsigned)max_side)
		c.scale_denom *= 2;
	c.out_color_space = JCS_RGB;
	jpeg_start_decompress(&c);
	*w = (int)c.output_width;
	*h = (int)c.output_height;
	pix = xmalloc((size_t)*w * (size_t)*h * 3);
	while (c.output_scanline < c.output_height) {
		JSAMPROW row = pix + (size_t)c.output_scanline * (size_t)*w * 3;
		jpeg_read_scanlines(&c, &row, 1);
	}
	jpeg_finish_decompress(&c);
	jpeg_destroy_decompress(&c);
	*e = CF_OK;
	return pix;
}

static unsigned char *decode_png(const unsigned char *data, size_t len, int *w, int *h, cf_err *e)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	*e = CF_ERR_INVALID;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return NULL;
	if (img.width > 4000 || img.height > 4000) { /* decoded whole: a tighter cap than JPEG's */
		png_image_free(&img);
		*e = CF_ERR_TOOBIG;
		return NULL;
	}
	img.format = PNG_FORMAT_RGB;
	unsigned char *pix = xmalloc(PNG_IMAGE_SIZE(img));
	png_color white = { 255, 255, 255 };
	if (!png_image_finish_read(&img, &white, pix, 0, NULL)) {
		free(pix);
		png_image_free(&img);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	*e = CF_OK;
	return pix;
}

/* orient - turn RGB pixels upright for EXIF orientations 3 (180°), 6 (90°
 * clockwise) and 8 (90° counter-clockwise); mirrored ones are left as is. */
static unsigned char *orient_pixels(unsigned char *pix, int *w, int *h, int o)
{
	if (o != 3 && o != 6 && o != 8)
		return pix;
	int W = *w, H = *h, nw = o == 3 ? W : H, nh = o == 3 ? H : W;
	unsigned char *out = xmalloc((size_t)W * (size_t)H * 3);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			int nx, ny;
			if (o == 3)
				nx = W - 1 - x, ny = H - 1 - y;
			else if (o == 6)
				nx = H - 1 - y, ny = x;
			else
				nx = y, ny = W - 1 - x;
			memcpy(out + ((size_t)ny * (size_t)nw + (size_t)nx) * 3,
			       pix + ((size_t)y * (size_t)W + (size_t)x) * 3, 3);
		}
	free(pix);
	*w = nw, *h = nh;
	return out;
}

/* shrink - box-filter RGB pixels down to fit max_side (never up). */
static unsigned char *shrink(unsigned char *pix, int *w, int *h, int max_side)
{
	int W = *w, H = *h, longest = W > H ? W : H;
	if (longest <= max_side)
		return pix;
	int nw = (int)((long)W * max_side / longest), nh = (int)((long)H * max_side / longest);
	if (nw < 1)
		nw = 1;
	if (nh < 1)
		nh = 1;
	unsigned char *out = xmalloc((size_t)nw * (size_t)nh * 3);
	for (int y = 0; y < nh; y++) {
		int y0 = (int)((long)y * H / nh), y1 = (int)((long)(y + 1) * H / nh);
		if (y1 <= y0)
			y1 = y0 + 1;
		for (int x = 0; x < nw; x++) {
			int x0 = (int)((long)x * W / nw), x1 = (int)((long)(x + 1) * W / nw);
			if (x1 <= x0)
				x1 = x0 + 1;
			unsigned long sum[3] = { 0, 0, 0 }, n = 0;
			for (int sy = y0; sy < y1; sy++)
				for (int sx = x0; sx < x1; sx++) {
					const unsigned char *p =
						pix + ((size_t)sy * (size_t)W + (size_t)sx) * 3;
					sum[0] += p[0], sum[1] += p[1], sum[2] += p[2], n++;
				}
			unsigned char *q = out + ((size_t)y * (size_t)nw + (size_t)x) * 3;
			for (int k = 0; k < 3; k++)
				q[k] = (unsigned char)(sum[k] / n);
		}
	}
	free(pix);
	*w = nw, *h = nh;
	return out;
}

static cf_err encode_jpeg(const unsigned char *pix, int w, int h, buf *out)
{
	struct jpeg_compress_struct c;
	struct jerr jerr;
	unsigned char *volatile mem = NULL;
	unsigned long size = 0;
	c.err = jpeg_std_error(&jerr.pub);
	jerr.pub.error_exit = on_jpeg_error;
	jerr.pub.output_message = on_jpeg_message;
	if (setjmp(jerr.jump)) {
		jpeg_destroy_compress(&c);
		free(mem);
		return CF_ERR_INVALID;
	}
	jpeg_create_compress(&c);
	unsigned char *m = NULL;
	jpeg_mem_dest(&c, &m, &size);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(pix + (size_t)c.next_scanline * (size_t)w * 3);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	mem = m;
	jpeg_destroy_compress(&c);
	cf_err e = buf_append(out, m, size);
	free(m);
	return e;
}

cf_err photo_catalogue(const unsigned char *data, size_t len, int max_side, buf *out, int *w,
		       int *h)
{
	cf_err e;
	int orient = 1;
	unsigned char *pix;
	if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		pix = decode_jpeg(data, len, max_side, w, h, &orient, &e);
	else if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8))
		pix = decode_png(data, len, w, h, &e);
	else
		return CF_ERR_INVALID;
	if (!pix)
		return e;
	pix = orient_pixels(pix, w, h, orient);
	pix = shrink(pix, w, h, max_side);
	e = encode_jpeg(pix, *w, *h, out);
	free(pix);
	return e;
}
