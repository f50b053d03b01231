// threadspawn gives the child fd[0], fd[1] and fd[2] even when they are standard descriptors in other places: fd[1] = 0 (a server whose connection is its standard input) and fd[0] = 1, fd[1] = 0 (swapped).
#include "test.h"

#include <errno.h>
#include <fcntl.h>

// What the child wrote on the pipe read end r, to its end.
static void read_all(int r, char *buf, int size)
{
	int n, total = 0;
	while((n = read(r, buf + total, size - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	close(r);
}

static void wait_ok(int pid)
{
	Waitmsg *w = procwait(pid);
	CHECK(w != NULL);
	if(strcmp(w->msg, "") != 0)
		FAILF("child %d: %s", pid, w->msg);
	free(w);
}

void threadmain(int argc, char *argv[])
{
	char buf[128];
	int out[2], in[2], fd[3], pid;
	int saved0, saved1;

	(void)argc; (void)argv;
	saved0 = dup(0);
	saved1 = dup(1);
	CHECK(saved0 >= 0 && saved1 >= 0);

	// Output to what is the caller's standard input.
	CHECK(pipe(out) == 0);
	CHECK(dup2(out[1], 0) == 0);
	close(out[1]);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = 0;
	fd[2] = dup(2);
	pid = threadspawnl(fd, "echo", "echo", "to", "fd", "0", NULL);
	CHECK(pid > 0);
	read_all(out[0], buf, sizeof buf);
	CHECK(strcmp(buf, "to fd 0\n") == 0);
	wait_ok(pid);

	// Input from the caller's standard output, output to its standard
	// input (0 was given up to the first child, and closed).
	CHECK(dup2(saved0, 0) == 0);
	CHECK(pipe(in) == 0 && pipe(out) == 0);
	CHECK(write(in[1], "swapped\n", 8) == 8);
	close(in[1]);
	CHECK(dup2(in[0], 1) == 1 && dup2(out[1], 0) == 0);
	close(in[0]);
	close(out[1]);
	fd[0] = 1;
	fd[1] = 0;
	fd[2] = dup(2);
	pid = threadspawnl(fd, "cat", "cat", NULL);
	CHECK(pid > 0);
	read_all(out[0], buf, sizeof buf);
	CHECK(strcmp(buf, "swapped\n") == 0);
	wait_ok(pid);

	// The copies made for the child are gone from the caller.
	for(int i = 3; i < 64; i++)
		if(i != saved0 && i != saved1 && fcntl(i, F_GETFD) != -1){
			char path[64], target[256] = "";
			snprintf(path, sizeof path, "/proc/self/fd/%d", i);
			if(readlink(path, target, sizeof target - 1) > 0 && strstr(target, "pipe:") != NULL)
				FAILF("descriptor %d (%s) left open", i, target);
		}
	dup2(saved0, 0);
	dup2(saved1, 1);
	threadexitsall(NULL);
}
