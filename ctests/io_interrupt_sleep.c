// iointerrupt of an iosleep(10000) makes it return -1 with EINTR at once; iosleep(0) and a short iosleep return 0.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>

static Ioproc *io;
static Channel *done;

static void sleeper(void *v)
{
	double t0 = test_now();
	(void)v;

	errno = 0;
	CHECKEQ(iosleep(io, 10000), -1);
	CHECKEQ(errno, EINTR);
	if(test_now() - t0 > 1.0)
		FAILF("the interrupted iosleep took %.3f s", test_now() - t0);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *timer;
	double t0;
	(void)argc; (void)argv;

	io = ioproc();
	timer = ioproc();
	done = chancreate(sizeof(ulong), 1);
	CHECKEQ(iosleep(io, 0), 0);
	t0 = test_now();
	CHECKEQ(iosleep(io, 50), 0);
	CHECK(test_now() - t0 >= 0.049);
	threadcreate(sleeper, NULL, 8192);
	CHECKEQ(iosleep(timer, 50), 0);
	iointerrupt(io);
	recvul(done);
	closeioproc(io);
	closeioproc(timer);
	threadexitsall(NULL);
}
