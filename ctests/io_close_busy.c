// closeioproc while a call is in progress interrupts the call, waits until the calling thread (of its own proc or another, killed or not) has it back, and then closes; a call begun meanwhile aborts, and closeioproc(nil) does nothing.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "child.h"

#include <errno.h>

static Ioproc *io;
static int empty[2];
static int started, returned;	// SHARED_GET and SHARED_SET

// Reads from a pipe that never has data: only an interrupt ends it.
static void reader(void *arg)
{
	char c;

	(void)arg;
	SHARED_SET(started, 1);
	CHECKEQ(ioread(io, empty[0], &c, 1), -1);
	CHECKEQ(errno, EINTR);
	SHARED_SET(returned, 1);
}

static void start_reader(int other_proc)
{
	SHARED_SET(started, 0);
	SHARED_SET(returned, 0);
	io = ioproc();
	if(other_proc)
		proccreate(reader, NULL, 0);
	else
		threadcreate(reader, NULL, 0);
	while(!SHARED_GET(started))
		yield();
}

// A call that no interrupt ends: it goes on forever, noting that it runs
// and that it has been interrupted.
static int interrupted;
static long stubborn(va_list *arg)
{
	(void)arg;
	SHARED_SET(started, 1);
	for(;;)
		if(usleep(1000) < 0 && errno == EINTR)
			SHARED_SET(interrupted, 1);
	return 0;
}

static void stubborn_caller(void *arg)
{
	(void)arg;
	iocall(io, stubborn);
}

static void closer(void *arg)
{
	(void)arg;
	closeioproc(io);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1 && strcmp(argv[1], "call-while-closing") == 0){
		io = ioproc();
		proccreate(stubborn_caller, NULL, 0);
		while(!SHARED_GET(started))
			yield();
		proccreate(closer, NULL, 0);
		while(!SHARED_GET(interrupted))	// by the closer, which waits
			yield();
		ioflush(io);
		FAILF("a call on an Ioproc being closed returned");
	}

	CHECK(pipe(empty) == 0);
	closeioproc(NULL);

	// The reader in this proc (blocked in its call once this thread runs
	// again), then in another, well into its read.
	for(int other = 0; other < 2; other++){
		start_reader(other);
		if(other)
			usleep(10000);
		closeioproc(io);
		while(!SHARED_GET(returned))
			yield();
	}

	// A caller killed while it waits dies; closeioproc needs no
	// iointerrupt and no waiting for the thread to be gone.
	for(int other = 0; other < 2; other++){
		SHARED_SET(started, 0);
		SHARED_SET(returned, 0);
		io = ioproc();
		int id = other ? proccreate(reader, NULL, 0) : threadcreate(reader, NULL, 0);
		while(!SHARED_GET(started))
			yield();
		usleep(5000);
		threadkill(id);
		closeioproc(io);
		while(threadint(id) == 1)
			yield();
		CHECKEQ(SHARED_GET(returned), 0);
	}

	Child c;
	child_expect_abort(&c, "call-while-closing", "ioflush: Ioproc ");
	CHECK(strstr(c.err, " is being closed") != NULL);
	threadexitsall(NULL);
}
