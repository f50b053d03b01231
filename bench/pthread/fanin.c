/*
 * pthread peer of bench/fanin.c: K producer OS threads each send words
 * through a one-slot mailbox of their own; one consumer OS thread (main)
 * takes a word from whichever mailbox is full.  Reports time per message
 * received.
 *
 * Design: one mutex guards all K mailboxes and a count of the full ones.
 * A producer puts its next word in its mailbox, marks it full, signals the
 * consumer's condition variable, and waits on its own condition variable
 * until the consumer has emptied the mailbox (a rendezvous, as a send on an
 * unbuffered channel).  The consumer waits on its condition variable while
 * no mailbox is full, then scans the mailboxes from a random index (a
 * xorshift generator of its own) and takes the first full one, as alt
 * chooses among ready channels at random; it empties it and signals that
 * producer.  The scan is O(K), as an alt reads its whole array.
 *
 *	pthread_fanin [messages [K]]		(K default 8)
 *	prints: pthread_fanin ns_per_op=R iters=N k=K min_share=S cpu_ns_per_op=C
 *
 * min_share: the least-served producer's share of messages times K (1 is fair).
 * Each producer sends 1, 2, 3, ...; the consumer checks that each producer's
 * values arrive in that order, none lost or repeated.
 */
#include <pthread.h>
#include "../bench.h"

typedef struct Box Box;
struct Box {
	pthread_cond_t cv;	/* the producer waits here until its word is taken */
	int full;
	unsigned long val;
	char pad[64];
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t anyfull = PTHREAD_COND_INITIALIZER;	/* the consumer waits here */
static Box *box;
static long nfull;
static int stop;
static long *hits;
static unsigned long rnd = 88172645463325252UL;

static void *
producer(void *arg)
{
	Box *b = arg;
	unsigned long v;

	pthread_mutex_lock(&mu);
	for (v = 1; !stop; v++) {
		b->val = v;
		b->full = 1;
		if (nfull++ == 0)
			pthread_cond_signal(&anyfull);
		while (b->full && !stop)
			pthread_cond_wait(&b->cv, &mu);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

static unsigned long
xorshift(void)
{
	rnd ^= rnd << 13;
	rnd ^= rnd >> 7;
	rnd ^= rnd << 17;
	return rnd;
}

static void
consume(long n, long k)
{
	long i, j, s;
	unsigned long v;

	pthread_mutex_lock(&mu);
	for (i = 0; i < n; i++) {
		while (nfull == 0)
			pthread_cond_wait(&anyfull, &mu);
		j = s = (long)(xorshift() % (unsigned long)k);
		while (!box[j].full) {
			if (++j == k)
				j = 0;
			if (j == s) {
				fprintf(stderr, "pthread_fanin: %ld full, none found\n", nfull);
				exit(1);
			}
		}
		v = box[j].val;
		box[j].full = 0;
		nfull--;
		pthread_cond_signal(&box[j].cv);
		if (v != (unsigned long)++hits[j]) {
			fprintf(stderr, "pthread_fanin: producer %ld sent %lu, want %ld\n", j, v, hits[j]);
			exit(1);
		}
	}
	pthread_mutex_unlock(&mu);
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long k = bench_arg(argc, argv, 2, 8);
	long i, minhits, total;
	long long t0, t1, c0, c1;
	pthread_t *t;
	pthread_attr_t attr;

	if (k < 1)
		k = 1;
	box = calloc(k, sizeof box[0]);
	hits = calloc(k, sizeof hits[0]);
	t = calloc(k, sizeof t[0]);
	if (box == NULL || hits == NULL || t == NULL) {
		fprintf(stderr, "pthread_fanin: out of memory\n");
		return 1;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < k; i++)
		pthread_cond_init(&box[i].cv, NULL);
	for (i = 0; i < k; i++)
		if (pthread_create(&t[i], &attr, producer, &box[i]) != 0) {
			fprintf(stderr, "pthread_fanin: pthread_create failed at %ld of %ld\n", i, k);
			return 1;
		}
	consume(n / 10 + 1, k);		/* warm up */
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	consume(n, k);
	t1 = bench_now_ns();
	c1 = bench_cpu_ns();

	pthread_mutex_lock(&mu);
	stop = 1;
	for (i = 0; i < k; i++)
		pthread_cond_signal(&box[i].cv);
	pthread_mutex_unlock(&mu);
	for (i = 0; i < k; i++)
		pthread_join(t[i], NULL);
	minhits = total = hits[0];
	for (i = 1; i < k; i++) {
		total += hits[i];
		if (hits[i] < minhits)
			minhits = hits[i];
	}
	if (total != n + n / 10 + 1) {
		fprintf(stderr, "pthread_fanin: received %ld messages, want %ld\n", total, n + n / 10 + 1);
		return 1;
	}
	bench_report("pthread_fanin ns_per_op=%.2f iters=%ld k=%ld min_share=%.3f cpu_ns_per_op=%.2f",
		(double)(t1 - t0) / n, n, k, (double)minhits * k / (n + n / 10 + 1), (double)(c1 - c0) / n);
	return 0;
}
