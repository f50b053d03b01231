// incref and decref of a nil Ref abort with a message naming the call.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

void threadmain(int argc, char *argv[])
{
	static const char *calls[] = { "incref", "decref" };

	if(argc > 1) {
		if(strcmp(argv[1], "incref") == 0)
			incref(NULL);
		else
			decref(NULL);
		FAILF("%s(nil) returned", argv[1]);
	}
	for(int i = 0; i < 2; i++) {
		Child c;
		char want[64];

		snprintf(want, sizeof want, "%s: nil Ref", calls[i]);
		child_expect_abort(&c, calls[i], want);
	}
	threadexits(NULL);
}
