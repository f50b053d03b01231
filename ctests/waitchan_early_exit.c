// A child that exits before the program first calls threadwaitchan still
// produces its Waitmsg there (plan9port drops it).
#include "test.h"


void
threadmain(int argc, char *argv[])
{
	static char *args[] = { "true", NULL };
	int fd[3], pid, n;
	Waitmsg *w;

	(void)argc; (void)argv;
	test_stdfds(fd);
	pid = threadspawn(fd, "true", args);
	CHECK(pid > 0);
	test_sleep_ms(300);	/* long enough for the child to be collected */
	w = recvp(threadwaitchan());
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	CHECK(strcmp(w->msg, "") == 0);
	free(w);
	n = nbrecvp(threadwaitchan()) != NULL;
	CHECKEQ(n, 0);
	threadexitsall(NULL);
}
