// alt on closed channels: a closed entry is ready, reported once through err ("channel was closed"), and alt returns -1 once every entry was reported.
#include "test.h"

static char untouched[] = "untouched";

static int isclosed(const char *err)
{
	return err != NULL && err != untouched && strcmp(err, "channel was closed") == 0;
}

typedef struct Blocked {
	Channel *c, *d;
	Channel *done;
} Blocked;

// Blocks in alt on c and d; reports the index and whether err was set.
static void blockedalt(void *arg)
{
	Blocked *b = arg;
	int x = 0, y = 4;
	Alt a[] = {
		{ b->c, &x, CHANRCV, untouched },
		{ b->d, &y, CHANSND, untouched },
		{ NULL, NULL, CHANEND, NULL },
	};
	int r = alt(a);
	CHECKEQ(r, 0);
	CHECK(isclosed(a[0].err));
	CHECK(a[1].err == untouched);
	CHECKEQ(x, 0);
	sendul(b->done, 1);
}

void threadmain(int argc, char *argv[])
{
	Channel *c, *d, *e;
	int x = 0, y = 0;
	(void)argc; (void)argv;

	// One closed entry, one not ready: the closed one is chosen and
	// reported, and err is written on it alone.
	c = chancreate(sizeof(int), 0);
	d = chancreate(sizeof(int), 0);
	CHECKEQ(chanclose(c), 0);
	Alt a[] = {
		{ c, &x, CHANRCV, untouched },
		{ d, &y, CHANRCV, untouched },
		{ NULL, NULL, CHANNOBLK, untouched },
	};
	CHECKEQ(alt(a), 0);
	CHECK(isclosed(a[0].err));
	CHECK(a[1].err == untouched);
	CHECK(a[2].err == untouched);

	// Reported once: now nothing is ready.
	CHECKEQ(alt(a), 2);
	CHECKEQ(alt(a), 2);

	// Close the other: reported in its turn, then every entry has been
	// reported and alt returns -1, even with CHANNOBLK.
	CHECKEQ(chanclose(d), 0);
	CHECKEQ(alt(a), 1);
	CHECK(isclosed(a[1].err));
	CHECKEQ(alt(a), -1);
	CHECKEQ(alt(a), -1);
	a[2].op = CHANEND;
	CHECKEQ(alt(a), -1);

	// CHANNOP entries do not count: all the others were reported.
	Alt n[] = {
		{ c, &x, CHANRCV, untouched },
		{ d, &y, CHANNOP, untouched },
		{ NULL, NULL, CHANEND, NULL },
	};
	CHECKEQ(alt(n), 0);
	CHECK(isclosed(n[0].err));
	CHECK(n[1].err == untouched);
	CHECKEQ(alt(n), -1);

	// A send entry on a closed channel with room fails too.
	e = chancreate(sizeof(int), 2);
	CHECKEQ(chanclose(e), 0);
	y = 6;
	Alt s[] = {
		{ e, &y, CHANSND, untouched },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(s), 0);
	CHECK(isclosed(s[0].err));
	CHECKEQ(chanclosing(e), 0); // nothing was sent
	CHECKEQ(alt(s), -1);
	chanfree(e);

	// A closed channel still delivers its buffer through alt; only when
	// it is empty is the entry reported closed.
	e = chancreate(sizeof(int), 2);
	y = 7; CHECKEQ(send(e, &y), 1);
	y = 8; CHECKEQ(send(e, &y), 1);
	CHECKEQ(chanclose(e), 0);
	Alt r[] = {
		{ e, &x, CHANRCV, untouched },
		{ NULL, NULL, CHANEND, NULL },
	};
	CHECKEQ(alt(r), 0);
	CHECKEQ(x, 7);
	CHECK(!isclosed(r[0].err));
	r[0].err = untouched;
	CHECKEQ(alt(r), 0);
	CHECKEQ(x, 8);
	CHECK(!isclosed(r[0].err));
	r[0].err = untouched;
	x = 0;
	CHECKEQ(alt(r), 0);
	CHECK(isclosed(r[0].err));
	CHECKEQ(x, 0);
	CHECKEQ(alt(r), -1);
	chanfree(e);

	// A closed entry competes with a ready one; both get done, in either
	// order, and the closed one is reported exactly once.
	for(int round = 0; round < 50; round++) {
		Channel *open = chancreate(sizeof(int), 1);
		y = round;
		CHECKEQ(send(open, &y), 1);
		Alt m[] = {
			{ c, &x, CHANRCV, untouched },
			{ open, &x, CHANRCV, untouched },
			{ NULL, NULL, CHANNOBLK, NULL },
		};
		int seen0 = 0, seen1 = 0;
		for(int i = 0; i < 2; i++) {
			switch(alt(m)) {
			case 0:
				CHECK(isclosed(m[0].err));
				CHECK(m[1].err == untouched);
				seen0++;
				break;
			case 1:
				CHECKEQ(x, round);
				CHECK(!isclosed(m[1].err));
				seen1++;
				break;
			default:
				FAILF("unexpected alt result");
			}
		}
		CHECKEQ(seen0, 1);
		CHECKEQ(seen1, 1);
		CHECKEQ(alt(m), 2);
		chanfree(open);
	}

	// An alt blocked on open channels wakes when one of them is closed.
	Blocked b;
	b.c = chancreate(sizeof(int), 0);
	b.d = chancreate(sizeof(int), 0);
	b.done = chancreate(sizeof(ulong), 1);
	threadcreate(blockedalt, &b, 0);
	test_yield_n(10);
	CHECKEQ(nbrecvul(b.done), 0);
	CHECKEQ(chanclose(b.c), 0);
	CHECKEQ(recvul(b.done), 1);

	// The same with the alt in another proc.
	chanfree(b.c);
	b.c = chancreate(sizeof(int), 0);
	proccreate(blockedalt, &b, 0);
	test_sleep_ms(20);
	CHECKEQ(nbrecvul(b.done), 0);
	CHECKEQ(chanclose(b.c), 0);
	CHECKEQ(recvul(b.done), 1);

	chanfree(b.c);
	chanfree(b.d);
	chanfree(b.done);
	chanfree(c);
	chanfree(d);
	threadexits(NULL);
}
