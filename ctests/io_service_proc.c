// An idle Ioproc does not keep the program alive: threadmain returning with one open exits 0. A call in progress is not taken for a deadlock, although every other thread is blocked.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static Channel *c;

static void sleeper(void *arg)
{
	Ioproc *io = arg;
	iosleep(io, 300);
	sendul(c, 1);
}

void threadmain(int argc, char *argv[])
{
	Child ch;

	if(argc > 1 && strcmp(argv[1], "idle") == 0){
		ioproc();
		return;          // the open Ioproc must not keep us alive
	}
	if(argc > 1 && strcmp(argv[1], "busy") == 0){
		c = chancreate(sizeof(ulong), 0);
		threadcreate(sleeper, ioproc(), 65536);
		recvul(c);       // every thread blocked but one in iosleep
		threadexitsall(NULL);
	}
	child_run(&ch, "idle", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 0);
	child_run(&ch, "busy", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 0);
	CHECK(strstr(ch.err, "deadlock") == NULL);
	threadexitsall(NULL);
}
