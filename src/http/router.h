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
#include "../model/access.h"
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

/* Routes with a `seen` hook (routes.c): called after every 200 answer to a
 * GET of the route, built or served from the page cache, e.g. a view
 * counter. A hook must be cheap and never write to the database. */
struct route_seen {
	const char *pattern;
	route_fn seen;
};
extern const struct route_seen route_seens[];
extern const size_t route_seens_count;

/* Request bodies are refused (413) past the route's cap before they are
 * read, and only once the sender's roles are known: anyone may send a
 * public form a few KB; only signed-in accounts with the route's role reach
 * an upload route's megabytes. */
#define BODY_CAP_PUBLIC (8u << 10)
#define BODY_CAP_FORM (256u << 10)
#define BODY_CAP_UPLOAD (16u << 20)

/* The routes that read more than BODY_CAP_FORM (uploads), in routes.c. */
struct route_upload {
	http_method method;
	const char *pattern;
	size_t body_cap;
};
extern const struct route_upload route_uploads[];
extern const size_t route_uploads_count;
/* route_body_cap - the bytes of body route rt reads. */
size_t route_body_cap(const struct route *rt);

/* What a route's {id} names, by pattern prefix ("/admin/spaces/{id}" also
 * covers "/admin/spaces/{id}/delete"): the router checks the route's roles
 * against those the account holds in that object's edition. Every {id}
 * route of a role-restricted pattern must be covered (the route x role x
 * edition test checks it), as ACCESS_GLOBAL when it belongs to no edition. */
struct route_object {
	const char *prefix;
	access_kind kind;
};
extern const struct route_object route_objects[];
extern const size_t route_objects_count;
/* route_object_of - the kind of object a pattern's {id} names; -1 when the
 * pattern has no {id} or no route_objects entry covers it. */
int route_object_of(const char *pattern);

extern const struct route routes[];
extern const size_t routes_count;

/* router_init - the key behind CSRF tokens (shared by every server of a
 * deployment through the database). Call once before serving. */
void router_init(const unsigned char key[32]);
/* router_trust_proxy - honour X-Forwarded-Proto and X-Forwarded-For (set by
 * a reverse proxy in front of coopfair: only then). Off by default. */
void router_trust_proxy(int on);
/* router_admit - settle the request's proxy headers, language, visitor and
 * session, find its route and check the roles (in the edition of the object
 * its {id} names), before any body is read. Returns the number of body
 * bytes the route accepts; on refusal (404, 405, sign-in redirect, 403)
 * r->route stays NULL and the response is filled. router_dispatch admits
 * the request itself when the adapter did not. */
size_t router_admit(request *r);
/* router_dispatch - route r and fill its response. When the handler
 * suspended r (req_suspend), r->then is set and nothing is filled yet: once
 * the request is resumed, router_resumed(r), on the connection's thread,
 * runs the continuation and fills the response. */
void router_dispatch(request *r);
void router_resumed(request *r);
/* route_match - whether path fits pattern; fills *id and *tail. */
int route_match(const char *pattern, const char *path, int64_t *id, const char **tail);
/* router_csrf - the CSRF token the request's forms must carry (bound to the
 * session, else to the visitor id, which is created here when missing). */
const char *router_csrf(request *r);
/* router_csrf_token - the token for a visitor id, as hex into out[65]. */
void router_csrf_token(const char *visitor, char out[65]);

#endif
