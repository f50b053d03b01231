// chaninit initialises a Channel in caller storage, static or on a thread's stack, returns 1, and the channel works like a created one; chanfree leaves the storage to the caller.
#include "test.h"

static Channel staticchan;
static Channel staticbuf;

typedef struct Job {
	Channel *c;
	Channel *done;
} Job;

static void echo(void *arg)
{
	Job *j = arg;
	for(;;) {
		int v;
		CHECKEQ(recv(j->c, &v), 1);
		CHECKEQ(send(j->done, &v), 1);	// -1 too: the stop was taken
		if(v < 0)
			break;
	}
}

static void roundtrips(Channel *c, Channel *back, int useproc)
{
	Job j = { c, back };
	if(useproc)
		proccreate(echo, &j, 0);
	else
		threadcreate(echo, &j, 0);
	for(int i = 0; i < 100; i++) {
		int v = i, w = -1;
		CHECKEQ(send(c, &v), 1);
		CHECKEQ(recv(back, &w), 1);
		CHECKEQ(w, i);
	}
	// The partner has taken the stop, and leaves c empty, before we go on.
	int stop = -1, w = 0;
	CHECKEQ(send(c, &stop), 1);
	CHECKEQ(recv(back, &w), 1);
	CHECKEQ(w, -1);
}

void threadmain(int argc, char *argv[])
{
	Channel stackchan, stackbuf;
	int v;
	(void)argc; (void)argv;

	CHECK(sizeof(Channel) > 0);
	CHECKEQ(chaninit(&staticchan, sizeof(int), 0), 1);
	CHECKEQ(chaninit(&staticbuf, sizeof(int), 3), 1);
	CHECKEQ(chaninit(&stackchan, sizeof(int), 0), 1);
	CHECKEQ(chaninit(&stackbuf, sizeof(int), 2), 1);

	// Unbuffered and buffered, within this proc and across procs, with
	// the partner using channels that live on threadmain's stack.
	roundtrips(&staticchan, &stackchan, 0);
	roundtrips(&stackbuf, &staticbuf, 0);
	roundtrips(&stackchan, &staticchan, 1);
	roundtrips(&staticbuf, &stackbuf, 1);

	// Buffer capacity and the non-blocking calls.
	for(v = 0; v < 3; v++)
		CHECKEQ(nbsend(&staticbuf, &v), 1);
	CHECKEQ(nbsend(&staticbuf, &v), 0);
	for(int i = 0; i < 3; i++) {
		CHECKEQ(nbrecv(&staticbuf, &v), 1);
		CHECKEQ(v, i);
	}
	CHECKEQ(nbrecv(&staticbuf, &v), 0);

	// alt over them, and close.
	Alt a[] = {
		{ &stackchan, &v, CHANRCV, NULL },
		{ &stackbuf, &v, CHANSND, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	v = 11;
	CHECKEQ(alt(a), 1);
	CHECKEQ(alt(a), 1);
	CHECKEQ(alt(a), 2);
	CHECKEQ(chanclose(&stackbuf), 0);
	CHECKEQ(chanclosing(&stackbuf), 2);

	// A channel initialised in a zero-filled heap block the program owns.
	Channel *h = calloc(1, sizeof(Channel));
	CHECKEQ(chaninit(h, sizeof(long), 1), 1);
	long l = 5, m = 0;
	CHECKEQ(send(h, &l), 1);
	CHECKEQ(recv(h, &m), 1);
	CHECKEQ(m, 5);

	// chanfree releases what chaninit allocated and leaves the storage
	// to its owner (under AddressSanitizer, a leak or a double free).
	chanfree(&stackchan);
	chanfree(&stackbuf);
	chanfree(h);
	free(h);
	threadexits(NULL);
}
