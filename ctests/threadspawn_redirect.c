// threadspawn makes fd[0], fd[1], fd[2] the child's standard input, output
// and error, and closes them in the caller: the child's output comes back
// through a pipe, which reaches end of file once the child is gone.
#include "test.h"

#include <errno.h>
#include <fcntl.h>

void
threadmain(int argc, char *argv[])
{
	static char *args[] = { "echo", "hello", "from", "echo", NULL };
	char buf[128];
	int p[2], fd[3], pid, n, total;
	Waitmsg *w;

	(void)argc; (void)argv;
	CHECK(pipe(p) == 0);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = p[1];
	fd[2] = dup(2);
	CHECK(fd[0] >= 0 && fd[2] >= 0);
	pid = threadspawn(fd, "echo", args);	/* found in $PATH */
	CHECK(pid > 0);
	CHECK(fcntl(p[1], F_GETFD) == -1 && errno == EBADF);
	CHECK(fcntl(fd[0], F_GETFD) == -1 && errno == EBADF);
	CHECK(fcntl(fd[2], F_GETFD) == -1 && errno == EBADF);
	total = 0;
	while((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	CHECK(strcmp(buf, "hello from echo\n") == 0);
	w = procwait(pid);
	CHECK(w != NULL && strcmp(w->msg, "") == 0);
	free(w);
	threadexitsall(NULL);
}
