// ioreadn returns the count read so far when end of file or an error (here an iointerrupt's EINTR) comes after the first byte, and -1 (EINTR) only when it comes before it.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include "test.h"
#include <errno.h>

typedef struct Job {
	Ioproc *io;
	int fd;
	char buf[16];
	long n;
	int err;
	Channel *done;
} Job;

static void reader(void *arg)
{
	Job *j = arg;

	memset(j->buf, 0, sizeof j->buf);
	errno = 0;
	j->n = ioreadn(j->io, j->fd, j->buf, 10);
	j->err = errno;
	sendul(j->done, 1);
}

// Starts reader on fd, lets it block in the I/O proc, then interrupts it.
static void interrupted_read(Job *j, int fd)
{
	j->fd = fd;
	threadcreate(reader, j, 0);
	yield();                // the reader hands the call to the I/O proc
	test_sleep_ms(100);     // which reads what there is and blocks for more
	iointerrupt(j->io);
	recvul(j->done);
}

void threadmain(int argc, char *argv[])
{
	Job j;
	int p[2];
	(void)argc; (void)argv;

	j.io = ioproc();
	j.done = chancreate(sizeof(ulong), 0);

	// An interrupt after 3 bytes: the count, not -1.
	CHECK(pipe(p) == 0);
	CHECKEQ(write(p[1], "abc", 3), 3);
	interrupted_read(&j, p[0]);
	CHECKEQ(j.n, 3);
	CHECK(memcmp(j.buf, "abc", 3) == 0);

	// An interrupt before the first byte: -1 with EINTR.
	interrupted_read(&j, p[0]);
	CHECKEQ(j.n, -1);
	CHECKEQ(j.err, EINTR);

	// End of file after 2 bytes: the count.
	CHECKEQ(write(p[1], "de", 2), 2);
	close(p[1]);
	j.fd = p[0];
	threadcreate(reader, &j, 0);
	recvul(j.done);
	CHECKEQ(j.n, 2);
	CHECK(memcmp(j.buf, "de", 2) == 0);
	close(p[0]);

	closeioproc(j.io);
	chanfree(j.done);
	threadexits(NULL);
}
