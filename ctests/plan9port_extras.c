// link: both
// The small calls plan9port programs make: threadsetstate and chansetname
// take printf formats, threadidle lets the other ready threads run first
// and counts them with the caller, as plan9port does, threadpin and threadunpin are allowed, and a program's own needstack
// replaces the library's.
#include "test.h"

static int mine;
static volatile int ran;

void
needstack(int n)
{
	mine = n;
}

static void
runner(void *arg)
{
	(void)arg;
	ran++;
}

void
threadmain(int argc, char *argv[])
{
	Channel *c;

	(void)argc; (void)argv;
	threadsetstate("serving %d clients", 3);
	threadsetstate("idle");
	c = chancreate(sizeof(int), 1);
	chansetname(c, "requests-%s", "fs");
	chansetname(c, "renamed");
	chanfree(c);

	CHECKEQ(threadidle(), 1);
	threadcreate(runner, NULL, 32768);
	threadcreate(runner, NULL, 32768);
	CHECKEQ(threadidle(), 3);
	CHECKEQ(ran, 2);

	threadpin();
	yield();
	threadunpin();

	needstack(1234);
	CHECKEQ(mine, 1234);
	threadexitsall(NULL);
}
