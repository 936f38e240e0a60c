/*
 * gate.h - page handlers of issue 14: badges, the desk, the gate, the
 * JSON API for dedicated scanners, and the counts.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_GATE_H
#define CF_PAGES_GATE_H
#include "pages.h"

struct badge;

/* badge_public.c */
void page_badge_new(request *r);
void page_badge_register(request *r);
void page_badge_show(request *r);
void badge_send_pdf(request *r, const struct badge *v, size_t n, int sheet, const char *filename);
/* badge_parts.c: a badge's role in r's language; its QR code as SVG. */
const char *badge_role_label(request *r, const char *role);
void badge_qr_svg(request *r, const char *token);
void badge_card(request *r, const struct badge *b);
/* gate_desk.c */
void page_gate_desk(request *r);
void page_gate_walkin(request *r);
void page_gate_reissue(request *r);
void page_gate_page(request *r);
void page_gate_scan(request *r);
void page_gate_tap(request *r);
void page_gate_sheets(request *r);
/* gate_batch.c */
void page_gate_batch_start(request *r);
void page_gate_batch(request *r);
void page_gate_batch_pdf(request *r);
/* gate_api.c */
void page_gate_api_checkin(request *r);
/* gate_admin.c */
void page_gate_admin(request *r);
void page_gate_counts_csv(request *r);
void page_gate_counts_xlsx(request *r);
void page_gate_rule_add(request *r);
void page_gate_gate_add(request *r);

#endif
