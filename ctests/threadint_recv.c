// threadint: a thread blocked in recv, in the same proc or another, returns -1; a value already delivered stays delivered.
#include "test.h"

typedef struct R { Channel *c; Channel *done; int got; ulong v; } R;

static void receiver(void *arg)
{
	R *r = arg;
	r->got = recv(r->c, &r->v);
	sendul(r->done, 1);
}

static void run(int useproc)
{
	// done is buffered: a second interrupt must not catch the receiver
	// reporting back.
	R r = { chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 1), 0, 0 };
	int id = useproc ? proccreate(receiver, &r, 8192) : threadcreate(receiver, &r, 8192);
	ulong reported;

	// Interrupt it until it reports: the first interrupts may come before
	// it blocks, and are then not remembered.
	while(nbrecv(r.done, &reported) == 0){
		threadint(id);
		yield();
		usleep(1000);
	}
	CHECKEQ(r.got, -1);
	// Nothing is left waiting on the channel.
	ulong x = 5;
	CHECKEQ(nbsend(r.c, &x), 0);
	chanfree(r.c);
	chanfree(r.done);
}

static void delivered_first(void)
{
	R r = { chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 0), 0, 0 };
	int id = threadcreate(receiver, &r, 8192);
	yield();                 // receiver blocks in recv
	ulong x = 42;
	CHECKEQ(send(r.c, &x), 1);  // completes: receiver is ready, not yet run
	CHECKEQ(threadint(id), 1);  // too late to interrupt
	recvul(r.done);
	CHECKEQ(r.got, 1);
	CHECKEQ(r.v, 42);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	run(0);
	run(1);
	delivered_first();
	CHECKEQ(threadint(1 << 30), 0);
	threadexitsall(NULL);
}
