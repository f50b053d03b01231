// Two threads of one proc each iosleep(1000) in their own Ioproc: both return 0 after about one second in all, not two, while a third thread of the same proc keeps running.
#include "test.h"


static Channel *done;
static volatile int sleeping = 2;
static long counted;

static void sleeper(void *v)
{
	Ioproc *io = v;

	CHECKEQ(iosleep(io, 1000), 0);
	sleeping--;
	sendul(done, 1);
}

static void counter(void *v)
{
	(void)v;
	while(sleeping > 0) {
		counted++;
		yield();
	}
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io1, *io2;
	double t0, t;
	(void)argc; (void)argv;

	done = chancreate(sizeof(ulong), 3);
	io1 = ioproc();
	io2 = ioproc();
	t0 = test_now();
	threadcreate(sleeper, io1, 8192);
	threadcreate(sleeper, io2, 8192);
	threadcreate(counter, NULL, 8192);
	for(int i = 0; i < 3; i++)
		recvul(done);
	t = test_now() - t0;
	if(t < 0.95 || t > 1.6)
		FAILF("two parallel iosleep(1000) took %.3f s", t);
	// The counter yields to nobody but itself while the sleepers wait:
	// it must have run many times, not once or twice.
	if(counted < 1000)
		FAILF("the third thread ran only %ld times in %.3f s", counted, t);
	closeioproc(io1);
	closeioproc(io2);
	threadexitsall(NULL);
}
