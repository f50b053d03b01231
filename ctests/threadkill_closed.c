// A killed thread exits at its next blocking channel operation even when that operation would fail at once on closed channels: a send, and a blocking alt (small or large) whose entries have all been reported closed.
#include "test.h"

enum { LARGE = 40 };

static Channel *c1, *c2;
static int returned;	// how many killed threads returned from their operation

static void killed_send(void *arg)
{
	long x = 1;

	(void)arg;
	threadkill(threadid());
	send(c1, &x);
	returned++;
}

// An alt over n entries on the two closed channels.
static void killed_alt(void *arg)
{
	int n = (int)(long)arg;
	Alt a[LARGE + 1];
	long x;

	for(int i = 0; i < n; i++)
		a[i] = (Alt){ i % 2 ? c2 : c1, &x, CHANRCV, NULL };
	a[n] = (Alt){ NULL, NULL, CHANEND, NULL };
	// Every entry reported closed, as a loop over alt would find them.
	for(int i = 0; i < n; i++)
		CHECK(alt(a) >= 0);
	threadkill(threadid());
	alt(a);
	returned++;
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c1 = chancreate(sizeof(long), 0);
	c2 = chancreate(sizeof(long), 0);
	chanclose(c1);
	chanclose(c2);
	int ids[] = {
		threadcreate(killed_send, NULL, 0),
		threadcreate(killed_alt, (void *)2L, 0),
		threadcreate(killed_alt, (void *)(long)LARGE, 0),
	};
	for(int i = 0; i < 3; i++)
		while(threadint(ids[i]) == 1)
			yield();
	CHECKEQ(returned, 0);
	threadexitsall(NULL);
}
