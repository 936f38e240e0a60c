/*
 * outbox.c - coopfair outbox send|list, and the sender thread of serve.
 *
 *   coopfair outbox send [--sendmail CMD]   deliver pending messages once
 *   coopfair outbox list                    show pending messages
 *
 * CMD (or COOPFAIR_SENDMAIL) is a sendmail-compatible command, run through
 * /bin/sh once per message with the message (RFC 5322 headers, UTF-8 body)
 * on its standard input, e.g. "/usr/sbin/sendmail -t -i". Exit status 0
 * marks the message sent; anything else keeps it pending with the error.
 * The sender's address comes from COOPFAIR_MAIL_FROM when set.
 * Recipients were validated when queued (no spaces, controls, <>",), so
 * they cannot inject headers; subjects are sent base64-encoded (RFC 2047).
 */
#include "../db/db.h"
#include "../model/account_admin.h"
#include "../model/audit_log.h"
#include "../model/outbox.h"
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH 100

/* pipe_quiet/pipe_restore - SIGPIPE blocked in this thread while it writes
 * to the sender command, so a command that exits without reading its input
 * (e.g. "false") makes the write fail with EPIPE instead of killing the CLI.
 * The command itself was started before (popen), with the usual mask. A
 * SIGPIPE raised meanwhile is consumed before the mask is restored. */
static void pipe_quiet(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void pipe_restore(const sigset_t *old)
{
	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	if (!sigpending(&pending) && sigismember(&pending, SIGPIPE)) {
		struct timespec zero = { 0, 0 };
		while (sigtimedwait(&set, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* send_one - pipe one message into cmd; NULL on success, else why. */
static const char *send_one(const char *cmd, const outbox_msg *m, char why[128])
{
	FILE *p = popen(cmd, "w");
	if (!p) {
		snprintf(why, 128, "cannot run the sender command");
		return why;
	}
	sigset_t old;
	pipe_quiet(&old);
	size_t n = strlen(m->subject);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(cap);
	if (b64)
		sodium_bin2base64(b64, cap, (const unsigned char *)m->subject, n,
				  sodium_base64_VARIANT_ORIGINAL);
	const char *from = getenv("COOPFAIR_MAIL_FROM");
	if (from && *from && !strpbrk(from, "\r\n"))
		fprintf(p, "From: %s\n", from);
	fprintf(p,
		"To: %s\nSubject: =?UTF-8?B?%s?=\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
		"Auto-Submitted: auto-generated\n\n%s",
		m->to_email, b64 ? b64 : "", m->body);
	free(b64);
	int wrote = fflush(p) == 0 && !ferror(p);
	int st = pclose(p);
	pipe_restore(&old);
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 && !wrote) {
		snprintf(why, 128, "the sender command did not read the whole message");
		return why;
	}
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(why, 128, "the sender command failed (status %d)",
			 st == -1	 ? -1
			 : WIFEXITED(st) ? WEXITSTATUS(st)
					 : 128);
		return why;
	}
	return NULL;
}

int cli_outbox_send_once(const char *cmd, int *sent, int *failed)
{
	*sent = *failed = 0;
	(void)acct_reset_process(); /* reset links are made here, for the sender only */
	arena *a = arena_new(64u << 20);
	outbox_msg *m;
	size_t n = 0;
	if (outbox_pending(a, BATCH, &m, &n)) {
		fprintf(stderr, "coopfair: could not read the outbox\n");
		arena_free(a);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (m[i].attempts >= 10)
			continue; /* a message that failed ten times waits for a person */
		if (!outbox_claim(m[i].id))
			continue; /* another server's sender has it */
		char why[128];
		const char *err = send_one(cmd, &m[i], why);
		if (err ? outbox_mark_failed(m[i].id, err) : outbox_mark_sent(0, m[i].id))
			fprintf(stderr, "coopfair: could not record the outcome of message %lld\n",
				(long long)m[i].id);
		if (err)
			(*failed)++;
		else
			(*sent)++;
	}
	arena_free(a);
	return *failed ? 1 : 0;
}

static int outbox_list_cmd(void)
{
	arena *a = arena_new(64u << 20);
	outbox_msg *m;
	size_t n = 0;
	if (outbox_pending(a, 1000, &m, &n)) {
		fprintf(stderr, "coopfair: could not read the outbox\n");
		arena_free(a);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%d\t%s\n", (long long)m[i].id, m[i].created_at, m[i].to_email,
		       m[i].attempts, m[i].last_error);
	printf("coopfair: %zu message%s waiting\n", n, n == 1 ? "" : "s");
	arena_free(a);
	return 0;
}

int cli_outbox(const struct opts *o, int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";
	if (argc > 1) {
		fprintf(stderr, "coopfair: unexpected argument '%s'\nTry 'coopfair --help'.\n",
			argv[1]);
		return 2;
	}
	if (!strcmp(sub, "list"))
		return outbox_list_cmd();
	if (strcmp(sub, "send")) {
		fprintf(stderr,
			"coopfair: 'outbox' takes send or list%s%s\nTry 'coopfair --help'.\n",
			*sub ? ", not " : "", sub);
		return 2;
	}
	if (!o->sendmail || !*o->sendmail) {
		fprintf(stderr,
			"coopfair: no mail sender: give --sendmail CMD or set COOPFAIR_SENDMAIL\n"
			"(e.g. '/usr/sbin/sendmail -t -i'). Without one, the committee copies invitation\n"
			"links from the back office at /admin/outbox; password resets need a sender, or\n"
			"an administrator sets the password ('coopfair user passwd', or the account's page).\n");
		return 2;
	}
	int sent, failed;
	int rc = cli_outbox_send_once(o->sendmail, &sent, &failed);
	printf("coopfair: %d message%s sent, %d failed\n", sent, sent == 1 ? "" : "s", failed);
	return rc;
}

static void *sender_main(void *cmd)
{
	for (;;) {
		int sent, failed;
		(void)cli_outbox_send_once(cmd, &sent, &failed);
		if (sent || failed)
			fprintf(stderr, "coopfair: outbox: %d sent, %d failed\n", sent, failed);
		sleep(30);
	}
	return NULL;
}

int cli_outbox_thread(const char *cmd)
{
	pthread_t t;
	if (pthread_create(&t, NULL, sender_main, (void *)cmd))
		return 1;
	pthread_detach(t);
	return 0;
}
