// ioflush returns 0 even when interrupted: an iointerrupt that lands before the I/O proc starts the call (which makes iosleep return -1 with EINTR) is absorbed, and errno is left alone.
// env: LIBTHREAD_SPIN=0
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>
#include <sched.h>

enum { ROUNDS = 300 };

static Ioproc *io;
static Channel *go;

// Interrupts io each time it is told to: it runs when the caller in its
// own proc blocks in an I/O call, before the I/O proc (one CPU, asleep) has
// started that call.
static void interrupter(void *arg)
{
	(void)arg;
	for(;;) {
		recvul(go);
		iointerrupt(io);
	}
}

void threadmain(int argc, char *argv[])
{
	cpu_set_t one;
	int hits = 0;
	(void)argc; (void)argv;

	// Every OS thread made from here on shares this CPU.
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
	io = ioproc();
	go = chancreate(sizeof(ulong), 0);
	threadcreate(interrupter, NULL, 0);
	yield();

	// The same interrupt ends an iosleep that has not started.
	for(int i = 0; i < ROUNDS; i++) {
		sendul(go, 1);	// readies the interrupter; no switch
		errno = 0;
		long n = iosleep(io, 0);
		if(n == -1 && errno == EINTR)
			hits++;
		else
			CHECKEQ(n, 0);
	}
	printf("%d of %d iosleeps interrupted before they started\n", hits, ROUNDS);
	CHECK(hits > 0);

	// ioflush absorbs it.
	for(int i = 0; i < ROUNDS; i++) {
		sendul(go, 1);
		errno = 1234;
		int r = ioflush(io);
		if(r != 0)
			FAILF("round %d: interrupted ioflush returned %d (errno %d), want 0", i, r, errno);
		CHECKEQ(errno, 1234);
	}
	// The Ioproc still works, once the interrupter has had its last turn
	// (a round whose call ended before its caller blocked leaves it ready).
	test_yield_n(3);
	CHECKEQ(iosleep(io, 1), 0);
	closeioproc(io);
	threadexitsall(NULL);
}
