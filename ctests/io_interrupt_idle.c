// iointerrupt of an idle Ioproc does nothing, as ioproc(2) says: the next call runs normally. ioflush (9front) returns 0 and leaves the Ioproc usable.
#include "test.h"

#include <errno.h>

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	int p[2];
	char buf[8];
	(void)argc; (void)argv;

	CHECK(pipe(p) == 0);
	io = ioproc();
	iointerrupt(io);
	iointerrupt(io);
	CHECKEQ(write(p[1], "abc", 3), 3);
	CHECKEQ(ioread(io, p[0], buf, sizeof buf), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);

	iointerrupt(io);
	errno = 0;
	CHECKEQ(ioflush(io), 0);
	CHECKEQ(errno, 0);
	CHECKEQ(iosleep(io, 1), 0);
	CHECKEQ(iowrite(io, p[1], "de", 2), 2);
	CHECKEQ(ioread(io, p[0], buf, sizeof buf), 2);
	closeioproc(io);
	threadexitsall(NULL);
}
