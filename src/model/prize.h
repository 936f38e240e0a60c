/*
 * prize.h - the creativity prize: categories, criteria, entries, jurors,
 * conflicts of interest, assignments, scores and their tamper-evident log,
 * results and certificates. Model code: no HTML, no HTTP. Everything
 * returned lives in the arena given.
 *
 * Rules this module enforces (pages cannot get around them):
 *  - a juror reads and scores only entries assigned to them that have no
 *    conflict with them (declared, own cooperative, committee rule): the
 *    queries themselves exclude conflicted entries (view prize_conflict_all);
 *  - scores change only while the category is open; each save appends one
 *    record to prize_log, chained by BLAKE2b-256 (libsodium generichash);
 *  - nothing derived from scores is readable for the public before the
 *    category is published (prize_public_* read frozen prize_result rows of
 *    published categories only).
 */
#ifndef CF_PRIZE_H
#define CF_PRIZE_H
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "prize_solve.h"
#include "text.h"

#define PRIZE_CRITERIA_MAX 12
#define PRIZE_COMMENT_MAX 2000
#define PRIZE_REASON_MAX 500

typedef enum prize_state { PRIZE_OPEN, PRIZE_CLOSED, PRIZE_PUBLISHED } prize_state;

typedef struct prize_category {
	int64_t id; /* category id */
	const char *code;
	text3 name;
	int k, winners;
	const char *tie_rule; /* plain_mean, first_criterion, registration */
	prize_state state;
	int entries, jurors, assignments, sheets_done; /* counts */
	int is_sample;
	const char *unpublished_at;   /* "" unless a publication was withdrawn */
	const char *unpublish_reason; /* why, "" when none */
	const char *published_head;   /* the log's head at the last publication, or "" */
	const char *closed_head;      /* the log's head at the last close, or "" */
} prize_category;

typedef struct prize_criterion {
	int64_t id;
	text3 name;
	double weight;
	int min, max;
} prize_criterion;

/* One entry as a juror sees it. */
typedef struct prize_sheet {
	int64_t entry_id, category_id;
	text3 category;
	prize_state state;
	const char *name_ar, *name_fr, *products_ar, *products_fr;
	text3 province;
	const char *stand; /* stand code, "" when none */
	int is_sample;
	int ncrit;
	prize_criterion crit[PRIZE_CRITERIA_MAX];
	int value[PRIZE_CRITERIA_MAX]; /* -1: not scored yet */
	const char *comment;
	int scored; /* criteria scored so far */
	int nphotos;
	int64_t photo_ids[4]; /* the cooperative's application photos */
} prize_sheet;

/* Categories of an edition with their counts. */
cf_err prize_categories(arena *a, int64_t edition_id, prize_category **out,
			size_t *count) CF_MUST_USE;
cf_err prize_category_get(arena *a, int64_t category_id, prize_category *out) CF_MUST_USE;
cf_err prize_criteria(arena *a, int64_t category_id, prize_criterion **out,
		      size_t *count) CF_MUST_USE;

/* prize_entries_default - every exhibitor of the edition becomes an entry in
 * their category while it is open (those already entered are kept). */
cf_err prize_entries_default(int64_t edition_id) CF_MUST_USE;
/* prize_entries_sync - after the registry took exhibitors off (or back on)
 * the edition's list: an entry whose exhibitor is gone is marked withdrawn
 * by actor, now, and keeps its scores and log; a withdrawn entry whose
 * cooperative exhibits again in the same category returns while the
 * category is open. Logged and audited. Opens no transaction: call it
 * inside the registry's. A published result is never changed by it. */
cf_err prize_entries_sync(int64_t actor, int64_t edition_id) CF_MUST_USE;

/* prize_assign_category - solve the assignment of the category's entries to
 * its jurors (see prize_solve.h) and store it, replacing the previous one;
 * refused (CF_ERR_CONFLICT, info->unmet = PRIZE_MET) once scores exist.
 * On an unmet constraint nothing is stored and info says why; *entry_name
 * (arena) names the entry the reason is about. */
cf_err prize_assign_category(arena *a, int64_t actor, int64_t category_id, prize_assign_info *info,
			     const char **entry_name) CF_MUST_USE;
/* prize_assign_category_progress - the same, reporting progress to fn (may
 * be NULL; see prize_solve.h), for a long run from the command line. */
cf_err prize_assign_category_progress(arena *a, int64_t actor, int64_t category_id,
				      prize_assign_info *info, const char **entry_name,
				      prize_progress fn, void *ctx) CF_MUST_USE;
/* prize_category_by_code - the prize category of the edition with that
 * category code; CF_ERR_NOTFOUND when there is none. */
cf_err prize_category_by_code(int64_t edition_id, const char *code, int64_t *id) CF_MUST_USE;

/* The juror's side. prize_jury_entries: the sheets (without criteria) of
 * every assigned, unconflicted entry of the juror in the edition. */
cf_err prize_jury_entries(arena *a, int64_t account_id, int64_t edition_id, prize_sheet **out,
			  size_t *count) CF_MUST_USE;
/* prize_jury_sheet - one entry with criteria and the juror's values;
 * CF_ERR_NOTFOUND when it is not assigned to them or they are conflicted. */
cf_err prize_jury_sheet(arena *a, int64_t account_id, int64_t entry_id,
			prize_sheet *out) CF_MUST_USE;
/* prize_jury_conflict - when the juror may not score the entry because of a
 * conflict of interest: CF_OK, *source ("declared", "own_cooperative",
 * "rule") and the entry's names (arena); CF_ERR_NOTFOUND otherwise. */
cf_err prize_jury_conflict(arena *a, int64_t account_id, int64_t entry_id, const char **source,
			   const char **name_ar, const char **name_fr) CF_MUST_USE;
/* prize_jury_photo_allowed - whether the photo is of an entry the juror
 * scores (assigned, no conflict): CF_OK or CF_ERR_NOTFOUND. */
cf_err prize_jury_photo_allowed(int64_t account_id, int64_t photo_id) CF_MUST_USE;
/* prize_score_save - set the juror's values (one per criterion of the
 * sheet, in its order) and comment; appends the log record. CF_ERR_INVALID
 * when a value is off its scale (*bad = criterion index) or the comment too
 * long (*bad = -1); CF_ERR_STATE when the category is not open;
 * CF_ERR_NOTFOUND when not assigned or conflicted. All or nothing. */
cf_err prize_score_save(int64_t account_id, int64_t entry_id, const int *values, int nvalues,
			const char *comment, int *bad) CF_MUST_USE;
/* prize_declare_conflict - the juror declares a tie with an entry; their
 * assignment to it ends (the committee re-assigns). CF_ERR_STATE once the
 * category is closed: a conflict then would change a closed result. */
cf_err prize_declare_conflict(int64_t account_id, int64_t entry_id, const char *reason) CF_MUST_USE;

/* The log (prize_log.c). Every event that decides a result is chained:
 * criteria and weights, jurors, entries (and their withdrawal), conflicts,
 * assignments, score sheets, close, reopen, publish and its withdrawal, the
 * frozen result. prize_verify checks every record's hash and link (and its
 * seal, with a key), that the heads anchored at close and publication are
 * still in the chain, and that the current tables equal what the log last
 * recorded for each sheet and each category. */
typedef enum prize_break {
	PRIZE_HOLDS = 0,
	PRIZE_BREAK_LINK, /* record broken_id: its link is wrong */
	PRIZE_BREAK_HASH, /* record broken_id: its content does not match its hash */
	PRIZE_BREAK_KEY,  /* record broken_id: keyed without the key here, or unkeyed after keyed */
	PRIZE_BREAK_ANCHOR, /* an anchored head (close, publication) is gone */
	PRIZE_BREAK_SCORE,  /* entry_id, account_id: the sheet differs from its last record */
	PRIZE_BREAK_STATE,  /* category_id, kind: the category's data differ from the log */
	PRIZE_BREAK_READ,   /* the database could not be read: nothing is known to hold */
	PRIZE_BREAK_MARK,   /* record broken_id: the log does not end where its mark says */
	PRIZE_BREAK__MAX
} prize_break;

typedef struct prize_chain {
	int ok;
	prize_break what;
	long records, keyed; /* keyed: records sealed with the prize key */
	int key_given;	     /* this program has the prize key */
	int unlogged;	     /* categories set up before the full log (migration 035): their
			      * data are not checked until their next logged change */
	int64_t broken_id;   /* the first record that fails, or 0 */
	const char *why;     /* English, for the command line; NULL when ok */
	int64_t entry_id, account_id; /* for a score that differs from the log */
	int64_t category_id;	      /* PRIZE_BREAK_STATE: the category ... */
	const char *kind; /* ... and what differs: rules, jurors, entries, conflicts, assign,
			   * state, result */
	const char *head; /* hash of the last record ("" when empty) */
} prize_chain;
void prize_verify(arena *a, prize_chain *out);

/* prize_head_find - the record whose hash is hex (a printed head; 16 to 64
 * hex digits, its beginning). CF_ERR_INVALID for a malformed or ambiguous
 * head, CF_ERR_NOTFOUND when no record has it (the log was cut short or
 * rewritten since it was printed). */
typedef struct prize_head {
	int64_t record, category_id;
	const char *at, *kind, *hash;
	long after; /* records appended since */
} prize_head;
cf_err prize_head_find(arena *a, const char *hex, prize_head *out) CF_MUST_USE;

/* prize_log_all - log every kind of the category's data that differs from
 * its last record, in a transaction (set-up written straight into the
 * tables, as the demo does). */
cf_err prize_log_all(int64_t actor, int64_t category_id) CF_MUST_USE;

/* prize_log_seal - with the prize key given and the log's last record not
 * sealed with it, append a "key" record that is: from then on a log whose
 * end is not sealed was rewritten without the key. At start-up. */
cf_err prize_log_seal(void) CF_MUST_USE;

/* prize_key_set - the prize key (tests; a deployment sets
 * COOPFAIR_PRIZE_KEY_FILE or COOPFAIR_PRIZE_KEY, read once). NULL clears. */
void prize_key_set(const char *secret);
int prize_key_given(void);

/* Results (prize_results.c). */
typedef struct prize_mark {
	int64_t account_id;
	const char *juror; /* account name */
	double y;	   /* weighted score, 0..20 */
	int value[PRIZE_CRITERIA_MAX];
	const char *comment; /* the juror's comment ("" when none) */
} prize_mark;

typedef struct prize_ranked {
	int64_t entry_id;
	const char *name_ar, *name_fr;
	int rank; /* 0 for a withdrawn entry: it is not ranked */
	int withdrawn;
	double adjusted; /* mu + q: the corrected score on 0..20 */
	double plain;	 /* plain mean of the weighted scores */
	int plain_rank;
	int nmarks;
	prize_mark *marks;
	/* why adjusted and plain disagree: the juror with the largest offset
	 * among those who scored the entry (0 when none stands out) */
	int64_t reason_juror;
	const char *reason_name;
	double reason_offset;
	int is_sample;
} prize_ranked;

/* What the committee should look at in a juror's scores before closing. */
typedef enum prize_juror_flag {
	PRIZE_FLAG_NONE = 0,
	PRIZE_FLAG_FAVOURITE, /* one entry far above the other jurors, others far below */
	PRIZE_FLAG_NOISY,     /* much noisier than the others: counts less */
	PRIZE_FLAG_STRAY,     /* often far from the other jurors on the same entries */
	PRIZE_FLAG__MAX
} prize_juror_flag;

typedef struct prize_juror_fit {
	int64_t account_id;
	const char *name, *organisation;
	double offset, scale;
	double noise;  /* estimated noise (points), shrunk toward the pooled level */
	double stray;  /* mean |score - other jurors' mean| on the same entries */
	double max_up; /* the largest score - other jurors' mean */
	int far_below; /* entries scored 5 points or more below the other jurors */
	prize_juror_flag flag;
	int load;
} prize_juror_fit;

typedef struct prize_results {
	int n, njurors, ncrit;
	prize_ranked *entries; /* by rank */
	prize_juror_fit *jurors;
	prize_criterion *crit;
	double mu, sigma;
	double noise_median; /* the median juror's noise */
	int components;	     /* of the jurors' overlap graph (1 = connected) */
} prize_results;

/* prize_compute - the current ranking of a category (committee only). */
cf_err prize_compute(arena *a, int64_t category_id, prize_results *out) CF_MUST_USE;
/* What closing or publishing would leave behind; the committee confirms
 * with the numbers before it goes on. */
typedef struct prize_warning {
	int missing_sheets, sheets; /* close: assigned sheets not complete, of all */
	int flagged_jurors;	    /* close: jurors with a diagnostic flag */
	int podium_short;	    /* publish: winners scored by fewer than k jurors */
	int fewest, k;		    /* publish: the fewest complete sheets of a winner */
} prize_warning;

/* prize_close / prize_reopen / prize_publish: state changes with audit,
 * logged, the head anchored at close and publication. Closing with sheets
 * missing (or flagged jurors), or publishing winners scored by fewer than
 * k jurors, is refused with CF_ERR_PERM and *w filled (w may be NULL)
 * unless confirm is set. Publishing needs a closed category; it freezes
 * the ranking into prize_result with one verification code per entry. */
cf_err prize_close(int64_t actor, int64_t category_id, int confirm, prize_warning *w) CF_MUST_USE;
/* prize_warn - what closing (publishing set: publishing) would warn about
 * now, changing nothing: the preview's numbers. CF_ERR_CONFLICT when the
 * category is not open (closed, for publishing). */
cf_err prize_warn(int64_t category_id, int publishing, prize_warning *w) CF_MUST_USE;
cf_err prize_reopen(int64_t actor, int64_t category_id) CF_MUST_USE;
cf_err prize_publish(int64_t actor, int64_t category_id, int confirm, prize_warning *w) CF_MUST_USE;
/* prize_unpublish - withdraw a publication (reason required): the category
 * is closed again, its results leave the public site, which says that
 * they were withdrawn and when. Logged, anchored and audited. */
cf_err prize_unpublish(int64_t actor, int64_t category_id, const char *reason) CF_MUST_USE;

/* Public reads: published categories only. */
typedef struct prize_award {
	int64_t entry_id, exhibitor_id, category_id;
	int rank, of; /* of: entries in the category */
	const char *name_ar, *name_fr, *code;
	text3 category, edition;
	const char *edition_dates_from, *edition_dates_to;
	int winner, is_sample;
	const char *head;	  /* the log's head at publication */
	const char *published_at; /* ISO-8601 UTC */
	int withdrawn;		  /* the cooperative left the fair after publication */
} prize_award;
/* prize_public_awards - the frozen results of the edition's published
 * categories (all ranks when all is set, else winners only), by category
 * then rank. */
cf_err prize_public_awards(arena *a, int64_t edition_id, int all, prize_award **out,
			   size_t *count) CF_MUST_USE;
/* prize_award_by_code - CF_ERR_NOTFOUND for an unknown code. */
cf_err prize_award_by_code(arena *a, const char *code, prize_award *out) CF_MUST_USE;
cf_err prize_award_by_entry(arena *a, int64_t entry_id, prize_award *out) CF_MUST_USE;

/* Set-up by the committee (prize_setup.c). Criteria, k, the winners'
 * count and the tie rule are fixed once the first score exists
 * (CF_ERR_CONFLICT): the rules of a contest are declared before it. */
cf_err prize_settings_set(int64_t actor, int64_t category_id, int k, int winners,
			  const char *tie_rule) CF_MUST_USE;
cf_err prize_criterion_add(int64_t actor, int64_t category_id, const text3 *name, double weight,
			   int min, int max) CF_MUST_USE;
/* prize_criterion_delete - *category_id gets the criterion's category. */
cf_err prize_criterion_delete(int64_t actor, int64_t criterion_id,
			      int64_t *category_id) CF_MUST_USE;

typedef struct prize_jury_member {
	int64_t account_id;
	const char *name, *email, *organisation;
	int selected; /* judges this category */
	int scored;   /* has scores in this category */
} prize_jury_member;
/* prize_jury_members - every account with the jury role, marked when it
 * judges the category. */
cf_err prize_jury_members(arena *a, int64_t category_id, prize_jury_member **out,
			  size_t *count) CF_MUST_USE;
/* prize_jurors_set - the category's jurors become exactly ids[]; removing a
 * juror who has already scored is refused (CF_ERR_CONFLICT); a removed
 * juror's assignments in the category end. */
cf_err prize_jurors_set(int64_t actor, int64_t category_id, const int64_t *ids,
			size_t n) CF_MUST_USE;

typedef struct prize_conflict_row {
	int64_t account_id, entry_id;
	const char *juror, *entry_name, *source, *reason;
	const char *entry_name_ar; /* the cooperative's Arabic name ("" when none) */
} prize_conflict_row;
/* prize_conflicts - every conflict (declared, own cooperative, rules) of
 * the category's entries. */
cf_err prize_conflicts(arena *a, int64_t category_id, prize_conflict_row **out,
		       size_t *count) CF_MUST_USE;
/* prize_rule_add - a committee rule: the juror scores no cooperative of the
 * province (province code). CF_ERR_INVALID for an unknown province. When
 * it would add a conflict in a category that is no longer open, it applies
 * to the open categories only: a closed result never changes. */
cf_err prize_rule_add(int64_t actor, int64_t edition_id, int64_t account_id, const char *province,
		      const char *reason) CF_MUST_USE;

/* The cooperative's scores never leave the model for a public page. */

#endif
