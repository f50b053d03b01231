// Free stacks keep at most about 512 MiB of their pages per size class: after 12 threads with 64 MiB stacks, each having touched 60 MiB, have exited, the process's resident memory has shrunk below 600 MiB (720 MiB were touched).
// tsan: measures resident memory, which ThreadSanitizer's shadow of the stacks swamps
// asan: measures resident memory, which AddressSanitizer's shadow of the stacks swamps
// qemu: measures resident memory, which qemu-user's own allocations swamp
#include "test.h"

enum { NTHREADS = 12, STACK = 64 << 20, TOUCH = 60 << 20 };

static Channel *done;

static void toucher(void *arg)
{
	(void)arg;
	volatile char *p = alloca(TOUCH);
	for(long i = 0; i < TOUCH; i += 4096)
		p[i] = 1;
	sendul(done, 1);
}

static void nothing(void *arg)
{
	(void)arg;
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	long before, after;

	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), NTHREADS);
	before = test_resident_kib() / 1024;
	for(int i = 0; i < NTHREADS; i++)
		threadcreate(toucher, NULL, STACK);
	for(int i = 0; i < NTHREADS; i++)
		recvul(done);
	// The last thread's stack goes when the next thread is made or exits.
	yield();
	threadcreate(nothing, NULL, 0);
	recvul(done);
	yield();
	after = test_resident_kib() / 1024;
	if(after - before > 600)
		FAILF("%ld MiB resident after the threads exited (%ld before)", after, before);
	threadexitsall(NULL);
}
