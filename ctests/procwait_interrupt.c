// threadint ends a procwait with nil and EINTR, leaving the child's message for a later procwait; threadkill ends a thread blocked in procwait at once, however long its child lives.
#include "test.h"

#include <errno.h>
#include <signal.h>

static int pid;
static Channel *results;
static int interrupted, go;	// SHARED_GET and SHARED_SET

// Waits for the child twice: the first wait is interrupted. In between it
// runs until threadmain has stopped interrupting it.
static void patient(void *arg)
{
	(void)arg;
	errno = 0;
	CHECK(procwait(pid) == NULL);
	CHECKEQ(errno, EINTR);
	SHARED_SET(interrupted, 1);
	while(!SHARED_GET(go))
		;
	Waitmsg *w = procwait(pid);
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	CHECK(strcmp(w->msg, "3") == 0);
	free(w);
	sendul(results, 2);
}

static void doomed(void *arg)
{
	(void)arg;
	procwait(pid);
	FAILF("a killed thread returned from procwait");
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	results = chancreate(sizeof(ulong), 2);

	// The child lives until it reads a line from the pipe.
	int p[2], fd[3];
	char sh[] = "sh";
	CHECK(pipe(p) == 0);
	test_stdfds(fd);
	close(fd[0]);
	fd[0] = p[0];
	pid = threadspawnl(fd, sh, "sh", "-c", "read x; exit 3", NULL);
	CHECK(pid > 0);
	int id = proccreate(patient, NULL, 0);
	// An interrupt that comes before the thread blocks in procwait is
	// not remembered: repeat until one has ended the wait.
	while(!SHARED_GET(interrupted)){
		CHECKEQ(threadint(id), 1);
		test_sleep_ms(1);
	}
	SHARED_SET(go, 1);
	CHECKEQ(write(p[1], "\n", 1), 1);
	close(p[1]);
	CHECKEQ(recvul(results), 2);

	pid = test_spawnsh("sleep 10");
	CHECK(pid > 0);
	id = proccreate(doomed, NULL, 0);
	test_sleep_ms(50);
	double t0 = test_now();
	threadkill(id);
	while(threadint(id) == 1)
		test_sleep_ms(1);
	CHECK(test_now() - t0 < 2.0);
	// The child is still the library's: its message is still to come.
	CHECK(kill(pid, SIGKILL) == 0);
	Waitmsg *w = procwait(pid);
	CHECK(w != NULL);
	CHECK(strcmp(w->msg, "signal: sys: kill") == 0);
	free(w);
	threadexitsall(NULL);
}
