/*
 * pthread peer of bench/prodcons.c: a producer OS thread passes words to
 * the consumer (main) through a one-slot handoff under a mutex with two
 * condition variables.  The handoff is unbuffered, like the channel of
 * ours: the producer puts a word in the slot and waits until the consumer
 * has taken it before it goes on to the next.  The consumer checks that
 * the words arrive as 1, 2, 3, ..., none lost or repeated.  Reports time
 * per word received.
 *
 *	pthread_prodcons [words]
 *	prints: pthread_prodcons ns_per_op=R iters=N cpu_ns_per_op=C
 */
#include <pthread.h>
#include "../bench.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tocons = PTHREAD_COND_INITIALIZER;	/* the slot was filled */
static pthread_cond_t toprod = PTHREAD_COND_INITIALIZER;	/* the slot was emptied, or stop */
static int full;
static int stop;
static unsigned long slot;

static void *
producer(void *arg)
{
	unsigned long v;

	(void)arg;
	pthread_mutex_lock(&mu);
	for (v = 1; !stop; v++) {
		slot = v;
		full = 1;
		pthread_cond_signal(&tocons);
		while (full && !stop)		/* rendezvous: wait until taken */
			pthread_cond_wait(&toprod, &mu);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void
consume(long n, unsigned long *next)
{
	unsigned long v;
	long i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < n; i++) {
		while (!full)
			pthread_cond_wait(&tocons, &mu);
		v = slot;
		full = 0;
		pthread_cond_signal(&toprod);
		if (v != (*next)++) {
			fprintf(stderr, "pthread_prodcons: got word %lu, want %lu\n", v, *next - 1);
			exit(1);
		}
	}
	pthread_mutex_unlock(&mu);
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 1000000);
	unsigned long next = 1;
	long long t0, t1, c0, c1;
	pthread_t t;

	if (pthread_create(&t, NULL, producer, NULL) != 0) {
		perror("pthread_create");
		return 1;
	}
	consume(n / 10 + 1, &next);	/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	consume(n, &next);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();

	pthread_mutex_lock(&mu);
	stop = 1;
	pthread_cond_signal(&toprod);
	pthread_mutex_unlock(&mu);
	pthread_join(t, NULL);
	if (next != (unsigned long)(n + n / 10 + 1) + 1) {
		fprintf(stderr, "pthread_prodcons: received %lu words, want %ld\n", next - 1, n + n / 10 + 1);
		return 1;
	}
	bench_report("pthread_prodcons ns_per_op=%.2f iters=%ld cpu_ns_per_op=%.2f",
		(double)(t1 - t0) / n, n, (double)(c1 - c0) / n);
	return 0;
}
