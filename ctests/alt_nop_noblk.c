// alt skips CHANNOP entries, returns the CHANNOBLK index when nothing is ready, and blocks forever on an all-CHANNOP array ending in CHANEND.
#include "test.h"

static volatile int nopdone;

static void allnop(void *arg)
{
	Alt a[] = {
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	(void)arg;
	alt(a);
	nopdone = 1; // never reached
}

void threadmain(int argc, char *argv[])
{
	Channel *c, *d;
	int x = 0, y = 0;
	(void)argc; (void)argv;

	c = chancreate(sizeof(int), 1);
	d = chancreate(sizeof(int), 1);

	// Nothing ready: the index of the CHANNOBLK entry.
	Alt a[] = {
		{ c, &x, CHANRCV, NULL },
		{ d, &y, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(a), 2);

	// Something ready: its index, not CHANNOBLK's.
	int v = 7;
	CHECKEQ(send(d, &v), 1);
	CHECKEQ(alt(a), 1);
	CHECKEQ(y, 7);
	CHECKEQ(alt(a), 2);

	// A CHANNOP entry is never chosen, even on a ready channel.
	v = 8;
	CHECKEQ(send(c, &v), 1);
	a[0].op = CHANNOP;
	for(int i = 0; i < 100; i++)
		CHECKEQ(alt(a), 2);
	a[0].op = CHANRCV;
	x = 0;
	CHECKEQ(alt(a), 0);
	CHECKEQ(x, 8);

	// CHANNOP entries may have a nil channel.
	Alt b[] = {
		{ NULL, NULL, CHANNOP, NULL },
		{ c, &v, CHANSND, NULL },
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	v = 9;
	CHECKEQ(alt(b), 1);
	CHECKEQ(alt(b), 3); // c is full now
	CHECKEQ(recv(c, &x), 1);
	CHECKEQ(x, 9);

	// CHANNOP entries around a blocking entry: alt waits for it.
	b[3].op = CHANEND;
	b[1].op = CHANRCV;
	b[1].v = &x;
	v = 10;
	CHECKEQ(send(c, &v), 1);
	CHECKEQ(alt(b), 1);
	CHECKEQ(x, 10);

	// Only CHANNOP entries and CHANNOBLK: the CHANNOBLK index.
	Alt n[] = {
		{ NULL, NULL, CHANNOP, NULL },
		{ c, &x, CHANNOP, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(n), 2);

	// Only CHANNOP entries and CHANEND: blocks forever.
	nopdone = 0;
	threadcreate(allnop, NULL, 0);
	test_yield_n(20);
	test_sleep_ms(50);
	test_yield_n(20);
	CHECKEQ(nopdone, 0);

	// threadexitsall ends the program despite the forever-blocked thread.
	threadexitsall(NULL);
}
