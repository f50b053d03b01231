// Two threads, in two procs, in procwait for one child: one gets its Waitmsg, and the other returns nil with ECHILD once the message is delivered, rather than waiting forever.
#include "test.h"

#include <errno.h>

static int pid;
static Channel *results;

static void
waiter(void *arg)
{
	(void)arg;
	errno = 0;
	Waitmsg *w = procwait(pid);
	if(w != NULL) {
		CHECKEQ(w->pid, pid);
		CHECK(strcmp(w->msg, "7") == 0);
		free(w);
		sendul(results, 1);
	} else {
		CHECKEQ(errno, ECHILD);
		sendul(results, 2);
	}
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	results = chancreate(sizeof(ulong), 2);
	pid = test_spawnsh("sleep 0.2; exit 7");
	CHECK(pid > 0);
	threadcreate(waiter, NULL, 0);
	proccreate(waiter, NULL, 0);
	ulong a = recvul(results), b = recvul(results);
	CHECKEQ(a + b, 3);
	threadexitsall(NULL);
}
