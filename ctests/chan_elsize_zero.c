// Channels of element size 0 synchronise and count like any other: unbuffered rendezvous, buffered capacity, alt, nil value pointers.
#include "test.h"

static volatile int passed;

static void waiter(void *arg)
{
	CHECKEQ(recv((Channel*)arg, NULL), 1);
	passed = 1;
}

void threadmain(int argc, char *argv[])
{
	Channel *u = chancreate(0, 0), *b = chancreate(0, 3);
	char dummy = 'd';
	(void)argc; (void)argv;

	// Unbuffered: a pure rendezvous.
	CHECKEQ(nbsend(u, NULL), 0);
	CHECKEQ(nbrecv(u, NULL), 0);
	threadcreate(waiter, u, 0);
	test_yield_n(5);
	CHECKEQ(passed, 0);
	CHECKEQ(send(u, NULL), 1);
	test_yield_n(5);
	CHECKEQ(passed, 1);

	// Buffered: counts up to its capacity; value pointers are not touched.
	CHECKEQ(send(b, &dummy), 1);
	CHECKEQ(send(b, NULL), 1);
	CHECKEQ(nbsend(b, NULL), 1);
	CHECKEQ(nbsend(b, NULL), 0);
	CHECKEQ(recv(b, &dummy), 1);
	CHECKEQ(dummy, 'd');
	CHECKEQ(nbrecv(b, NULL), 1);
	CHECKEQ(nbrecv(b, NULL), 1);
	CHECKEQ(nbrecv(b, NULL), 0);

	// alt on zero-sized channels.
	Alt a[] = {
		{ u, NULL, CHANRCV, NULL },
		{ b, NULL, CHANSND, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(a), 1);
	CHECKEQ(alt(a), 1);
	CHECKEQ(alt(a), 1);
	CHECKEQ(alt(a), 2);
	CHECKEQ(chanclose(b), 0);
	CHECKEQ(chanclosing(b), 3);
	chanfree(u);
	chanfree(b);
	threadexits(NULL);
}
