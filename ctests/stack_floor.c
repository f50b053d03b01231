// Thread stacks are at least what is asked, with a 32 KiB floor: tiny requests still get room for 20 KiB of locals.
#include "test.h"

enum { PAGE = 4096 };

// Touches n bytes of stack from the top down (see mainstacksize.c).
__attribute__((noinline)) static long usestack(long n)
{
	volatile char *buf = __builtin_alloca(n);
	long sum = 0;
	for(long i = n - 1; i >= 0; i -= PAGE / 4)
		buf[i] = 1;
	for(long i = n - 1; i >= 0; i -= PAGE / 4)
		sum += buf[i];
	return sum;
}

typedef struct Job {
	long bytes;
	Channel *done;
} Job;

static void user(void *arg)
{
	Job *j = arg;
	CHECK(usestack(j->bytes) > 0);
	sendul(j->done, 1);
}

static void try(uint stacksize, long bytes, int useproc)
{
	Job j = { bytes, chancreate(sizeof(ulong), 1) };
	if(useproc)
		proccreate(user, &j, stacksize);
	else
		threadcreate(user, &j, stacksize);
	CHECKEQ(recvul(j.done), 1);
	chanfree(j.done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	// The floor.
	try(0, 20 * 1024, 0);
	try(1, 20 * 1024, 0);
	try(8192, 20 * 1024, 0);
	try(8192, 20 * 1024, 1);
	// What is asked.
	try(256 * 1024, 200 * 1024, 0);
	try(256 * 1024, 200 * 1024, 1);
	try(4 << 20, 3 << 20, 0);
	// threadmain's own stack has the floor too.
	CHECK(usestack(20 * 1024) > 0);
	threadexits(NULL);
}
