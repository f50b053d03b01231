// exit(1) called by a thread ends the program at once, while threads of
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
// other procs are blocked on channels (and in a system call), and so does
// threadexitsall. The test runs itself as a child and checks the status.
#include "test.h"

#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

static Channel *never;

static void
blocked(void *arg)
{
	(void)arg;
	recvul(never);
}

static void
sleeper(void *arg)
{
	(void)arg;
	for(;;)
		pause();
}

static void
ender(void *arg)
{
	test_sleep_ms(100);	/* let everyone block */
	if(strcmp(arg, "exit") == 0)
		exit(1);
	threadexitsall("ended");
}

static int
run(char *mode)
{
	char *args[] = { "exit_while_blocked", mode, NULL };
	int pid, status;

	CHECK(posix_spawn(&pid, "/proc/self/exe", NULL, NULL, args, environ) == 0);
	CHECKEQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	return WEXITSTATUS(status);
}

void
threadmain(int argc, char *argv[])
{
	int i;

	if(argc == 2){
		never = chancreate(sizeof(ulong), 0);
		for(i = 0; i < 3; i++)
			proccreate(blocked, NULL, 32768);
		proccreate(sleeper, NULL, 32768);
		threadcreate(blocked, NULL, 32768);
		proccreate(ender, argv[1], 32768);
		recvul(never);
		return;
	}
	CHECKEQ(run("exit"), 1);
	CHECKEQ(run("threadexitsall"), 1);
	threadexitsall(NULL);
}
