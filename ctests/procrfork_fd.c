// procrfork: RFFDG gives the new proc a copy of the fd table (its close does not close the parent's fd), RFCFDG an empty one.
#include <fcntl.h>
#include "test.h"

static int fds[2];
static Channel *c;

static void closer(void *arg)
{
	(void)arg;
	CHECKEQ(close(fds[0]), 0);
	int fd = open("/dev/null", O_RDONLY);
	sendul(c, fd);
}

static void clean(void *arg)
{
	(void)arg;
	sendul(c, fcntl(0, F_GETFD) == -1 && fcntl(fds[1], F_GETFD) == -1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	CHECK(pipe(fds) == 0);

	procrfork(closer, NULL, 8192, RFFDG);
	int fd = recvul(c);
	CHECK(fcntl(fds[0], F_GETFD) != -1);   // still open here
	CHECK(write(fds[1], "x", 1) == 1);
	char b;
	CHECK(read(fds[0], &b, 1) == 1 && b == 'x');
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFD) == -1 || fd == fds[0]);  // its new fd is not ours

	procrfork(clean, NULL, 8192, RFCFDG | RFPROC | RFMEM | RFNOWAIT);
	CHECKEQ(recvul(c), 1);
	CHECK(fcntl(0, F_GETFD) != -1);
	threadexitsall(NULL);
}
