// An alt may both send and receive on one channel: it pairs with a partner doing the same, never with itself.
#include "test.h"

enum { ROUNDS = 2000 };

typedef struct Peer {
	Channel *c;
	Channel *done;
	int id;
	int nsent, nrecv;
	long lastgot;
} Peer;

// Each round offers to send (id, round) and to receive at the same time.
static void peer(void *arg)
{
	Peer *p = arg;
	long out, in;
	Alt a[] = {
		{ p->c, &out, CHANSND, NULL },
		{ p->c, &in, CHANRCV, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};

	for(int r = 0; r < ROUNDS; r++) {
		out = (long)p->id * 1000000 + r;
		in = -1;
		switch(alt(a)) {
		case 0:
			p->nsent++;
			break;
		case 1:
			// A value from the other peer, never our own.
			CHECK(in >= 0);
			CHECK(in / 1000000 != p->id);
			CHECK(in % 1000000 >= p->lastgot); // per-sender order
			p->lastgot = in % 1000000;
			p->nrecv++;
			break;
		default:
			FAILF("alt returned an unexpected index");
		}
	}
	sendul(p->done, 1);
}

static void pair(int useprocs)
{
	Channel *c = chancreate(sizeof(long), 0);
	Channel *done = chancreate(sizeof(ulong), 2);
	Peer a = { c, done, 1, 0, 0, 0 }, b = { c, done, 2, 0, 0, 0 };

	if(useprocs) {
		proccreate(peer, &a, 0);
		proccreate(peer, &b, 0);
	} else {
		threadcreate(peer, &a, 0);
		threadcreate(peer, &b, 0);
	}
	recvul(done);
	recvul(done);
	CHECKEQ(a.nsent + a.nrecv, ROUNDS);
	CHECKEQ(a.nsent, b.nrecv);
	CHECKEQ(b.nsent, a.nrecv);
	chanfree(c);
	chanfree(done);
}

void threadmain(int argc, char *argv[])
{
	Channel *c;
	int out = 1, in = 0, nsend = 0, nrecv = 0;
	(void)argc; (void)argv;

	// Alone on an unbuffered channel, an alt cannot rendezvous with itself.
	c = chancreate(sizeof(int), 0);
	Alt self[] = {
		{ c, &out, CHANSND, NULL },
		{ c, &in, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	CHECKEQ(alt(self), 2);
	chanfree(c);

	// On a buffered channel with an element and a free slot, both
	// entries are ready and each gets chosen.
	c = chancreate(sizeof(int), 2);
	Alt buf[] = {
		{ c, &out, CHANSND, NULL },
		{ c, &in, CHANRCV, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	out = 5;
	CHECKEQ(send(c, &out), 1);
	for(int i = 0; i < 200; i++) {
		switch(alt(buf)) {
		case 0:
			nsend++;
			CHECKEQ(recv(c, &in), 1);
			CHECKEQ(in, 5);
			break;
		case 1:
			nrecv++;
			CHECKEQ(in, 5);
			CHECKEQ(send(c, &out), 1);
			break;
		default:
			FAILF("alt returned an unexpected index");
		}
	}
	CHECK(nsend > 0);
	CHECK(nrecv > 0);
	chanfree(c);

	pair(0);
	pair(1);
	threadexits(NULL);
}
