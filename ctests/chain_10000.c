// 10,000 threads in a chain each pass a value on, plus one, to the next; several values flow through in order.
// tsan: 10,000 threads alive at once, beyond the 8,128 ThreadSanitizer allows
#include "test.h"

enum { N = 10000, VALUES = 20 };

typedef struct Link {
	Channel *in, *out;
} Link;

static void link_(void *arg)
{
	Link *l = arg;
	for(;;) {
		ulong v = recvul(l->in);
		CHECKEQ(sendul(l->out, v + 1), 1);
	}
}

static void feeder(void *arg)
{
	Channel *first = arg;
	for(int v = 0; v < VALUES; v++)
		CHECKEQ(sendul(first, 100000 * v), 1);
}

void threadmain(int argc, char *argv[])
{
	Channel *first, *c;
	Link *links;
	(void)argc; (void)argv;

	links = calloc(N, sizeof *links);
	CHECK(links != NULL);
	first = c = chancreate(sizeof(ulong), 0);
	for(int i = 0; i < N; i++) {
		links[i].in = c;
		links[i].out = c = chancreate(sizeof(ulong), 0);
		threadcreate(link_, &links[i], 0);
	}
	// One value at a time through the whole chain.
	CHECKEQ(sendul(first, 0), 1);
	CHECKEQ(recvul(c), N);

	// A stream: many values in flight at once stay in order.
	threadcreate(feeder, first, 0);
	for(int v = 0; v < VALUES; v++)
		CHECKEQ(recvul(c), 100000 * v + N);
	threadexitsall(NULL);
}
