// threadexec and threadexecl from a program's own main (a thread the library did not create, which cannot end as threadexec ends it) refuse as procexec does: -1 on cpid, errno EPERM, a message, no child, and the caller goes on.
// link: both
#include "test.h"

#include <errno.h>

int main(void)
{
	static char *args[] = { "sh", "-c", "echo child started >&2", NULL };
	Channel *cpid = chancreate(sizeof(int), 1);
	int fd[3], pid;

	test_stdfds(fd);
	errno = 0;
	threadexec(cpid, fd, "sh", args);
	CHECKEQ(errno, EPERM);
	CHECK(recv(cpid, &pid) == 1);
	CHECKEQ(pid, -1);
	// The descriptors stay the caller's, as on any failure.
	CHECK(fcntl(fd[0], F_GETFD) >= 0);

	errno = 0;
	threadexecl(cpid, fd, "sh", "sh", "-c", "echo child started >&2", NULL);
	CHECKEQ(errno, EPERM);
	CHECK(recv(cpid, &pid) == 1);
	CHECKEQ(pid, -1);
	CHECK(procwait(-1) == NULL);
	chanfree(cpid);
	for(int i = 0; i < 3; i++)
		close(fd[i]);
	return 0;
}
