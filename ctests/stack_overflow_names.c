// The stack overflow message shows a thread's name as its bytes are (a Latin-1 name too), and cuts a long name to 128 bytes and "...", so that ": stack overflow" and the newline still follow.
// qemu: qemu-user accepts MADV_GUARD_INSTALL but installs no guard
#include "child.h"
#include "stack_overflow.h"

static void named_deep(void *arg)
{
	threadsetname("%s", (char *)arg);
	recurse(0);
	FAILF("recursion returned");
}

void threadmain(int argc, char *argv[])
{
	char longname[601], want[256];
	Child c;

	memset(longname, 'x', 600);
	longname[600] = 0;
	if(argc > 1){
		threadcreate(named_deep, strcmp(argv[1], "long") == 0 ? longname : "caf\xe9", 64 * 1024);
		yield();
		FAILF("no overflow");
	}
	child_expect_abort(&c, "latin1", "(caf\xe9): stack overflow\n");
	snprintf(want, sizeof want, "(%.128s...): stack overflow\n", longname);
	child_expect_abort(&c, "long", want);
	threadexitsall(NULL);
}
