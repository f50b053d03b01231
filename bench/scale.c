/*
 * Proc scaling: P procs, each running its own same-proc unbuffered
 * ping-pong pair (two threads) for N round trips, all at once.  Procs share
 * nothing but the start and done channels, so with C cores the aggregate
 * time per round trip should fall as 1/min(P, C).  Reports wall time over
 * P*N round trips.
 *
 *	scale [iterations-per-proc [P]]	(P default 2)
 *	prints: scale ns_per_op=R iters=N procs=P
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

typedef struct Pair Pair;
struct Pair {
	Channel *ping, *pong;
	long n;
};

static Channel *start, *done, *never;

static void
partner(void *arg)
{
	Pair *p = arg;

	for (;;)
		sendul(p->pong, recvul(p->ping) + 1);
}

static void
driver(void *arg)
{
	Pair *p = arg;
	long i;

	threadcreate(partner, p, STK);
	for (i = 0; i < 1000; i++) {	/* warm up */
		sendul(p->ping, i);
		recvul(p->pong);
	}
	sendul(done, 0);		/* ready */
	recvul(start);
	for (i = 0; i < p->n; i++) {
		sendul(p->ping, i);
		if (recvul(p->pong) != (ulong)i + 1)
			threadexitsall("wrong value");
	}
	sendul(done, 1);
	recvul(never);			/* park until threadexitsall */
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long np = bench_arg(argc, argv, 2, 2);
	long i;
	long long t0, t1;
	Pair *p;

	if (np < 1)
		np = 1;
	start = chancreate(sizeof(ulong), np);
	done = chancreate(sizeof(ulong), 0);
	never = chancreate(sizeof(ulong), 0);
	for (i = 0; i < np; i++) {
		p = calloc(1, sizeof *p);
		p->ping = chancreate(sizeof(ulong), 0);
		p->pong = chancreate(sizeof(ulong), 0);
		p->n = n;
		proccreate(driver, p, STK);
	}
	for (i = 0; i < np; i++)
		recvul(done);
	t0 = bench_now_ns();
	for (i = 0; i < np; i++)
		sendul(start, 1);
	for (i = 0; i < np; i++)
		recvul(done);
	t1 = bench_now_ns();
	bench_report("scale ns_per_op=%.2f iters=%ld procs=%ld", (double)(t1 - t0) / ((double)n * np), n, np);
	threadexitsall(NULL);
}
