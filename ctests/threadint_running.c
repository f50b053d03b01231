// threadint of a thread that is running or ready has no effect: it blocks normally afterwards. threadint of no thread returns 0.
#include "test.h"

static Channel *c, *done;

static void worker(void *arg)
{
	(void)arg;
	ulong v = 0;
	CHECKEQ(recv(c, &v), 1);   // interrupted while ready: this recv still waits
	CHECKEQ(v, 9);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	int id = threadcreate(worker, NULL, 8192);
	CHECKEQ(threadint(id), 1);         // ready, not yet run
	CHECKEQ(threadint(threadid()), 1);  // running: ourselves
	yield();                            // worker blocks in recv
	sendul(c, 9);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(threadint(123456789), 0);
	threadexitsall(NULL);
}
