/*
 * catalog.h (pages) - the exhibitors' catalogue pages (issue 18): the
 * public profile on an exhibitor's page, the public photos, the catalogue
 * PDF and its progress page, the stand cards, the cooperative's profile
 * form in /my and the committee's hiding of a photo or a text.
 */
#ifndef CF_PAGES_CATALOG_H
#define CF_PAGES_CATALOG_H
#include "../model/catalog.h"
#include "pages.h"

/* catalog_profile_section - a public profile (read with
 * catalog_profile_public, or publicised) as HTML: presentation, photos
 * (photo_base: "/catalog/photos/" for the public, "/my/photos/" for the
 * cooperative's preview), public contact. */
void catalog_profile_section(request *r, const catalog_profile *p, const char *photo_base);
/* catalog_exhibitor_extra - what an exhibitor's public page adds: its
 * profile c (catalog_entry_of), the editions it took part in, its stand
 * card, and for the committee the link to hide a photo or a text. */
void catalog_exhibitor_extra(request *r, const catalog_entry *c);

void page_catalog_photo(request *r);
void page_catalog_pdf(request *r);
void page_catalog_card(request *r);
void page_catalog_cards(request *r);
void page_catalog_my(request *r);
void page_catalog_my_save(request *r);
void page_catalog_admin(request *r);
void page_catalog_hide(request *r);
void page_catalog_home(request *r);
void page_catalog_build(request *r);
void page_catalog_build_status(request *r);
void page_catalog_build_pdf(request *r);

#endif
