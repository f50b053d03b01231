// ioread9pmsg reads exactly one 9P message at a time and returns its length (not the buffer size, as plan9port does); 0 at end of file between messages; -1 with EPROTO for a size below 7 or a message cut short by end of file, and -1 with EMSGSIZE for a message larger than the buffer.
#include "test.h"

#include <errno.h>

static Ioproc *io;

static void put_msg(int fd, unsigned size, unsigned char type)
{
	unsigned char m[8192];

	CHECK(size <= sizeof m);
	m[0] = size; m[1] = size >> 8; m[2] = size >> 16; m[3] = size >> 24;
	for(unsigned i = 4; i < size; i++)
		m[i] = (unsigned char)(type + i);
	CHECKEQ(write(fd, m, size), size);
}

static void check_msg(unsigned char *m, unsigned size, unsigned char type)
{
	CHECKEQ(m[0] | m[1] << 8 | m[2] << 16 | (unsigned)m[3] << 24, size);
	for(unsigned i = 4; i < size; i++)
		if(m[i] != (unsigned char)(type + i))
			FAILF("message of %u bytes: byte %u is %d", size, i, m[i]);
}

static int fresh_pipe(int p[2])
{
	CHECK(pipe(p) == 0);
	return p[0];
}

static void expect_fail(int fd, unsigned n, int want)
{
	unsigned char buf[8192];

	errno = 0;
	CHECKEQ(ioread9pmsg(io, fd, buf, n), -1);
	CHECKEQ(errno, want);
}

void threadmain(int argc, char *argv[])
{
	unsigned char buf[8192];
	int p[2];
	(void)argc; (void)argv;

	io = ioproc();

	// Well-formed: three messages back to back, read one at a time.
	fresh_pipe(p);
	put_msg(p[1], 7, 100);
	put_msg(p[1], 100, 101);
	put_msg(p[1], 8192, 102);
	close(p[1]);
	CHECKEQ(ioread9pmsg(io, p[0], buf, sizeof buf), 7);
	check_msg(buf, 7, 100);
	CHECKEQ(ioread9pmsg(io, p[0], buf, sizeof buf), 100);
	check_msg(buf, 100, 101);
	CHECKEQ(ioread9pmsg(io, p[0], buf, sizeof buf), 8192);
	check_msg(buf, 8192, 102);
	CHECKEQ(ioread9pmsg(io, p[0], buf, sizeof buf), 0);
	close(p[0]);

	// A message exactly the size of the buffer fits.
	fresh_pipe(p);
	put_msg(p[1], 64, 1);
	CHECKEQ(ioread9pmsg(io, p[0], buf, 64), 64);
	check_msg(buf, 64, 1);
	// One byte larger does not.
	put_msg(p[1], 65, 1);
	expect_fail(p[0], 64, EMSGSIZE);
	close(p[0]); close(p[1]);

	// Malformed sizes: 0 and 6 are smaller than any message.
	fresh_pipe(p);
	CHECKEQ(write(p[1], "\0\0\0\0", 4), 4);
	expect_fail(p[0], sizeof buf, EPROTO);
	close(p[0]); close(p[1]);
	fresh_pipe(p);
	CHECKEQ(write(p[1], "\6\0\0\0xx", 6), 6);
	expect_fail(p[0], sizeof buf, EPROTO);
	close(p[0]); close(p[1]);
	// A huge size, larger than any buffer.
	fresh_pipe(p);
	CHECKEQ(write(p[1], "\377\377\377\377", 4), 4);
	expect_fail(p[0], sizeof buf, EMSGSIZE);
	close(p[0]); close(p[1]);

	// Short: end of file inside the size, and inside the body.
	fresh_pipe(p);
	CHECKEQ(write(p[1], "\20\0", 2), 2);
	close(p[1]);
	expect_fail(p[0], sizeof buf, EPROTO);
	close(p[0]);
	fresh_pipe(p);
	CHECKEQ(write(p[1], "\20\0\0\0abc", 7), 7);
	close(p[1]);
	expect_fail(p[0], sizeof buf, EPROTO);
	close(p[0]);

	closeioproc(io);
	threadexitsall(NULL);
}
