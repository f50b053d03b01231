// procexec refuses to run when the calling thread is not alone in its
// proc: -1 on cpid, -1 returned, errno EBUSY, a message on standard error,
// and nothing started.
#include "test.h"

#include <errno.h>

static Channel *cpid, *result, *release;

static void
sibling(void *arg)
{
	(void)arg;
	recvul(release);
}

static void
execproc(void *arg)
{
	static char *args[] = { "true", NULL };
	int r;

	(void)arg;
	threadcreate(sibling, NULL, 32768);
	r = procexec(cpid, "/bin/true", args);
	sendul(result, r == -1 && errno == EBUSY);
	sendul(release, 0);	/* lets the sibling end */
}

void
threadmain(int argc, char *argv[])
{
	int pid;

	(void)argc; (void)argv;
	cpid = chancreate(sizeof(int), 0);
	result = chancreate(sizeof(ulong), 0);
	release = chancreate(sizeof(ulong), 0);
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECKEQ(pid, -1);
	CHECKEQ(recvul(result), 1);
	CHECK(procwait(12345678) == NULL);
	threadexitsall(NULL);
}
