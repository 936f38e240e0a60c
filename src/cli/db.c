/* db.c - coopfair sql: run SQL on the database, for tests and maintenance.
 * The SQL is in coopfair's dialect (SQLite's, translated for PostgreSQL by
 * the db layer), so a test's query runs unchanged on either engine. */
#include "cli.h"
#include "../db/db.h"

#include <stdio.h>
#include <string.h>

int cli_sql(const struct opts *o, int argc, char **argv)
{
	(void)o;
	int mode = DB_PRINT_LIST;
	if (argc == 2 && !strcmp(argv[0], "json"))
		mode = DB_PRINT_JSON;
	else if (argc == 2 && !strcmp(argv[0], "tabs"))
		mode = DB_PRINT_TABS;
	else if (argc != 1) {
		fprintf(stderr, "usage: coopfair sql [json|tabs] 'SQL'\n");
		return 2;
	}
	cf_err e = db_print(db_thread(), argv[argc - 1], mode, stdout);
	return e ? 1 : 0;
}
