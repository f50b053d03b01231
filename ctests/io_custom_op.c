// A program's own iocall operation gets the caller's arguments of mixed types through its va_list, runs in the I/O proc (another OS thread) while other threads of the caller's proc run, returns its value, and passes errno back; a blocking read inside it is interrupted by iointerrupt even when the interrupt lands before the read starts.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
// link: both
#include "test.h"

#include <errno.h>

static Ioproc *io;
static Channel *done;
static int p[2];

// The ioread of the man page's example.
static long _ioread(va_list *arg)
{
	int fd;
	void *a;
	long n;

	fd = va_arg(*arg, int);
	a = va_arg(*arg, void*);
	n = va_arg(*arg, long);
	return read(fd, a, n);
}

static long mixed(va_list *arg)
{
	int i = va_arg(*arg, int);
	double d = va_arg(*arg, double);
	char *s = va_arg(*arg, char*);
	long long ll = va_arg(*arg, long long);
	pid_t *tid = va_arg(*arg, pid_t*);

	*tid = gettid();
	if(i != 7 || d != 2.5 || strcmp(s, "str") != 0 || ll != 1LL << 40)
		return -2;
	return i * 1000 + (long)(d * 10);
}

static long fails(va_list *arg)
{
	(void)arg;
	errno = ENOTTY;
	return -1;
}

// Busy for a while before it reads, so that an interrupt lands between the
// start of the operation and its system call.
static long late_read(va_list *arg)
{
	int fd = va_arg(*arg, int);
	double until = test_now() + 0.05;
	char c;

	while(test_now() < until)
		;
	return read(fd, &c, 1);
}

static void reader(void *v)
{
	double t0 = test_now();
	long n;
	(void)v;

	errno = 0;
	n = iocall(io, late_read, p[0]);
	CHECKEQ(n, -1);
	CHECKEQ(errno, EINTR);
	if(test_now() - t0 > 0.5)
		FAILF("the interrupted operation took %.3f s", test_now() - t0);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *timer;
	pid_t tid = 0;
	char buf[8];
	(void)argc; (void)argv;

	io = ioproc();
	timer = ioproc();
	done = chancreate(sizeof(ulong), 1);
	CHECK(pipe(p) == 0);

	CHECKEQ(iocall(io, mixed, 7, 2.5, "str", 1LL << 40, &tid), 7025);
	CHECK(tid != 0 && tid != gettid());

	errno = 0;
	CHECKEQ(iocall(io, fails), -1);
	CHECKEQ(errno, ENOTTY);

	CHECKEQ(write(p[1], "hi", 2), 2);
	CHECKEQ(iocall(io, _ioread, p[0], buf, (long)sizeof buf), 2);
	CHECK(memcmp(buf, "hi", 2) == 0);

	// Interrupted 10 ms into the operation's busy wait, 40 ms before its
	// read starts: the read still fails with EINTR.
	threadcreate(reader, NULL, 8192);
	CHECKEQ(iosleep(timer, 10), 0);
	iointerrupt(io);
	recvul(done);

	// And the Ioproc works afterwards.
	CHECKEQ(write(p[1], "ok", 2), 2);
	CHECKEQ(iocall(io, _ioread, p[0], buf, (long)sizeof buf), 2);
	closeioproc(io);
	closeioproc(timer);
	threadexitsall(NULL);
}
