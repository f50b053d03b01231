// threadkill: a blocked thread (recv or alt) dies without returning and leaves nothing on its channels; a running thread dies at its next yield; killing no thread is harmless.
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0"; }

static Channel *c, *d;
static volatile int returned, spins;

static void recver(void *arg)
{
	(void)arg;
	recvul(c);
	returned = 1;
}

static void alter(void *arg)
{
	ulong x;
	Alt a[] = { { c, &x, CHANRCV, NULL }, { d, &x, CHANSND, NULL }, { NULL, NULL, CHANEND, NULL } };
	(void)arg;
	alt(a);
	returned = 1;
}

static void spinner(void *arg)
{
	(void)arg;
	for(;;){
		spins++;
		yield();
	}
}

static void settle(void)
{
	for(int i = 0; i < 20; i++){
		yield();
		usleep(1000);
	}
}

// Waits until thread id has exited; one in another proc may take a while
// on a loaded machine.
static void await_gone(int id)
{
	double t0 = test_now();

	while(threadpid(id) != -1 && test_now() - t0 < 5)
		settle();
	CHECKEQ(threadpid(id), -1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	ulong x = 1;
	c = chancreate(sizeof(ulong), 0);
	d = chancreate(sizeof(ulong), 0);

	threadkill(threadcreate(recver, NULL, 8192));   // killed while ready
	settle();
	int a = threadcreate(alter, NULL, 8192);
	int r = proccreate(recver, NULL, 8192);
	settle();
	threadkill(a);
	threadkill(r);
	settle();
	CHECKEQ(returned, 0);
	CHECKEQ(nbsend(c, &x), 0);
	CHECKEQ(nbrecv(d, &x), 0);
	await_gone(a);
	await_gone(r);

	int s = threadcreate(spinner, NULL, 8192);
	settle();
	threadkill(s);
	settle();
	int before = spins;
	settle();
	CHECKEQ(spins, before);
	CHECKEQ(threadpid(s), -1);

	threadkill(987654321);
	chanfree(c);
	chanfree(d);
	threadexitsall(NULL);
}
