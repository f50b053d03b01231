// Under LeakSanitizer, memory that only threads' stacks point to is not reported as leaked: blocks held by threads blocked at threadexitsall, in main's proc and in another, and the names in their records; a block nobody points to any more, dropped by a thread that has exited, still is.
// qemu: LeakSanitizer does not run under qemu-user
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include <stdint.h>
#include "child.h"

enum { PER_PROC = 4, BLOCK = 100 };

static Channel *ready, *never;

// Fills a block, so that the allocation is not optimised away, and makes
// a recognisable pattern of it.
static char *filled(int tag)
{
	char *b = malloc(BLOCK);
	CHECK(b != NULL);
	memset(b, tag, BLOCK);
	return b;
}

// Holds a block of its own, pointed to only from its stack (or from a
// register its stack saves), while it blocks for good.
static void holder(void *arg)
{
	int tag = (int)(uintptr_t)arg;
	char *b = filled(tag);

	threadsetname("holder %d", tag);
	sendul(ready, 1);
	recvul(never);
	// Not reached: the block is used after the wait, so it stays live.
	CHECKEQ(b[BLOCK - 1], tag);
	free(b);
}

static void helper(void *arg)
{
	(void)arg;
	for(int i = 0; i < PER_PROC; i++)
		threadcreate(holder, (void *)(uintptr_t)(PER_PROC + i), 32 * 1024);
	holder((void *)(uintptr_t)(2 * PER_PROC));
}

// Allocates a block and forgets it, deep in the stack, where a copy of the
// pointer stays behind in a popped frame: further down than the threads
// that later run on the stack reach.
static void __attribute__((noinline)) drop_deep(int depth)
{
	volatile uintptr_t frame[256];

	frame[0] = 0;
	if(depth > 0)
		drop_deep(depth - 1);
	else
		frame[0] = (uintptr_t)filled(0x5a);
	(void)frame[0];
}

// Drops a block and exits: its stack, recycled for the next thread the
// proc creates, must not keep the pointer alive.
static void dropper(void *arg)
{
	(void)arg;
	drop_deep(8);
	sendul(ready, 1);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		ready = chancreate(sizeof(ulong), 0);
		never = chancreate(sizeof(ulong), 0);
		if(strcmp(argv[1], "drop") == 0) {
			threadcreate(dropper, NULL, 32 * 1024);
			// It exits once this thread is ready to run again.
			recvul(ready);
		}
		for(int i = 0; i < PER_PROC; i++)
			threadcreate(holder, (void *)(uintptr_t)i, 32 * 1024);
		proccreate(helper, NULL, 32 * 1024);
		for(int n = 0; n < 2 * PER_PROC + 1; n++)
			recvul(ready);
		threadexitsall(NULL);
	}

	Child c;
	child_run(&c, "hold", NULL);
	if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || strstr(c.err, "LeakSanitizer") != NULL)
		FAILF("blocks held by threads' stacks were reported: status %#x, stderr:\n%s", c.status, c.err);
	child_run(&c, "drop", NULL);
	if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) == 0 || strstr(c.err, "detected memory leaks") == NULL)
		FAILF("a dropped block was not reported: status %#x, stderr:\n%s", c.status, c.err);
	CHECK(strstr(c.err, "100 byte(s) leaked in 1 allocation(s)") != NULL);
	threadexitsall(NULL);
}
