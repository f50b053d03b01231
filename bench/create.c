/*
 * Thread creation and exit, sequentially: create a thread that exits at
 * once, and yield until it has run, N times.  Reports time per thread.
 *
 *	create [count]
 *	prints: create ns_per_op=R iters=N
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static volatile long ran;

static void
body(void *arg)
{
	(void)arg;
	ran++;
	threadexits(NULL);
}

static void
spawn(long n)
{
	long i, want;

	for (i = 0; i < n; i++) {
		want = ran + 1;
		if (threadcreate(body, NULL, STK) < 0) {
			fprintf(stderr, "create: threadcreate failed at %ld\n", i);
			threadexitsall("threadcreate");
		}
		while (ran < want)
			yield();
	}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long long t0, t1;

	spawn(n / 10 + 1);		/* warm up */
	t0 = bench_now_ns();
	spawn(n);
	t1 = bench_now_ns();
	bench_report("create ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	threadexitsall(NULL);
}
