// Without lib9, a format printf(3) rejects (an incomplete conversion) makes chanprint, threadsetname, threadsetstate, chansetname and threadsysfatal abort with a message naming the call and the format, instead of chanprint returning -1 as for a closed channel or a name being dropped.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
// tsan: ThreadSanitizer's printf interceptor fails its own check on a format printf rejects
#include "child.h"

static const AbortCase cases[] = {
	{ "chanprint", "chanprint: cannot format \"error %q\"" },
	{ "threadsetname", "threadsetname: cannot format \"error %q\"" },
	{ "threadsetstate", "threadsetstate: cannot format \"error %q\"" },
	{ "chansetname", "chansetname: cannot format \"error %q\"" },
	{ "threadsysfatal", "threadsysfatal: cannot format \"error %q\"" },
};

// Not a literal, so that the compiler lets it through.
static char *bad = "error %q";

void threadmain(int argc, char *argv[])
{
	if(argc > 1){
		Channel *c = chancreate(sizeof(char*), 1);

		if(strcmp(argv[1], "chanprint") == 0)
			chanprint(c, bad);
		else if(strcmp(argv[1], "threadsetname") == 0)
			threadsetname(bad);
		else if(strcmp(argv[1], "threadsetstate") == 0)
			threadsetstate(bad);
		else if(strcmp(argv[1], "chansetname") == 0)
			chansetname(c, bad);
		else if(strcmp(argv[1], "threadsysfatal") == 0)
			test_sysfatal(bad);
		FAILF("%s returned", argv[1]);
	}
	child_expect_aborts(cases, sizeof cases / sizeof cases[0]);
	threadexitsall(NULL);
}
