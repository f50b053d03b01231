/*
 * What a hop of a large ring costs in memory alone: no threads, no
 * channels, only the cache lines a hop touches.  N blocks lie at the
 * stride of the library's smallest stacks (36 KiB and a 16 KiB guard), as
 * the stacks of threads made one after another do; a hop reads and writes
 * the five lines just below a block's top (a blocked thread's record,
 * waiter and frames), the first of which says where the next block is,
 * and prefetches the lines of the block four hops ahead, as a proc of
 * many threads does.  The same walk over 503 blocks, which stay in the
 * caches, is measured too.
 *
 *	pthread_memwalk [hops [nblocks]]	(nblocks default 1,000,000)
 *	prints: pthread_memwalk ns_per_op=R iters=HOPS blocks=N ns_per_op_503=S ratio=R/S
 */
#include <sys/mman.h>
#include "../bench.h"

enum {
	STRIDE = (36 + 16) * 1024,
	LINES = 5,
	AHEAD = 4,
};

/* The first of a block's lines: where the next block's is, and a count. */
typedef struct Top Top;
struct Top {
	Top *next;
	long visits;
};

static char *
line(Top *t, int i)
{
	return (char *)t - 64 * i;
}

/* Maps n blocks and links their tops in a ring; returns the first. */
static Top *
ring(long n)
{
	size_t len = (size_t)(n + 1) * STRIDE;
	char *base = mmap(NULL, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	Top *first, *t;

	if (base == MAP_FAILED) {
		perror("pthread_memwalk: mmap");
		exit(1);
	}
	/* Each top sits a block above the last, 256 bytes below a page's end. */
	for (long i = 0; i < n; i++) {
		t = (Top *)(base + (size_t)(i + 1) * STRIDE - 256);
		t->next = (Top *)(base + (size_t)((i + 1) % n + 1) * STRIDE - 256);
		t->visits = 0;
	}
	first = (Top *)(base + STRIDE - 256);
	return first;
}

/* Walks `hops` hops from `t`; returns ns per hop. */
static double
walk(Top *t, long hops)
{
	Top *ahead = t;
	long long t0, t1;

	for (int i = 0; i < AHEAD; i++)
		ahead = ahead->next;
	t0 = bench_now_ns();
	for (long h = 0; h < hops; h++) {
		for (int i = 0; i < LINES; i++)
			__builtin_prefetch(line(ahead, i));
		for (int i = 1; i < LINES; i++)
			(*(volatile long *)line(t, i))++;
		t->visits++;
		t = t->next;
		ahead = ahead->next;
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / hops;
}

int
main(int argc, char **argv)
{
	long hops = bench_arg(argc, argv, 1, 1000000);
	long n = bench_arg(argc, argv, 2, 1000000);
	Top *big, *small;
	double ns, ns503;

	if (n < AHEAD + 1)
		n = AHEAD + 1;
	small = ring(503);
	walk(small, 503);
	ns503 = walk(small, hops);
	big = ring(n);
	walk(big, 1000);
	ns = walk(big, hops);
	bench_report("pthread_memwalk ns_per_op=%.2f iters=%ld blocks=%ld ns_per_op_503=%.2f ratio=%.2f",
		ns, hops, n, ns503, ns / ns503);
	return 0;
}
