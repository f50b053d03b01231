/*
 * pthread peer of bench/create.c: create a thread that returns at once and
 * join it, sequentially.  Default attributes (glibc caches stacks).
 * With "alive B": in batches of B, create B threads (64 KiB stacks) that
 * each wait on a mutex+condvar gate, wait until all have started, open the
 * gate B times (one wake each), and join all B.
 *
 *	pthread_create [count [alive [B]]]
 *	prints: pthread_create ns_per_op=R iters=N [alive=B]
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

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t startcv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t gatecv = PTHREAD_COND_INITIALIZER;
static long started, tokens;

static void *
blocker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	started++;
	pthread_cond_signal(&startcv);
	while (tokens == 0)
		pthread_cond_wait(&gatecv, &mu);
	tokens--;
	pthread_mutex_unlock(&mu);
	return NULL;
}

static int
batch(long b, pthread_t *t, pthread_attr_t *attr)
{
	long i;

	pthread_mutex_lock(&mu);
	started = 0;
	pthread_mutex_unlock(&mu);
	for (i = 0; i < b; i++)
		if (pthread_create(&t[i], attr, blocker, NULL) != 0) {
			fprintf(stderr, "pthread_create failed at %ld of %ld alive\n", i, b);
			return -1;
		}
	pthread_mutex_lock(&mu);
	while (started < b)
		pthread_cond_wait(&startcv, &mu);
	pthread_mutex_unlock(&mu);
	for (i = 0; i < b; i++) {
		pthread_mutex_lock(&mu);
		tokens++;
		pthread_cond_signal(&gatecv);
		pthread_mutex_unlock(&mu);
	}
	for (i = 0; i < b; i++)
		pthread_join(t[i], NULL);
	return 0;
}

static int
alive(long n, long b)
{
	long nb = n / b > 0 ? n / b : 1, i;
	long long t0, t1;
	pthread_t *t = calloc(b, sizeof *t);
	pthread_attr_t attr;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (batch(b, t, &attr) < 0)	/* warm up: the batches timed reuse what it made */
		return 1;
	t0 = bench_now_ns();
	for (i = 0; i < nb; i++)
		if (batch(b, t, &attr) < 0)
			return 1;
	t1 = bench_now_ns();
	bench_report("pthread_create ns_per_op=%.2f iters=%ld alive=%ld", (double)(t1 - t0) / (nb * b), nb * b, b);
	return 0;
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 10000);
	long long t0, t1;

	if (argc > 2 && strcmp(argv[2], "alive") == 0)
		return alive(n, bench_arg(argc, argv, 3, 10000) > 0 ? bench_arg(argc, argv, 3, 10000) : 1);

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
