// sources: p9port/lib9.c
// link: both
// Through the library's hooks, lib9's qlock blocks the calling thread, not
// its proc: while one thread holds a QLock, another thread of the same proc
// waits in qlock and the holder keeps running; qunlock hands the lock to
// the waiter. The same works between procs, and Lock is a plain lock.
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

static QLock q;
static volatile int trying, got;
static Channel *done;

static void
contender(void *arg)
{
	(void)arg;
	trying = 1;
	qlock(&q);
	got = 1;
	qunlock(&q);
	sendul(done, 1);
}

static void
counter(void *arg)
{
	long *n = arg;
	int i;

	for(i = 0; i < 20000; i++){
		qlock(&q);
		(*n)++;
		if(i % 100 == 0)
			yield();	/* hold it across a switch now and then */
		qunlock(&q);
	}
	sendul(done, 1);
}

void
threadmain(int argc, char *argv[])
{
	static Lock l;
	long n;

	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 0);

	qlock(&q);
	threadcreate(contender, nil, 32768);
	test_yield_n(5);
	CHECK(trying && !got);		/* the contender waits; we still run */
	CHECKEQ(canqlock(&q), 0);
	qunlock(&q);
	CHECKEQ(recvul(done), 1);
	CHECK(got);
	CHECKEQ(canqlock(&q), 1);
	qunlock(&q);

	n = 0;
	threadcreate(counter, &n, 32768);
	threadcreate(counter, &n, 32768);
	proccreate(counter, &n, 32768);
	proccreate(counter, &n, 32768);
	recvul(done); recvul(done); recvul(done); recvul(done);
	CHECKEQ(n, 4 * 20000);

	lock(&l);
	CHECKEQ(canlock(&l), 0);
	unlock(&l);
	CHECKEQ(canlock(&l), 1);
	unlock(&l);
	threadexitsall(nil);
}
