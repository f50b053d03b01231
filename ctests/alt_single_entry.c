// A blocked alt with one entry that takes part, not the first (the others CHANNOP), is completed by a partner's plain send or recv, from its own proc and from another: alt returns that entry's index, and the value arrives.
#include "test.h"

static Channel *c, *res;

// Alts with the live entry at index `idx` of three, receiving if `rcv`;
// reports the index alt returned and the value moved.
typedef struct Job {
	int idx;
	int rcv;
} Job;

static void alter(void *arg)
{
	Job *j = arg;
	ulong v = 77;
	Alt a[4] = {
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANNOP, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};

	a[j->idx] = (Alt){ c, &v, j->rcv ? CHANRCV : CHANSND, NULL };
	sendul(res, (ulong)alt(a));
	sendul(res, v);
}

static void partner(void *arg)
{
	Job *j = arg;

	if(j->rcv)
		CHECKEQ(sendul(c, 55), 1);
	else
		CHECKEQ(recvul(c), 77);
}

void threadmain(int argc, char *argv[])
{
	static Job jobs[2 * 2 * 2];
	int n = 0;

	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	res = chancreate(sizeof(ulong), 2);
	for(int otherproc = 0; otherproc < 2; otherproc++)
	for(int idx = 1; idx <= 2; idx++)
	for(int rcv = 0; rcv < 2; rcv++){
		Job *j = &jobs[n++];
		j->idx = idx;
		j->rcv = rcv;
		threadcreate(alter, j, 16384);
		yield(); // the alter blocks in alt
		if(otherproc)
			proccreate(partner, j, 16384);
		else
			partner(j);
		CHECKEQ(recvul(res), (ulong)idx);
		CHECKEQ(recvul(res), rcv ? 55UL : 77UL);
	}
	threadexitsall(NULL);
}
