// threadsetname, threadsetstate, chansetname, chanprint and threadsysfatal given a nil format abort with a message naming the call.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const AbortCase cases[] = {
	{ "threadsetname", "threadsetname: nil format" },
	{ "threadsetstate", "threadsetstate: nil format" },
	{ "chansetname", "chansetname: nil format" },
	{ "chanprint", "chanprint: nil format" },
	{ "threadsysfatal", "threadsysfatal: nil format" },
};

static void run_mode(const char *mode)
{
	Channel *c = chancreate(sizeof(char*), 1);
	char *nilfmt = NULL;

	if(strcmp(mode, "threadsetname") == 0)
		threadsetname(nilfmt);
	else if(strcmp(mode, "threadsetstate") == 0)
		threadsetstate(nilfmt);
	else if(strcmp(mode, "chansetname") == 0)
		chansetname(c, nilfmt);
	else if(strcmp(mode, "chanprint") == 0)
		chanprint(c, nilfmt);
	else if(strcmp(mode, "threadsysfatal") == 0)
		test_sysfatal(nilfmt);
	else
		FAILF("unknown mode %s", mode);
	FAILF("%s returned", mode);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		run_mode(argv[1]);
		return;
	}
	child_expect_aborts(cases, sizeof cases / sizeof cases[0]);
	threadexits(NULL);
}
