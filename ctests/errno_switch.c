// errno belongs to each thread: values set by threads of one proc, and of different procs, survive yields and blocking channel operations.
#include "test.h"

#include <errno.h>

enum { ROUNDS = 200 };

typedef struct Job {
	int base;
	Channel *ping;  // shared with a partner thread, to block on
	Channel *done;
} Job;

static void worker(void *arg)
{
	Job *j = arg;
	int v = 0;

	for(int r = 0; r < ROUNDS; r++) {
		int mine = j->base + r;
		errno = mine;
		yield();
		CHECKEQ(errno, mine);
		// A blocking rendezvous with the partner, in both directions.
		if(j->base % 2000 == 0) {
			CHECKEQ(send(j->ping, &v), 1);
			CHECKEQ(errno, mine);
			CHECKEQ(recv(j->ping, &v), 1);
		} else {
			CHECKEQ(recv(j->ping, &v), 1);
			CHECKEQ(errno, mine);
			CHECKEQ(send(j->ping, &v), 1);
		}
		CHECKEQ(errno, mine);
	}
	sendul(j->done, 1);
}

void threadmain(int argc, char *argv[])
{
	Channel *done = chancreate(sizeof(ulong), 8);
	Channel *ping1 = chancreate(sizeof(int), 0);
	Channel *ping2 = chancreate(sizeof(int), 0);
	Job j[4] = {
		{ 2000, ping1, done }, { 3000, ping1, done },   // two threads in this proc
		{ 4000, ping2, done }, { 5000, ping2, done },   // a thread here, one in a proc
	};
	(void)argc; (void)argv;

	errno = 1234;
	threadcreate(worker, &j[0], 0);
	threadcreate(worker, &j[1], 0);
	threadcreate(worker, &j[2], 0);
	proccreate(worker, &j[3], 0);
	for(int i = 0; i < 4; i++) {
		CHECKEQ(recvul(done), 1);
		CHECKEQ(errno, 1234);
	}
	chanfree(done);
	chanfree(ping1);
	chanfree(ping2);
	threadexits(NULL);
}
