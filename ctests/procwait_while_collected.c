// Regression: procwait called while the reaper was between collecting a
// child and queueing its Waitmsg found the child in neither place and
// returned nil (ECHILD). Quick children and an immediate procwait, many
// times over, hit that window, most often when the pid comes from another
// proc, as from threadexec.
#include "test.h"

#include <errno.h>

enum { Rounds = 500 };

static Channel *pids;

static void
spawner(void *arg)
{
	static char *args[] = { "true", NULL };
	int i, fd[3];

	(void)arg;
	for(i = 0; i < Rounds; i++){
		test_stdfds(fd);
		sendul(pids, threadspawn(fd, "/bin/true", args));
	}
}

void
threadmain(int argc, char *argv[])
{
	int i, pid;
	Waitmsg *w;

	(void)argc; (void)argv;
	pids = chancreate(sizeof(ulong), 0);
	proccreate(spawner, NULL, 32768);
	for(i = 0; i < Rounds; i++){
		pid = recvul(pids);
		CHECK(pid > 0);
		errno = 0;
		w = procwait(pid);
		if(w == NULL)
			FAILF("round %d: procwait(%d) returned nil, errno %d", i, pid, errno);
		CHECKEQ(w->pid, pid);
		free(w);
	}
	threadexitsall(NULL);
}
