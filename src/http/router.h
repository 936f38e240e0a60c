/*
 * router.h - the one route table and the dispatcher that enforces it.
 *
 * Every route is one line of routes.c: method, path pattern, handler, the
 * roles it accepts, and whether it changes state. router_dispatch settles
 * the language, the visitor and the session, then refuses before the handler
 * runs: 404/405 for unknown paths and methods, a sign-in redirect or 403 for
 * a missing role, 403 for a state-changing request without a valid CSRF token
 * from the same origin. Handlers may assume all of that holds.
 *
 * Pattern syntax: literal segments, "{id}" for a positive integer segment
 * (into r->id), and a final "*" for the rest of the path (into r->tail).
 */
#ifndef CF_ROUTER_H
#define CF_ROUTER_H
#include "request.h"

typedef void (*route_fn)(request *r);

struct route {
	http_method method;
	const char *pattern;
	route_fn fn;
	unsigned roles;	   /* ROLES_PUBLIC or a set of ROLE_BIT()s */
	int changes_state; /* POST/PUT/DELETE that writes: CSRF-checked */
	int cache;	   /* a public page anonymous visitors may get from
			      the page cache (cache.h); omit for no */
};

extern const struct route routes[];
extern const size_t routes_count;

/* router_init - the key behind CSRF tokens (shared by every server of a
 * deployment through the database). Call once before serving. */
void router_init(const unsigned char key[32]);
/* router_dispatch - route r and fill its response. */
void router_dispatch(request *r);
/* route_match - whether path fits pattern; fills *id and *tail. */
int route_match(const char *pattern, const char *path, int64_t *id, const char **tail);
/* router_csrf - the CSRF token the request's forms must carry (bound to the
 * session, else to the visitor id, which is created here when missing). */
const char *router_csrf(request *r);
/* router_csrf_token - the token for a visitor id, as hex into out[65]. */
void router_csrf_token(const char *visitor, char out[65]);

#endif
