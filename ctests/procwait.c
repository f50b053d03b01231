// procwait returns the Waitmsg of the child it names, in whatever order the
// children end, whether it is called before or after the child exits; it
// returns NULL for a process the library did not start.
#include "test.h"

#include <errno.h>

void
threadmain(int argc, char *argv[])
{
	Waitmsg *w;
	int slow, quick;

	(void)argc; (void)argv;
	slow = test_spawnsh("sleep 0.3; exit 4");
	quick = test_spawnsh("exit 5");
	CHECK(slow > 0 && quick > 0);

	w = procwait(slow);	/* quick ends first, and waits for its turn */
	CHECK(w != NULL);
	CHECKEQ(w->pid, slow);
	CHECK(strcmp(w->msg, "4") == 0);
	CHECK(w->time[2] >= 250);	/* real time, in milliseconds */
	free(w);

	w = procwait(quick);
	CHECK(w != NULL);
	CHECKEQ(w->pid, quick);
	CHECK(strcmp(w->msg, "5") == 0);
	free(w);

	errno = 0;
	CHECK(procwait(quick) == NULL);
	CHECKEQ(errno, ECHILD);
	CHECK(procwait(getpid()) == NULL);
	threadexitsall(NULL);
}
