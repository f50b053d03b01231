// The library reaps only the children it started: a child the program
// started itself with fork or posix_spawn is left to the program's own
// waitpid, even while the library's reaper is busy with its own children.
#include "test.h"

#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

void
threadmain(int argc, char *argv[])
{
	static char *trueargs[] = { "true", NULL };
	int fd[3], libpid, forked, spawned, status;
	Waitmsg *w;

	(void)argc; (void)argv;
	test_stdfds(fd);
	libpid = threadspawnl(fd, "sleep", "sleep", "0.5", NULL);	/* the reaper runs from now on */
	CHECK(libpid > 0);

	forked = fork();
	CHECK(forked >= 0);
	if(forked == 0)
		_exit(7);
	CHECK(posix_spawn(&spawned, "/bin/true", NULL, NULL, trueargs, environ) == 0);
	test_sleep_ms(200);	/* both have exited by now */

	CHECKEQ(waitpid(forked, &status, 0), forked);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECKEQ(waitpid(spawned, &status, 0), spawned);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	w = procwait(libpid);
	CHECK(w != NULL && w->pid == libpid && strcmp(w->msg, "") == 0);
	free(w);
	threadexitsall(NULL);
}
