/*
 * Unbuffered ping-pong between two threads, one round trip per iteration
 * (main sends on ping, partner receives and sends on pong, main receives).
 *
 *	pingpong [iterations [thread|proc]]
 *
 * "thread" (default): the partner is a thread in main's proc (threadcreate).
 * "proc": the partner runs in a proc of its own (proccreate), so every
 * round trip crosses between two OS threads.
 *
 *	prints: pingpong ns_per_op=R iters=N mode=thread|proc cpu_ns_per_op=C
 *
 * cpu_ns_per_op is the process's CPU time (all procs) per round trip: for
 * the same-proc case it is the wall figure less time the proc was preempted.
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static Channel *ping, *pong;

static void
partner(void *arg)
{
	ulong v;

	(void)arg;
	for (;;) {
		v = recvul(ping);
		sendul(pong, v + 1);
	}
}

static void
roundtrips(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		sendul(ping, (ulong)i);
		if (recvul(pong) != (ulong)i + 1) {
			fprintf(stderr, "pingpong: wrong value back\n");
			threadexitsall("wrong value");
		}
	}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	int proc = argc > 2 && strcmp(argv[2], "proc") == 0;
	long long t0, t1, c0, c1;

	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	if (proc)
		proccreate(partner, NULL, STK);
	else
		threadcreate(partner, NULL, STK);
	roundtrips(n / 10 + 1);		/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	roundtrips(n);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	bench_report("pingpong ns_per_op=%.2f iters=%ld mode=%s cpu_ns_per_op=%.2f", (double)(t1 - t0) / n, n, proc ? "proc" : "thread", (double)(c1 - c0) / n);
	threadexitsall(NULL);
}
