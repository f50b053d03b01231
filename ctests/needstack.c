// needstack(n), as in plan9port, returns when the calling thread has n bytes of stack left and 256 more, and otherwise ends the program with "thread N (name): stack overflow" saying how much was asked and left; a negative n aborts naming needstack. Threads of procs, small stacks and threadmain's are checked alike.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

enum { SMALL = 8192 };	// asked for; the floor gives at least 32 KiB

static Channel *done;

// Asks for n bytes, after using `used` bytes of stack and a frame more.
static void ask(int n, int used)
{
	volatile char pad[4096];

	pad[0] = 1;
	if(used >= (int)sizeof pad)
		ask(n, used - (int)sizeof pad);
	else
		needstack(n);
	pad[1] = 1;	// not a tail call: the frame stays
}

static void fits(void *arg)
{
	(void)arg;
	threadsetname("fits");
	ask(0, 0);
	ask(16 * 1024, 0);
	ask(8 * 1024, 8 * 1024);
	sendul(done, 1);
}

static void toomuch(void *arg)
{
	threadsetname("%s", (char*)arg);
	ask(40 * 1024, 0);	// more than the whole stack
	FAILF("needstack(40 KiB) returned on a small stack");
}

static void late(void *arg)
{
	(void)arg;
	threadsetname("late");
	ask(16 * 1024, 24 * 1024);	// fits in a fresh stack, not after 24 KiB
	FAILF("needstack(16 KiB) returned with about 8 KiB left");
}

static void run_mode(const char *mode)
{
	if(strcmp(mode, "thread") == 0)
		threadcreate(toomuch, "toomuch", SMALL);
	else if(strcmp(mode, "proc") == 0)
		proccreate(toomuch, "inproc", SMALL);
	else if(strcmp(mode, "late") == 0)
		threadcreate(late, NULL, SMALL);
	else if(strcmp(mode, "negative") == 0)
		needstack(-1);
	else
		FAILF("unknown mode %s", mode);
	recvul(chancreate(sizeof(ulong), 0));	// until the abort
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		run_mode(argv[1]);
		return;
	}
	done = chancreate(sizeof(ulong), 0);
	threadcreate(fits, NULL, SMALL);
	CHECKEQ(recvul(done), 1);
	proccreate(fits, NULL, SMALL);
	CHECKEQ(recvul(done), 1);
	// threadmain's stack is 256 KiB.
	ask(128 * 1024, 64 * 1024);
	chanfree(done);

	Child c;
	child_expect_abort(&c, "thread", " (toomuch): stack overflow: needstack(40960) with ");
	child_expect_abort(&c, "proc", "(inproc): stack overflow: needstack(40960)");
	child_expect_abort(&c, "late", "(late): stack overflow: needstack(16384)");
	child_expect_abort(&c, "negative", "needstack: negative size -1");
	threadexits(NULL);
}
