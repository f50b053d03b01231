// threadexec starts the program, sends its pid on cpid and ends the calling
// qemu: a failed exec goes unreported: qemu-user runs posix_spawn's vfork-style clone as a fork
// thread; a failed threadexec sends -1 and returns.
#include "test.h"

#include <errno.h>

static Channel *cpid, *failed;
static volatile int returned;

static void
execproc(void *arg)
{
	static char *args[] = { "true", NULL };
	int fd[3];

	(void)arg;
	test_stdfds(fd);
	threadexec(cpid, fd, "true", args);
	returned = 1;
}

static void
badexecproc(void *arg)
{
	int fd[3];

	(void)arg;
	test_stdfds(fd);
	threadexecl(cpid, fd, "/nonexistent/program", "program", NULL);
	sendul(failed, 1);
}

void
threadmain(int argc, char *argv[])
{
	Waitmsg *w;
	int pid;

	(void)argc; (void)argv;
	cpid = chancreate(sizeof(int), 0);
	failed = chancreate(sizeof(ulong), 0);
	proccreate(execproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECK(pid > 0);
	w = procwait(pid);
	if(w == NULL || w->pid != pid || strcmp(w->msg, "") != 0)
		FAILF("procwait(%d): %p pid %d msg %s errno %d", pid, (void*)w, w ? w->pid : 0, w ? w->msg : "", errno);
	free(w);
	CHECK(!returned);

	proccreate(badexecproc, NULL, 32768);
	CHECK(recv(cpid, &pid) == 1);
	CHECKEQ(pid, -1);
	CHECKEQ(recvul(failed), 1);
	threadexitsall(NULL);
}
