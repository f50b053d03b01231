// sources: p9port/lib9.c
// link: both
// Through the library's hooks, lib9's rsleep puts the calling thread to
// sleep (releasing the Rendez's QLock) while the other threads of its proc
// run, and rwakeup wakes it; rwakeupall wakes every sleeper and says how
// many. Sleepers in other procs are woken the same way.
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

static QLock q;
static Rendez r;
static int ready, asleep, woken;
static Channel *done;

static void
sleeper(void *arg)
{
	(void)arg;
	qlock(&q);
	asleep++;
	while(!ready)
		rsleep(&r);
	woken++;
	qunlock(&q);
	sendul(done, 1);
}

static void
waitasleep(int n)
{
	int k;

	for(;;){
		qlock(&q);
		k = asleep;
		qunlock(&q);
		if(k == n)
			return;
		yield();
	}
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	r.l = &q;
	done = chancreate(sizeof(ulong), 0);

	threadcreate(sleeper, nil, 32768);
	waitasleep(1);
	test_yield_n(3);
	CHECKEQ(woken, 0);
	qlock(&q);
	ready = 1;
	CHECKEQ(rwakeup(&r), 1);
	qunlock(&q);
	recvul(done);
	CHECKEQ(woken, 1);

	qlock(&q);
	ready = 0;
	asleep = 0;
	woken = 0;
	qunlock(&q);
	threadcreate(sleeper, nil, 32768);
	threadcreate(sleeper, nil, 32768);
	proccreate(sleeper, nil, 32768);
	waitasleep(3);
	test_sleep_ms(20);	/* the proc's sleeper reaches rsleep */
	qlock(&q);
	ready = 1;
	CHECKEQ(rwakeupall(&r), 3);
	CHECKEQ(rwakeup(&r), 0);
	qunlock(&q);
	recvul(done); recvul(done); recvul(done);
	CHECKEQ(woken, 3);
	threadexitsall(nil);
}
