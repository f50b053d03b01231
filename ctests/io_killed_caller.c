// A thread killed between iocalls dies as it starts the next one, without making it; one killed as its request goes out, or while it waits, dies once that call is over; either way its Ioproc is left free: closeioproc works afterwards.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>

enum { ROUNDS = 200 };

static Ioproc *io;
static int empty[2];
static long calls;	// SHARED_GET, SHARED_SET and SHARED_ADD

// Makes calls back to back: the kill lands between them, or as one
// starts (the request's send is a scheduling point).
static void busycaller(void *arg)
{
	(void)arg;
	for(;;) {
		CHECKEQ(ioflush(io), 0);
		SHARED_ADD(calls, 1);
	}
}

// Blocks in a read that only iointerrupt ends.
static void blockedcaller(void *arg)
{
	char c;

	(void)arg;
	SHARED_ADD(calls, 1);
	CHECKEQ(ioread(io, empty[0], &c, 1), -1);
	CHECKEQ(errno, EINTR);
	FAILF("a killed thread returned from its iocall");
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	CHECK(pipe(empty) == 0);
	for(int round = 0; round < ROUNDS; round++) {
		int blocked = round % 2;
		io = ioproc();
		SHARED_SET(calls, 0);
		int id = proccreate(blocked ? blockedcaller : busycaller, NULL, 0);
		while(SHARED_GET(calls) < 3 && !(blocked && SHARED_GET(calls) > 0))
			usleep(50);
		if(blocked)
			usleep(1000);	// into its read
		threadkill(id);
		// Gone once the call is over; a blocked one's call needs ending.
		while(threadint(id) == 1) {
			if(blocked)
				iointerrupt(io);
			usleep(100);
		}
		closeioproc(io);
	}
	threadexitsall(NULL);
}
