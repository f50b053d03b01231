// A thread that blocks in send, recv, sendp, recvul, alt or yield at any depth of nested calls returns to the right caller with the right result and with every value its callers keep in registers intact, whether another thread of its proc or of another proc wakes it, and whether the operation waits or completes at once.
#include "test.h"

enum { ROUNDS = 2000, DEPTH = 6 };

typedef struct Pair {
	Channel *in, *out;
	Channel *done;
} Pair;

static int which;	// cycles through the operations

// One blocking operation that moves v from in to out, or back: the
// partner echoes every value it gets, plus one.
static ulong op(Pair *p, ulong v)
{
	ulong r;
	Alt a[3];

	switch(which++ % 5) {
	case 0:
		CHECKEQ(sendul(p->out, v), 1);
		return recvul(p->in);
	case 1:
		CHECKEQ(send(p->out, &v), 1);
		CHECKEQ(recv(p->in, &r), 1);
		return r;
	case 2:
		CHECKEQ(sendp(p->out, (void *)v), 1);
		return (ulong)recvp(p->in);
	case 3:
		a[0] = (Alt){ p->out, &v, CHANSND, NULL };
		a[1] = (Alt){ NULL, NULL, CHANEND, NULL };
		CHECKEQ(alt(a), 0);
		a[0] = (Alt){ p->in, &r, CHANRCV, NULL };
		a[1] = (Alt){ p->done, NULL, CHANNOP, NULL };
		a[2] = (Alt){ NULL, NULL, CHANEND, NULL };
		CHECKEQ(alt(a), 0);
		return r;
	default:
		yield();
		CHECKEQ(sendul(p->out, v), 1);
		yield();
		return recvul(p->in);
	}
}

// Keeps values live across the operation at each level, in as many
// registers as the compiler cares to use.
static __attribute__((noinline)) ulong nest(Pair *p, int depth, ulong v)
{
	ulong a = v * 3 + depth, b = v ^ 0x5a5a5a5aUL, c = v + (ulong)depth * 7, d = ~v, e = v << 3;
	ulong r = depth == 0 ? op(p, v) : nest(p, depth - 1, v);
	CHECKEQ(r, v + 1);
	CHECKEQ(a, v * 3 + depth);
	CHECKEQ(b, v ^ 0x5a5a5a5aUL);
	CHECKEQ(c, v + (ulong)depth * 7);
	CHECKEQ(d, ~v);
	CHECKEQ(e, v << 3);
	return r;
}

static void echo(void *arg)
{
	Pair *p = arg;
	ulong v;

	// The echo receives with each form in turn, so that either side is
	// the one that waits.
	for(int i = 0; i < ROUNDS * 2; i++) {
		if(i % 2 == 0)
			v = recvul(p->out);
		else
			CHECKEQ(recv(p->out, &v), 1);
		if(i % 3 == 0)
			yield();
		CHECKEQ(sendul(p->in, v + 1), 1);
	}
	CHECKEQ(sendul(p->done, 1), 1);
}

static void run(int useproc)
{
	Pair p = { chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 0) };

	if(useproc)
		proccreate(echo, &p, 0);
	else
		threadcreate(echo, &p, 0);
	for(int i = 0; i < ROUNDS * 2; i++)
		CHECKEQ(nest(&p, i % DEPTH, (ulong)i * 1000003), (ulong)i * 1000003 + 1);
	CHECKEQ(recvul(p.done), 1);
	chanfree(p.in);
	chanfree(p.out);
	chanfree(p.done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	run(0);
	run(1);
	threadexits(NULL);
}
