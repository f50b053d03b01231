// Threads blocked on a channel (in send, recv or alt) are served first-in, first-out.
#include "test.h"

enum { K = 6 };

typedef struct W {
	Channel *c;
	Channel *other; // a second channel for the alt waiters; never ready
	int id;
	volatile int started;
	int got;
} W;

static void sender(void *arg)
{
	W *w = arg;
	w->started = 1;
	if(w->id % 2) {
		int dummy;
		Alt a[] = {
			{ w->other, &dummy, CHANRCV, NULL },
			{ w->c, &w->id, CHANSND, NULL },
			{ NULL, NULL, CHANEND, NULL },
		};
		CHECKEQ(alt(a), 1);
	} else
		CHECKEQ(send(w->c, &w->id), 1);
}

static void receiver(void *arg)
{
	W *w = arg;
	w->started = 1;
	if(w->id % 2) {
		Alt a[] = {
			{ w->c, &w->got, CHANRCV, NULL },
			{ w->other, &w->got, CHANRCV, NULL },
			{ NULL, NULL, CHANEND, NULL },
		};
		CHECKEQ(alt(a), 0);
	} else
		CHECKEQ(recv(w->c, &w->got), 1);
}

// start creates the waiters one at a time; each runs until it blocks
// before the next is created, so they queue in order of id.
static void start(W *w, void (*fn)(void*), Channel *c, Channel *other)
{
	for(int i = 0; i < K; i++) {
		w[i].c = c;
		w[i].other = other;
		w[i].id = i;
		w[i].started = 0;
		w[i].got = -1;
		threadcreate(fn, &w[i], 0);
		while(!w[i].started)
			yield();
		test_yield_n(3);
	}
}

void threadmain(int argc, char *argv[])
{
	W w[K];
	int v;
	Channel *c = chancreate(sizeof(int), 0);
	Channel *other = chancreate(sizeof(int), 0);
	Channel *b = chancreate(sizeof(int), 2);
	(void)argc; (void)argv;

	// Blocked senders: received in the order they blocked.
	start(w, sender, c, other);
	for(int i = 0; i < K; i++) {
		CHECKEQ(recv(c, &v), 1);
		CHECKEQ(v, i);
	}

	// Blocked receivers: served in the order they blocked.
	start(w, receiver, c, other);
	for(int i = 0; i < K; i++) {
		v = 100 + i;
		CHECKEQ(send(c, &v), 1);
	}
	test_yield_n(5);
	for(int i = 0; i < K; i++)
		CHECKEQ(w[i].got, 100 + i);

	// Senders blocked on a full buffered channel: their values enter the
	// buffer in the order they blocked, after what was already there.
	v = -2; CHECKEQ(send(b, &v), 1);
	v = -1; CHECKEQ(send(b, &v), 1);
	start(w, sender, b, other);
	for(int i = -2; i < K; i++) {
		CHECKEQ(recv(b, &v), 1);
		CHECKEQ(v, i);
	}
	chanfree(c);
	chanfree(other);
	chanfree(b);
	threadexits(NULL);
}
