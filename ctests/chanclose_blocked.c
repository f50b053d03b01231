// chanclose wakes blocked senders and the blocked receivers of an empty channel, in threads and in other procs, and their calls fail with -1.
#include "test.h"

enum { K = 4 };

typedef struct W {
	Channel *c;
	Channel *done; // each waiter reports its result here
	int op;        // CHANSND or CHANRCV
} W;

static void waiter(void *arg)
{
	W *w = arg;
	int v = 5, r;

	if(w->op == CHANSND)
		r = send(w->c, &v);
	else {
		r = recv(w->c, &v);
		CHECKEQ(v, 5); // untouched
	}
	CHECK(sendul(w->done, (ulong)(r + 10)) == 1);
}

static void check(int op, int nel, int useprocs)
{
	Channel *c = chancreate(sizeof(int), nel);
	Channel *done = chancreate(sizeof(ulong), K);
	W w[K];
	int v = 1;

	// Fill a buffered channel so that senders block.
	if(op == CHANSND)
		for(int i = 0; i < nel; i++)
			CHECKEQ(send(c, &v), 1);
	for(int i = 0; i < K; i++) {
		w[i].c = c;
		w[i].done = done;
		w[i].op = op;
		if(useprocs && i % 2)
			proccreate(waiter, &w[i], 0);
		else
			threadcreate(waiter, &w[i], 0);
	}
	test_yield_n(10);
	test_sleep_ms(20); // let the procs block too
	test_yield_n(10);
	CHECKEQ(nbrecvul(done), 0); // nobody finished before the close
	CHECKEQ(chanclose(c), 0);
	for(int i = 0; i < K; i++)
		CHECKEQ(recvul(done), -1 + 10);
	// The failed senders added nothing; the buffer is intact.
	CHECKEQ(chanclosing(c), op == CHANSND ? nel : 0);
	for(int i = 0; op == CHANSND && i < nel; i++)
		CHECKEQ(recv(c, &v), 1);
	CHECKEQ(recv(c, &v), -1);
	chanfree(c);
	chanfree(done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	for(int useprocs = 0; useprocs < 2; useprocs++) {
		check(CHANSND, 0, useprocs);
		check(CHANSND, 3, useprocs);
		check(CHANRCV, 0, useprocs);
		check(CHANRCV, 3, useprocs);
	}
	threadexits(NULL);
}
