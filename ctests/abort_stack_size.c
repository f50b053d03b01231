// threadcreate, proccreate and procrfork abort with a message naming the call when given no function, a negative stack size (the C type is unsigned: -1 arrives as 4294967295, and is named as written) or more than 1 GiB of stack; exactly 1 GiB is allowed.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const AbortCase cases[] = {
	{ "threadcreate-negative", "threadcreate: stack size -1 is negative" },
	{ "threadcreate-absurd", "threadcreate: stack size 1073741825 is absurd" },
	{ "threadcreate-nil", "threadcreate: nil function" },
	{ "proccreate-negative", "proccreate: stack size -4096 is negative" },
	{ "proccreate-nil", "proccreate: nil function" },
	{ "procrfork-absurd", "procrfork: stack size 2147483647 is absurd" },
};

static void nothing(void *arg)
{
	(void)arg;
}

static void run_mode(const char *mode)
{
	if(strcmp(mode, "threadcreate-negative") == 0)
		threadcreate(nothing, NULL, -1);
	else if(strcmp(mode, "threadcreate-absurd") == 0)
		threadcreate(nothing, NULL, (1u << 30) + 1);
	else if(strcmp(mode, "threadcreate-nil") == 0)
		threadcreate(NULL, NULL, 0);
	else if(strcmp(mode, "proccreate-negative") == 0)
		proccreate(nothing, NULL, -4096);
	else if(strcmp(mode, "proccreate-nil") == 0)
		proccreate(NULL, NULL, 0);
	else if(strcmp(mode, "procrfork-absurd") == 0)
		procrfork(nothing, NULL, 0x7fffffff, RFFDG);
	else
		FAILF("unknown mode %s", mode);
	FAILF("%s returned", mode);
}

static void done(void *arg)
{
	sendul(arg, 1);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		run_mode(argv[1]);
		return;
	}
	child_expect_aborts(cases, sizeof cases / sizeof cases[0]);

	// The largest stack there is: mapped lazily, so it costs what it uses.
	Channel *c = chancreate(sizeof(ulong), 0);
	threadcreate(done, c, 1u << 30);
	CHECKEQ(recvul(c), 1);
	chanfree(c);
	threadexits(NULL);
}
