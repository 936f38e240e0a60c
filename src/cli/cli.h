/*
 * cli.h - the command line's shared options and its sub-commands beyond
 * main.c. Exit codes: 0 success, 1 failure, 2 wrong command line.
 */
#ifndef CF_CLI_H
#define CF_CLI_H

struct opts {
	const char *db;
	const char *addr;
	unsigned port;
	unsigned threads;
	const char *share;
	int demo;
	const char *email, *role, *name; /* for "user" */
	const char *sendmail;		 /* for "outbox send" and serve */
	const char *encoding;		 /* for "registry import" */
	const char *update;		 /* "check" or "apply": registry import --update */
	const char *from, *to;		 /* for "copy" */
	const char *head;		 /* for "prize verify --head" */
	const char *edition;		 /* for "archive --edition" (slug or id) */
	/* backup, restore and serve --backup-every (cli/backup.c) */
	int keep_last, keep_hourly, keep_daily;
	long backup_every; /* seconds, 0: no scheduled backups */
	const char *backup_to;
	int help; /* --help after a command that has its own */
};

/* cli_user - coopfair user add|list|passwd|disable (args after "user").
 * The database must already be open and migrated (db_configure done). */
int cli_user(const struct opts *o, int argc, char **argv);
/* cli_registry - coopfair registry import|export|generate|search|bench
 * (args after "registry"); database open and migrated as for cli_user. */
int cli_registry(const struct opts *o, int argc, char **argv);
/* cli_prize - coopfair prize verify (args after "prize"). */
int cli_prize(const struct opts *o, int argc, char **argv);
/* cli_stand - coopfair stands assign (args after "stands"). */
int cli_stand(const struct opts *o, int argc, char **argv);
/* cli_sql - coopfair sql [json|tabs] 'SQL': print the rows (src/cli/db.c). */
int cli_sql(const struct opts *o, int argc, char **argv);
/* cli_read_password - a password from the terminal without echo (asked
 * twice), or the first line of standard input when it is not a terminal.
 * Returns a malloc'd string or NULL (message printed). */
char *cli_read_password(const char *prompt);

/* cli_outbox - coopfair outbox send|list (args after "outbox"). */
int cli_outbox(const struct opts *o, int argc, char **argv);
/* cli_outbox_send_once - deliver pending messages through cmd once. */
int cli_outbox_send_once(const char *cmd, int *sent, int *failed);
/* cli_outbox_thread - a detached thread delivering every 30 s (serve). */
int cli_outbox_thread(const char *cmd);
/* cli_backup - coopfair backup DEST (args after "backup"); the database is
 * not opened nor migrated first (a backup never changes it). */
int cli_backup(const struct opts *o, int argc, char **argv);
/* cli_restore - coopfair restore FILE (args after "restore"). */
int cli_restore(const struct opts *o, int argc, char **argv);
/* cli_archive - coopfair archive FILE.zip: the edition archive. */
int cli_archive(const struct opts *o, int argc, char **argv);
/* cli_backup_help - the --help of "backup", "restore", "archive" or "serve". */
void cli_backup_help(const char *cmd);
/* cli_routes - print the route table as TSV (hidden command). */
int cli_routes(void);

#endif
