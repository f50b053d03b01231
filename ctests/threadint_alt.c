// threadint during alt: the alt returns -1 and leaves no waiter behind on any of its channels.
#include "test.h"

typedef struct A { Channel *a, *b, *done; int r; } A;

static void alter(void *arg)
{
	A *s = arg;
	ulong x, y = 7;
	Alt alts[] = {
		{ s->a, &x, CHANRCV, NULL },
		{ s->b, &y, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	s->r = alt(alts);
	sendul(s->done, 1);
}

static void run(int useproc)
{
	// done is buffered: a second interrupt must not catch the alter
	// reporting back.
	A s = { chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 0), chancreate(sizeof(ulong), 1), 0 };
	int id = useproc ? proccreate(alter, &s, 8192) : threadcreate(alter, &s, 8192);
	ulong x = 1;

	// Interrupts before it blocks are not remembered: repeat until it reports.
	do {
		yield();
		usleep(1000);
		threadint(id);
	} while(nbrecvul(s.done) == 0);
	CHECKEQ(s.r, -1);
	CHECKEQ(nbsend(s.a, &x), 0);
	CHECKEQ(nbrecv(s.b, &x), 0);
	chanfree(s.a);
	chanfree(s.b);
	chanfree(s.done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	run(0);
	run(1);
	threadexitsall(NULL);
}
