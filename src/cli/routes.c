/*
 * routes.c - coopfair routes: the route table as TSV, for tests and docs.
 *
 * One line per route: METHOD, PATTERN, ROLES (comma-separated role names,
 * or "public"), CSRF (1 when the route changes state), OBJECT (what its
 * {id} names: "edition", "space", ... or "global"; "-" when not declared). Not in --help: it is
 * a tool for the route x role test (tests/http/accounts_routes.test.mjs)
 * and for docs/routes.md, which therefore cannot drift from the code.
 */
#include "../http/router.h"
#include "../model/role.h"
#include "cli.h"

#include <stdio.h>

int cli_routes(void)
{
	static const char *const methods[HTTP_METHOD__MAX] = { "GET", "HEAD",	"POST",
							       "PUT", "DELETE", "OTHER" };
	printf("method\tpattern\troles\tcsrf\tobject\n");
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		printf("%s\t%s\t", methods[rt->method], rt->pattern);
		if (!rt->roles) {
			printf("public");
		} else {
			int first = 1;
			for (int k = 0; k < ROLE__MAX; k++)
				if (rt->roles & ROLE_BIT(k)) {
					printf("%s%s", first ? "" : ",", role_name((role)k));
					first = 0;
				}
		}
		int kind = route_object_of(rt->pattern);
		printf("\t%d\t%s\n", rt->changes_state,
		       kind < 0 ? "-" : access_kind_name((access_kind)kind));
	}
	return 0;
}
