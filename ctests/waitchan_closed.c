// A program that closes threadwaitchan's channel loses no Waitmsg: the message the library could not send on it stays for procwait, as do the next children's; threadwaitchan goes on returning the closed channel.
#include <errno.h>
#include "test.h"

// Starts sh -c script and, once it has ended with nobody waiting for it
// (its message goes to the wait channel's feeder), collects its message
// with procwait and checks it. procwait asks again while the message is
// in the feeder's hands on its way back from the closed channel (nil with
// ECHILD).
static void unwaited(char *script, const char *msg)
{
	int pid = test_spawnsh(script);
	double t0;
	Waitmsg *w;

	CHECK(pid > 0);
	test_sleep_ms(200);
	t0 = test_now();
	while((w = procwait(pid)) == NULL && errno == ECHILD && test_now() - t0 < 5)
		test_sleep_ms(1);
	test_check_waitmsg(w, pid, msg);
}

void threadmain(int argc, char *argv[])
{
	Channel *c;
	(void)argc; (void)argv;

	c = threadwaitchan();
	CHECKEQ(chanclose(c), 0);
	unwaited("exit 3", "3");
	CHECK(threadwaitchan() == c);
	unwaited("exit 4", "4");
	CHECK(recvp(c) == NULL);
	threadexitsall(NULL);
}
