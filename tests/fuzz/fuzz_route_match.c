/* fuzz_route_match - request paths against the route patterns: a match on
 * an {id} pattern yields a positive id, a '*' tail points into the path. */
#include "fuzz.h"

#include "../../src/http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const patterns[] = {
		"/", "/exhibitors", "/exhibitors/{id}", "/static/*", "/e/{id}/edit/{id}", "/a/*"
	};
	char *path = fuzz_cstr(data, size);
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
		int64_t id = -1;
		const char *tail = NULL;
		if (!route_match(patterns[i], path, &id, &tail))
			continue;
		if (strstr(patterns[i], "{id}"))
			FUZZ_CHECK(id > 0);
		if (strchr(patterns[i], '*'))
			FUZZ_CHECK(tail >= path && tail <= path + n);
		if (!strcmp(patterns[i], "/"))
			FUZZ_CHECK(!strcmp(path, "/"));
	}
	/* the real table too */
	for (size_t i = 0; i < routes_count; i++) {
		int64_t id = 0;
		const char *tail = NULL;
		(void)route_match(routes[i].pattern, path, &id, &tail);
	}
	free(path);
	return 0;
}
