/*
 * admin_form.h - the back office's forms: a declared list of fields,
 * validated at the boundary, re-shown with what the user typed and the
 * reason for each rejected field, in the user's language.
 *
 * A form's fields follow the columns of the model's admin_kind, so a
 * validated form is a record the model can save as it is.
 */
#ifndef CF_ADMIN_FORM_H
#define CF_ADMIN_FORM_H
#include "../model/admin.h"
#include "pages.h"

/* N_ - marks a msgid for xgettext where tr() is applied later. */
#define N_(s) (s)

typedef enum field_kind {
	F_TEXT,	    /* one line of text */
	F_TEXTAREA, /* several lines */
	F_INT,	    /* a whole number in [min, max] */
	F_DATE,	    /* YYYY-MM-DD, a real calendar day */
	F_SELECT,   /* one of the options (form.opts) */
	F_CHECK,    /* "1" or "0" */
	F_EMAIL,    /* an email address */
	F_CODE,	    /* lowercase letters, digits and '-' */
	F_PHONE,    /* digits, spaces, + - ( ) */
} field_kind;

typedef struct field {
	const char *name;  /* form field name (also the input's id) */
	const char *label; /* English msgid */
	field_kind kind;
	int required;
	long min, max;	  /* F_INT: range; text kinds: max = most bytes */
	const char *lang; /* the language of the value ("ar", "fr", "en") or NULL */
} field;

typedef struct form_opt {
	const char *value, *label; /* label already in the page's language */
} form_opt;

typedef struct form {
	const field *f;
	int n;
	const char *val[ADMIN_REC_MAX];
	const char *err[ADMIN_REC_MAX]; /* translated reason, NULL when fine */
	const form_opt *opts[ADMIN_REC_MAX];
	size_t nopts[ADMIN_REC_MAX];
	int nerr;
} form;

/* form_init - an empty form over n fields (values ""). */
void form_init(form *fm, const field *f, int n);
/* form_from_rec / form_to_rec - between a form and a model record. */
void form_from_rec(form *fm, const admin_rec *rec);
void form_to_rec(const form *fm, admin_rec *rec);
/* form_read - every field from the posted form, validated; the count of
 * rejected fields is returned (and kept in fm->nerr). */
int form_read(request *r, form *fm);
/* form_reject - mark field i wrong with a translated reason. */
void form_reject(form *fm, int i, const char *reason);
/* form_render - the summary of errors (when any), then every field. */
void form_render(request *r, const form *fm);
/* form_field - one field: label, input, and its error. */
void form_field(request *r, const form *fm, int i);
/* form_errors_summary - "N fields need attention" with links to them. */
void form_errors_summary(request *r, const form *fm);

/* admin_begin - page_begin plus the back office's breadcrumb. */
void admin_begin(request *r, const char *title);
/* admin_flash - the notice a redirect asked for with ?done=WORD. */
void admin_flash(request *r);
/* admin_edition_nav - links to an edition's parts. */
void admin_edition_nav(request *r, int64_t edition_id, const char *current);
/* admin_save_error - the page for a model error while saving. */
const char *admin_save_error(request *r, cf_err e);

#endif
