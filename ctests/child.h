// child.h: run this test program again as a child process in another mode,
// and collect its exit status and standard error.
#ifndef P9THREAD_CTEST_CHILD_H
#define P9THREAD_CTEST_CHILD_H

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include "test.h"

extern char **environ;

typedef struct Child {
	int status;        // as waitpid reports it
	char err[8192];    // standard error, NUL-terminated
	int pid;
} Child;

// Starts "self mode" with extra environment entry env (or NULL), which
// overrides an inherited one of that name; returns the pid, with the read
// end of its stderr pipe in *errfd.
static inline int child_start(const char *mode, const char *env, int *errfd)
{
	int p[2];
	char *argv[] = { "self", (char *)mode, NULL };
	char *envp[256];
	int n = 0;
	posix_spawn_file_actions_t fa;
	pid_t pid;

	CHECK(pipe(p) == 0);
	// First, so that it wins over an inherited entry of the same name.
	if(env != NULL)
		envp[n++] = (char *)env;
	for(char **e = environ; *e != NULL && n < 250; e++)
		envp[n++] = *e;
	envp[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	CHECK(posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, envp) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	*errfd = p[0];
	return pid;
}

// Reads the child's stderr to the end and waits for it.
static inline void child_finish(Child *c, int errfd)
{
	size_t n = 0;
	ssize_t r;
	while(n < sizeof c->err - 1 && (r = read(errfd, c->err + n, sizeof c->err - 1 - n)) > 0)
		n += r;
	c->err[n] = 0;
	close(errfd);
	CHECK(waitpid(c->pid, &c->status, 0) == c->pid);
}

static inline void child_run(Child *c, const char *mode, const char *env)
{
	int fd;
	c->pid = child_start(mode, env, &fd);
	child_finish(c, fd);
}

// Runs "self mode", which must die by SIGABRT with `message` in its
// standard error; *c holds the rest of what it printed.
static inline void child_expect_abort(Child *c, const char *mode, const char *message)
{
	child_run(c, mode, NULL);
	if(!WIFSIGNALED(c->status) || WTERMSIG(c->status) != SIGABRT)
		FAILF("%s: status %#x, not SIGABRT; stderr: %s", mode, c->status, c->err);
	if(strstr(c->err, message) == NULL)
		FAILF("%s: stderr lacks \"%s\": %s", mode, message, c->err);
}

// A mode of a test program that must abort, and what it must print.
typedef struct AbortCase {
	const char *mode;
	const char *message;
} AbortCase;

// child_expect_abort for each of the n cases.
static inline void child_expect_aborts(const AbortCase *cases, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		Child c;
		child_expect_abort(&c, cases[i].mode, cases[i].message);
	}
}

// Busy processes that keep processors loaded: a test whose threadmain
// calls child_hog_mode(argv) first can start n copies of itself that spin
// until child_stop_hogs kills them.
static inline void child_hog_mode(int argc, char **argv)
{
	if(argc > 1 && strcmp(argv[1], "hog") == 0)
		for(;;)
			;
}

static inline void child_start_hogs(Child *hog, int n)
{
	int fd;
	for(int i = 0; i < n; i++) {
		hog[i].pid = child_start("hog", NULL, &fd);
		close(fd);
	}
}

static inline void child_stop_hogs(Child *hog, int n)
{
	for(int i = 0; i < n; i++) {
		kill(hog[i].pid, SIGKILL);
		CHECK(waitpid(hog[i].pid, &hog[i].status, 0) == hog[i].pid);
	}
}

#endif
