// threadint of a thread that is running or ready has no effect: the interrupt is not remembered, and the thread's next channel operation or alt waits normally. Covered: a ready thread, the caller itself (then a blocking recv, and a blocking alt, with no yield in between), a busy thread of another proc, and a thread of another proc that threadint broke out of read() and that is interrupted again while it runs. threadint of no thread returns 0.
#include <errno.h>
#include <stdint.h>
#include "test.h"

static Channel *c, *done;

static void worker(void *arg)
{
	(void)arg;
	ulong v = 0;
	CHECKEQ(recv(c, &v), 1);   // interrupted while ready: this recv still waits
	CHECKEQ(v, 9);
	sendul(done, 1);
}

static void sender(void *arg)
{
	sendul(c, (ulong)(uintptr_t)arg);
}

// Interrupts itself, then blocks at once: in recv, then in an alt.
static void self(void)
{
	ulong v = 0, w = 0;
	Alt a[3];

	CHECKEQ(threadint(threadid()), 1);
	threadcreate(sender, (void*)5, 8192);
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 5);

	CHECKEQ(threadint(threadid()), 1);
	threadcreate(sender, (void*)6, 8192);
	a[0] = (Alt){ c, &v, CHANRCV, NULL };
	a[1] = (Alt){ done, &w, CHANRCV, NULL };
	a[2] = (Alt){ NULL, NULL, CHANEND, NULL };
	CHECKEQ(alt(a), 0);
	CHECKEQ(v, 6);
}

static int busy_id, busy_stop;	// SHARED_GET and SHARED_SET

// Busy while threadmain interrupts it, then receives.
static void busy(void *arg)
{
	ulong v = 0;
	(void)arg;

	SHARED_SET(busy_id, threadid());
	while(!SHARED_GET(busy_stop))
		;
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 7);
	sendul(done, 2);
}

static int fds[2];
static int readres = -2, readerr, stop;	// SHARED_GET and SHARED_SET

// Broken out of read() by threadint, then keeps running until threadmain
// has stopped interrupting it, then receives.
static void reader(void *arg)
{
	char buf[16];
	ulong v = 0;
	(void)arg;

	int r = read(fds[0], buf, sizeof buf);
	SHARED_SET(readerr, errno);
	SHARED_SET(readres, r);
	while(!SHARED_GET(stop))
		;
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 8);
	sendul(done, 3);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	int id = threadcreate(worker, NULL, 8192);
	CHECKEQ(threadint(id), 1);         // ready, not yet run
	CHECKEQ(threadint(threadid()), 1);  // running: ourselves
	yield();                            // worker blocks in recv
	sendul(c, 9);
	CHECKEQ(recvul(done), 1);

	self();

	proccreate(busy, NULL, 8192);
	while(SHARED_GET(busy_id) == 0)
		test_sleep_ms(1);
	for(int i = 0; i < 5; i++){
		CHECKEQ(threadint(SHARED_GET(busy_id)), 1);
		test_sleep_ms(10);
	}
	SHARED_SET(busy_stop, 1);
	sendul(c, 7);
	CHECKEQ(recvul(done), 2);

	CHECK(pipe(fds) == 0);
	id = proccreate(reader, NULL, 8192);
	test_sleep_ms(50);	// let it enter read()
	double t0 = test_now();
	// A signal that lands just before read() starts is lost; ask again.
	while(SHARED_GET(readres) == -2 && test_now() - t0 < 5.0){
		CHECKEQ(threadint(id), 1);
		test_sleep_ms(20);
	}
	CHECKEQ(SHARED_GET(readres), -1);
	CHECKEQ(SHARED_GET(readerr), EINTR);
	// Running now, in its loop.
	for(int i = 0; i < 3; i++){
		CHECKEQ(threadint(id), 1);
		test_sleep_ms(10);
	}
	SHARED_SET(stop, 1);
	sendul(c, 8);
	CHECKEQ(recvul(done), 3);

	CHECKEQ(threadint(123456789), 0);
	threadexitsall(NULL);
}
