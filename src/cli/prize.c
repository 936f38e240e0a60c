/* prize.c - 'coopfair prize verify': check the prize's tamper-evident score
 * log end to end. Exit 0 when the chain holds, 1 when it breaks (the
 * message says where and why), 2 for a wrong command line. */
#include "../db/db.h"
#include "../model/prize.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cli_prize(const struct opts *o, int argc, char **argv)
{
	(void)o;
	if (argc != 1 || strcmp(argv[0], "verify")) {
		fprintf(stderr, "coopfair: usage: coopfair prize verify\n");
		return 2;
	}
	arena *a = arena_new(64u << 20);
	prize_chain c;
	prize_verify(a, &c);
	int rc = 0;
	if (c.ok)
		printf("coopfair: the prize score log holds: %ld record%s, every hash and link checked, "
		       "current scores match the log (head %.16s...)\n",
		       c.records, c.records == 1 ? "" : "s", *c.head ? c.head : "-");
	else {
		if (c.broken_id)
			fprintf(stderr,
				"coopfair: the prize score log is BROKEN at record %lld: %s.\n",
				(long long)c.broken_id, c.why);
		else
			fprintf(stderr,
				"coopfair: the prize score log does not match the scores: entry %lld, "
				"juror account %lld: %s.\n",
				(long long)c.entry_id, (long long)c.account_id, c.why);
		rc = 1;
	}
	arena_free(a);
	return rc;
}
