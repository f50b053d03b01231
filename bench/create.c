/*
 * Thread creation and exit.  Reports time per thread.
 *
 * Sequential (default): create a thread that exits at once, and yield until
 * it has run, N times.
 *
 * "alive B": in batches of B, create B threads that each block receiving on
 * one shared unbuffered channel, yield until all B have started, send B
 * values (one wakes each), and yield until all B have exited: B threads are
 * alive at once.  N is rounded down to a multiple of B (at least one batch).
 *
 *	create [count [alive [B]]]		(B default 10000)
 *	prints: create ns_per_op=R iters=N [alive=B] cpu_ns_per_op=C
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static volatile long ran, started, finished;
static Channel *gate;

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

static void
blocker(void *arg)
{
	(void)arg;
	started++;
	recvul(gate);
	finished++;
	threadexits(NULL);
}

static void
batch(long b)
{
	long i, s0 = started, f0 = finished;

	for (i = 0; i < b; i++)
		if (threadcreate(blocker, NULL, STK) < 0) {
			fprintf(stderr, "create: threadcreate failed at %ld of %ld alive\n", i, b);
			threadexitsall("threadcreate");
		}
	while (started < s0 + b)
		yield();
	for (i = 0; i < b; i++)
		sendul(gate, (ulong)i);
	while (finished < f0 + b)
		yield();
}

static void
alive(long n, long b)
{
	long nb = n / b > 0 ? n / b : 1, i;
	long long t0, t1, c0, c1;

	gate = chancreate(sizeof(ulong), 0);
	batch(b);		/* warm up: the batches timed reuse what it made */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	for (i = 0; i < nb; i++)
		batch(b);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	bench_report("create ns_per_op=%.2f iters=%ld alive=%ld cpu_ns_per_op=%.2f", (double)(t1 - t0) / (nb * b), nb * b, b, (double)(c1 - c0) / (nb * b));
	threadexitsall(NULL);
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long long t0, t1, c0, c1;

	if (argc > 2 && strcmp(argv[2], "alive") == 0)
		alive(n, bench_arg(argc, argv, 3, 10000) > 0 ? bench_arg(argc, argv, 3, 10000) : 1);
	spawn(n / 10 + 1);		/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	spawn(n);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	bench_report("create ns_per_op=%.2f iters=%ld cpu_ns_per_op=%.2f", (double)(t1 - t0) / n, n, (double)(c1 - c0) / n);
	threadexitsall(NULL);
}
