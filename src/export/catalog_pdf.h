/*
 * catalog_pdf.h - the printed catalogue of an edition and the stand cards
 * (issue 18), as PDF (cairo + pango: Arabic shaped, right to left, French
 * beside it).
 *
 * The catalogue: a cover (the edition, its dates and city, its partners'
 * logos), the contents by category with page numbers, one block per
 * exhibitor (photo, names, stand, category and province, products, public
 * contact) grouped by category, and an index by province. A4, or A5 for a
 * booklet. A stand card: one page (A5) per exhibitor with its names,
 * category, stand code and a QR code of its profile's address.
 * Export code: reads nothing from the database; the caller passes entries
 * read with catalog_profile_public (so a private value cannot reach it).
 */
#ifndef CF_CATALOG_PDF_H
#define CF_CATALOG_PDF_H
#include <stddef.h>

#include "../model/catalog.h"
#include "../util/buf.h"

typedef struct catalog_logo {
	const char *name_ar, *name_fr;
	const void *data; /* PNG or JPEG bytes, or NULL */
	size_t len;
	const char *mime;
} catalog_logo;

typedef struct catalog_book {
	const char *name_ar, *name_fr; /* the edition */
	const char *when;	       /* dates and city, one line */
	const catalog_logo *partners;
	size_t npartners;
	const catalog_entry *entries; /* in catalogue order (catalog_entries) */
	size_t n;
	int a5;
	int sample; /* the edition holds sample exhibitors: say so */
} catalog_book;

/* catalog_pdf - append the catalogue to out. progress (may be NULL) is
 * called after each exhibitor's block. CF_ERR_TOOBIG past out's cap,
 * CF_ERR_IO when cairo fails. */
cf_err catalog_pdf(const catalog_book *b, void (*progress)(size_t done, size_t total, void *arg),
		   void *arg, buf *out) CF_MUST_USE;

/* catalog_cards_pdf - one stand card (A5 portrait) per entry: urls[i] is
 * the address of entries[i]'s profile (QR code and printed below it). */
cf_err catalog_cards_pdf(const catalog_entry *entries, const char *const *urls, size_t n,
			 const char *edition, buf *out) CF_MUST_USE;

#endif
