// iointerrupt races calls as they start and end: an interrupt that lands at any moment of a call blocked forever (before the I/O proc takes it, before or during its read) always ends it with EINTR, a stale interrupt never hits the next call, and a storm of interrupts from another proc against calls starting and ending neither hangs nor breaks the Ioproc.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>
#include <sched.h>

enum { ROUNDS = 2000, STORM_CALLS = 3000 };

static Ioproc *io;
static int empty[2], full[2];
static Channel *go;
static int storming = 1;	// SHARED_GET and SHARED_SET

static void spin(unsigned long n)
{
	for(volatile unsigned long i = 0; i < n; i++)
		;
}

// Runs whenever the main thread is blocked in an ioread: waits a random
// while (0 to about 100 us), then interrupts it, exactly once.
static void interrupter(void *v)
{
	(void)v;
	for(;;) {
		ulong delay = recvul(go);
		spin(delay);
		iointerrupt(io);
	}
}

// Interrupts as fast as it can. It gives up the CPU now and then: on a
// machine with two cores, a proc that never does would leave the main
// proc and the I/O proc one core to share, and every hand-off between them
// would wait for the kernel's scheduler.
static void storm(void *v)
{
	(void)v;
	for(unsigned long i = 0; SHARED_GET(storming); i++) {
		iointerrupt(io);
		if(i % 64 == 0)
			sched_yield();
	}
}

// A read of a byte that is there: 1, or -1 with EINTR when an interrupt
// hit it; the byte then stays for the next read.
static void read_ready(int may_fail)
{
	char c;
	long n;

	errno = 0;
	n = ioread(io, full[0], &c, 1);
	if(n == 1) {
		CHECKEQ(c, 'x');
		CHECKEQ(write(full[1], "x", 1), 1);
		return;
	}
	if(!may_fail)
		FAILF("a read of ready data returned %ld (%s) with no interrupt pending", n, strerror(errno));
	CHECKEQ(n, -1);
	CHECKEQ(errno, EINTR);
}

void threadmain(int argc, char *argv[])
{
	char c;
	long n;
	(void)argc; (void)argv;

	CHECK(pipe(empty) == 0 && pipe(full) == 0);
	CHECKEQ(write(full[1], "x", 1), 1);
	srand(1);
	io = ioproc();
	go = chancreate(sizeof(ulong), 0);
	threadcreate(interrupter, NULL, 8192);
	// Let it block in recvul, so that each sendul below hands it the
	// delay without switching: it runs once the ioread blocks.
	yield();

	// One interrupt per blocked call, landing anywhere in it.
	for(int i = 0; i < ROUNDS; i++) {
		sendul(go, (ulong)rand() % (1UL << (rand() % 16)));
		errno = 0;
		n = ioread(io, empty[0], &c, 1);
		CHECKEQ(n, -1);
		CHECKEQ(errno, EINTR);
		read_ready(0);
	}

	// A storm from another proc against calls that end on their own and
	// calls that block.
	proccreate(storm, NULL, 8192);
	for(int i = 0; i < STORM_CALLS; i++) {
		switch(i % 4) {
		case 0:
			n = iosleep(io, 0);
			CHECK(n == 0 || (n == -1 && errno == EINTR));
			break;
		case 1:
			CHECKEQ(ioflush(io), 0);
			break;
		case 2:
			read_ready(1);
			break;
		case 3:
			n = ioread(io, empty[0], &c, 1);
			CHECKEQ(n, -1);
			CHECKEQ(errno, EINTR);
			break;
		}
	}
	SHARED_SET(storming, 0);
	test_sleep_ms(10);
	read_ready(0);
	closeioproc(io);
	threadexitsall(NULL);
}
