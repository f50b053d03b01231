// chanfree with threads blocked on the channel returns at once and frees it only after they leave: no use after free under AddressSanitizer.
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"

// A channel left to a thread that stays blocked until exit is, rightly,
// never freed: leak reports would be noise here.  We test use after free.
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

typedef struct W {
	Channel *freed;  // freed while we wait on it
	Channel *wake;   // then we are woken through this one
	Channel *done;
	int which;       // index alt returned
	int v;
} W;

static void altwaiter(void *arg)
{
	W *w = arg;
	int x = 0;
	Alt a[] = {
		{ w->freed, &x, CHANRCV, NULL },
		{ w->wake, &w->v, CHANRCV, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	w->which = alt(a);
	sendul(w->done, 1);
}

static void sendwaiter(void *arg)
{
	W *w = arg;
	int x = 3;
	Alt a[] = {
		{ w->wake, &w->v, CHANRCV, NULL },
		{ w->freed, &x, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	w->which = alt(a);
	sendul(w->done, 1);
}

static void recvforever(void *arg)
{
	Channel *c = arg;
	int x;
	recv(c, &x);
	FAILF("recv on a freed channel returned");
}

static void woken(void (*fn)(void*), int nel, int useproc)
{
	W w;
	w.freed = chancreate(sizeof(int), nel);
	w.wake = chancreate(sizeof(int), 0);
	w.done = chancreate(sizeof(ulong), 1);
	w.which = -2;
	w.v = 0;
	if(useproc)
		proccreate(fn, &w, 0);
	else
		threadcreate(fn, &w, 0);
	test_yield_n(10);
	test_sleep_ms(10);
	test_yield_n(10);
	CHECKEQ(nbrecvul(w.done), 0);

	chanfree(w.freed); // returns at once: the thread is still blocked
	test_yield_n(10);
	CHECKEQ(nbrecvul(w.done), 0);

	int v = 99;
	CHECKEQ(send(w.wake, &v), 1);
	CHECKEQ(recvul(w.done), 1);
	CHECKEQ(w.which, fn == altwaiter ? 1 : 0);
	CHECKEQ(w.v, 99);
	chanfree(w.wake);
	chanfree(w.done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;

	woken(altwaiter, 0, 0);
	woken(altwaiter, 2, 0);
	woken(sendwaiter, 0, 0);
	woken(altwaiter, 0, 1);
	woken(sendwaiter, 0, 1);

	// Some allocation churn, so that freed memory gets reused.
	for(int i = 0; i < 100; i++)
		chanfree(chancreate(sizeof(int), i % 4));

	// Threads and a proc left blocked on freed channels while the
	// program exits.
	Channel *c = chancreate(sizeof(int), 0);
	threadcreate(recvforever, c, 0);
	threadcreate(recvforever, c, 0);
	Channel *d = chancreate(sizeof(int), 1);
	proccreate(recvforever, d, 0);
	test_yield_n(10);
	test_sleep_ms(10);
	chanfree(c);
	chanfree(d);
	test_yield_n(10);
	test_sleep_ms(10);
	threadexitsall(NULL);
}
