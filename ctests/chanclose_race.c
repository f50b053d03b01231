// chanclose racing with senders and receivers in several procs: every send that returned 1 is received exactly once, every later send fails with -1.
#include "test.h"

enum { NSEND = 4, NRECV = 3, MAXPER = 200000 };

static Channel *c, *done;
static unsigned char seen[NSEND * MAXPER];
static long succeeded[NSEND];
static long received;

static void sender(void *arg)
{
	long id = (long)arg;
	long i;
	for(i = 0; i < MAXPER; i++) {
		int v = (int)(id * MAXPER + i);
		int r = send(c, &v);
		if(r == -1)
			break;
		CHECKEQ(r, 1);
	}
	succeeded[id] = i;
	// Closed for good: every later send fails at once.
	int v = 0;
	for(int k = 0; k < 10; k++)
		CHECKEQ(send(c, &v), -1);
	sendul(done, 1);
}

static void receiver(void *arg)
{
	int v;
	(void)arg;
	while(recv(c, &v) == 1) {
		CHECK(v >= 0 && v < NSEND * MAXPER);
		if(__atomic_fetch_add(&seen[v], 1, __ATOMIC_RELAXED) != 0)
			FAILF("value %d received twice", v);
		__atomic_add_fetch(&received, 1, __ATOMIC_RELAXED);
	}
	CHECKEQ(recv(c, &v), -1);
	sendul(done, 2);
}

static void run(int nel)
{
	c = chancreate(sizeof(int), nel);
	done = chancreate(sizeof(ulong), NSEND + NRECV);
	memset(seen, 0, sizeof seen);
	received = 0;
	for(long i = 0; i < NSEND; i++)
		proccreate(sender, (void*)i, 0);
	for(long i = 0; i < NRECV; i++)
		proccreate(receiver, NULL, 0);
	test_sleep_ms(30);
	CHECKEQ(chanclose(c), 0);
	for(int i = 0; i < NSEND + NRECV; i++)
		recvul(done);

	long total = 0;
	for(int s = 0; s < NSEND; s++) {
		CHECK(succeeded[s] < MAXPER); // the close came first
		total += succeeded[s];
		// A sender's successful sends are exactly its first values.
		for(long i = 0; i < MAXPER; i++)
			if(seen[s * MAXPER + i] != (i < succeeded[s]))
				FAILF("sender %d value %ld: received %d times, send %s", s, i,
					seen[s * MAXPER + i], i < succeeded[s] ? "succeeded" : "failed");
	}
	CHECKEQ(received, total);
	CHECKEQ(chanclosing(c), 0);
	chanfree(c);
	chanfree(done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	run(0);
	run(16);
	threadexits(NULL);
}
