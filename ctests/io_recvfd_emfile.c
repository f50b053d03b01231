// iorecvfd fails with EMFILE, not EPROTO, when a descriptor came but the process had no free one to receive it in (the kernel drops it); with room again, the next one arrives.
#include <sys/resource.h>
#include <sys/socket.h>

#include "test.h"

#include <errno.h>

enum { LIMIT = 64 };

void threadmain(int argc, char *argv[])
{
	int s[2], fill[LIMIT], n = 0, fd;
	struct rlimit old, rl;
	Ioproc *io;

	(void)argc; (void)argv;
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
	io = ioproc();
	CHECKEQ(iosendfd(io, s[0], 0), 0);
	CHECKEQ(iosendfd(io, s[0], 0), 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0);
	rl = old;
	rl.rlim_cur = LIMIT;
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	while(n < LIMIT && (fill[n] = dup(0)) >= 0)
		n++;
	CHECKEQ(errno, EMFILE);
	errno = 0;
	CHECKEQ(iorecvfd(io, s[1]), -1);
	CHECKEQ(errno, EMFILE);
	while(n > 0)
		close(fill[--n]);
	CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0);
	fd = iorecvfd(io, s[1]);
	CHECK(fd >= 0);
	close(fd);
	closeioproc(io);
	threadexitsall(NULL);
}
