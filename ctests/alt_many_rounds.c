// 100,000 alt rounds between several senders and receivers over three channels deliver every value exactly once.
#include "test.h"

enum { N = 100000, NSEND = 2, NRECV = 3, NCHAN = 3 };

static Channel *chans[NCHAN];
static Channel *done;
static unsigned char seen[N];
static int received; // all threads share one proc: no atomics needed

static void sender(void *arg)
{
	int id = (int)(long)arg;
	int v;
	Alt a[NCHAN + 1];

	for(int i = 0; i < NCHAN; i++) {
		a[i].c = chans[i];
		a[i].v = &v;
		a[i].op = CHANSND;
		a[i].err = NULL;
	}
	a[NCHAN].op = CHANEND;
	for(v = id; v < N; v += NSEND) {
		int k = alt(a);
		CHECK(k >= 0 && k < NCHAN);
	}
}

static void receiver(void *arg)
{
	int v;
	Alt a[NCHAN + 1];

	(void)arg;
	for(int i = 0; i < NCHAN; i++) {
		a[i].c = chans[i];
		a[i].v = &v;
		a[i].op = CHANRCV;
		a[i].err = NULL;
	}
	a[NCHAN].op = CHANEND;
	for(;;) {
		v = -1;
		int k = alt(a);
		CHECK(k >= 0 && k < NCHAN);
		CHECK(v >= 0 && v < N);
		CHECKEQ(seen[v], 0);
		seen[v] = 1;
		if(++received == N)
			sendul(done, 1);
	}
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	chans[0] = chancreate(sizeof(int), 0);
	chans[1] = chancreate(sizeof(int), 1);
	chans[2] = chancreate(sizeof(int), 16);
	done = chancreate(sizeof(ulong), 1);
	for(long i = 0; i < NRECV; i++)
		threadcreate(receiver, (void*)i, 0);
	for(long i = 0; i < NSEND; i++)
		threadcreate(sender, (void*)i, 0);
	recvul(done);
	CHECKEQ(received, N);
	for(int v = 0; v < N; v++)
		CHECKEQ(seen[v], 1);
	// The receivers are blocked in alt for good.
	threadexitsall(NULL);
}
