// yield lets the proc's other ready threads run and returns how many ran before the caller resumed: 0 alone, every ready thread, a thread another proc readied, and a blocked thread of the proc whose wait an interrupt ended.
#include "test.h"

static int ran;

static void runner(void *arg)
{
	(void)arg;
	ran++;
}

static void receiver(void *arg)
{
	recvul(arg);	// a value, or -1 when interrupted
	ran++;
}

static void sender(void *arg)
{
	sendul(arg, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;

	CHECKEQ(yield(), 0);

	for(int i = 0; i < 3; i++)
		threadcreate(runner, NULL, 8192);
	CHECKEQ(yield(), 3);
	CHECKEQ(ran, 3);
	CHECKEQ(yield(), 0);

	// A thread of this proc readied by another proc: the receiver blocks,
	// a sender in a proc of its own completes its receive.
	Channel *c = chancreate(sizeof(ulong), 0);
	ran = 0;
	threadcreate(receiver, c, 8192);
	CHECKEQ(yield(), 1);	// the receiver runs and blocks
	CHECKEQ(ran, 0);
	proccreate(sender, c, 8192);
	for(int i = 0; i < 2000 && ran == 0; i++){
		int n = yield();
		CHECK(n == 0 || n == 1);
		if(n == 0)
			usleep(1000);
	}
	CHECKEQ(ran, 1);

	// A blocked thread of this proc whose wait an interrupt ended.
	ran = 0;
	int id = threadcreate(receiver, c, 8192);
	CHECKEQ(yield(), 1);	// blocks in recvul
	CHECKEQ(ran, 0);
	CHECKEQ(threadint(id), 1);
	CHECKEQ(yield(), 1);
	CHECKEQ(ran, 1);
	CHECKEQ(yield(), 0);
	threadexitsall(NULL);
}
