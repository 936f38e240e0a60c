/*
 * stand.h - page handlers of issue 13: the floor plan and stand allocation.
 * Each handler's comment in its .c file names its URL and parameters.
 */
#ifndef CF_PAGES_STAND_H
#define CF_PAGES_STAND_H
#include "../model/stand.h"
#include "pages.h"

/* stand_map.c */
void page_stand_plan(request *r);
void page_stand_plan_pdf(request *r);
/* stand_map_svg - the map of pl as inline SVG: zones, stands coloured by
 * category (each a link to its exhibitors), entrances, scale bar, then the
 * legend; stand index hl (or -1) highlighted. For /plan, /admin/stands, /my. */
void stand_map_svg(request *r, const stand_plan *pl, int hl);
/* stand_block - the stand of the cooperative coop_id (or of the exhibitor
 * exhibitor_id) with the map marked: "Your stand" and the set-up times when
 * mine (/my), "Stand on the map" otherwise (the public exhibitor page).
 * Nothing when the edition has no plan or the cooperative does not exhibit. */
void stand_block(request *r, int64_t edition_id, int64_t coop_id, int64_t exhibitor_id, int mine);
/* stand_sheet_line - "Stand: CODE" for the prize entry entry_id (the
 * juror's sheet); nothing when the entry's exhibitor has no stand. */
void stand_sheet_line(request *r, int64_t entry_id);
/* stand_partner.c: the application form's partner cooperative.
 * stand_partner_field - the labelled choice among the other applicants of
 * the edition; chosen -1: the stored one; err: the field's error or NULL. */
void stand_partner_field(request *r, int64_t edition_id, int64_t coop_id, int64_t chosen,
			 const char *err);
/* stand_partner_read - the posted choice (share_coop) into *partner (0:
 * none, or refused) and the partner's names into *share_text; the
 * reason in r's language when it is not one of the choices, else NULL. */
const char *stand_partner_read(request *r, int64_t edition_id, int64_t coop_id, int64_t *partner,
			       const char **share_text);
/* stand_admin.c */
void page_stand_admin(request *r);
void page_stand_assign(request *r);
void page_stand_move(request *r);
void page_stand_publish(request *r);
/* stand_venue.c */
void page_stand_venue(request *r);
void page_stand_venue_hall(request *r);
void page_stand_venue_zone(request *r);
void page_stand_venue_zone_delete(request *r);
void page_stand_venue_stand(request *r);
void page_stand_venue_stand_delete(request *r);
void page_stand_venue_block(request *r);
void page_stand_venue_entrance(request *r);
void page_stand_venue_entrance_delete(request *r);

#endif
