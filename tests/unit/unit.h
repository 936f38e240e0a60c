/*
 * unit.h - what every cmocka unit test includes, and the few helpers the
 * tests share: a child process to prove that something aborts, and a
 * temporary folder that is removed afterwards.
 *
 * Helpers are static inline so a test that does not use one still builds
 * with -Werror. Each test program is one file linked with libcoopfair.a.
 */
#ifndef CF_UNIT_H
#define CF_UNIT_H
/* nftw() needs the X/Open extensions; every test includes unit.h first. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * unit_aborts - run fn(arg) in a child process; 1 when the child was ended
 * by SIGABRT (an assert or abort()), 0 when it returned or died otherwise.
 * The child's stderr goes to /dev/null so expected abort messages do not
 * clutter the test output.
 */
static inline int unit_aborts(void (*fn)(void *), void *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn(arg);
		_exit(0);
	}
	int st = 0;
	if (waitpid(pid, &st, 0) != pid)
		return 0;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

/*
 * unit_aborts_saying - like unit_aborts, and the child's stderr must also
 * contain needle: an abort for the reason the test means, not a crash that
 * happens to end the same way (glibc aborts on heap corruption too).
 */
static inline int unit_aborts_saying(void (*fn)(void *), void *arg, const char *needle)
{
	int fds[2];
	if (pipe(fds))
		return 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		close(fds[0]);
		dup2(fds[1], 2);
		fn(arg);
		_exit(0);
	}
	close(fds[1]);
	int st = 0;
	int died = waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
	char text[4096];
	ssize_t n = read(fds[0], text, sizeof text - 1);
	close(fds[0]);
	text[n > 0 ? n : 0] = 0;
	return died && strstr(text, needle) != NULL;
}

/* unit_exit_status - run fn(arg) in a child; its exit status, or -1 when it
 * was killed by a signal. */
static inline int unit_exit_status(void (*fn)(void *), void *arg)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn(arg);
		_exit(0);
	}
	int st = 0;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* unit_tmpdir - a new empty folder under $TMPDIR (or /tmp), written into
 * out[cap]; remove it with unit_rmtree. */
static inline void unit_tmpdir(char *out, size_t cap)
{
	const char *t = getenv("TMPDIR");
	snprintf(out, cap, "%s/coopfair-unit-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(out)) {
		perror("mkdtemp");
		abort();
	}
}

static inline int unit_rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

/* unit_rmtree - remove a folder made by unit_tmpdir and all it holds. */
static inline void unit_rmtree(const char *dir)
{
	nftw(dir, unit_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* unit_write_file - write text to path; aborts the test program on failure. */
static inline void unit_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		abort();
	}
}

/*
 * unit_remove_db - remove a test's SQLite database file and the -wal and
 * -shm files WAL mode leaves beside it (missing files are fine).
 */
static inline void unit_remove_db(const char *path)
{
	char p[4200];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

#endif
