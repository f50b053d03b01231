// The program ends with the status of the thread that exited last, even when the proc of an earlier thread is slower to wind down; and it exits on the main OS thread, so atexit handlers have the process's own stack (here 256 KiB of locals) when a proc other than threadmain's ends last.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

enum { RUNS = 100 };

static int aid;
static Channel *go;

static void failing(void *arg)
{
	(void)arg;
	recvul(go);
	threadexits("fail");
}

// Exits once the failing thread has left: its status must win.
static void last(void *arg)
{
	(void)arg;
	sendul(go, 1);
	while(threadpid(aid) != -1)
		;
	threadexits(NULL);
}

static void big_atexit(void)
{
	volatile char buf[256 * 1024];
	memset((char *)buf, 1, sizeof buf);
	fprintf(stderr, "atexit ran (%d)\n", buf[100]);
}

static void after_main(void *arg)
{
	(void)arg;
	while(threadpid(1) != -1)	// threadmain's thread
		;
	threadexits(NULL);
}

void threadmain(int argc, char *argv[])
{
	Child c;

	if(argc > 1 && strcmp(argv[1], "order") == 0){
		go = chancreate(sizeof(ulong), 0);
		aid = proccreate(failing, NULL, 65536);
		proccreate(last, NULL, 65536);
		threadexits(NULL);
	}
	if(argc > 1 && strcmp(argv[1], "atexit") == 0){
		atexit(big_atexit);
		proccreate(after_main, NULL, 65536);
		threadexits(NULL);
	}
	for(int i = 0; i < RUNS; i++){
		child_run(&c, "order", NULL);
		if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0)
			FAILF("run %d: status %#x, not exit 0; stderr: %s", i, c.status, c.err);
	}
	child_run(&c, "atexit", NULL);
	if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0)
		FAILF("atexit: status %#x; stderr: %s", c.status, c.err);
	CHECK(strcmp(c.err, "atexit ran (1)\n") == 0);
	threadexitsall(NULL);
}
