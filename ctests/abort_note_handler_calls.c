// In a note handler or an iocall function, which run in procs of the library's, threadcreate, threadexits, procexec and threadexec abort with a message naming the call, before any child starts.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const AbortCase cases[] = {
	{ "threadcreate", "threadcreate: called in a note handler or an iocall function" },
	{ "threadexits", "threadexits: called in a note handler or an iocall function" },
	{ "procexec", "procexec: called in a note handler or an iocall function" },
	{ "threadexec", "threadexec: called in a note handler or an iocall function" },
	{ "threadexecl", "threadexecl: called in a note handler or an iocall function" },
	{ "iocall-threadcreate", "threadcreate: called in a note handler or an iocall function" },
};

static const char *mode;

static void nothing(void *arg)
{
	(void)arg;
}

static void call(void)
{
	// The child would print this: it must never start.
	static char *args[] = { "echo", "child started", NULL };
	int fd[3];

	if(strcmp(mode, "threadcreate") == 0 || strcmp(mode, "iocall-threadcreate") == 0)
		threadcreate(nothing, NULL, 0);
	else if(strcmp(mode, "threadexits") == 0)
		threadexits(NULL);
	else if(strcmp(mode, "procexec") == 0)
		procexec(NULL, "/bin/echo", args);
	else if(strcmp(mode, "threadexec") == 0){
		test_stdfds(fd);
		threadexec(NULL, fd, "echo", args);
	}else if(strcmp(mode, "threadexecl") == 0){
		test_stdfds(fd);
		threadexecl(NULL, fd, "echo", "echo", "child started", NULL);
	}
	FAILF("%s returned", mode);
}

static int handler(void *ureg, char *note)
{
	(void)ureg; (void)note;
	call();
	return 1;
}

static long op(va_list *arg)
{
	(void)arg;
	call();
	return 0;
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		mode = argv[1];
		if(strncmp(mode, "iocall-", 7) == 0)
			iocall(ioproc(), op);
		else {
			threadnotify(handler, 1);
			raise(SIGUSR1);
		}
		sleep(10);
		FAILF("%s: not refused", mode);
	}
	for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		Child c;
		child_expect_abort(&c, cases[i].mode, cases[i].message);
		CHECK(strstr(c.err, "child started") == NULL);
	}
	threadexitsall(NULL);
}
