/*
 * prize.h - page handlers of issue 5: the creativity prize.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_PRIZE_H
#define CF_PAGES_PRIZE_H
#include "pages.h"

/* prize_jury.c */
void page_prize_jury(request *r);
void page_prize_sheet(request *r);
void page_prize_sheet_save(request *r);
void page_prize_conflict(request *r);
void page_prize_jury_photo(request *r);
/* prize_admin.c */
void page_prize_admin(request *r);
void page_prize_admin_category(request *r);
void page_prize_assign(request *r);
void page_prize_close(request *r);
void page_prize_reopen(request *r);
void page_prize_publish(request *r);
void page_prize_unpublish(request *r);
void page_prize_certificates_all(request *r);
void page_prize_certificate(request *r);
/* prize_preview.c: the answer to close/publish without previewed=1 */
void prize_preview_page(request *r, int publishing);
/* prize_setup.c */
void page_prize_setup(request *r);
void page_prize_settings(request *r);
void page_prize_criterion_add(request *r);
void page_prize_criterion_delete(request *r);
void page_prize_jurors(request *r);
void page_prize_rule_add(request *r);
/* prize_public.c */
void page_prize_public(request *r);
void page_prize_verify(request *r);

#endif
