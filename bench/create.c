/*
 * Thread creation and exit, sequentially: create a thread that exits at
 * once, and yield until it has run, N times.  Reports time per thread.
 *
 *	create [count]
 *	prints: create ns_per_op=R iters=N cpu_ns_per_op=C
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
	long long t0, t1, c0, c1;

	spawn(n / 10 + 1);		/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	spawn(n);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	bench_report("create ns_per_op=%.2f iters=%ld cpu_ns_per_op=%.2f", (double)(t1 - t0) / n, n, (double)(c1 - c0) / n);
	threadexitsall(NULL);
}
