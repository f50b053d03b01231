// threadspawnd runs the child in the directory it is given, and
// threadspawnl takes its arguments as a list.
#include "test.h"

#include <fcntl.h>

static char *
output(int fd)
{
	static char buf[256];
	int n, total;

	total = 0;
	while((n = read(fd, buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	return buf;
}

static int
spawnfds(int fd[3], int p[2])
{
	if(pipe(p) != 0)
		return -1;
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = p[1];
	fd[2] = dup(2);
	return 0;
}

void
threadmain(int argc, char *argv[])
{
	static char *args[] = { "pwd", "-P", NULL };
	int p[2], fd[3], pid;
	Waitmsg *w;

	(void)argc; (void)argv;
	CHECK(spawnfds(fd, p) == 0);
	pid = threadspawnd(fd, "pwd", args, "/");
	CHECK(pid > 0);
	CHECK(strcmp(output(p[0]), "/\n") == 0);
	close(p[0]);
	w = procwait(pid);
	CHECK(w != NULL && strcmp(w->msg, "") == 0);
	free(w);

	CHECK(spawnfds(fd, p) == 0);
	pid = threadspawnl(fd, "sh", "sh", "-c", "echo \"$0\"", "listed", NULL);
	CHECK(pid > 0);
	CHECK(strcmp(output(p[0]), "listed\n") == 0);
	w = procwait(pid);
	CHECK(w != NULL && strcmp(w->msg, "") == 0);
	free(w);
	threadexitsall(NULL);
}
