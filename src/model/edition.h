/*
 * edition.h - an edition of a fair and what it is made of: spaces,
 * organiser and partners, production (prize) categories, side events.
 * Model code: no HTML, no HTTP. Everything returned lives in the arena given.
 */
#ifndef CF_EDITION_H
#define CF_EDITION_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "text.h"

/* The life of an edition, in order. Every state but EDITION_DRAFT is on
 * the public site; applications are taken only in EDITION_CALL_OPEN, and
 * only between the call's days (edition_call_open). */
typedef enum edition_state {
	EDITION_DRAFT,
	EDITION_CALL_OPEN,
	EDITION_SELECTION,
	EDITION_PUBLISHED,
	EDITION_FAIR,
	EDITION_OVER,
	EDITION_ARCHIVED,
	EDITION__MAX
} edition_state;

/* edition_state_code - "draft", "call_open", ...; edition_state_parse - the
 * inverse, -1 when unknown. (Their names in words are the pages'.) */
const char *edition_state_code(edition_state s);
int edition_state_parse(const char *code);

typedef struct edition {
	int64_t id;
	const char *slug;
	int number;
	text3 name, slogan, city, chair, region;
	int64_t region_id;
	const char *starts_on, *ends_on; /* ISO dates */
	int area_m2;
	int stands_planned, exhibitors_planned, outside_region_planned;
	edition_state state;
	const char *call_opens_on, *call_closes_on; /* ISO dates, "" when not set */
} edition;

/* A named thing of an edition: space, organisation, category, side event. */
typedef struct named {
	int64_t id;
	const char *code; /* space kind, category code, organisation short name */
	text3 name, about;
} named;

typedef enum org_role { ORG_ORGANISER, ORG_PARTNER } org_role;

/* edition_current - THE current edition (the database view current_edition
 * is its one definition): the one the committee chose as current when it is
 * not a draft, else the most recent edition that is not a draft. The public
 * site shows it; roles held "in the current edition" are read against it.
 * CF_ERR_NOTFOUND when there is none. */
cf_err edition_current(arena *a, edition *out) CF_MUST_USE;
cf_err edition_by_id(arena *a, int64_t id, edition *out) CF_MUST_USE;
/* edition_by_slug - a public (non-draft) edition by its short name. */
cf_err edition_public_by_slug(arena *a, const char *slug, edition *out) CF_MUST_USE;
/* edition_public_list - every edition that is not a draft, most recent
 * first (arena-owned array in *out, its length in *count). */
cf_err edition_public_list(arena *a, edition **out, size_t *count) CF_MUST_USE;
/* edition_all - every edition, drafts included, most recent first. */
cf_err edition_all(arena *a, edition **out, size_t *count) CF_MUST_USE;
/* edition_set_current - make id the edition the public site shows (it must
 * not be a draft: CF_ERR_STATE), audited as actor. */
cf_err edition_set_current(int64_t actor, int64_t id) CF_MUST_USE;
/* edition_chosen_current - the id the committee chose as current, 0 when
 * none was chosen. */
int64_t edition_chosen_current(void);

/* edition_today - today's date (YYYY-MM-DD) in the fair's time zone,
 * Africa/Casablanca (main() sets TZ for the whole process). */
void edition_today(char out[11]);
/* edition_call_open - whether applications are taken on day today
 * (YYYY-MM-DD): the edition is in EDITION_CALL_OPEN and today is within
 * [call_opens_on, call_closes_on] (an empty bound does not limit). */
int edition_call_open(const edition *e, const char *today);
/* edition_days_until - whole days from today to the ISO date iso (negative
 * when past); 0 when iso is not a date. */
int edition_days_until(const char *today, const char *iso);

/* Lists: the count is returned, the array (arena-owned) in *out. */
cf_err edition_spaces(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;
cf_err edition_organisations(arena *a, int64_t edition_id, org_role role, named **out,
			     size_t *count) CF_MUST_USE;
cf_err edition_categories(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;
/* edition_provinces - the provinces of the edition's exhibitors (with
 * applicants set: of its sent applications), the edition's region first,
 * by French name; code in named.code (for the lists' filters). */
cf_err edition_provinces(arena *a, int64_t edition_id, int applicants, named **out,
			 size_t *count) CF_MUST_USE;
cf_err edition_side_events(arena *a, int64_t edition_id, named **out, size_t *count) CF_MUST_USE;

/* ---- the back office's dashboard (edition_dashboard.c) ---- */
#define EDITION_STATUSES 16 /* room for every app_status (registry_app.h) */
#define EDITION_JURY_MAX 16

typedef struct edition_jury {
	text3 category;
	int64_t category_id;
	int sheets, scored; /* juror x entry assignments, and those with scores */
	const char *state;  /* the prize category's: open, closed, published */
} edition_jury;

typedef struct edition_figures {
	int apps[EDITION_STATUSES]; /* applications by app_status */
	int apps_total;		    /* every status but drafts */
	int reviews_waiting;	    /* sent or under review, not scored yet */
	int exhibitors, without_stand;
	int stands;	    /* stands of the edition (0: none drawn yet) */
	int outbox_waiting; /* messages not sent yet (every edition) */
	int njury;
	edition_jury jury[EDITION_JURY_MAX];
} edition_figures;

/* edition_figures_of - the dashboard's figures for edition_id. */
cf_err edition_figures_of(arena *a, int64_t edition_id, edition_figures *out) CF_MUST_USE;

/* ---- what publishing the selection will do (edition_publish.c) ---- */
typedef struct edition_notice {
	int64_t application_id;
	const char *name_ar, *name_fr;
	const char *status; /* the decision to publish: accepted, waitlisted, rejected */
	const char *reason; /* the committee's last reason ("" for none) */
	const char *email;  /* one recipient */
	const char *lang;   /* its language code: ar, fr, en */
} edition_notice;

typedef struct edition_change {
	int64_t cooperative_id;
	const char *name_ar, *name_fr;
} edition_change;

typedef struct edition_preview {
	edition_notice *notices; /* one per recipient, in application order */
	size_t nnotices;
	edition_change *added, *removed; /* on and off the public list */
	size_t nadded, nremoved;
} edition_preview;

/* edition_publish_preview - what sel_publish (registry_app.h) would do now
 * for edition_id, without doing it: who joins and leaves the public list,
 * and every message, to whom and in which language. Arena-owned. */
cf_err edition_publish_preview(arena *a, int64_t edition_id, edition_preview *out) CF_MUST_USE;

/* ---- several reviewers per application (edition_review.c) ---- */
typedef struct edition_review {
	int64_t account_id;
	const char *email, *name;
	int score; /* -1: no score */
	const char *note, *at;
} edition_review;

typedef struct edition_reviews {
	edition_review *done; /* every review given, oldest first */
	size_t ndone;
	edition_review *waiting; /* committee members who have not reviewed (score -1) */
	size_t nwaiting;
	double average; /* of the scores given; -1 when none */
	int nscores;
} edition_reviews;

/* edition_review_save - actor's own score (0..100, -1 for none) and note
 * on application app_id; the application's score becomes the rounded
 * average of every score given. Audited. CF_ERR_INVALID on a bad value,
 * CF_ERR_NOTFOUND for no such application. */
cf_err edition_review_save(int64_t actor, int64_t app_id, int score, const char *note) CF_MUST_USE;
/* edition_reviews_of - the reviews of app_id (an application of
 * edition_id), their average, and the committee members still to review. */
cf_err edition_reviews_of(arena *a, int64_t app_id, int64_t edition_id,
			  edition_reviews *out) CF_MUST_USE;

/* ---- a message to a chosen group (edition_message.c) ---- */
typedef enum edition_group {
	GROUP_EXHIBITORS, /* every exhibitor of the edition */
	GROUP_CATEGORY,	  /* the exhibitors of one category */
	GROUP_NO_STAND,	  /* the exhibitors without a stand */
	GROUP_APPLICANTS, /* every cooperative that sent an application */
	GROUP__MAX
} edition_group;

/* edition_group_code - "exhibitors", "category", ...; _parse the inverse
 * (-1 when unknown). */
const char *edition_group_code(edition_group g);
int edition_group_parse(const char *code);

typedef struct edition_recipient {
	const char *email, *lang; /* lang: ar, fr or en */
	const char *name_ar, *name_fr;
} edition_recipient;

/* edition_group_recipients - every address the group's message goes to:
 * each cooperative's active accounts in their language, else the
 * cooperative's own address (Arabic). category_id is read for
 * GROUP_CATEGORY only. */
cf_err edition_group_recipients(arena *a, int64_t edition_id, edition_group g, int64_t category_id,
				edition_recipient **out, size_t *count) CF_MUST_USE;
/* edition_group_send - queue one message per recipient, subject[l] and
 * body[l] in the recipient's language l, in one transaction, audited as
 * actor; *sent gets how many. CF_ERR_INVALID when a language's text that a
 * recipient needs is empty. */
cf_err edition_group_send(int64_t actor, int64_t edition_id, edition_group g, int64_t category_id,
			  const text3 *subject, const text3 *body, int *sent) CF_MUST_USE;

/* edition_days - number of days from starts_on to ends_on inclusive. */
int edition_days(const edition *e);

/* ---- the mail about an application, as the committee words it
 * (edition_mail.c) ---- */
#include "../i18n/i18n.h"
#define EDITION_MAIL_SUBJECT_MAX 200
#define EDITION_MAIL_BODY_MAX 5000

/* The values of a template's placeholders, in the recipient's language:
 * {cooperative} {fair} {news} {reason} {link}. */
typedef struct edition_mail_vars {
	const char *cooperative, *fair, *news, *reason, *link;
} edition_mail_vars;

/* edition_mail_default - the built-in template of language l, from the
 * translated messages (ar -> fr -> en when one is missing). Arena-owned. */
void edition_mail_default(arena *a, lang l, const char **subject, const char **body);
/* edition_mail_get - the template used for l: the committee's when saved
 * (*custom = 1), else the built-in one. */
cf_err edition_mail_get(arena *a, lang l, const char **subject, const char **body,
			int *custom) CF_MUST_USE;
/* edition_mail_check - NULL when subject and body make a template, else
 * the problem (an English msgid; with "%s" it names *what, a placeholder
 * that is not one of the five). {news} is required in the body. */
const char *edition_mail_check(arena *a, const char *subject, const char *body, const char **what);
/* edition_mail_render - tmpl with its placeholders replaced by v's values
 * (NULL: nothing); runs of blank lines an empty value leaves are closed up. */
char *edition_mail_render(arena *a, const char *tmpl, const edition_mail_vars *v);
/* edition_mail_compose - the subject and text sent in l (edition_mail_get,
 * then edition_mail_render). */
cf_err edition_mail_compose(arena *a, lang l, const edition_mail_vars *v, const char **subject,
			    const char **body) CF_MUST_USE;
/* edition_mail_link - the address of the cooperatives' space
 * (base_url setting or COOPFAIR_BASE_URL, then "/my"); NULL without one. */
const char *edition_mail_link(arena *a);
/* edition_site_link - the whole address of path ("/booking/..."), from the
 * same base as edition_mail_link; NULL without one. */
const char *edition_site_link(arena *a, const char *path);
/* edition_mail_reason - "The committee's reason:" and the reason in l
 * (text_pick), or "" when there is none: the value of {reason}. */
const char *edition_mail_reason(arena *a, lang l, const char *reason);
/* edition_mail_save - the committee's template for l (checked:
 * CF_ERR_INVALID), audited as mail.template; edition_mail_reset - back to
 * the built-in one, audited. */
cf_err edition_mail_save(int64_t actor, lang l, const char *subject, const char *body) CF_MUST_USE;
cf_err edition_mail_reset(int64_t actor, lang l) CF_MUST_USE;

#endif
