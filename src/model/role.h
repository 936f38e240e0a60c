/*
 * role.h - who may do what. Roles are bits so a user can hold several; a
 * route declares the set of roles it accepts (any one suffices). ROLES_PUBLIC
 * (no bit) means anyone, signed in or not.
 */
#ifndef CF_ROLE_H
#define CF_ROLE_H

typedef enum role {
	ROLE_ADMIN,	/* everything */
	ROLE_COMMITTEE, /* runs an edition */
	ROLE_JURY,	/* scores prize entries */
	ROLE_EXHIBITOR, /* belongs to one cooperative */
	ROLE_DESK,	/* badges and gate */
	ROLE__MAX
} role;

#define ROLE_BIT(r) (1u << (r))
#define ROLES_PUBLIC 0u
/* Organisers: the admin can always do what the committee can. */
#define ROLES_ORGANISERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_COMMITTEE))
#define ROLES_SIGNED_IN ((1u << ROLE__MAX) - 1)

/* role_name - "admin", "committee", ...; role_parse - the inverse, -1 if none. */
const char *role_name(role r);
int role_parse(const char *name);

#endif
