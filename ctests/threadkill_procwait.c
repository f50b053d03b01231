// procwait is a scheduling point: a thread killed while ready exits on entering it, without waiting for the child and without taking its Waitmsg, which goes to the next procwait for that pid.
#include "test.h"

static int pid;
static int returned;	// SHARED_GET and SHARED_SET

static void waiter(void *arg)
{
	Waitmsg *w;

	(void)arg;
	w = procwait(pid);
	SHARED_SET(returned, 1);	// a killed thread never gets here
	free(w);
}

void threadmain(int argc, char *argv[])
{
	int p[2], fd[3], t;
	char sh[] = "sh";
	(void)argc; (void)argv;

	// A child that runs until we close the pipe on its standard input.
	CHECK(pipe(p) == 0);
	fd[0] = p[0];
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = dup(2);
	pid = threadspawnl(fd, sh, "sh", "-c", "read x; exit 0", NULL);
	CHECK(pid > 0);

	t = threadcreate(waiter, NULL, 0);
	threadkill(t);		// t is ready, not blocked
	test_yield_n(5);	// t runs into procwait
	CHECKEQ(threadpid(t), -1);	// and is gone, though the child still runs
	CHECKEQ(SHARED_GET(returned), 0);

	close(p[1]);		// the child ends
	test_check_waitmsg(procwait(pid), pid, "");
	CHECKEQ(SHARED_GET(returned), 0);
	threadexits(NULL);
}
