// A deadlock that sets in while a child process is outstanding is reported once the child has ended: every thread blocked, the child's Waitmsg kept for nobody, exit status 2 with the deadlock message.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

void threadmain(int argc, char *argv[])
{
	Child c;

	if(argc > 1) {
		CHECK(test_spawnsh("sleep 0.3") > 0);
		recvul(chancreate(sizeof(ulong), 0));
		FAILF("recv returned");
	}
	child_run(&c, "deadlock", NULL);
	if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 2)
		FAILF("status %#x; stderr: %s", c.status, c.err);
	CHECK(strstr(c.err, "thread: deadlock: all threads are blocked") != NULL);
	threadexitsall(NULL);
}
