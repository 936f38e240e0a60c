/*
 * server.h - the HTTP server: the only module that knows libmicrohttpd.
 *
 * It turns each connection's request into a `request` (request.h), hands it
 * to the router, and sends the response with the security headers every page
 * carries. Limits: a thread pool, a per-connection memory limit, an idle
 * timeout, connections per client address, a total time for a request to
 * arrive (headers and body), a cap per route on request bodies decided
 * before the body is read (413 past it, router_admit), and a cap on the
 * bodies held in memory by all connections together (503 past it).
 */
#ifndef CF_SERVER_H
#define CF_SERVER_H
#include <stddef.h>

#include "../util/err.h"

struct server_config {
	const char *addr; /* IPv4 or IPv6 literal, e.g. "127.0.0.1" */
	unsigned port;
	unsigned threads;
	size_t upload_cap;   /* bytes of request body, whatever the route says */
	unsigned timeout_s;  /* idle connection timeout */
	unsigned per_addr;   /* connections per client address (0: no limit) */
	unsigned request_s;  /* seconds for a whole request to arrive (0: none) */
	size_t bodies_total; /* bytes of bodies held by all connections together */
	unsigned response_s; /* seconds from a whole request to its answer fully sent (0: none) */
};

/* server_run - listen and serve until SIGINT/SIGTERM. CF_ERR_BUSY when the
 * port is taken, CF_ERR_IO when the address cannot be used; *why gets an
 * English description for the command line. */
cf_err server_run(const struct server_config *c, const char **why) CF_MUST_USE;

#endif
