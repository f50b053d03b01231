// A program with its own main() and no threadmain links, and its main thread and plain pthreads are adopted as procs: channels, threadcreate and proccreate work from them.
// link: both
#include "test.h"

#include <pthread.h>

enum { N = 1000 };

static void counter(void *arg)
{
	Channel *c = arg;
	for(ulong i = 0; i < N; i++)
		CHECKEQ(sendul(c, i), 1);
}

static void *pthreadsender(void *arg)
{
	counter(arg);
	return NULL;
}

// A plain pthread that receives, yields, and uses alt.
static void *pthreadechoer(void *arg)
{
	Channel **cs = arg;
	ulong v;
	for(int i = 0; i < N; i++) {
		v = recvul(cs[0]);
		yield();
		Alt a[] = {
			{ cs[1], &v, CHANSND, NULL },
			{ NULL, NULL, CHANEND, NULL },
		};
		CHECKEQ(alt(a), 0);
	}
	return NULL;
}

static void drain(Channel *c)
{
	for(ulong i = 0; i < N; i++)
		CHECKEQ(recvul(c), i);
}

int main(void)
{
	Channel *c = chancreate(sizeof(ulong), 0);
	Channel *b = chancreate(sizeof(ulong), 3);
	pthread_t pt;

	// A thread in main's own proc: it runs while main blocks.
	threadcreate(counter, c, 0);
	drain(c);

	// A new proc.
	proccreate(counter, b, 0);
	drain(b);

	// Plain pthreads, sending and receiving.
	CHECKEQ(pthread_create(&pt, NULL, pthreadsender, c), 0);
	drain(c);
	CHECKEQ(pthread_join(pt, NULL), 0);

	Channel *cs[2] = { c, b };
	CHECKEQ(pthread_create(&pt, NULL, pthreadechoer, cs), 0);
	for(ulong i = 0; i < N; i++) {
		CHECKEQ(sendul(c, i * 3), 1);
		CHECKEQ(recvul(b), i * 3);
	}
	CHECKEQ(pthread_join(pt, NULL), 0);

	// Non-blocking calls and threaddata from the adopted main thread.
	CHECKEQ(nbsendul(c, 1), 0);
	CHECK(*threaddata() == NULL);
	CHECK(*procdata() == NULL);
	chanfree(c);
	chanfree(b);
	return 0;
}
