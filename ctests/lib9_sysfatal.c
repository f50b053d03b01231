// sources: p9port/lib9.c
// lib9's sysfatal goes through the library's threadsysfatal: it prints
// "argv0: message" on standard error and ends the program, from any proc.
// An atexit handler checks what was printed and turns the exit into the
// test's verdict.
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

#include <fcntl.h>

static char errfile[] = "/tmp/p9thread-sysfatal-XXXXXX";
static char want[256];

static void
check(void)
{
	char buf[512];
	int fd, n;

	fd = open(errfile, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
	unlink(errfile);
	if(n < 0)
		_exit(4);
	buf[n] = 0;
	_exit(strcmp(buf, want) == 0 ? 0 : 5);
}

static void
fatal(void *arg)
{
	(void)arg;
	sysfatal("cannot %s: %d", "go on", 42);
}

void
threadmain(int argc, char *argv[])
{
	int fd;

	(void)argc;
	snprintf(want, sizeof want, "%s: cannot go on: 42\n", argv[0]);
	fd = mkstemp(errfile);
	CHECK(fd >= 0);
	atexit(check);
	CHECK(dup2(fd, 2) == 2);
	proccreate(fatal, nil, 32768);
	for(;;)
		yield();
}
