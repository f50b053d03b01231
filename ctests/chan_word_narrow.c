// sendul/recvul, sendp/recvp and their non-blocking forms work on channels of every element size up to a word: a value travels as its low-order bytes, and recvul fills the rest of the word with zeros, whether the partner waits, the channel buffers or nobody is there.
#include "test.h"

#include <limits.h>

enum { N = 100 };

typedef struct Pair {
	Channel *c;
	int size;
	Channel *done;
} Pair;

// The low-order `size` bytes of v (little-endian, as on every target).
static ulong low(ulong v, int size)
{
	return size == sizeof(ulong) ? v : v & ((1UL << (8 * size)) - 1);
}

static ulong value(int i)
{
	return 0x0102030405060708UL * (ulong)(i + 1) ^ (ulong)i << 56;
}

static void sender(void *arg)
{
	Pair *p = arg;
	for(int i = 0; i < N; i++)
		CHECKEQ(sendul(p->c, value(i)), 1);
}

static void receiver(void *arg)
{
	Pair *p = arg;
	for(int i = 0; i < N; i++)
		CHECKEQ(recvul(p->c), low(value(i), p->size));
	CHECKEQ(sendul(p->done, 1), 1);
}

static void check_size(int size)
{
	// Each side blocks in turn, waiting for the other: unbuffered and
	// through a buffer.
	for(int nel = 0; nel <= 3; nel += 3) {
		Pair p = { chancreate(size, nel), size, chancreate(sizeof(ulong), 0) };
		threadcreate(sender, &p, 0);
		for(int i = 0; i < N; i++)
			CHECKEQ(recvul(p.c), low(value(i), size));
		threadcreate(receiver, &p, 0);
		for(int i = 0; i < N; i++)
			CHECKEQ(sendul(p.c, value(i)), 1);
		CHECKEQ(recvul(p.done), 1);
		chanfree(p.c);
		chanfree(p.done);
	}

	// Non-blocking, through a buffer of one.
	Channel *c = chancreate(size, 1);
	CHECKEQ(nbrecvul(c), 0);
	CHECKEQ(nbsendul(c, ULONG_MAX), 1);
	CHECKEQ(nbsendul(c, 1), 0);
	CHECKEQ(nbrecvul(c), low(ULONG_MAX, size));
	CHECKEQ(nbsendp(c, (void *)0x1234), 1);
	CHECK(nbrecvp(c) == (void *)low(0x1234, size));
	CHECK(nbrecvp(c) == NULL);
	CHECKEQ(sendp(c, (void *)value(5)), 1);
	CHECK(recvp(c) == (void *)low(value(5), size));

	// After chanclose: the value buffered still comes, then 0.
	CHECKEQ(sendul(c, 77), 1);
	CHECKEQ(chanclose(c), 0);
	CHECKEQ(sendul(c, 1), -1);
	CHECKEQ(recvul(c), 77);
	CHECKEQ(recvul(c), 0);
	CHECK(recvp(c) == NULL);
	chanfree(c);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	for(int size = 1; size <= (int)sizeof(ulong); size++)
		check_size(size);
	threadexits(NULL);
}
