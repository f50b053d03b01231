// In a large alt (32 entries or more, which alt first samples at random), an entry already reported closed is never chosen again: each closed entry is reported once, then alt returns -1, with and without CHANNOBLK.
#include "test.h"

enum { N = 40 };

static void run(int noblk)
{
	Alt a[N + 1];
	Channel *c[N];
	char seen[N];
	int i, r, v;

	for(i = 0; i < N; i++) {
		c[i] = chancreate(sizeof(int), 0);
		CHECKEQ(chanclose(c[i]), 0);
		a[i].c = c[i];
		a[i].v = &v;
		a[i].op = i % 2 ? CHANSND : CHANRCV;
		a[i].err = NULL;
	}
	a[N].c = NULL;
	a[N].v = NULL;
	a[N].op = noblk ? CHANNOBLK : CHANEND;
	a[N].err = NULL;
	memset(seen, 0, sizeof seen);
	for(i = 0; i < N; i++) {
		r = alt(a);
		CHECK(r >= 0 && r < N);
		if(seen[r])
			FAILF("entry %d, already reported closed, chosen again (alt %d)", r, i);
		seen[r] = 1;
		CHECK(a[r].err != NULL);
		CHECK(strcmp(a[r].err, "channel was closed") == 0);
	}
	CHECKEQ(alt(a), -1);
	CHECKEQ(alt(a), -1);
	for(i = 0; i < N; i++)
		chanfree(c[i]);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	for(int k = 0; k < 20; k++) {
		run(0);
		run(1);
	}
	threadexits(NULL);
}
