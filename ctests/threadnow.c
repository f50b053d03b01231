// plan9port's threadnow points to a function returning the running thread: non-nil, the same for one thread across switches, different for different threads and procs.
#include "test.h"

extern void *(*threadnow)(void);

static Channel *c;

static void other(void *arg)
{
	(void)arg;
	sendp(c, threadnow());
	yield();
	sendp(c, threadnow());
}

void threadmain(int argc, char *argv[])
{
	void *me, *t1, *t2, *p1, *p2;
	(void)argc; (void)argv;

	CHECK(threadnow != NULL);
	me = threadnow();
	CHECK(me != NULL);
	c = chancreate(sizeof(void*), 0);

	// A thread of this proc.
	threadcreate(other, NULL, 0);
	t1 = recvp(c);
	CHECK(threadnow() == me);
	t2 = recvp(c);
	CHECK(t1 != NULL);
	CHECK(t1 != me);
	CHECK(t2 == t1);
	yield();
	CHECK(threadnow() == me);

	// A thread of another proc.
	proccreate(other, NULL, 0);
	p1 = recvp(c);
	p2 = recvp(c);
	CHECK(p1 != NULL);
	CHECK(p1 != me);
	CHECK(p2 == p1);
	CHECK(threadnow() == me);
	threadexits(NULL);
}
