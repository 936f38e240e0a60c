/*
 * cache.h - a small in-memory cache of public pages.
 *
 * Anonymous GETs of routes marked cacheable in the route table are answered
 * from memory when nothing has changed since the page was built. "Nothing
 * changed" is exact, not a time-to-live: every state-changing request of this
 * server clears the cache, and so does any commit by another connection or
 * process (the SQLite data_version, read once per cacheable request), so a
 * page is never staler than the database. Responses that set a per-visitor
 * cookie are never cached. COOPFAIR_CACHE=0 turns it off (benchmarks compare).
 */
#ifndef CF_CACHE_H
#define CF_CACHE_H
#include "request.h"

void cache_init(int enabled);
/* cache_lookup - fill r's response from the cache; 1 on a hit. */
int cache_lookup(request *r);
/* cache_store - keep r's response if it may be shared. */
void cache_store(request *r);
/* cache_clear - forget everything (after a change). */
void cache_clear(void);

#endif
