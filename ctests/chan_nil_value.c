// send with a nil value pointer sends zeros; recv with a nil pointer discards the value; likewise in alt.
#include "test.h"

typedef struct S { long a, b, c; } S;

static void zerosender(void *arg)
{
	CHECKEQ(send((Channel*)arg, NULL), 1);
	Alt a[] = {
		{ (Channel*)arg, NULL, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	CHECKEQ(alt(a), 0);
}

void threadmain(int argc, char *argv[])
{
	Channel *u = chancreate(sizeof(S), 0), *b = chancreate(sizeof(S), 2);
	S s, one = { 1, 2, 3 };
	(void)argc; (void)argv;

	// Unbuffered, from a thread: zeros arrive.
	threadcreate(zerosender, u, 0);
	memset(&s, 0xFF, sizeof s);
	CHECKEQ(recv(u, &s), 1);
	CHECK(s.a == 0 && s.b == 0 && s.c == 0);
	memset(&s, 0xFF, sizeof s);
	CHECKEQ(recv(u, &s), 1);
	CHECK(s.a == 0 && s.b == 0 && s.c == 0);

	// Buffered: zeros are stored, discarded values are consumed.
	CHECKEQ(send(b, NULL), 1);
	CHECKEQ(send(b, &one), 1);
	memset(&s, 0xFF, sizeof s);
	CHECKEQ(recv(b, &s), 1);
	CHECK(s.a == 0 && s.b == 0 && s.c == 0);
	CHECKEQ(recv(b, NULL), 1); // discards {1, 2, 3}
	CHECKEQ(nbrecv(b, NULL), 0);
	CHECKEQ(send(b, &one), 1);
	Alt a[] = {
		{ b, NULL, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(a), 0);
	CHECKEQ(alt(a), 1);

	// Unbuffered discard: the sender completes.
	threadcreate(zerosender, u, 0);
	CHECKEQ(recv(u, NULL), 1);
	CHECKEQ(recv(u, NULL), 1);
	CHECKEQ(nbrecv(u, NULL), 0);
	chanfree(u);
	chanfree(b);
	threadexits(NULL);
}
