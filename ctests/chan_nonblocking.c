// nbsend/nbrecv and their p/ul forms return 0 (nil, 0) when they would block, and succeed when a partner or buffer space is ready.
#include "test.h"

typedef struct Job {
	Channel *c;
	volatile int done;
	int v;
} Job;

static void blockedrecv(void *arg)
{
	Job *j = arg;
	CHECKEQ(recv(j->c, &j->v), 1);
	j->done = 1;
}

static void blockedsend(void *arg)
{
	Job *j = arg;
	CHECKEQ(send(j->c, &j->v), 1);
	j->done = 1;
}

void threadmain(int argc, char *argv[])
{
	Channel *c, *cp, *cul, *b;
	Job j;
	int v = 5;
	(void)argc; (void)argv;

	// Unbuffered, nobody waiting: every non-blocking call would block.
	c = chancreate(sizeof(int), 0);
	cp = chancreate(sizeof(void*), 0);
	cul = chancreate(sizeof(ulong), 0);
	CHECKEQ(nbsend(c, &v), 0);
	CHECKEQ(nbrecv(c, &v), 0);
	CHECKEQ(v, 5); // a failed nbrecv leaves the buffer alone
	CHECKEQ(nbsendp(cp, &v), 0);
	CHECK(nbrecvp(cp) == NULL);
	CHECKEQ(nbsendul(cul, 9), 0);
	CHECKEQ(nbrecvul(cul), 0);

	// A blocked receiver makes nbsend succeed.
	j.c = c; j.done = 0; j.v = 0;
	threadcreate(blockedrecv, &j, 0);
	test_yield_n(5);
	CHECKEQ(j.done, 0);
	v = 42;
	CHECKEQ(nbsend(c, &v), 1);
	test_yield_n(5);
	CHECKEQ(j.done, 1);
	CHECKEQ(j.v, 42);

	// A blocked sender makes nbrecv succeed.
	j.done = 0; j.v = 43;
	threadcreate(blockedsend, &j, 0);
	test_yield_n(5);
	CHECKEQ(j.done, 0);
	v = 0;
	CHECKEQ(nbrecv(c, &v), 1);
	CHECKEQ(v, 43);
	test_yield_n(5);
	CHECKEQ(j.done, 1);
	CHECKEQ(nbrecv(c, &v), 0);

	// Buffered: nbsend succeeds until full, nbrecv until empty.
	b = chancreate(sizeof(ulong), 3);
	CHECKEQ(nbrecvul(b), 0);
	CHECKEQ(nbsendul(b, 1), 1);
	CHECKEQ(nbsendul(b, 2), 1);
	CHECKEQ(nbsendul(b, 3), 1);
	CHECKEQ(nbsendul(b, 4), 0);
	CHECKEQ(nbrecvul(b), 1);
	CHECKEQ(nbsendul(b, 5), 1);
	CHECKEQ(nbrecvul(b), 2);
	CHECKEQ(nbrecvul(b), 3);
	CHECKEQ(nbrecvul(b), 5);
	CHECKEQ(nbrecvul(b), 0);
	CHECKEQ(nbrecv(b, &v), 0);

	Channel *bp = chancreate(sizeof(void*), 1);
	CHECKEQ(nbsendp(bp, &j), 1);
	CHECKEQ(nbsendp(bp, &v), 0);
	CHECK(nbrecvp(bp) == (void*)&j);
	CHECK(nbrecvp(bp) == NULL);

	chanfree(c); chanfree(cp); chanfree(cul); chanfree(b); chanfree(bp);
	threadexits(NULL);
}
