// procexec of a file that does not exist sends -1 on cpid, returns -1 with
// qemu: a failed exec goes unreported: qemu-user runs posix_spawn's vfork-style clone as a fork
// errno set, and the calling thread carries on.
#include "test.h"

#include <errno.h>

static Channel *cpid, *after;

static void
execproc(void *arg)
{
	static char *args[] = { "nonexistent", NULL };
	int r;

	(void)arg;
	r = procexec(cpid, "/nonexistent/program", args);
	sendul(after, r == -1 && errno == ENOENT);
}

void
threadmain(int argc, char *argv[])
{
	int pid;

	(void)argc; (void)argv;
	cpid = chancreate(sizeof(int), 0);
	after = chancreate(sizeof(ulong), 0);
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECKEQ(pid, -1);
	CHECKEQ(recvul(after), 1);
	threadexitsall(NULL);
}
