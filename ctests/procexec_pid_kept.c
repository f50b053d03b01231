// The pid procexec and threadexec send on cpid arrives even when the calling thread is interrupted (threadint) or killed (threadkill) while it waits for a receiver: only a close of cpid loses it.
#include "test.h"

#include <errno.h>
#include <fcntl.h>

static Channel *cpid;
static int caller;

static void exec_proc(void *arg)
{
	char *args[] = { "true", NULL };

	SHARED_SET(caller, threadid());
	if(arg == NULL)
		procexec(cpid, "/bin/true", args);
	else {
		int fd[3] = { open("/dev/null", O_RDONLY), open("/dev/null", O_WRONLY), dup(2) };
		threadexec(cpid, fd, "true", args);
	}
	FAILF("exec returned: %s", strerror(errno));
}

// The pid, once the caller has been stopped in its send by `stop`.
static int pid_after(void (*stop)(int), void *how)
{
	ulong pid = 0;

	SHARED_SET(caller, 0);
	proccreate(exec_proc, how, 0);
	while(SHARED_GET(caller) == 0)
		yield();
	test_sleep_ms(20);	// blocked sending the pid
	stop(SHARED_GET(caller));
	test_sleep_ms(20);
	for(int i = 0; i < 2000 && nbrecv(cpid, &pid) == 0; i++)
		test_sleep_ms(1);
	return (int)pid;
}

static void interrupt(int id) { threadint(id); }
static void kill_it(int id) { threadkill(id); }

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	cpid = chancreate(sizeof(ulong), 0);
	for(int threadexec_form = 0; threadexec_form < 2; threadexec_form++){
		void *how = threadexec_form ? "threadexec" : NULL;
		int pid = pid_after(interrupt, how);
		CHECK(pid > 0);
		free(procwait(pid));
		pid = pid_after(kill_it, how);
		CHECK(pid > 0);
		free(procwait(pid));
	}
	threadexitsall(NULL);
}
