// The process exit status: threadexits/return end with the last thread of the last proc and its status (nil or "" -> 0, else 1); threadexitsall ends everything at once; a threadexec or threadexecl that started its program ends the thread with the status "threadexec" ("threadexecl").
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
// link: both
//
// The parent runs itself again, through posix_spawn, once per mode below,
// and checks each child's exit status.  (posix_spawn rather than fork: in a
// threaded runtime the child of a fork may only exec or _exit.)
#include "test.h"

#include <errno.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static void sleeper(void *arg)
{
	test_sleep_ms(100);
	threadexits((char*)arg);
}

static void yielder(void *arg)
{
	test_yield_n(10);
	threadexits((char*)arg);
}

static void quitter(void *arg)
{
	threadexits((char*)arg);
}

static void spinner(void *arg)
{
	(void)arg;
	for(volatile unsigned long i = 0;; i++)
		;
}

static void blocker(void *arg)
{
	int v;
	recv((Channel*)arg, &v);
}

static void exitall(void *arg)
{
	test_sleep_ms(50);
	threadexitsall((char*)arg);
}

static char empty[] = "", bad[] = "bad", late[] = "late", early[] = "early";

// The channel the exitsall modes block on, reachable until the process ends.
static Channel *c;

// child runs one mode and ends the process the way the mode says.
static void child(const char *mode)
{
	int v;

	c = chancreate(sizeof(int), 0);
	if(strcmp(mode, "return") == 0)
		return;
	if(strcmp(mode, "exits-nil") == 0)
		threadexits(NULL);
	if(strcmp(mode, "exits-empty") == 0)
		threadexits(empty);
	if(strcmp(mode, "exits-str") == 0)
		threadexits(bad);
	if(strcmp(mode, "main-first") == 0) {
		// The other thread exits last, with its status.
		threadcreate(yielder, late, 0);
		threadexits(NULL);
	}
	if(strcmp(mode, "main-first-return") == 0) {
		threadcreate(yielder, late, 0);
		return;
	}
	if(strcmp(mode, "main-last") == 0) {
		threadcreate(quitter, early, 0);
		test_yield_n(10);
		threadexits(NULL);
	}
	if(strcmp(mode, "proc-last") == 0) {
		proccreate(sleeper, late, 0);
		threadexits(NULL);
	}
	if(strcmp(mode, "proc-last-nil") == 0) {
		proccreate(sleeper, NULL, 0);
		threadexits(bad);
	}
	if(strcmp(mode, "exitsall-nil") == 0) {
		threadcreate(blocker, c, 0);
		proccreate(blocker, c, 0);
		proccreate(spinner, NULL, 0);
		test_sleep_ms(20);
		threadexitsall(NULL);
	}
	if(strcmp(mode, "exitsall-str") == 0) {
		// From another proc, while this one is blocked.
		proccreate(spinner, NULL, 0);
		proccreate(exitall, bad, 0);
		recv(c, &v);
	}
	if(strcmp(mode, "threadexec") == 0 || strcmp(mode, "threadexecl") == 0) {
		// The last thread, so its status is the process's.
		static char *args[] = { "true", NULL };
		int fd[3];

		test_stdfds(fd);
		if(strcmp(mode, "threadexec") == 0)
			threadexec(NULL, fd, "true", args);
		else
			threadexecl(NULL, fd, "true", "true", NULL);
		FAILF("%s of true returned (errno %d)", mode, errno);
	}
	if(strcmp(mode, "exitsall-empty") == 0) {
		proccreate(spinner, NULL, 0);
		proccreate(exitall, empty, 0);
		recv(c, &v);
	}
	FAILF("mode %s did not end the program", mode);
}

// run spawns this program in the given mode and checks its exit status.
static void run(const char *mode, int want)
{
	char *argv[] = { (char*)"exit_status", (char*)mode, NULL };
	pid_t pid;
	int status;
	double t0 = test_now();

	CHECKEQ(posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ), 0);
	CHECKEQ(waitpid(pid, &status, 0), pid);
	if(!WIFEXITED(status))
		FAILF("mode %s: did not exit normally (status %#x)", mode, status);
	if(WEXITSTATUS(status) != want)
		FAILF("mode %s: exit status %d, want %d", mode, WEXITSTATUS(status), want);
	if(test_now() - t0 > 3)
		FAILF("mode %s: took %.1f s to exit", mode, test_now() - t0);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		child(argv[1]);
		return;
	}
	run("return", 0);
	run("exits-nil", 0);
	run("exits-empty", 0);
	run("exits-str", 1);
	run("main-first", 1);
	run("main-first-return", 1);
	run("main-last", 0);
	run("proc-last", 1);
	run("proc-last-nil", 0);
	run("exitsall-nil", 0);
	run("exitsall-str", 1);
	run("exitsall-empty", 0);
	run("threadexec", 1);
	run("threadexecl", 1);
	threadexits(NULL);
}
