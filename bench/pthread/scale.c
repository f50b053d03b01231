/*
 * pthread peer of bench/scale.c: a ring of RING OS threads (64 KiB stacks)
 * joined by one-slot rendezvous handoffs, with TOKENS tokens going round at
 * once, each a counter that members decrement and pass on until it reaches
 * zero.  Reports wall time per hop over all tokens.  P is accepted and
 * reported but means nothing here: every member is an OS thread of its own
 * and the kernel places them.
 *
 * A member's mailbox has a mutex and two condition variables.  put waits
 * until the slot is empty (main and the previous member may both send to a
 * token's first member), fills it, and waits until the receiver has taken
 * that word (a rendezvous, as a send on an unbuffered channel); take waits
 * until the slot is full, empties it and wakes the senders.  The member
 * that takes a token to zero puts its own index on a done queue (a mutex,
 * a condition variable and room for every token: it never blocks a
 * member), and each lap checks that every token stopped where its count of
 * hops leads: token j starts at member j*RING/TOKENS with the count per and
 * ends at member (j*RING/TOKENS + per) % RING.
 *
 *	pthread_scale [hops [P]]	(P default 2; hops in all, over all tokens)
 *	prints: pthread_scale ns_per_op=R iters=N procs=P threads=RING tokens=TOKENS
 */
#include <pthread.h>
#include "../bench.h"

enum { RING = 512, TOKENS = 64 };

typedef struct Box Box;
struct Box {
	pthread_mutex_t mu;
	pthread_cond_t fullcv;		/* the receiver waits here for a word */
	pthread_cond_t sendcv;		/* senders wait here for room, or for their word to be taken */
	int full;
	unsigned long val;
	unsigned long nput, ntaken;	/* words put and taken so far */
	char pad[64];
};

static Box box[RING];
static int stop;			/* set under every box's mutex */

static pthread_mutex_t donemu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t donecv = PTHREAD_COND_INITIALIZER;
static long doneq[TOKENS];
static int ndone;

static void
put(Box *b, unsigned long v)
{
	unsigned long my;

	pthread_mutex_lock(&b->mu);
	while (b->full && !stop)
		pthread_cond_wait(&b->sendcv, &b->mu);
	b->val = v;
	b->full = 1;
	my = ++b->nput;
	pthread_cond_signal(&b->fullcv);
	while (b->ntaken < my && !stop)	/* rendezvous: wait until taken */
		pthread_cond_wait(&b->sendcv, &b->mu);
	pthread_mutex_unlock(&b->mu);
}

/* The next word, or -1 when told to stop. */
static int
take(Box *b, unsigned long *v)
{
	pthread_mutex_lock(&b->mu);
	while (!b->full && !stop)
		pthread_cond_wait(&b->fullcv, &b->mu);
	if (stop) {
		pthread_mutex_unlock(&b->mu);
		return -1;
	}
	*v = b->val;
	b->full = 0;
	b->ntaken++;
	pthread_cond_broadcast(&b->sendcv);	/* its sender, and one that waits for room */
	pthread_mutex_unlock(&b->mu);
	return 0;
}

static void *
member(void *arg)
{
	long i = (long)arg;
	Box *in = &box[i], *out = &box[(i + 1) % RING];
	unsigned long v;

	while (take(in, &v) == 0) {
		if (v == 0) {
			pthread_mutex_lock(&donemu);
			if (ndone < TOKENS)
				doneq[ndone] = i;
			ndone++;
			pthread_cond_signal(&donecv);
			pthread_mutex_unlock(&donemu);
		} else
			put(out, v - 1);
	}
	return NULL;
}

static void
lap(unsigned long per)
{
	long j, m, owed[RING] = {0};

	pthread_mutex_lock(&donemu);
	ndone = 0;
	pthread_mutex_unlock(&donemu);
	for (j = 0; j < TOKENS; j++) {
		owed[(j * RING / TOKENS + per) % RING]++;
		put(&box[j * RING / TOKENS], per);
	}
	pthread_mutex_lock(&donemu);
	while (ndone < TOKENS)
		pthread_cond_wait(&donecv, &donemu);
	if (ndone != TOKENS) {
		fprintf(stderr, "pthread_scale: %d tokens ended, want %d\n", ndone, TOKENS);
		exit(1);
	}
	for (j = 0; j < TOKENS; j++) {
		m = doneq[j];
		if (m < 0 || m >= RING || owed[m]-- == 0) {
			fprintf(stderr, "pthread_scale: a token of %lu hops ended at member %ld\n", per, m);
			exit(1);
		}
	}
	pthread_mutex_unlock(&donemu);
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 1000000);
	long np = bench_arg(argc, argv, 2, 2);
	long i, per;
	long long t0, t1;
	pthread_t t[RING];
	pthread_attr_t attr;

	if (np < 1)
		np = 1;
	if (np > RING)
		np = RING;
	for (i = 0; i < RING; i++) {
		pthread_mutex_init(&box[i].mu, NULL);
		pthread_cond_init(&box[i].fullcv, NULL);
		pthread_cond_init(&box[i].sendcv, NULL);
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < RING; i++)
		if (pthread_create(&t[i], &attr, member, (void *)i) != 0) {
			fprintf(stderr, "pthread_scale: pthread_create failed at %ld\n", i);
			return 1;
		}
	lap(RING);			/* warm up */
	per = n / TOKENS > 0 ? n / TOKENS : 1;
	t0 = bench_now_ns();
	lap((unsigned long)per);
	t1 = bench_now_ns();

	for (i = 0; i < RING; i++)
		pthread_mutex_lock(&box[i].mu);
	stop = 1;
	for (i = 0; i < RING; i++) {
		pthread_cond_broadcast(&box[i].fullcv);
		pthread_cond_broadcast(&box[i].sendcv);
		pthread_mutex_unlock(&box[i].mu);
	}
	for (i = 0; i < RING; i++)
		pthread_join(t[i], NULL);
	bench_report("pthread_scale ns_per_op=%.2f iters=%ld procs=%ld threads=%d tokens=%d",
		(double)(t1 - t0) / ((double)per * TOKENS), per * TOKENS, np, RING, TOKENS);
	return 0;
}
