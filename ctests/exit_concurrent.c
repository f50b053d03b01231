// Procs that end the program at the same moment (threadexitsall in two procs at once) run exit(3) one at a time: the atexit handler runs once, to its end, before the process exits.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

enum { NPROCS = 4 };

static int ready;

static void slow_atexit(void)
{
	fprintf(stderr, "atexit begins\n");
	test_sleep_ms(200);
	fprintf(stderr, "atexit ends\n");
}

static void ender(void *arg)
{
	(void)arg;
	SHARED_ADD(ready, 1);
	while(SHARED_GET(ready) < NPROCS + 1)
		;
	threadexitsall(NULL);
}

void threadmain(int argc, char *argv[])
{
	Child c;

	if(argc > 1) {
		atexit(slow_atexit);
		for(int i = 0; i < NPROCS; i++)
			proccreate(ender, NULL, 32768);
		ender(NULL);
	}
	child_run(&c, "race", NULL);
	CHECK(WIFEXITED(c.status));
	CHECKEQ(WEXITSTATUS(c.status), 0);
	if(strcmp(c.err, "atexit begins\natexit ends\n") != 0)
		FAILF("stderr: %s", c.err);
	threadexitsall(NULL);
}
