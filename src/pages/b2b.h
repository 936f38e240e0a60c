/*
 * b2b.h - the partners hub's B2B meetings (b2b.c): professionals register
 * and request meetings from their own link, exhibitors answer, the
 * committee sees requests, meetings and outcomes.
 */
#ifndef CF_PAGES_B2B_H
#define CF_PAGES_B2B_H
#include "pages.h"

/* b2b_kind_label - what a professional is (buyer, shop, partner, exporter)
 * in the reader's language. */
const char *b2b_kind_label(request *r, const char *k);

/* b2b_register.c: the registration form */
void page_b2b_home(request *r);
void page_b2b_register(request *r);
/* b2b.c: the rest */
void page_b2b_pro(request *r);
void page_b2b_pro_ics(request *r);
void page_b2b_pro_pdf(request *r);
void page_b2b_my_pdf(request *r);
void page_b2b_request(request *r);
void page_b2b_pro_outcome(request *r);
void page_b2b_pro_cancel(request *r);
void page_b2b_my(request *r);
void page_b2b_my_ics(request *r);
void page_b2b_answer(request *r);
void page_b2b_my_outcome(request *r);
void page_b2b_my_cancel(request *r);
void page_b2b_admin(request *r);
void page_b2b_table_add(request *r);

#endif
