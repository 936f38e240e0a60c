/*
 * prog.h - page handlers of issue 15: the programme (public, by day and by
 * space, now and next, iCalendar), bookings, and the committee's programme;
 * and the fair's news (news*.c). Each handler's comment in its .c file names
 * its URL and parameters.
 */
#ifndef CF_PAGES_PROG_H
#define CF_PAGES_PROG_H
#include "../model/prog.h"
#include "pages.h"

/* prog_parts.c: shared pieces */
const char *prog_kind_name(lang l, prog_kind k);
/* prog_hhmm - "10:30" of a stored time. */
const char *prog_hhmm(request *r, const char *t);
/* prog_conflict_text - a conflict in words, in r's language. */
const char *prog_conflict_text(request *r, const prog_conflict *c);
/* prog_person_html - a name (or a speaker's title, organisation) in r's
 * language (page_text), in a <bdi>, marked lang="fr" when an Arabic page
 * shows it in Latin script. */
void prog_person_html(request *r, const char *s);
/* prog_speakers_html - the speakers of s as a list (protocol order first). */
void prog_speakers_html(request *r, const prog_session *s);

/* prog_public.c */
void page_prog(request *r);
void page_prog_session(request *r);
void page_prog_now(request *r);
void page_prog_ics(request *r);
void page_prog_session_ics(request *r);
void page_prog_book(request *r);
void page_prog_booking(request *r);
void page_prog_cancel(request *r);

/* prog_admin.c */
void page_prog_admin(request *r);
void page_prog_admin_create(request *r);
void page_prog_admin_session(request *r);
void page_prog_admin_save(request *r);
void page_prog_admin_delete(request *r);
void page_prog_admin_csv(request *r);
void page_prog_admin_xlsx(request *r);
void page_prog_admin_attended(request *r);
void page_prog_admin_settings(request *r);

/* news_public.c */
void page_news(request *r);
void page_news_post(request *r);
void page_news_picture(request *r);
void page_news_post_seen(request *r);
void page_news_comment_form(request *r);
void page_news_comment(request *r);
/* news_admin.c */
void page_news_admin(request *r);
void page_news_admin_create(request *r);
void page_news_admin_post(request *r);
void page_news_admin_save(request *r);
void page_news_admin_picture(request *r);
void page_news_admin_comment(request *r);

#endif
