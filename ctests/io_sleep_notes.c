// iosleep sleeps its whole time when a note's signal (one the program handles with threadnotify) lands in its I/O proc: only iointerrupt cuts it short.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"

#include <errno.h>
#include <sys/syscall.h>

enum { SLEEPS = 4, MS = 100 };

static int notes;	// SHARED_GET and SHARED_ADD
static int done;

static int handler(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "usr1") != 0)
		return 0;
	SHARED_ADD(notes, 1);
	return 1;
}

static long gettid_op(va_list *arg)
{
	(void)arg;
	return syscall(SYS_gettid);
}

static Ioproc *io;

static void sleeper(void *arg)
{
	(void)arg;
	for(int i = 0; i < SLEEPS; i++){
		double t0 = test_now();
		CHECKEQ(iosleep(io, MS), 0);
		CHECK(test_now() - t0 >= MS / 1000.0);
	}
	SHARED_SET(done, 1);
}

void threadmain(int argc, char *argv[])
{
	int iotid;

	(void)argc; (void)argv;
	CHECK(threadnotify(handler, 1));
	io = ioproc();
	iotid = iocall(io, gettid_op);
	proccreate(sleeper, NULL, 0);
	// Signals aimed at the I/O proc's OS thread, as the kernel may aim
	// one sent to the process.
	while(!SHARED_GET(done)){
		test_sleep_ms(10);
		CHECK(syscall(SYS_tgkill, getpid(), iotid, SIGUSR1) == 0);
	}
	CHECK(SHARED_GET(notes) >= SLEEPS);
	threadexitsall(NULL);
}
