// sources: p9port/lib9.c
// link: both
// Through the library's hooks, lib9's RWLock blocks threads: readers share
// it, a writer waits for them (while its proc runs other threads) and
// excludes them, and wunlock lets the waiting readers in together.
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

static RWLock l;
static volatile int writing;
static int readersin;	// readers share the lock, in two procs: SHARED_ADD
static Channel *done;

static void
writer(void *arg)
{
	(void)arg;
	wlock(&l);
	writing = 1;
	sendul(done, 1);
	test_yield_n(3);
	writing = 0;
	wunlock(&l);
}

static void
reader(void *arg)
{
	(void)arg;
	rlock(&l);
	CHECK(!writing);
	SHARED_ADD(readersin, 1);
	runlock(&l);
	sendul(done, 2);
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 10);

	rlock(&l);
	CHECKEQ(canrlock(&l), 1);	/* readers share */
	CHECKEQ(canwlock(&l), 0);
	threadcreate(writer, nil, 32768);
	test_yield_n(3);
	CHECK(!writing);		/* the writer waits for the readers */
	runlock(&l);
	CHECKEQ(nbrecvul(done), 0);	/* one reader is still in */
	runlock(&l);
	CHECKEQ(recvul(done), 1);	/* the last reader out let the writer in */
	CHECKEQ(canrlock(&l), 0);

	threadcreate(reader, nil, 32768);
	proccreate(reader, nil, 32768);
	CHECKEQ(recvul(done), 2);
	CHECKEQ(recvul(done), 2);
	CHECKEQ(readersin, 2);
	CHECKEQ(canwlock(&l), 1);
	wunlock(&l);
	threadexitsall(nil);
}
