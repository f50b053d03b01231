// iointerrupt of an ioread blocked on an empty pipe makes it return -1 with EINTR within a second, and the same Ioproc then reads data written later.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>

static Ioproc *io;
static int p[2];
static Channel *done;

static void reader(void *v)
{
	char buf[16];
	long n;
	double t0;
	(void)v;

	t0 = test_now();
	errno = 0;
	n = ioread(io, p[0], buf, sizeof buf);
	CHECKEQ(n, -1);
	CHECKEQ(errno, EINTR);
	if(test_now() - t0 > 1.0)
		FAILF("the interrupted ioread took %.3f s", test_now() - t0);
	sendul(done, 1);

	// Usable again: this read blocks until the data comes.
	n = ioread(io, p[0], buf, sizeof buf);
	CHECKEQ(n, 5);
	CHECK(memcmp(buf, "later", 5) == 0);
	sendul(done, 2);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *timer;
	(void)argc; (void)argv;

	CHECK(pipe(p) == 0);
	done = chancreate(sizeof(ulong), 2);
	io = ioproc();
	timer = ioproc();
	threadcreate(reader, NULL, 8192);
	// Let the read block in the I/O proc before interrupting it.
	CHECKEQ(iosleep(timer, 100), 0);
	iointerrupt(io);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(iosleep(timer, 100), 0);
	CHECKEQ(write(p[1], "later", 5), 5);
	CHECKEQ(recvul(done), 2);
	closeioproc(io);
	closeioproc(timer);
	threadexitsall(NULL);
}
