// Deadlock detection raises no false alarm: two procs hand a value back and forth for a few seconds, each sleeping in the kernel between hand-offs (LIBTHREAD_SPIN=0), and the program runs to its end without a deadlock report. The detector once read each proc's idle flag and inbox at different moments, so a proc woken in between looked idle with nothing to do; with two busy processes loading the processors, this program was reported deadlocked in 2 to 8 runs of 10 here before the fix.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

enum { SECONDS = 4, WORK_NS = 2000, HOGS = 2 };

static Channel *ping, *pong;

// A little work between hand-offs, so that a proc goes idle while the
// other is still waking.
static void work(void)
{
	long long end = test_clock_ns(CLOCK_MONOTONIC) + WORK_NS;
	while(test_clock_ns(CLOCK_MONOTONIC) < end)
		;
}

static void partner(void *arg)
{
	(void)arg;
	for(;;) {
		ulong v = recvul(ping);
		work();
		sendul(pong, v + 1);
	}
}

static void pingpong(void)
{
	long long end = test_clock_ns(CLOCK_MONOTONIC) + SECONDS * 1000000000LL;

	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	proccreate(partner, NULL, 16384);
	for(ulong i = 0; test_clock_ns(CLOCK_MONOTONIC) < end; i++) {
		if(sendul(ping, i) != 1 || recvul(pong) != i + 1)
			FAILF("round %lu: wrong value back", i);
		work();
	}
	threadexitsall(NULL);
}

void threadmain(int argc, char *argv[])
{
	Child ch, hog[HOGS];

	if(argc > 1 && strcmp(argv[1], "pingpong") == 0)
		pingpong();
	child_hog_mode(argc, argv);
	child_start_hogs(hog, HOGS);
	child_run(&ch, "pingpong", "LIBTHREAD_SPIN=0");
	child_stop_hogs(hog, HOGS);
	if(strstr(ch.err, "deadlock") != NULL)
		FAILF("a live program was reported deadlocked:\n%s", ch.err);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 0);
	threadexitsall(NULL);
}
