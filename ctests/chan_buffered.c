// Buffered channels keep FIFO order, let senders run ahead up to capacity and block them there.
#include "test.h"

enum { CAP = 5, N = 1000 };

typedef struct Job {
	Channel *c;
	volatile int sent; // sends completed by the sender
} Job;

static void sender(void *arg)
{
	Job *j = arg;
	for(int i = 0; i < N; i++) {
		CHECKEQ(send(j->c, &i), 1);
		j->sent = i + 1;
	}
}

static void waitrecv(void *arg)
{
	Job *j = arg;
	int v;
	CHECKEQ(recv(j->c, &v), 1);
	CHECKEQ(v, 77);
	j->sent = -1;
}

void threadmain(int argc, char *argv[])
{
	Job j;
	int v;
	(void)argc; (void)argv;

	// Sends complete without a receiver until the buffer is full.
	j.c = chancreate(sizeof(int), CAP);
	j.sent = 0;
	threadcreate(sender, &j, 0);
	test_yield_n(20);
	CHECKEQ(j.sent, CAP);
	CHECKEQ(nbsend(j.c, &v), 0);

	// Each receive frees one slot, which the blocked sender refills.
	for(int i = 0; i < N; i++) {
		CHECKEQ(recv(j.c, &v), 1);
		CHECKEQ(v, i);
		test_yield_n(3);
		int want = i + 1 + CAP;
		if(want > N)
			want = N;
		CHECKEQ(j.sent, want);
	}
	CHECKEQ(nbrecv(j.c, &v), 0);

	// A receiver blocks on an empty buffered channel until a send.
	j.sent = 0;
	threadcreate(waitrecv, &j, 0);
	test_yield_n(10);
	CHECKEQ(j.sent, 0);
	v = 77;
	CHECKEQ(send(j.c, &v), 1);
	test_yield_n(10);
	CHECKEQ(j.sent, -1);

	// FIFO with a single thread: fill, then drain.
	for(int i = 0; i < CAP; i++)
		CHECKEQ(send(j.c, &i), 1);
	for(int i = 0; i < CAP; i++) {
		CHECKEQ(recv(j.c, &v), 1);
		CHECKEQ(v, i);
	}
	chanfree(j.c);

	// A one-slot channel.
	Channel *one = chancreate(sizeof(long), 1);
	long l = 123456789012L, m = 0;
	CHECKEQ(nbsend(one, &l), 1);
	CHECKEQ(nbsend(one, &l), 0);
	CHECKEQ(nbrecv(one, &m), 1);
	CHECKEQ(m, l);
	CHECKEQ(nbrecv(one, &m), 0);
	chanfree(one);
	threadexits(NULL);
}
