// procexec does no $PATH search: a bare name such as "sh", found along $PATH but not in the working directory, fails to start (-1 on cpid, -1 returned, errno ENOENT) and the calling thread carries on.
// qemu: a failed exec goes unreported: qemu-user runs posix_spawn's vfork-style clone as a fork
#include "test.h"

#include <errno.h>

static Channel *cpid, *after;

static void
execproc(void *arg)
{
	static char *args[] = { "sh", "-c", "exit 0", NULL };
	int r;

	(void)arg;
	r = procexec(cpid, "sh", args);
	sendul(after, r == -1 && errno == ENOENT);
}

void
threadmain(int argc, char *argv[])
{
	int pid;

	(void)argc; (void)argv;
	// $PATH finds sh; the working directory does not hold it.
	CHECK(setenv("PATH", "/usr/bin:/bin", 1) == 0);
	CHECK(chdir("/") == 0);
	CHECK(access("sh", F_OK) != 0);
	cpid = chancreate(sizeof(int), 0);
	after = chancreate(sizeof(ulong), 0);
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	if(pid != -1)
		FAILF("procexec(\"sh\") started pid %d: it searched $PATH", pid);
	CHECKEQ(recvul(after), 1);
	threadexitsall(NULL);
}
