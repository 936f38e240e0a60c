/* prize.c - 'coopfair prize verify [--head H]': check the prize's chained
 * log end to end (every event that decides a result), and optionally that
 * a head printed on the results or a certificate is in it. Exit 0 when the
 * log holds (and the head is found), 1 when it breaks (the message says
 * where and why) or the head is not in the log, 2 for a wrong command line.
 * The prize key, when the deployment has one, comes from
 * COOPFAIR_PRIZE_KEY_FILE or COOPFAIR_PRIZE_KEY. */
#include "../db/db.h"
#include "../model/edition.h"
#include "../model/prize.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static int check_head(arena *a, const char *head)
{
	prize_head h;
	cf_err e = prize_head_find(a, head, &h);
	if (e == CF_ERR_INVALID) {
		fprintf(stderr,
			"coopfair: '%s' is not a head: give 16 to 64 hexadecimal digits, the "
			"beginning of the printed head (and enough of it to name one record).\n",
			head);
		return 1;
	}
	if (e) {
		fprintf(stderr,
			"coopfair: the head %s is NOT in the prize log: the log was cut short or "
			"rewritten after it was printed.\n",
			head);
		return 1;
	}
	printf("coopfair: the head %.16s... is record %lld of the log (%s, at %s); %ld record%s "
	       "came after it.\n",
	       h.hash, (long long)h.record, h.kind, h.at, h.after, h.after == 1 ? "" : "s");
	return 0;
}

static void progress(void *ctx, const char *phase, double done)
{
	(void)ctx;
	fprintf(stderr, "\rcoopfair: assigning: %-8s %3.0f%%", phase, 100 * done);
	if (done >= 1)
		fputc('\n', stderr);
	fflush(stderr);
}

/* assign - 'coopfair prize assign CATEGORY': the committee's assignment of
 * a category of the current edition (by code), with progress; for a long
 * run outside an HTTP request. */
static int assign(const char *code)
{
	arena *a = arena_new(64u << 20);
	edition ed;
	int64_t id;
	int rc = 0;
	if (edition_current(a, &ed) || prize_category_by_code(ed.id, code, &id)) {
		fprintf(stderr, "coopfair: no prize category '%s' in the current edition\n", code);
		arena_free(a);
		return 1;
	}
	prize_assign_info info;
	const char *entry;
	cf_err e = prize_assign_category_progress(a, 0, id, &info, &entry, progress, NULL);
	if (!e) {
		printf("coopfair: assigned: loads %d..%d (ideal %.1f), the jurors' design is "
		       "connected%s\n",
		       info.min_load, info.max_load, info.ideal,
		       info.raised ? " (one entry more for some jurors to connect it)" : "");
	} else if (e == CF_ERR_CONFLICT && info.unmet == PRIZE_MET) {
		fprintf(stderr, "coopfair: not assigned: scoring has started or the category is "
				"closed; the assignment can no longer change\n");
		rc = 1;
	} else if (info.unmet == PRIZE_UNMET_SPLIT) {
		fprintf(stderr,
			"coopfair: not assigned: the conflicts split jurors and entries into %d "
			"groups that no juror can link; add a juror free of conflicts in both\n",
			info.count);
		rc = 1;
	} else {
		fprintf(stderr, "coopfair: not assigned (reason %d, count %d%s%s)\n",
			(int)info.unmet, info.count, *entry ? ", entry " : "", entry);
		rc = 1;
	}
	arena_free(a);
	return rc;
}

int cli_prize(const struct opts *o, int argc, char **argv)
{
	const char *head = o->head;
	if (argc == 2 && !strcmp(argv[0], "assign"))
		return assign(argv[1]);
	if (argc != 1 || strcmp(argv[0], "verify")) {
		fprintf(stderr,
			"coopfair: usage: coopfair prize verify [--head H] | prize assign CATEGORY\n");
		return 2;
	}
	arena *a = arena_new(64u << 20);
	prize_chain c;
	prize_verify(a, &c);
	int rc = 0;
	if (c.ok) {
		printf("coopfair: the prize log holds: %ld record%s, every hash and link checked%s; "
		       "the anchored heads are in it; current scores, criteria, jurors, conflicts, "
		       "assignments and results match the log (head %s)\n",
		       c.records, c.records == 1 ? "" : "s",
		       c.keyed ? ", sealed with the prize key" : "", *c.head ? c.head : "-");
		if (c.unlogged)
			printf("coopfair: %d categor%s set up before the full log: checked from "
			       "their next change\n",
			       c.unlogged, c.unlogged == 1 ? "y was" : "ies were");
	} else {
		if (c.what == PRIZE_BREAK_SCORE)
			fprintf(stderr,
				"coopfair: the prize log does not match the scores: entry %lld, "
				"juror account %lld: %s.\n",
				(long long)c.entry_id, (long long)c.account_id, c.why);
		else if (c.what == PRIZE_BREAK_STATE)
			fprintf(stderr,
				"coopfair: the prize log does not match category %lld (%s): %s.\n",
				(long long)c.category_id, c.kind, c.why);
		else if (c.broken_id)
			fprintf(stderr, "coopfair: the prize log is BROKEN at record %lld: %s.\n",
				(long long)c.broken_id, c.why);
		else
			fprintf(stderr, "coopfair: the prize log is BROKEN: %s.\n", c.why);
		rc = 1;
	}
	if (head && check_head(a, head))
		rc = 1;
	arena_free(a);
	return rc;
}
