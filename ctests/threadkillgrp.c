// Groups: threadkillgrp kills every thread of a group, in any proc, and returns how many; threadintgrp interrupts them; others are untouched.
#include "test.h"

static Channel *c, *done;

static void waiter(void *arg)
{
	(void)arg;
	ulong v = 0;
	int r = recv(c, &v);
	// An interrupted thread reports its group.
	sendul(done, r == 1 ? 100 + v : (ulong)threadgetgrp());
}

static void settle(void)
{
	for(int i = 0; i < 20; i++){
		yield();
		usleep(1000);
	}
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 8);

	int killed[4];
	CHECKEQ(threadsetgrp(7), 0);
	for(int i = 0; i < 3; i++)
		killed[i] = threadcreate(waiter, NULL, 8192);
	killed[3] = proccreate(waiter, NULL, 8192);
	threadsetgrp(8);
	threadcreate(waiter, NULL, 8192);
	proccreate(waiter, NULL, 8192);
	threadsetgrp(0);
	int other = threadcreate(waiter, NULL, 8192);
	settle();

	CHECKEQ(threadkillgrp(7), 4);
	// The two interrupted threads report failure, with their group. An
	// interrupt that comes before the thread in the other proc blocks is
	// not remembered: interrupt the group until both have reported.
	for(int n = 0; n < 2; ){
		ulong v;
		threadintgrp(8);
		yield();	// the one in this proc reports
		test_sleep_ms(1);
		while(nbrecv(done, &v) == 1){
			CHECKEQ(v, 8);
			n++;
		}
	}
	settle();
	CHECKEQ(nbrecvul(done), 0);  // the killed ones never report
	for(int i = 0; i < 4; i++)
		CHECKEQ(threadpid(killed[i]), -1);
	sendul(c, 5);                // the one in group 0 is still waiting
	CHECKEQ(recvul(done), 105);
	CHECKEQ(threadpid(other), -1);
	threadexitsall(NULL);
}
