/* stand.c - 'coopfair stands assign [--seed N] [--iters N]': place the current
 * edition's exhibitors on its stands with the allocator (stand.h), store the
 * result, print the score of each term and the rules that hold. Exit 0 when
 * every hard rule holds, 1 otherwise, 2 for a wrong command line. */
#include "../db/db.h"
#include "../model/edition.h"
#include "../model/stand.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void progress(uint64_t done, uint64_t total)
{
	fprintf(stderr, "\rcoopfair: placing... %3d %%", (int)(100 * done / (total ? total : 1)));
	if (done >= total)
		fputc('\n', stderr);
}

int cli_stand(const struct opts *o, int argc, char **argv)
{
	(void)o;
	uint64_t seed = 1, iters = 0;
	if (argc < 1 || strcmp(argv[0], "assign"))
		goto usage;
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--seed"))
			seed = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && !strcmp(argv[i], "--iters"))
			iters = strtoull(argv[++i], NULL, 10);
		else
			goto usage;
	}
	arena *a = arena_new(1u << 20);
	edition ed;
	cf_err e = edition_current(a, &ed);
	stand_score sc = { 0 };
	if (!e)
		e = db_begin(db_thread());
	if (!e) {
		e = stand_assign(ed.id, iters, seed, &sc, progress);
		if (e)
			db_rollback(db_thread());
		else
			e = db_commit(db_thread());
	}
	arena_free(a);
	if (e) {
		fprintf(stderr, "coopfair: stands assign: %s\n", cf_strerror(e));
		return 1;
	}
	printf("score %.3f = cluster %.3f + sharing %.3f + fairness %.3f + broken rules %.0f\n",
	       sc.total, sc.cluster, sc.share, sc.fair, sc.hard);
	printf("capacity: %s (%d over)\nneeds: %s (%d unmet)\npairs: %s (%d split)\n"
	       "competitors apart: %s (%d neighbours)\nunplaced: %d\n",
	       sc.over_capacity ? "BROKEN" : "held", sc.over_capacity,
	       sc.needs_unmet ? "BROKEN" : "held", sc.needs_unmet,
	       sc.pairs_split ? "BROKEN" : "held", sc.pairs_split,
	       sc.apart_broken ? "BROKEN" : "held", sc.apart_broken, sc.unplaced);
	return sc.hard > 0 ? 1 : 0;
usage:
	fprintf(stderr, "coopfair: usage: coopfair stands assign [--seed N] [--iters N]\n");
	return 2;
}
