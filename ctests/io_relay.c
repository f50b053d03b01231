// The relay example of ioproc(3): two relay threads in one proc, each with its own Ioproc, move 10 MiB each through pipes with ioread/iowrite in 1 KiB pieces, counting bytes in a shared total without a lock; every byte arrives in order.
// link: both
//
// From the EXAMPLE section of Plan 9's ioproc(2) and plan9port's ioproc(3).
// The sources and sinks are procs of their own that use plain read/write.
#include "test.h"

#include <errno.h>

enum { TOTAL = 10 << 20, CHUNK = 4096 };

static long tot;
static Channel *done;

static unsigned char pattern(long i, int stream)
{
	return (unsigned char)(i * 7 + i / 251 + stream * 13);
}

// The man page's relaythread: fd[0] in, fd[1] out.
static void relaythread(void *v)
{
	int *fd = v, n;
	char buf[1024];
	Ioproc *io;

	io = ioproc();
	while((n = ioread(io, fd[0], buf, sizeof buf)) > 0) {
		if(iowrite(io, fd[1], buf, n) != n)
			FAILF("iowrite: %s", strerror(errno));
		tot += n;
	}
	CHECKEQ(n, 0);
	closeioproc(io);
	close(fd[1]);
	sendul(done, 1);
}

typedef struct End {
	int fd;
	int stream;
} End;

static void source(void *v)
{
	End *e = v;
	unsigned char buf[CHUNK];

	for(long off = 0; off < TOTAL; off += CHUNK) {
		for(int i = 0; i < CHUNK; i++)
			buf[i] = pattern(off + i, e->stream);
		CHECKEQ(write(e->fd, buf, CHUNK), CHUNK);
	}
	close(e->fd);
}

static void sink(void *v)
{
	End *e = v;
	unsigned char buf[CHUNK];
	long off = 0;
	ssize_t n;

	while((n = read(e->fd, buf, sizeof buf)) > 0) {
		for(ssize_t i = 0; i < n; i++)
			if(buf[i] != pattern(off + i, e->stream))
				FAILF("stream %d: byte %ld is %d, not %d", e->stream, off + i, buf[i], pattern(off + i, e->stream));
		off += n;
	}
	CHECKEQ(n, 0);
	CHECKEQ(off, TOTAL);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	int a[2], b[2], c[2], d[2];
	int fd[4];
	static End ends[4];
	(void)argc; (void)argv;

	done = chancreate(sizeof(ulong), 4);
	CHECK(pipe(a) == 0 && pipe(b) == 0 && pipe(c) == 0 && pipe(d) == 0);
	// stream 0: source -> a -> relay -> b -> sink; stream 1: c -> relay -> d.
	ends[0] = (End){ a[1], 0 };
	ends[1] = (End){ b[0], 0 };
	ends[2] = (End){ c[1], 1 };
	ends[3] = (End){ d[0], 1 };
	proccreate(source, &ends[0], 65536);
	proccreate(sink, &ends[1], 65536);
	proccreate(source, &ends[2], 65536);
	proccreate(sink, &ends[3], 65536);
	fd[0] = a[0]; fd[1] = b[1];
	fd[2] = c[0]; fd[3] = d[1];
	threadcreate(relaythread, fd, 8192);
	threadcreate(relaythread, fd + 2, 8192);
	for(int i = 0; i < 4; i++)
		recvul(done);
	CHECKEQ(tot, 2L * TOTAL);
	threadexitsall(NULL);
}
