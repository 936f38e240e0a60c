/*
 * photo.h - product photos made fit for the catalogue: decoded (JPEG or
 * PNG), turned upright (EXIF orientation), scaled down so the longest side
 * is at most max_side pixels, and re-encoded as a JPEG. Re-encoding also
 * drops every metadata block (EXIF, GPS position, comments) a phone wrote,
 * and anything hidden after the image data.
 */
#ifndef CF_PHOTO_H
#define CF_PHOTO_H
#include <stddef.h>

#include "../util/buf.h"

#define PHOTO_SIDE_MAX 1200
/* Pictures larger than this (in pixels per side) are refused, before any
 * big allocation: a decompression bomb gets CF_ERR_TOOBIG. */
#define PHOTO_SOURCE_SIDE_MAX 12000
/* Progressive JPEGs are decoded whole (coefficients of every pixel in
 * memory), so they get an area cap: 16 megapixels (~96 MB of coefficients
 * at worst), more than any phone camera's picture. */
#define PHOTO_MULTISCAN_PIXELS_MAX (16u * 1000u * 1000u)

/* photo_catalogue - data (len bytes of JPEG or PNG) as a JPEG of at most
 * max_side pixels per side, appended to out; *w and *h get its size.
 * CF_ERR_INVALID when the bytes are not a readable picture, CF_ERR_TOOBIG
 * past PHOTO_SOURCE_SIDE_MAX, or a progressive JPEG past
 * PHOTO_MULTISCAN_PIXELS_MAX. */
cf_err photo_catalogue(const unsigned char *data, size_t len, int max_side, buf *out, int *w,
		       int *h) CF_MUST_USE;

#endif
