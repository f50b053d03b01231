// A program that closes threadwaitchan's channel loses no Waitmsg: the message the library could not send stays for procwait, and a later threadwaitchan gives a new channel that carries the next children's.
#include <errno.h>
#include "test.h"

// procwait for pid, asking again while the message is in the feeder's
// hands on its way back from the closed channel (nil with ECHILD).
static Waitmsg *wait_for(int pid)
{
	double t0 = test_now();
	Waitmsg *w;

	while((w = procwait(pid)) == NULL && errno == ECHILD && test_now() - t0 < 5)
		test_sleep_ms(1);
	return w;
}

void threadmain(int argc, char *argv[])
{
	Channel *c, *d;
	Waitmsg *w;
	int pid;
	(void)argc; (void)argv;

	c = threadwaitchan();
	CHECKEQ(chanclose(c), 0);
	pid = test_spawnsh("exit 3");
	CHECK(pid > 0);
	// The child ends, and nobody waits for it: its message goes to the
	// feeder, whose send on the closed channel fails.
	test_sleep_ms(200);
	w = wait_for(pid);
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	CHECK(strcmp(w->msg, "3") == 0);
	free(w);

	// The channel is closed: a new one.
	d = threadwaitchan();
	CHECK(d != c);
	CHECK(threadwaitchan() == d);
	pid = test_spawnsh("exit 4");
	CHECK(pid > 0);
	test_recv_waitmsg(d, pid, "4");
	threadexitsall(NULL);
}
