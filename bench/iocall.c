/*
 * iocall of a no-op operation, one round trip per iteration: the calling
 * thread hands the call to its I/O proc (another OS thread) and waits for
 * the reply, so each iteration is two cross-proc hand-offs.
 *
 *	iocall [iterations]
 *
 *	prints: iocall ns_per_op=R iters=N
 */
#include "bench.h"
#include <thread.h>

static long
noop(va_list *arg)
{
	return va_arg(*arg, long);
}

static void
roundtrips(Ioproc *io, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (iocall(io, noop, i) != i) {
			fprintf(stderr, "iocall: wrong value back\n");
			threadexitsall("wrong value");
		}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 100000);
	Ioproc *io = ioproc();
	long long t0, t1;

	roundtrips(io, n / 10 + 1);	/* warm up */
	t0 = bench_now_ns();
	roundtrips(io, n);
	t1 = bench_now_ns();
	bench_report("iocall ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	closeioproc(io);
	threadexitsall(NULL);
}
