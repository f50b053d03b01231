/*
 * Concurrent prime sieve (the thread(2) example shape): a generator thread
 * sends 2, 3, 4, ...; each prime found adds a filter thread to the chain.
 * All threads in one proc, unbuffered channels.  Reports total time, and
 * checks the last prime against one found by trial division.
 *
 *	sieve [nprimes]			(default 10000)
 *	prints: sieve ms=T primes=N last=P cpu_ms=C
 */
#include "bench.h"
#include <thread.h>

enum { STK = 8192 };

typedef struct Filter Filter;
struct Filter {
	Channel *in, *out;
	ulong prime;
};

static void
generate(void *arg)
{
	Channel *c = arg;
	ulong i;

	for (i = 2;; i++)
		sendul(c, i);
}

static void
filter(void *arg)
{
	Filter *f = arg;
	ulong i;

	for (;;) {
		i = recvul(f->in);
		if (i % f->prime)
			sendul(f->out, i);
	}
}

/* The nth prime, by trial division by the primes before it. */
static ulong
nthprime(long n)
{
	ulong *p = malloc(n * sizeof p[0]), c;
	long k = 0, j;

	for (c = 2; k < n; c++) {
		for (j = 0; j < k && p[j] * p[j] <= c; j++)
			if (c % p[j] == 0)
				break;
		if (j == k || p[j] * p[j] > c)
			p[k++] = c;
	}
	c = p[n - 1];
	free(p);
	return c;
}

void
threadmain(int argc, char *argv[])
{
	long n = bench_arg(argc, argv, 1, 10000);
	long i;
	ulong prime = 0;
	long long t0, t1, c0, c1;
	Channel *c;
	Filter *f;

	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	c = chancreate(sizeof(ulong), 0);
	threadcreate(generate, c, STK);
	for (i = 0; i < n; i++) {
		prime = recvul(c);
		f = malloc(sizeof *f);
		f->in = c;
		f->out = c = chancreate(sizeof(ulong), 0);
		f->prime = prime;
		threadcreate(filter, f, STK);
	}
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();
	if (n > 0 && prime != nthprime(n)) {
		fprintf(stderr, "sieve: prime %ld is %lu, want %lu\n", n, prime, nthprime(n));
		threadexitsall("wrong prime");
	}
	bench_report("sieve ms=%.2f primes=%ld last=%lu cpu_ms=%.2f", (t1 - t0) / 1e6, n, prime, (c1 - c0) / 1e6);
	threadexitsall(NULL);
}
