// procexecl passes its NULL-terminated argument list to the program: a shell
// checks the arguments it was given and exits 0 only if they are right.
#include "test.h"

static Channel *cpid;

static void
execproc(void *arg)
{
	(void)arg;
	procexecl(cpid, "/bin/sh", "sh", "-c", "test \"$0 $1\" = \"one two\"", "one", "two", NULL);
	FAILF("procexecl returned");
}

void
threadmain(int argc, char *argv[])
{
	Waitmsg *w;
	int pid;

	(void)argc; (void)argv;
	cpid = chancreate(sizeof(int), 0);
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECK(pid > 0);
	w = procwait(pid);
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	if(strcmp(w->msg, "") != 0)
		FAILF("child failed: %s", w->msg);
	free(w);
	threadexitsall(NULL);
}
