/*
 * prize_log_int.h - what the two halves of the prize's chained log share:
 * prize_log.c (the key, writing records) and prize_log_check.c (the check).
 * Not for other files: their interface is prize_log.h and prize.h.
 */
#ifndef CF_PRIZE_LOG_INT_H
#define CF_PRIZE_LOG_INT_H
#include <stdint.h>

#include "../db/db.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/err.h"

/* plog_step - db_step that sets plog_read_err on a database error. */
extern _Thread_local int plog_read_err;
int plog_step(db_stmt *s);

/* plog_record_hash - hex hash of a record (see prize_log.c); 0 when form 2
 * is asked without a key. plog_mark_text - the mark of record id. */
int plog_record_hash(int form, const char *prev, const char *at, int64_t account, int64_t category,
		     int64_t entry, const char *kind, const char *content, char hex[65]);
void plog_mark_text(int64_t id, const char *hash, char out[160]);

/* The kinds of a category's state, their canonical text now, their last
 * logged text (arena, or NULL) and their text before any change. */
#define PLOG_NKINDS 7
extern const char *const plog_kinds[PLOG_NKINDS];
cf_err plog_state_content(db *d, int64_t category_id, const char *kind, buf *b);
char *plog_last_state(arena *a, db *d, int64_t category_id, const char *kind);
const char *plog_state_default(const char *kind);
/* plog_sheet_content - a juror's sheet of an entry as canonical text. */
void plog_sheet_content(db *d, int64_t entry_id, int64_t account_id, buf *b);

#endif
