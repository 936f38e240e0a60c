/*
 * user.c - coopfair user add|list|passwd|disable.
 *
 *   coopfair user add --email E --role admin[,committee...] [--name N]
 *   coopfair user list
 *   coopfair user passwd --email E
 *   coopfair user disable --email E
 *
 * Passwords are read from the terminal without echo, or from standard input
 * for scripts (first line). The first admin is made this way.
 */
#include "../db/db.h"
#include "../model/account.h"
#include "../model/account_admin.h"
#include "../model/role.h"
#include "../util/xalloc.h"
#include "cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* forget - wipe a password from memory, then free it. */
static void forget(char *pw)
{
	if (pw) {
		sodium_memzero(pw, strlen(pw));
		free(pw);
	}
}

static char *read_line(FILE *f)
{
	char line[PASSWORD_MAX + 4];
	if (!fgets(line, sizeof line, f))
		return NULL;
	line[strcspn(line, "\r\n")] = 0;
	return xstrdup(line);
}

static char *read_hidden(const char *prompt)
{
	struct termios old, quiet;
	fprintf(stderr, "%s", prompt);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return NULL;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	char *pw = read_line(stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fprintf(stderr, "\n");
	return pw;
}

char *cli_read_password(const char *prompt)
{
	if (!isatty(STDIN_FILENO)) {
		char *pw = read_line(stdin);
		if (!pw)
			fprintf(stderr, "coopfair: no password on standard input\n");
		return pw;
	}
	char *a = read_hidden(prompt), *b = a ? read_hidden("Again: ") : NULL;
	if (!a || !b || strcmp(a, b)) {
		fprintf(stderr, "coopfair: the two passwords differ; nothing was changed\n");
		free(a);
		free(b);
		return NULL;
	}
	free(b);
	return a;
}

/* parse_roles - "admin,committee" into ROLE_BIT()s; 0 when one is unknown. */
static unsigned parse_roles(const char *list)
{
	unsigned roles = 0;
	char buf[128];
	if (!list || strlen(list) >= sizeof buf)
		return 0;
	memcpy(buf, list, strlen(list) + 1);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int r = role_parse(t);
		if (r < 0)
			return 0;
		roles |= ROLE_BIT(r);
	}
	return roles;
}

static int need_email(const struct opts *o, const char *sub)
{
	if (!o->email) {
		fprintf(stderr,
			"coopfair: 'user %s' needs --email ADDRESS\nTry 'coopfair --help'.\n", sub);
		return 2;
	}
	return 0;
}

static int user_add(const struct opts *o)
{
	int rc = need_email(o, "add");
	if (rc)
		return rc;
	unsigned roles = parse_roles(o->role);
	if (!roles) {
		fprintf(stderr,
			"coopfair: --role takes one or more of admin, committee, jury, exhibitor, desk "
			"(comma-separated), not '%s'\n",
			o->role ? o->role : "");
		return 2;
	}
	if (!account_email_valid(o->email)) {
		fprintf(stderr, "coopfair: '%s' is not an email address\n", o->email);
		return 2;
	}
	char *pw = cli_read_password("Password for the new account: ");
	if (!pw)
		return 1;
	const char *problem = account_password_problem(pw);
	if (problem) {
		fprintf(stderr, "coopfair: %s Nothing was changed.\n", problem);
		free(pw);
		return 1;
	}
	int64_t id;
	cf_err e = account_create(o->email, o->name, pw, roles, &id);
	forget(pw);
	if (e == CF_ERR_CONFLICT) {
		fprintf(stderr, "coopfair: an account with the email %s already exists\n",
			o->email);
		return 1;
	}
	if (e) {
		fprintf(stderr, "coopfair: the account could not be created (%s)\n",
			cf_strerror(e));
		return 1;
	}
	printf("coopfair: created account %lld <%s> with role(s) %s\n", (long long)id, o->email,
	       o->role);
	return 0;
}

static int user_list(void)
{
	arena *a = arena_new(64u << 20);
	account *v;
	size_t n = 0;
	if (account_list(a, &v, &n)) {
		fprintf(stderr, "coopfair: could not read the accounts\n");
		arena_free(a);
		return 1;
	}
	printf("%-6s %-36s %-28s %-8s %s\n", "id", "email", "roles", "status", "name");
	for (size_t i = 0; i < n; i++) {
		char roles[96] = "";
		size_t len = 0;
		for (int r = 0; r < ROLE__MAX; r++)
			if (v[i].roles & ROLE_BIT(r))
				len += (size_t)snprintf(roles + len, sizeof roles - len, "%s%s",
							len ? "," : "", role_name((role)r));
		printf("%-6lld %-36s %-28s %-8s %s\n", (long long)v[i].id, v[i].email, roles,
		       v[i].disabled	   ? "disabled"
		       : v[i].has_password ? "active"
					   : "invited",
		       v[i].name);
	}
	arena_free(a);
	return 0;
}

static int with_account(const struct opts *o, const char *sub, int64_t *id)
{
	int rc = need_email(o, sub);
	if (rc)
		return rc;
	arena *a = arena_new(1u << 20);
	account acc;
	cf_err e = account_by_email(a, o->email, &acc);
	*id = acc.id;
	arena_free(a);
	if (e) {
		fprintf(stderr, "coopfair: no account with the email %s\n", o->email);
		return 1;
	}
	return 0;
}

static int user_passwd(const struct opts *o)
{
	int64_t id;
	int rc = with_account(o, "passwd", &id);
	if (rc)
		return rc;
	char *pw = cli_read_password("New password: ");
	if (!pw)
		return 1;
	const char *problem = account_password_problem(pw);
	cf_err e = problem ? CF_ERR_INVALID : acct_set_password(0, id, pw);
	forget(pw);
	if (e) {
		fprintf(stderr, "coopfair: %s Nothing was changed.\n",
			problem ? problem : cf_strerror(e));
		return 1;
	}
	printf("coopfair: password changed for %s; their sessions were ended\n", o->email);
	return 0;
}

static int user_disable(const struct opts *o)
{
	int64_t id;
	int rc = with_account(o, "disable", &id);
	if (rc)
		return rc;
	if (account_set_disabled(id, 1)) {
		fprintf(stderr, "coopfair: could not disable %s\n", o->email);
		return 1;
	}
	printf("coopfair: disabled %s and ended their sessions\n", o->email);
	return 0;
}

int cli_user(const struct opts *o, int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";
	if (argc > 1) {
		fprintf(stderr, "coopfair: unexpected argument '%s'\nTry 'coopfair --help'.\n",
			argv[1]);
		return 2;
	}
	if (!strcmp(sub, "add"))
		return user_add(o);
	if (!strcmp(sub, "list"))
		return user_list();
	if (!strcmp(sub, "passwd"))
		return user_passwd(o);
	if (!strcmp(sub, "disable"))
		return user_disable(o);
	fprintf(stderr,
		"coopfair: 'user' takes add, list, passwd or disable%s%s\nTry 'coopfair --help'.\n",
		*sub ? ", not " : "", sub);
	return 2;
}
