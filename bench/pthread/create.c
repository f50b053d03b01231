/*
 * pthread peer of bench/create.c: create a thread that returns at once and
 * join it, sequentially.  Default attributes (glibc caches stacks).
 *
 *	pthread_create [count]
 *	prints: pthread_create ns_per_op=R iters=N
 */
#include <pthread.h>
#include "../bench.h"

static long ran;

static void *
body(void *arg)
{
	(void)arg;
	ran++;			/* ordered by create/join */
	return NULL;
}

static int
spawn(long n)
{
	pthread_t t;
	long i;

	for (i = 0; i < n; i++) {
		if (pthread_create(&t, NULL, body, NULL) != 0) {
			perror("pthread_create");
			return -1;
		}
		pthread_join(t, NULL);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 10000);
	long long t0, t1;

	if (spawn(n / 10 + 1) < 0)
		return 1;
	t0 = bench_now_ns();
	if (spawn(n) < 0)
		return 1;
	t1 = bench_now_ns();
	if (ran != n + n / 10 + 1) {
		fprintf(stderr, "pthread_create: ran %ld\n", ran);
		return 1;
	}
	bench_report("pthread_create ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	return 0;
}
