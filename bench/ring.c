/*
 * Thread ring: NTHREADS threads in one proc, joined in a ring by unbuffered
 * channels, pass a counter that each decrements until it reaches zero.
 * Reports time per hop (one send/receive from a thread to the next).
 *
 * The member that takes the counter to zero sends its index on done; it
 * must be member hops % nthreads, or hops went astray.
 *
 *	ring [hops [nthreads]]		(nthreads default 503)
 *	prints: ring ns_per_op=R iters=HOPS threads=N setup_ms=S rss_kb=K cpu_ns_per_op=C
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static Channel **ch;
static Channel *done;
static long nthreads;

static void
lap(long hops)
{
	ulong last;

	sendul(ch[0], (ulong)hops);
	last = recvul(done);
	if (last != (ulong)(hops % nthreads)) {
		fprintf(stderr, "ring: %ld hops ended at member %lu, want %ld\n", hops, last, hops % nthreads);
		threadexitsall("wrong member");
	}
}

static void
member(void *arg)
{
	long i = (long)arg;
	Channel *in = ch[i], *out = ch[(i + 1) % nthreads];
	ulong v;

	for (;;) {
		v = recvul(in);
		if (v == 0)
			sendul(done, (ulong)i);
		else
			sendul(out, v - 1);
	}
}

void
threadmain(int argc, char *argv[])
{
	long hops = bench_arg(argc, argv, 1, 1000000);
	long i, warm;
	long long t0, t1, t2, c1, c2;

	nthreads = bench_arg(argc, argv, 2, 503);
	if (nthreads < 1)
		nthreads = 1;
	t0 = bench_now_ns();
	ch = malloc(nthreads * sizeof ch[0]);
	done = chancreate(sizeof(ulong), 0);
	for (i = 0; i < nthreads; i++)
		ch[i] = chancreate(sizeof(ulong), 0);
	for (i = 0; i < nthreads; i++)
		if (threadcreate(member, (void *)i, STK) < 0) {
			fprintf(stderr, "ring: threadcreate failed at %ld\n", i);
			threadexitsall("threadcreate");
		}
	warm = nthreads > 100000 ? 1000 : nthreads;	/* one lap, bounded */
	lap(warm);
	c1 = bench_cpu_ns();
	t1 = bench_now_ns();
	lap(hops);
	t2 = bench_now_ns();
	c2 = bench_cpu_ns();
	bench_report("ring ns_per_op=%.2f iters=%ld threads=%ld setup_ms=%.1f rss_kb=%ld cpu_ns_per_op=%.2f",
		(double)(t2 - t1) / hops, hops, nthreads, (t1 - t0) / 1e6, bench_rss_kb(), (double)(c2 - c1) / hops);
	threadexitsall(NULL);
}
