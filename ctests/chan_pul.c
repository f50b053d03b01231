// sendp/recvp and sendul/recvul carry pointers and unsigned longs (including nil, 0 and ULONG_MAX) between threads and procs.
#include "test.h"

#include <limits.h>

enum { N = 1000 };

static char marks[N];

typedef struct Job {
	Channel *p, *u;
} Job;

static void sender(void *arg)
{
	Job *j = arg;
	for(int i = 0; i < N; i++) {
		CHECKEQ(sendp(j->p, i == 0 ? NULL : &marks[i]), 1);
		CHECKEQ(sendul(j->u, i == 0 ? 0 : i == 1 ? ULONG_MAX : (ulong)i * 0x100000001UL), 1);
	}
}

static void check(int useproc, int nel)
{
	Job j = { chancreate(sizeof(void*), nel), chancreate(sizeof(ulong), nel) };
	if(useproc)
		proccreate(sender, &j, 0);
	else
		threadcreate(sender, &j, 0);
	for(int i = 0; i < N; i++) {
		void *p = recvp(j.p);
		ulong u = recvul(j.u);
		CHECK(p == (i == 0 ? NULL : (void*)&marks[i]));
		CHECK(u == (i == 0 ? 0 : i == 1 ? ULONG_MAX : (ulong)i * 0x100000001UL));
	}
	chanfree(j.p);
	chanfree(j.u);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	check(0, 0);
	check(0, 5);
	check(1, 0);
	check(1, 5);

	// recvp and recvul on a channel that sendp/sendul did not fill: the
	// elements are the same bytes a send would carry.
	Channel *c = chancreate(sizeof(void*), 1);
	void *p = &marks[3];
	CHECKEQ(send(c, &p), 1);
	CHECK(recvp(c) == (void*)&marks[3]);
	Channel *u = chancreate(sizeof(ulong), 1);
	ulong v = 0xDEADBEEFUL;
	CHECKEQ(send(u, &v), 1);
	CHECK(recvul(u) == 0xDEADBEEFUL);
	CHECKEQ(sendul(u, 7), 1);
	v = 0;
	CHECKEQ(recv(u, &v), 1);
	CHECKEQ(v, 7);
	chanfree(c);
	chanfree(u);
	threadexits(NULL);
}
