/* role.c - see role.h. */
#include "role.h"

#include <string.h>

static const char *const names[ROLE__MAX] = {
	[ROLE_ADMIN] = "admin",		[ROLE_COMMITTEE] = "committee", [ROLE_JURY] = "jury",
	[ROLE_EXHIBITOR] = "exhibitor", [ROLE_DESK] = "desk",
};

const char *role_name(role r)
{
	return (unsigned)r < ROLE__MAX ? names[r] : "?";
}

int role_parse(const char *name)
{
	for (int r = 0; r < ROLE__MAX; r++)
		if (name && !strcmp(name, names[r]))
			return r;
	return -1;
}
