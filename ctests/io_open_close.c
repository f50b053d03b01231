// ioopen opens files with open(2)'s flags (Plan 9's OTRUNC, 16, is translated), ioclose closes them, and a failing ioopen returns -1 with the cause in errno.
#include "test.h"

#include <errno.h>
#include <fcntl.h>

void threadmain(int argc, char *argv[])
{
	Ioproc *io = ioproc();
	char tmpl[] = "/tmp/p9thread-ioopen-XXXXXX", path[64], buf[16];
	int fd;
	(void)argc; (void)argv;

	CHECK(mkdtemp(tmpl) != NULL);
	snprintf(path, sizeof path, "%s/f", tmpl);
	fd = ioopen(io, path, O_WRONLY | O_CREAT);
	CHECK(fd >= 0);
	CHECKEQ(iowrite(io, fd, "hello", 5), 5);
	CHECKEQ(ioclose(io, fd), 0);

	fd = ioopen(io, path, 0);
	CHECK(fd >= 0);
	CHECKEQ(ioreadn(io, fd, buf, sizeof buf), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECKEQ(ioclose(io, fd), 0);

	// Plan 9's OTRUNC.
	fd = ioopen(io, path, 1 | 16);
	CHECK(fd >= 0);
	CHECKEQ(ioclose(io, fd), 0);
	fd = ioopen(io, path, 0);
	CHECKEQ(ioread(io, fd, buf, sizeof buf), 0);
	CHECKEQ(ioclose(io, fd), 0);

	errno = 0;
	CHECKEQ(ioopen(io, "/nonexistent-p9thread/f", 0), -1);
	CHECKEQ(errno, ENOENT);
	errno = 0;
	CHECKEQ(ioclose(io, -1), -1);
	CHECKEQ(errno, EBADF);

	unlink(path);
	rmdir(tmpl);
	closeioproc(io);
	threadexitsall(NULL);
}
