// chanclose racing with senders and receivers in several procs: every send that returned 1 is received exactly once, every later send fails with -1.
#include "test.h"

// A receiver closes the channel when CLOSE_AT values have arrived, so the
// close lands in the middle of the stream however fast the procs run.
enum { NSEND = 4, NRECV = 3, MAXPER = 200000, CLOSE_AT = 20000, TRIES = 10 };

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
	// A sender that got all its values through before the close (its procs
	// ran while the closer's was preempted) waits for it.
	while(chanclosing(c) < 0)
		test_sleep_ms(1);
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
		if(__atomic_add_fetch(&received, 1, __ATOMIC_RELAXED) == CLOSE_AT)
			CHECKEQ(chanclose(c), 0);
	}
	CHECKEQ(recv(c, &v), -1);
	sendul(done, 2);
}

// One round; returns whether the close cut some sender short.
static int run(int nel)
{
	c = chancreate(sizeof(int), nel);
	done = chancreate(sizeof(ulong), NSEND + NRECV);
	memset(seen, 0, sizeof seen);
	received = 0;
	for(long i = 0; i < NSEND; i++)
		proccreate(sender, (void*)i, 0);
	for(long i = 0; i < NRECV; i++)
		proccreate(receiver, NULL, 0);
	for(int i = 0; i < NSEND + NRECV; i++)
		recvul(done);

	long total = 0;
	int cut = 0;
	for(int s = 0; s < NSEND; s++) {
		cut |= succeeded[s] < MAXPER;
		total += succeeded[s];
		// A sender's successful sends are exactly its first values.
		for(long i = 0; i < MAXPER; i++)
			if(seen[s * MAXPER + i] != (i < succeeded[s]))
				FAILF("sender %d value %ld: received %d times, send %s", s, i,
					seen[s * MAXPER + i], i < succeeded[s] ? "succeeded" : "failed");
	}
	CHECKEQ(received, total);
	CHECK(total >= CLOSE_AT);
	CHECKEQ(chanclosing(c), 0);
	chanfree(c);
	chanfree(done);
	return cut;
}

// Rounds until the close has raced a sender, which all but a stalled
// closer make happen in the first.
static void race(int nel)
{
	for(int i = 0; i < TRIES; i++)
		if(run(nel))
			return;
	FAILF("nel=%d: in %d rounds the close never came before the senders ended", nel, TRIES);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	race(0);
	race(16);
	threadexits(NULL);
}
