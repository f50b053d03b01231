/*
 * pthread peer of bench/pingpong.c: two OS threads hand a token back and
 * forth with one mutex and two condition variables.  One round trip is
 * main -> partner -> main.
 *
 *	pthread_pingpong [iterations]
 *	prints: pthread_pingpong ns_per_op=R iters=N
 */
#include <pthread.h>
#include "../bench.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t toping = PTHREAD_COND_INITIALIZER;
static pthread_cond_t topong = PTHREAD_COND_INITIALIZER;
static int turn;		/* 0: main's turn, 1: partner's turn, 2: stop */
static long value;

static void *
partner(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (turn == 0)
			pthread_cond_wait(&topong, &mu);
		if (turn == 2)
			break;
		value++;
		turn = 0;
		pthread_cond_signal(&toping);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void
roundtrips(long n)
{
	long i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < n; i++) {
		turn = 1;
		pthread_cond_signal(&topong);
		while (turn != 0)
			pthread_cond_wait(&toping, &mu);
	}
	pthread_mutex_unlock(&mu);
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 100000);
	long long t0, t1;
	pthread_t t;

	if (pthread_create(&t, NULL, partner, NULL) != 0) {
		perror("pthread_create");
		return 1;
	}
	roundtrips(n / 10 + 1);		/* warm up */
	t0 = bench_now_ns();
	roundtrips(n);
	t1 = bench_now_ns();

	pthread_mutex_lock(&mu);
	turn = 2;
	pthread_cond_signal(&topong);
	pthread_mutex_unlock(&mu);
	pthread_join(t, NULL);
	if (value != n + n / 10 + 1) {
		fprintf(stderr, "pthread_pingpong: value %ld, want %ld\n", value, n + n / 10 + 1);
		return 1;
	}
	bench_report("pthread_pingpong ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	return 0;
}
