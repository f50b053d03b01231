/*
 * Producer and consumer: one thread sends words on an unbuffered channel,
 * another receives them, in one proc. Unlike in pingpong, where both
 * threads block in the same operation, here one blocks sending and the
 * other receiving. Reports time per word received.
 *
 *	prodcons [words]
 *	prints: prodcons ns_per_op=R iters=N cpu_ns_per_op=C
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static Channel *c;

static void
producer(void *arg)
{
	ulong v;

	(void)arg;
	for (v = 1;; v++)
		sendul(c, v);
}

static void
consume(long n, ulong *next)
{
	long i;

	for (i = 0; i < n; i++) {
		if (recvul(c) != (*next)++) {
			fprintf(stderr, "prodcons: words out of order\n");
			threadexitsall("order");
		}
	}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	ulong next = 1;
	long long t0, t1, c0, c1;

	c = chancreate(sizeof(ulong), 0);
	threadcreate(producer, NULL, STK);
	consume(n / 10 + 1, &next);	/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	consume(n, &next);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	bench_report("prodcons ns_per_op=%.2f iters=%ld cpu_ns_per_op=%.2f", (double)(t1 - t0) / n, n, (double)(c1 - c0) / n);
	threadexitsall(NULL);
}
