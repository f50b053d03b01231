// A program's atexit handlers may call the library when the process ends because its last thread exited, whether threadmain's proc ended last or another did: the main OS thread, where they run, is adopted as any OS thread would be.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static void spare(void *arg)
{
	(void)arg;
}

static void library_calls(void)
{
	Channel *c;
	int id;

	id = threadid();
	CHECK(id > 0);
	CHECK(threadgetname() != NULL);
	threadsetname("atexit %d", 7);
	CHECK(strcmp(threadgetname(), "atexit 7") == 0);
	*threaddata() = &id;
	CHECK(*threaddata() == &id);
	*procdata() = &id;
	CHECK(*procdata() == &id);
	CHECK(yield() >= 0);
	CHECK(threadcreate(spare, NULL, 0) > id);
	c = chancreate(sizeof(ulong), 1);
	CHECK(nbsendul(c, 42) == 1);
	CHECK(recvul(c) == 42);
	CHECK(chanclose(c) == 0);
	chanfree(c);
	fprintf(stderr, "atexit calls done\n");
}

static void outlive_main(void *arg)
{
	(void)arg;
	while(threadpid(1) != -1)	// threadmain's thread
		;
	threadexits(NULL);
}

void threadmain(int argc, char *argv[])
{
	static const char *modes[] = { "main-last", "proc-last" };
	Child c;

	if(argc > 1){
		atexit(library_calls);
		if(strcmp(argv[1], "proc-last") == 0)
			proccreate(outlive_main, NULL, 65536);
		threadexits(NULL);
	}
	for(int i = 0; i < 2; i++){
		child_run(&c, modes[i], NULL);
		if(!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || strstr(c.err, "atexit calls done") == NULL)
			FAILF("%s: status %#x; stderr: %s", modes[i], c.status, c.err);
	}
	threadexitsall(NULL);
}
