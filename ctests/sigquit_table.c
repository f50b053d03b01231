// SIGQUIT prints the table of procs and threads (the library's own procs marked; id, state, what a blocked thread waits for, name, state string) to standard error, and the program keeps running.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static Channel *c;

static void named(void *arg)
{
	(void)arg;
	threadsetname("worker-%d", 7);
	recvul(c);
}

void threadmain(int argc, char *argv[])
{
	Child ch;

	c = chancreate(sizeof(ulong), 0);
	if(argc > 1 && strcmp(argv[1], "quit") == 0){
		threadcreate(named, NULL, 8192);
		proccreate(named, NULL, 8192);
		yield();
		usleep(50 * 1000);
		raise(SIGQUIT);
		usleep(200 * 1000);
		fprintf(stderr, "still running\n");
		threadexitsall(NULL);
	}
	child_run(&ch, "quit", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 0);
	CHECK(strstr(ch.err, "proc ") != NULL);
	CHECK(strstr(ch.err, "thread 1 Running \"threadmain\"") != NULL);
	CHECK(strstr(ch.err, "Blocked (recv on channel") != NULL);
	CHECK(strstr(ch.err, "\"worker-7\"") != NULL);
	// Note delivery, which prints the table, is marked as the library's.
	CHECK(strstr(ch.err, "(the library's):\n\tthread 2147483647 Running \"note delivery\"") != NULL);
	CHECK(strstr(ch.err, "still running") != NULL);
	threadexitsall(NULL);
}
