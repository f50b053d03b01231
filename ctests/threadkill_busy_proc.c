// threadkill of threads blocked in a channel operation, in a proc whose running thread does not yield and so cannot carry the kills out yet: from the kill on, no partner completes their operations (a receiver and an alt take no value, a blocked sender's value does not move into the buffer), and once the proc runs them, they die without returning.
#include "test.h"

static Channel *c, *e, *f, *ready;
static int hold = 1, returned;	// SHARED_GET and SHARED_SET

static void receiver(void *arg)
{
	(void)arg;
	recvul(c);
	SHARED_SET(returned, 1);
}

static void sender(void *arg)
{
	(void)arg;
	sendul(e, 2);	// e is full: blocks
	SHARED_SET(returned, 1);
}

static void alter(void *arg)
{
	ulong x;
	Alt a[] = { { f, &x, CHANRCV, NULL }, { NULL, NULL, CHANEND, NULL } };
	(void)arg;
	alt(a);
	SHARED_SET(returned, 1);
}

// The proc's first thread: starts the three, lets them block, reports
// their ids, and then runs without a scheduling point until released.
static void starter(void *arg)
{
	(void)arg;
	sendul(ready, threadcreate(receiver, NULL, 8192));
	sendul(ready, threadcreate(sender, NULL, 8192));
	sendul(ready, threadcreate(alter, NULL, 8192));
	for(int i = 0; i < 5; i++)
		yield();
	sendul(ready, 0);
	while(SHARED_GET(hold))
		;
}

void threadmain(int argc, char *argv[])
{
	int id[3];
	ulong v;
	(void)argc; (void)argv;

	c = chancreate(sizeof(ulong), 0);
	e = chancreate(sizeof(ulong), 1);
	f = chancreate(sizeof(ulong), 0);
	ready = chancreate(sizeof(ulong), 4);
	CHECKEQ(sendul(e, 1), 1);
	proccreate(starter, NULL, 8192);
	for(int i = 0; i < 3; i++)
		id[i] = (int)recvul(ready);
	CHECKEQ(recvul(ready), 0);

	for(int i = 0; i < 3; i++)
		threadkill(id[i]);
	CHECKEQ(nbsendul(c, 7), 0);	// the receiver takes nothing
	CHECKEQ(nbsendul(f, 7), 0);	// nor the alt
	CHECKEQ(nbrecv(e, &v), 1);	// the element sent before
	CHECKEQ(v, 1);
	CHECKEQ(nbrecv(e, &v), 0);	// the killed sender's value stays out

	SHARED_SET(hold, 0);
	for(int i = 0; i < 3; i++)
		while(threadpid(id[i]) != -1)
			test_sleep_ms(1);
	CHECKEQ(SHARED_GET(returned), 0);
	CHECKEQ(nbsendul(c, 7), 0);
	CHECKEQ(nbrecv(e, &v), 0);
	threadexitsall(NULL);
}
