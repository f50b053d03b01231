// Threads in 3 procs move 8-byte records through pipes with ioread and iowrite, and sleep with iosleep, while iointerrupt hits their Ioprocs and threadint the calling threads at random from every proc: every record whose write returned 8 is read exactly once, and an interrupted call moves nothing.
// qemu: interrupts ioprocs by a timer signal qemu-user reserves for itself (timer_create fails)
#include <errno.h>
#include <fcntl.h>

// Each writer and each reader has an Ioproc of its own. Writers write
// records to random pipes; writes of 8 bytes to a pipe are atomic, and so
// are the reads of whole records out of it. Interrupters call iointerrupt
// on random Ioprocs, so calls end with EINTR before the I/O proc takes
// them, while their system call is blocked, and as they finish; and
// threadint on random calling threads, which must change nothing: a caller
// whose wait is interrupted waits on for the I/O proc. Once the writers are
// done, readers leave at their next interrupted read, and the pipes are
// drained.
enum {
	NPROC = 3,		// procs, besides main's
	NWRITE = 2,		// writers per proc
	NREAD = 2,		// readers per proc
	NPIPE = 4,
	RECORDS = 1500,		// records each writer writes
};
#define STRESS_WORKERS (NPROC * NWRITE)
#define STRESS_SEQBITS 13
#include "stress.h"

enum { NIO = NPROC * (NWRITE + NREAD) };

static int pipes[NPIPE][2];
static Ioproc *ios[NIO];
static int callers[NIO];	// their threads' ids
static long nios;
static long writing = NPROC * NWRITE, reading = NPROC * NREAD, interrupting = NPROC;
static long ninterrupted;
static Channel *done;

static Ioproc *
newio(void)
{
	Ioproc *io = ioproc();
	long i = __atomic_fetch_add(&nios, 1, __ATOMIC_ACQ_REL);

	__atomic_store_n(&callers[i], threadid(), __ATOMIC_RELEASE);
	__atomic_store_n(&ios[i], io, __ATOMIC_RELEASE);
	return io;
}

// A call that failed must have failed for the interrupt.
static void
interrupted(long r)
{
	CHECKEQ(r, -1);
	CHECKEQ(errno, EINTR);
	__atomic_fetch_add(&ninterrupted, 1, __ATOMIC_RELAXED);
}

static void
maybesleep(Ioproc *io, unsigned *s)
{
	if(test_rnd(s) % 8 == 0 && iosleep(io, test_rnd(s) % 2) != 0)
		interrupted(-1);
}

static void
writer(void *arg)
{
	int w = (int)(long)arg;
	unsigned s = 7919u * (unsigned)(w + 1);
	Ioproc *io = newio();

	for(int i = 0; i < RECORDS; i++) {
		uvlong v = stress_fresh(w);
		long r = iowrite(io, pipes[test_rnd(&s) % NPIPE][1], &v, sizeof v);
		if(r == sizeof v)
			stress_sent_ok(v);
		else
			interrupted(r);
		maybesleep(io, &s);
	}
	__atomic_sub_fetch(&writing, 1, __ATOMIC_ACQ_REL);
}

static void
reader(void *arg)
{
	long id = (long)arg;
	unsigned s = 15485863u * (unsigned)(id + 1);
	Ioproc *io = newio();
	int fd = pipes[id % NPIPE][0];

	for(;;) {
		uvlong v = ~0ULL;
		long r = ioread(io, fd, &v, sizeof v);
		if(r == sizeof v)
			stress_delivered(v);
		else {
			interrupted(r);
			CHECKEQ(v, ~0ULL);
			if(__atomic_load_n(&writing, __ATOMIC_ACQUIRE) == 0)
				break;
		}
		maybesleep(io, &s);
	}
	if(__atomic_sub_fetch(&reading, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

// Interrupts random Ioprocs, and random callers, until every reader has
// left.
static void
interrupter(void *arg)
{
	unsigned s = 104729u * (unsigned)((long)arg + 1);

	while(__atomic_load_n(&reading, __ATOMIC_ACQUIRE) > 0) {
		long n = __atomic_load_n(&nios, __ATOMIC_ACQUIRE), i = n > 0 ? test_rnd(&s) % n : 0;
		Ioproc *io = n > 0 ? __atomic_load_n(&ios[i], __ATOMIC_ACQUIRE) : NULL;
		if(io != NULL && test_rnd(&s) % 2)
			iointerrupt(io);
		else if(io != NULL)
			threadint(__atomic_load_n(&callers[i], __ATOMIC_ACQUIRE));
		for(int k = test_rnd(&s) % 64; k > 0; k--)
			yield();
	}
	__atomic_sub_fetch(&interrupting, 1, __ATOMIC_ACQ_REL);
}

static void
procmain(void *arg)
{
	long p = (long)arg;

	for(long i = 0; i < NWRITE; i++)
		threadcreate(writer, (void*)(p * NWRITE + i), 0);
	for(long i = 0; i < NREAD; i++)
		threadcreate(reader, (void*)(p * NREAD + i), 0);
	threadcreate(interrupter, arg, 0);
}

void
threadmain(int argc, char *argv[])
{
	long moved;
	uvlong v;

	(void)argc; (void)argv;
	for(int i = 0; i < NPIPE; i++)
		CHECK(pipe(pipes[i]) == 0);
	done = chancreate(sizeof(ulong), 1);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	CHECKEQ(recvul(done), 1);
	for(int i = 0; i < NPIPE; i++) {
		CHECK(fcntl(pipes[i][0], F_SETFL, O_NONBLOCK) == 0);
		while(read(pipes[i][0], &v, sizeof v) == sizeof v)
			stress_delivered(v);
	}
	moved = stress_check_exact();
	while(__atomic_load_n(&interrupting, __ATOMIC_ACQUIRE) > 0)
		test_sleep_ms(1);
	for(int i = 0; i < nios; i++)
		closeioproc(ios[i]);
	CHECK(moved > 1000);
	CHECK(ninterrupted > 100);
	printf("%ld records moved, %ld calls interrupted\n", moved, ninterrupted);
	threadexitsall(NULL);
}
