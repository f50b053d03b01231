// A program's threads are numbered 1, 2, 3, ... in the order they are made, as in Plan 9, even after the library has started threads of its own (note delivery, an I/O proc, the reaper of children); the library's own count down from 2147483647.
#include "test.h"

static Channel *ids;

static void report(void *arg)
{
	(void)arg;
	sendul(ids, threadid());
}

static int handler(void *ureg, char *note)
{
	(void)ureg; (void)note;
	sendul(ids, threadid());
	return 1;
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	int id;

	(void)argc; (void)argv;
	ids = chancreate(sizeof(ulong), 4);
	CHECKEQ(threadid(), 1);
	CHECKEQ(threadcreate(report, NULL, 0), 2);
	CHECKEQ(recvul(ids), 2);

	threadnotify(handler, 1);
	io = ioproc();
	free(procwait(test_spawnsh("exit 0")));
	CHECKEQ(proccreate(report, NULL, 0), 3);
	CHECKEQ(recvul(ids), 3);
	CHECKEQ(threadcreate(report, NULL, 0), 4);
	CHECKEQ(recvul(ids), 4);

	raise(SIGUSR1);
	id = recvul(ids);
	if(id < 2147483600)
		FAILF("note delivery's thread has id %d", id);
	closeioproc(io);
	threadexitsall(NULL);
}
