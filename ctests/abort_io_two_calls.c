// Two calls at once on one Ioproc are a programming error: the second aborts with a message naming the function and saying two calls at once.
// expect: abort "iosleep" "two calls at once"
#include "test.h"

static Ioproc *io;
static int p[2];

static void blocked_reader(void *v)
{
	char c;
	(void)v;
	ioread(io, p[0], &c, 1);
	FAILF("the read of an empty pipe returned");
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	CHECK(pipe(p) == 0);
	io = ioproc();
	threadcreate(blocked_reader, NULL, 8192);
	yield();
	iosleep(io, 1);
	FAILF("the second call returned");
}
