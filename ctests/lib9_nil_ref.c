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

		child_run(&c, calls[i], NULL);
		if(!WIFSIGNALED(c.status) || WTERMSIG(c.status) != SIGABRT)
			FAILF("%s: status %#x, not SIGABRT; stderr: %s", calls[i], c.status, c.err);
		snprintf(want, sizeof want, "%s: nil Ref", calls[i]);
		if(strstr(c.err, want) == NULL)
			FAILF("%s: stderr lacks \"%s\": %s", calls[i], want, c.err);
	}
	threadexits(NULL);
}
