// procexec runs a program in place of a proc's only thread: the child's pid
// arrives on cpid, and its Waitmsg (msg "" for success) on threadwaitchan.
#include "test.h"

#include <errno.h>

static Channel *cpid;

static void
execproc(void *arg)
{
	static char *args[] = { "echo", "procexec works", NULL };

	(void)arg;
	procexec(cpid, "/bin/echo", args);
	FAILF("procexec returned: errno %d", errno);
}

void
threadmain(int argc, char *argv[])
{
	Channel *wc;
	Waitmsg *w;
	int pid;

	(void)argc; (void)argv;
	cpid = chancreate(sizeof(int), 0);
	wc = threadwaitchan();
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECK(pid > 0);
	w = recvp(wc);
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	CHECK(w->msg != NULL);
	CHECK(strcmp(w->msg, "") == 0);
	free(w);
	threadexitsall(NULL);
}
