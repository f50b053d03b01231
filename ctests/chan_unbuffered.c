// Unbuffered channels rendezvous: send blocks until a receiver takes the value, for element sizes 1 to 16, pointer and a 100-byte struct.
#include "test.h"

typedef struct Big { unsigned char b[100]; } Big;

enum { N = 50 };

static char marks[N]; // distinct addresses to send as pointers

typedef struct Job {
	Channel *c;
	int elsize;
	volatile int sent; // sends completed by the sender
} Job;

// fill writes the i'th test value of elsize bytes into v.
static void fill(void *v, int elsize, int i)
{
	unsigned char *p = v;
	for(int k = 0; k < elsize; k++)
		p[k] = (unsigned char)(i * 31 + k * 7 + 1);
}

static void sender(void *arg)
{
	Job *j = arg;
	unsigned char buf[100];

	for(int i = 0; i < N; i++) {
		fill(buf, j->elsize, i);
		CHECKEQ(send(j->c, buf), 1);
		j->sent = i + 1;
	}
	threadexits(NULL);
}

static void rendezvous(int elsize)
{
	Job j;
	unsigned char got[100], want[100];

	j.c = chancreate(elsize, 0);
	CHECK(j.c != NULL);
	j.elsize = elsize;
	j.sent = 0;
	threadcreate(sender, &j, 32 * 1024);
	for(int i = 0; i < N; i++) {
		// The sender must stay blocked in send until we receive.
		test_yield_n(5);
		CHECKEQ(j.sent, i);
		memset(got, 0xEE, sizeof got);
		CHECKEQ(recv(j.c, got), 1);
		fill(want, elsize, i);
		CHECK(memcmp(got, want, elsize) == 0);
		// recv copies exactly elsize bytes.
		if(elsize < 100)
			CHECKEQ(got[elsize], 0xEE);
	}
	test_yield_n(5);
	CHECKEQ(j.sent, N);
	chanfree(j.c);
}

// A receiver blocks too, until a sender arrives.
static void receiver(void *arg)
{
	Job *j = arg;
	void *p;
	for(int i = 0; i < N; i++) {
		CHECKEQ(recv(j->c, &p), 1);
		CHECK(p == (void*)&marks[i]);
		j->sent = i + 1;
	}
}

static void pointers(void)
{
	Job j;
	void *p;

	j.c = chancreate(sizeof(void*), 0);
	j.sent = 0;
	threadcreate(receiver, &j, 32 * 1024);
	for(int i = 0; i < N; i++) {
		test_yield_n(5);
		CHECKEQ(j.sent, i);
		p = &marks[i];
		CHECKEQ(send(j.c, &p), 1);
	}
	test_yield_n(5);
	CHECKEQ(j.sent, N);
	chanfree(j.c);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	// Every size up to two words: those up to a word are copied piecewise.
	for(int elsize = 1; elsize <= 16; elsize++)
		rendezvous(elsize);
	rendezvous(sizeof(void*));
	rendezvous(sizeof(Big));
	pointers();
	threadexits(NULL);
}
