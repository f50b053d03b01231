/*
 * Resident memory per idle thread: NTHREADS threads in one proc, each
 * blocked receiving on one shared channel.  RSS (smaps_rollup Rss, else
 * VmRSS) is read before the threads are created and after every one of them
 * has run and blocked; also reports the growth of the page tables (VmPTE),
 * which RSS does not count.
 *
 *	mem [nthreads]
 *	prints: mem bytes_per_thread=B threads=N rss_before_kb=A rss_after_kb=C pte_kb=P create_ms=T
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static Channel *c;
static volatile long started;

static void
idle(void *arg)
{
	(void)arg;
	started++;
	recvul(c);
	threadexits(NULL);
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 100000);
	long i, before, after, pte0, pte1;
	long long t0, t1;

	c = chancreate(sizeof(ulong), 0);
	before = bench_rss_kb();
	pte0 = bench_status_kb("VmPTE");
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		if (threadcreate(idle, NULL, STK) < 0) {
			fprintf(stderr, "mem: threadcreate failed at %ld\n", i);
			threadexitsall("threadcreate");
		}
	while (started < n)
		yield();
	t1 = bench_now_ns();
	after = bench_rss_kb();
	pte1 = bench_status_kb("VmPTE");
	bench_report("mem bytes_per_thread=%.1f threads=%ld rss_before_kb=%ld rss_after_kb=%ld pte_kb=%ld create_ms=%.1f",
		(double)(after - before) * 1024 / n, n, before, after, pte1 - pte0, (t1 - t0) / 1e6);
	threadexitsall(NULL);
}
