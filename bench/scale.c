/*
 * Cross-proc scaling: a ring of RING threads spread over P procs in
 * contiguous blocks (threads i*P/RING ... of proc p), joined by unbuffered
 * channels, with TOKENS tokens going round at once, each a counter that
 * members decrement and pass on until it reaches zero.  P of the RING hops
 * of a lap cross procs; with C cores the throughput can grow up to
 * min(P, C)-fold.  Reports wall time per hop over all tokens (throughput =
 * 1e9 / ns_per_op hops per second).  The same shape in go/scale.go and
 * rust/ (bench/rust/src/lib.rs SCALE_RING, SCALE_TOKENS).  A token carries
 * its number in its low bits (hops * TOKENS + number, less TOKENS a hop);
 * the member that finds fewer than TOKENS left sends its index and the
 * number on done, and each lap checks that every token stopped where its
 * count of hops leads.
 *
 *	scale [hops [P]]		(P default 2; hops in all, over all tokens)
 *	prints: scale ns_per_op=R iters=N procs=P threads=RING tokens=TOKENS
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192, RING = 512, TOKENS = 64 };

static Channel *ch[RING];
static Channel *done, *ready, *never;
static long np;

static void
member(void *arg)
{
	long i = (long)arg;
	Channel *in = ch[i], *out = ch[(i + 1) % RING];
	ulong v;

	for (;;) {
		v = recvul(in);
		if (v < TOKENS)
			sendul(done, (ulong)i * TOKENS + v);
		else
			sendul(out, v - TOKENS);
	}
}

/* Create proc p's block of members in the calling proc. */
static void
members(long p)
{
	long i;

	for (i = p * RING / np; i < (p + 1) * RING / np; i++)
		if (threadcreate(member, (void *)i, STK) < 0) {
			fprintf(stderr, "scale: threadcreate failed\n");
			threadexitsall("threadcreate");
		}
}

static void
segment(void *arg)
{
	members((long)arg);
	sendul(ready, 1);
	recvul(never);			/* keep the proc until threadexitsall */
}

static void
lap(ulong per)
{
	long j;
	ulong m, at;

	for (j = 0; j < TOKENS; j++)
		sendul(ch[j * RING / TOKENS], per * TOKENS + j);
	for (j = 0; j < TOKENS; j++) {
		m = recvul(done);
		at = ((m % TOKENS) * RING / TOKENS + per) % RING;
		if (m / TOKENS != at) {
			fprintf(stderr, "scale: token %lu of %lu hops ended at member %lu, want %lu\n",
				m % TOKENS, per, m / TOKENS, at);
			threadexitsall("wrong member");
		}
	}
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long i, per;
	long long t0, t1;

	np = bench_arg(argc, argv, 2, 2);
	if (np < 1)
		np = 1;
	if (np > RING)
		np = RING;
	done = chancreate(sizeof(ulong), TOKENS);	/* never blocks a member */
	ready = chancreate(sizeof(ulong), 0);
	never = chancreate(sizeof(ulong), 0);
	for (i = 0; i < RING; i++)
		ch[i] = chancreate(sizeof(ulong), 0);
	members(0);			/* block 0 in main's proc */
	for (i = 1; i < np; i++)
		proccreate(segment, (void *)i, STK);
	for (i = 1; i < np; i++)
		recvul(ready);
	lap(RING);			/* warm up */
	per = n / TOKENS > 0 ? n / TOKENS : 1;
	t0 = bench_now_ns();
	lap((ulong)per);
	t1 = bench_now_ns();
	bench_report("scale ns_per_op=%.2f iters=%ld procs=%ld threads=%d tokens=%d",
		(double)(t1 - t0) / ((double)per * TOKENS), per * TOKENS, np, RING, TOKENS);
	threadexitsall(NULL);
}
