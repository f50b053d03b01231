// ioread9pmsg gives the read's own error, EINTR from iointerrupt, when a read fails inside the size or the body of a message, not EPROTO, which is for a malformed message or end of file inside one.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>

static Ioproc *io;
static int reading;	// SHARED_GET and SHARED_SET
static Channel *stopped;

// Interrupts io's call until threadmain says it has returned.
static void interrupter(void *arg)
{
	(void)arg;
	while(SHARED_GET(reading)){
		test_sleep_ms(5);
		iointerrupt(io);
	}
	sendul(stopped, 1);
}

// Reads a message of which only the first n bytes of m ever come, and
// interrupts the read: it fails with EINTR, not EPROTO.
static void interrupted(const char *m, int n)
{
	unsigned char buf[64];
	int p[2];

	CHECK(pipe(p) == 0);
	CHECKEQ(write(p[1], m, n), n);
	SHARED_SET(reading, 1);
	stopped = chancreate(sizeof(ulong), 0);
	proccreate(interrupter, NULL, 65536);
	errno = 0;
	CHECKEQ(ioread9pmsg(io, p[0], buf, sizeof buf), -1);
	CHECKEQ(errno, EINTR);
	SHARED_SET(reading, 0);
	recvul(stopped);
	chanfree(stopped);
	close(p[0]); close(p[1]);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	io = ioproc();
	interrupted("\20\0", 2);
	interrupted("\20\0\0\0abc", 7);
	closeioproc(io);
	threadexitsall(NULL);
}
