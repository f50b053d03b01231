// threadspawn of a program that cannot start returns -1 with errno set (ENOENT for a missing file), and the three descriptors it was given stay open in the caller; threadexecl's failure sends -1 and sets errno likewise.
// qemu: a failed exec goes unreported: qemu-user runs posix_spawn's vfork-style clone as a fork
#include "test.h"

#include <errno.h>

static void check_open(int fd[3])
{
	for(int i = 0; i < 3; i++)
		if(fcntl(fd[i], F_GETFD) == -1)
			FAILF("fd[%d] = %d was closed by a failed start", i, fd[i]);
}

void threadmain(int argc, char *argv[])
{
	int fd[3], pid;
	char *args[] = { "program", NULL };
	Channel *cpid;
	(void)argc; (void)argv;

	test_stdfds(fd);
	errno = 0;
	pid = threadspawn(fd, "/nonexistent/program", args);
	CHECKEQ(pid, -1);
	CHECKEQ(errno, ENOENT);
	check_open(fd);

	errno = 0;
	pid = threadspawnl(fd, "no-such-program-p9thread", "no-such-program-p9thread", NULL);
	CHECKEQ(pid, -1);
	CHECKEQ(errno, ENOENT);
	check_open(fd);

	cpid = chancreate(sizeof(ulong), 1);
	errno = 0;
	threadexecl(cpid, fd, "/nonexistent/program", "program", NULL);
	CHECKEQ(errno, ENOENT);
	CHECKEQ(recvul(cpid), (ulong)-1);
	check_open(fd);
	chanfree(cpid);
	for(int i = 0; i < 3; i++)
		close(fd[i]);
	threadexits(NULL);
}
