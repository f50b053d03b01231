// iosendfd and iorecvfd pass a file descriptor between two procs over a Unix-domain socket pair: the receiver gets a new descriptor for the same pipe; a message without a descriptor makes iorecvfd fail with EPROTO, and a closed peer with ECONNRESET.
#include <sys/socket.h>

#include "test.h"

#include <errno.h>

static int sv[2];
static Channel *done;

static void receiver(void *v)
{
	Ioproc *io = ioproc();
	int fd;
	(void)v;

	fd = iorecvfd(io, sv[1]);
	CHECK(fd >= 0);
	CHECKEQ(iowrite(io, fd, "through", 7), 7);
	CHECKEQ(ioclose(io, fd), 0);

	// A plain byte carries no descriptor.
	errno = 0;
	CHECKEQ(iorecvfd(io, sv[1]), -1);
	CHECKEQ(errno, EPROTO);
	sendul(done, 1);

	errno = 0;
	CHECKEQ(iorecvfd(io, sv[1]), -1);
	CHECKEQ(errno, ECONNRESET);
	closeioproc(io);
	sendul(done, 2);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	int p[2];
	char buf[16];
	(void)argc; (void)argv;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(pipe(p) == 0);
	done = chancreate(sizeof(ulong), 2);
	io = ioproc();
	proccreate(receiver, NULL, 65536);
	CHECK(iosendfd(io, sv[0], p[1]) >= 0);
	close(p[1]);
	CHECKEQ(ioreadn(io, p[0], buf, 7), 7);
	CHECK(memcmp(buf, "through", 7) == 0);
	// The receiver closed its copy and ours is closed: end of file.
	CHECKEQ(ioread(io, p[0], buf, sizeof buf), 0);

	CHECKEQ(write(sv[0], "x", 1), 1);
	CHECKEQ(recvul(done), 1);
	close(sv[0]);
	CHECKEQ(recvul(done), 2);

	errno = 0;
	CHECKEQ(iosendfd(io, sv[0], 0), -1);
	CHECKEQ(errno, EBADF);
	closeioproc(io);
	threadexitsall(NULL);
}
