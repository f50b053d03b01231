// threadpid gives the OS thread id of a thread's proc (-1 for none); groups start at 0, threadsetgrp returns the old one, and new threads and procs inherit the creator's.
#include <unistd.h>
#include "test.h"

static Channel *c;

static void report(void *arg)
{
	(void)arg;
	sendul(c, gettid());
	sendul(c, threadgetgrp());
	sendul(c, threadgrp());
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	CHECKEQ(threadpid(threadid()), gettid());
	CHECKEQ(threadpid(1 << 30), -1);
	CHECKEQ(threadgetgrp(), 0);
	CHECKEQ(threadsetgrp(3), 0);
	CHECKEQ(threadsetgrp(4), 3);
	CHECKEQ(threadgrp(), 4);

	int t = threadcreate(report, NULL, 8192);
	CHECKEQ(threadpid(t), gettid());
	CHECKEQ(recvul(c), gettid());
	CHECKEQ(recvul(c), 4);
	CHECKEQ(recvul(c), 4);

	int p = proccreate(report, NULL, 8192);
	ulong tid = recvul(c);
	CHECK(tid != (ulong)gettid());
	CHECKEQ(threadpid(p), tid);
	CHECKEQ(recvul(c), 4);
	CHECKEQ(recvul(c), 4);
	threadexitsall(NULL);
}
