/*
 * Fan-in with alt: K producer threads each send on a channel of their own;
 * one consumer alts over the K channels.  All in one proc, unbuffered.
 * Reports time per message received.
 *
 *	fanin [messages [K]]		(K default 8)
 *	prints: fanin ns_per_op=R iters=N k=K min_share=S cpu_ns_per_op=C
 *
 * min_share: the least-served producer's share of messages times K (1 is fair).
 * Each producer sends 1, 2, 3, ...; the consumer checks that each producer's
 * values arrive in that order, none lost or repeated.
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

static void
producer(void *arg)
{
	Channel *c = arg;
	ulong v;

	for (v = 1;; v++)
		sendul(c, v);
}

static Alt *alts;
static ulong *vals;
static long *hits;

static void
consume(long n, long k)
{
	long i;
	int j;

	for (i = 0; i < n; i++) {
		j = alt(alts);
		if (j < 0 || j >= k) {
			fprintf(stderr, "fanin: alt returned %d\n", j);
			threadexitsall("alt");
		}
		if (vals[j] != (ulong)++hits[j]) {
			fprintf(stderr, "fanin: producer %d sent %lu, want %ld\n", j, vals[j], hits[j]);
			threadexitsall("lost or repeated");
		}
	}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long k = bench_arg(argc, argv, 2, 8);
	long i, minhits;
	long long t0, t1, c0, c1;

	if (k < 1)
		k = 1;
	alts = calloc(k + 1, sizeof alts[0]);
	vals = calloc(k, sizeof vals[0]);
	hits = calloc(k, sizeof hits[0]);
	for (i = 0; i < k; i++) {
		alts[i].c = chancreate(sizeof(ulong), 0);
		alts[i].v = &vals[i];
		alts[i].op = CHANRCV;
		threadcreate(producer, alts[i].c, STK);
	}
	alts[k].op = CHANEND;
	consume(n / 10 + 1, k);		/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	consume(n, k);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	minhits = hits[0];
	for (i = 1; i < k; i++)
		if (hits[i] < minhits)
			minhits = hits[i];
	bench_report("fanin ns_per_op=%.2f iters=%ld k=%ld min_share=%.3f cpu_ns_per_op=%.2f",
		(double)(t1 - t0) / n, n, k, (double)minhits * k / (n + n / 10 + 1), (double)(c1 - c0) / n);
	threadexitsall(NULL);
}
