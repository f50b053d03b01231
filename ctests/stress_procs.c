// Under stress across 4 procs, each running several sender and receiver threads on shared channels, every value is received exactly once.
#include "test.h"

enum { NPROC = 4, NSEND = 3, NRECV = 3, PER = 20000 };
enum { TOTAL = (NPROC - 1) * NSEND * PER };

static Channel *cu, *cb, *done;
static unsigned char seen[TOTAL];
static long received;
static long nsenders; // numbers the senders: sender k sends [k*PER, (k+1)*PER)

// Each sender sends its own range of values, mixing send on the unbuffered
// channel, send on the buffered one, and alt over both.
static void sender(void *arg)
{
	long id = (long)arg;
	int v;
	Alt a[] = {
		{ cu, &v, CHANSND, NULL },
		{ cb, &v, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};

	for(int i = 0; i < PER; i++) {
		v = (int)(id * PER + i);
		switch(i % 3) {
		case 0: CHECKEQ(send(cu, &v), 1); break;
		case 1: CHECKEQ(send(cb, &v), 1); break;
		case 2: CHECK(alt(a) >= 0); break;
		}
		if(i % 64 == 0)
			yield();
	}
}

static void receiver(void *arg)
{
	int v;
	Alt a[] = {
		{ cu, &v, CHANRCV, NULL },
		{ cb, &v, CHANRCV, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};

	(void)arg;
	for(;;) {
		v = -1;
		CHECK(alt(a) >= 0);
		CHECK(v >= 0 && v < TOTAL);
		if(__atomic_fetch_add(&seen[v], 1, __ATOMIC_RELAXED) != 0)
			FAILF("value %d received twice", v);
		// Release: the receiver that counts the last value, and after it
		// threadmain, see every receiver's mark in seen.
		if(__atomic_add_fetch(&received, 1, __ATOMIC_ACQ_REL) == TOTAL)
			sendul(done, 1);
	}
}

// Proc 0 only sends and proc 1 only receives, so that much of the traffic
// must cross procs; procs 2 and 3 do both.
static void procmain(void *arg)
{
	long p = (long)arg;
	if(p != 0)
		for(long i = 0; i < NRECV; i++)
			threadcreate(receiver, NULL, 0);
	if(p != 1)
		for(long i = 0; i < NSEND; i++)
			threadcreate(sender, (void*)__atomic_fetch_add(&nsenders, 1, __ATOMIC_RELAXED), 0);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	cu = chancreate(sizeof(int), 0);
	cb = chancreate(sizeof(int), 8);
	done = chancreate(sizeof(ulong), 1);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(__atomic_load_n(&received, __ATOMIC_RELAXED), TOTAL);
	for(int v = 0; v < TOTAL; v++)
		if(seen[v] != 1)
			FAILF("value %d received %d times", v, seen[v]);
	threadexitsall(NULL);
}
