// Regression: threads readied by another proc waited until the local run queue emptied, so two local threads passing control back and forth starved them. The woken thread must run.
#define WATCHDOG 10
#include "test.h"

static Channel *ping, *pong, *wake;

static void pinger(void *arg)
{
	(void)arg;
	for(;;){
		sendul(ping, 1);
		recvul(pong);
	}
}

static void ponger(void *arg)
{
	(void)arg;
	for(;;){
		recvul(ping);
		sendul(pong, 1);
	}
}

static void sleeper(void *arg)
{
	(void)arg;
	recvul(wake);           // readied by the other proc
	threadexitsall(NULL);   // the verdict: it ran
}

static void waker(void *arg)
{
	(void)arg;
	usleep(100 * 1000);
	sendul(wake, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	wake = chancreate(sizeof(ulong), 0);
	threadcreate(sleeper, NULL, 8192);
	threadcreate(pinger, NULL, 8192);
	threadcreate(ponger, NULL, 8192);
	proccreate(waker, NULL, 8192);
	threadexits(NULL);
}
