/*
 * pthread peer of bench/iocall.c: the caller (main) hands a call, a
 * function and its argument, to a worker OS thread through one mutex and
 * two condition variables, and waits for the result; the worker runs it
 * and hands the result back.  The operation is a no-op that returns its
 * argument, the iteration's counter, and the caller checks every result.
 * As an iocall, each iteration is two hand-offs between OS threads.
 *
 *	pthread_iocall [iterations]
 *	prints: pthread_iocall ns_per_op=R iters=N
 */
#include <pthread.h>
#include "../bench.h"

enum { Idle, Posted, Done, Stop };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t toworker = PTHREAD_COND_INITIALIZER;
static pthread_cond_t tocaller = PTHREAD_COND_INITIALIZER;
static int state = Idle;
static long (*callfn)(long);
static long callarg, callret;
static long ncalls;		/* calls the worker ran */

static long
noop(long arg)
{
	return arg;
}

static void *
worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (state != Posted && state != Stop)
			pthread_cond_wait(&toworker, &mu);
		if (state == Stop)
			break;
		callret = callfn(callarg);
		ncalls++;
		state = Done;
		pthread_cond_signal(&tocaller);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

static long
call(long (*fn)(long), long arg)
{
	long r;

	pthread_mutex_lock(&mu);
	callfn = fn;
	callarg = arg;
	state = Posted;
	pthread_cond_signal(&toworker);
	while (state != Done)
		pthread_cond_wait(&tocaller, &mu);
	state = Idle;
	r = callret;
	pthread_mutex_unlock(&mu);
	return r;
}

static void
roundtrips(long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (call(noop, i) != i) {
			fprintf(stderr, "pthread_iocall: wrong value back\n");
			exit(1);
		}
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 100000);
	long long t0, t1;
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0) {
		perror("pthread_create");
		return 1;
	}
	roundtrips(n / 10 + 1);		/* warm up */
	t0 = bench_now_ns();
	roundtrips(n);
	t1 = bench_now_ns();

	pthread_mutex_lock(&mu);
	state = Stop;
	pthread_cond_signal(&toworker);
	pthread_mutex_unlock(&mu);
	pthread_join(t, NULL);
	if (ncalls != n + n / 10 + 1) {
		fprintf(stderr, "pthread_iocall: the worker ran %ld calls, want %ld\n", ncalls, n + n / 10 + 1);
		return 1;
	}
	bench_report("pthread_iocall ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	return 0;
}
