// iodial of malformed dial strings, unknown networks, unknown services, a refused port and a missing Unix socket returns -1 with a fitting errno, never crashes, and leaves the Ioproc usable.
#include "test.h"

#include <errno.h>

static Ioproc *io;

static void bad(char *addr, int want)
{
	int cfd = 7, fd;

	errno = 0;
	fd = iodial(io, addr, NULL, NULL, &cfd);
	if(fd != -1 || errno != want)
		FAILF("iodial(\"%s\") = %d, errno %d (%s); want -1, errno %d (%s)",
			addr, fd, errno, strerror(errno), want, strerror(want));
	CHECKEQ(cfd, -1);
}

void threadmain(int argc, char *argv[])
{
	int fd;
	(void)argc; (void)argv;

	io = ioproc();
	bad("", EINVAL);
	bad("tcp", EINVAL);
	bad("tcp!127.0.0.1", EINVAL);
	bad("tcp!!80", EINVAL);
	bad("tcp!127.0.0.1!", EINVAL);
	bad("tcp!127.0.0.1!80!extra", EINVAL);
	bad("!127.0.0.1!80", EINVAL);
	bad("unix!", EINVAL);
	bad("localhost", EINVAL);
	bad("il!127.0.0.1!564", EAFNOSUPPORT);
	bad("bogus!x", EAFNOSUPPORT);
	bad("tcp!127.0.0.1!no-such-service-p9thread", ENXIO);
	bad("unix!/nonexistent-p9thread-dir/sock", ENOENT);
	// Port 1 on the loopback has no listener on a test machine.
	bad("tcp!127.0.0.1!1", ECONNREFUSED);
	errno = 0;
	CHECKEQ(iodial(io, NULL, NULL, NULL, NULL), -1);
	CHECKEQ(errno, EINVAL);

	// Still usable.
	fd = ioopen(io, "/dev/null", 0);
	CHECK(fd >= 0);
	CHECKEQ(ioclose(io, fd), 0);
	closeioproc(io);
	threadexitsall(NULL);
}
