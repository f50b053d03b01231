// A Waitmsg's msg is plan9port's status string: "" for exit 0, the exit
// status in decimal ("3"), and "signal: " and Plan 9's name for the signal
// of a child killed by one.
#include "test.h"

#include <signal.h>

static void
expect(int pid, char *msg)
{
	Waitmsg *w;

	CHECK(pid > 0);
	w = procwait(pid);
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	if(strcmp(w->msg, msg) != 0)
		FAILF("pid %d: msg \"%s\", want \"%s\"", pid, w->msg, msg);
	free(w);
}

void
threadmain(int argc, char *argv[])
{
	int pid;

	(void)argc; (void)argv;
	expect(test_spawnsh("exit 0"), "");
	expect(test_spawnsh("exit 3"), "3");
	pid = test_spawnsh("exec sleep 30");
	CHECK(pid > 0);
	test_sleep_ms(50);
	CHECK(kill(pid, SIGKILL) == 0);
	expect(pid, "signal: sys: kill");
	pid = test_spawnsh("exec sleep 30");
	CHECK(pid > 0);
	test_sleep_ms(50);
	CHECK(kill(pid, SIGTERM) == 0);
	expect(pid, "signal: kill");
	threadexitsall(NULL);
}
