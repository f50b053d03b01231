// threadkill of an adopted thread (an OS thread the library did not start) interrupts it as threadint does, since the library cannot end it: its blocked recv returns -1, and its later channel operations work as before. The program has its own main.
// link: both
#include "test.h"

#include <pthread.h>

static Channel *c, *report;
static int id, interrupted, go;	// SHARED_GET and SHARED_SET

static void *worker(void *arg)
{
	ulong v = 0;
	(void)arg;

	SHARED_SET(id, threadid());
	CHECKEQ(recv(c, &v), -1);
	SHARED_SET(interrupted, 1);
	// Running until main has stopped killing it.
	while(!SHARED_GET(go))
		;
	CHECKEQ(recv(c, &v), 1);
	CHECKEQ(v, 7);
	sendul(report, 2);
	return NULL;
}

int main(void)
{
	pthread_t pt;

	c = chancreate(sizeof(ulong), 0);
	report = chancreate(sizeof(ulong), 1);
	CHECK(pthread_create(&pt, NULL, worker, NULL) == 0);
	while(SHARED_GET(id) == 0)
		test_sleep_ms(1);
	// A kill that comes before the worker blocks is, as an interrupt, not
	// remembered: repeat until it reports.
	while(!SHARED_GET(interrupted)){
		threadkill(SHARED_GET(id));
		test_sleep_ms(1);
	}
	SHARED_SET(go, 1);
	sendul(c, 7);
	CHECKEQ(recvul(report), 2);
	CHECK(pthread_join(pt, NULL) == 0);
	return 0;
}
