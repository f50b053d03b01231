/*
 * pthread peer of bench/ring.c: NTHREADS OS threads in a ring, each with a
 * mutex+condvar mailbox; a token counter goes round until it reaches zero.
 * Reports time per hop (one handoff from a thread to the next).
 *
 *	pthread_ring [hops [nthreads]]	(nthreads default 503)
 *	prints: pthread_ring ns_per_op=R iters=HOPS threads=N
 */
#include <pthread.h>
#include "../bench.h"

typedef struct Box Box;
struct Box {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int full;
	long val;
	char pad[64];
};

static Box *box;
static int nthreads;
static pthread_mutex_t donemu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t donecv = PTHREAD_COND_INITIALIZER;
static int done;

static long
take(Box *b)
{
	long v;

	pthread_mutex_lock(&b->mu);
	while (!b->full)
		pthread_cond_wait(&b->cv, &b->mu);
	b->full = 0;
	v = b->val;
	pthread_mutex_unlock(&b->mu);
	return v;
}

static void
put(Box *b, long v)
{
	pthread_mutex_lock(&b->mu);
	b->val = v;
	b->full = 1;
	pthread_cond_signal(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

static void *
member(void *arg)
{
	long i = (long)arg, v;

	for (;;) {
		v = take(&box[i]);
		if (v < 0) {		/* stop: pass it on and leave */
			if (i + 1 < nthreads)
				put(&box[i + 1], -1);
			return NULL;
		}
		if (v == 0) {
			pthread_mutex_lock(&donemu);
			done = 1;
			pthread_cond_signal(&donecv);
			pthread_mutex_unlock(&donemu);
			continue;
		}
		put(&box[(i + 1) % nthreads], v - 1);
	}
}

static void
lap(long hops)
{
	pthread_mutex_lock(&donemu);
	done = 0;
	pthread_mutex_unlock(&donemu);
	put(&box[0], hops);
	pthread_mutex_lock(&donemu);
	while (!done)
		pthread_cond_wait(&donecv, &donemu);
	pthread_mutex_unlock(&donemu);
}

int
main(int argc, char **argv)
{
	long hops = bench_arg(argc, argv, 1, 100000);
	long i;
	long long t0, t1;
	pthread_t *t;
	pthread_attr_t attr;

	nthreads = (int)bench_arg(argc, argv, 2, 503);
	box = calloc(nthreads, sizeof *box);
	t = calloc(nthreads, sizeof *t);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < nthreads; i++) {
		pthread_mutex_init(&box[i].mu, NULL);
		pthread_cond_init(&box[i].cv, NULL);
	}
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], &attr, member, (void *)i) != 0) {
			perror("pthread_create");
			return 1;
		}
	lap(nthreads);			/* warm up: one lap */
	t0 = bench_now_ns();
	lap(hops);
	t1 = bench_now_ns();
	put(&box[0], -1);
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	bench_report("pthread_ring ns_per_op=%.2f iters=%ld threads=%d", (double)(t1 - t0) / hops, hops, nthreads);
	return 0;
}
