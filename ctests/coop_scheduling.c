// Threads of one proc are coroutines: a thread runs until it gives up the processor, and yield passes it round-robin.
#include "test.h"


enum { K = 3, ROUNDS = 6 };

static volatile int othersran;
static int log_[K * ROUNDS], nlog;
static Channel *done;

static void spinner(void *arg)
{
	(void)arg;
	othersran = 0;
	long long t0 = test_clock_ns(CLOCK_MONOTONIC);
	while(test_clock_ns(CLOCK_MONOTONIC) - t0 < 30000000LL)
		;
	// 30 ms without yielding: no other thread of this proc ran.
	CHECKEQ(othersran, 0);
	sendul(done, 1);
}

static void other(void *arg)
{
	(void)arg;
	othersran = 1;
	sendul(done, 2);
}

static void taker(void *arg)
{
	int id = (int)(long)arg;
	for(int r = 0; r < ROUNDS; r++) {
		log_[nlog++] = id;
		yield();
	}
	sendul(done, 3);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 8);

	threadcreate(spinner, NULL, 0);
	threadcreate(other, NULL, 0);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(recvul(done), 2);

	// While threadmain is blocked, the takers are the only ready threads:
	// once all have started, they must take turns in a fixed cycle.
	for(long i = 0; i < K; i++)
		threadcreate(taker, (void*)i, 0);
	for(int i = 0; i < K; i++)
		CHECKEQ(recvul(done), 3);
	CHECKEQ(nlog, K * ROUNDS);
	for(int i = K; i < K * ROUNDS; i++)
		if(log_[i] != log_[i - K]) {
			for(int j = 0; j < nlog; j++)
				fprintf(stderr, "%d ", log_[j]);
			FAILF("yield is not round-robin (order above)");
		}
	threadexits(NULL);
}
