/*
 * db_memo.c - the memo of db.h: per connection, a few values derived from
 * the database, each with the snapshot version it was read at (db_impl.h's
 * snapshot_version). A value is given back only to a read of the very same
 * version; any commit anywhere changes the version, so a stale value is
 * never used (it is replaced by the next read, or freed with the
 * connection). No locks: a connection belongs to one thread.
 */
#include "db_impl.h"
#include "../util/arena.h"
#include "../util/xalloc.h"

#include <stdlib.h>

#define OPS(d) (((struct db_base *)(d))->ops)
#define MEMO_MAX 32 /* entries per connection; past it one not in use goes (else it grows) */
#define MEMO_ARENA (64u << 20) /* far above a fair's shared data */

struct db_memo_entry {
	const void *key;
	int64_t arg;
	uint64_t version;
	arena *a;
	void *value;
	uint64_t used;	/* tick of the last get or keep */
	uint64_t epoch; /* the snapshot (memo_epoch) of the last get or keep */
};

static _Thread_local long memo_hits, memo_misses;
static _Thread_local uint64_t memo_tick;

static uint64_t version_of(db *d)
{
	return OPS(d)->snapshot_version ? OPS(d)->snapshot_version(d) : 0;
}

static struct db_memo_entry *find(struct db_base *b, const void *key, int64_t arg)
{
	for (int i = 0; i < b->nmemo; i++)
		if (b->memo[i].key == key && b->memo[i].arg == arg)
			return &b->memo[i];
	return NULL;
}

void *db_memo_get(db *d, const void *key, int64_t arg)
{
	uint64_t v = version_of(d);
	if (!v)
		return NULL;
	struct db_memo_entry *e = find((struct db_base *)d, key, arg);
	if (!e || e->version != v) {
		memo_misses++;
		return NULL;
	}
	memo_hits++;
	e->used = ++memo_tick;
	e->epoch = ((struct db_base *)d)->memo_epoch;
	return e->value;
}

arena *db_memo_arena(db *d, arena *fallback)
{
	return version_of(d) ? arena_new(MEMO_ARENA) : fallback;
}

void db_memo_drop(arena *ma, arena *fallback)
{
	if (ma != fallback)
		arena_free(ma);
}

void db_memo_keep(db *d, const void *key, int64_t arg, arena *ma, arena *fallback, void *value)
{
	if (ma == fallback)
		return;
	struct db_base *b = (struct db_base *)d;
	uint64_t v = version_of(d);
	if (!v) { /* the snapshot ended while reading: keep nothing */
		arena_free(ma);
		return;
	}
	/* Replace only a value this snapshot has not been given: one read at
	 * another version (a get at this version would not return it), or one
	 * last given in an earlier snapshot (its request is over: values live
	 * until the end of the request, and a request that reads twice, as
	 * the router's session check then its page, copies what it keeps
	 * from the first). So freeing it cannot pull data from under anyone. */
	uint64_t epoch = b->memo_epoch;
	struct db_memo_entry *e = find(b, key, arg);
	if (e && e->version == v && e->epoch == epoch)
		e = NULL; /* kept meanwhile in this very snapshot (no get first): add */
	if (!e && b->nmemo >= MEMO_MAX)
		for (int i = 0; i < b->nmemo; i++)
			if ((b->memo[i].version != v || b->memo[i].epoch != epoch) &&
			    (!e || b->memo[i].used < e->used))
				e = &b->memo[i];
	if (!e) {
		if (b->nmemo == b->memo_cap) {
			b->memo_cap = b->memo_cap ? 2 * b->memo_cap : MEMO_MAX;
			b->memo = xrealloc(b->memo, (size_t)b->memo_cap * sizeof *b->memo);
		}
		e = &b->memo[b->nmemo++];
		e->a = NULL;
	}
	if (e->a)
		arena_free(e->a);
	*e = (struct db_memo_entry){ key, arg, v, ma, value, ++memo_tick, epoch };
}

void db_memo_free(db *d)
{
	struct db_base *b = (struct db_base *)d;
	for (int i = 0; i < b->nmemo; i++)
		arena_free(b->memo[i].a);
	free(b->memo);
	b->memo = NULL;
	b->nmemo = b->memo_cap = 0;
}

void db_memo_stats(long *hits, long *misses)
{
	*hits = memo_hits;
	*misses = memo_misses;
}
