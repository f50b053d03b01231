// A nil channel in a large alt is found even when other entries are ready: alt checks every entry before it completes any, and aborts with a message naming alt and the entry.
// expect: abort "alt: entry 63 has a nil channel"
#include "test.h"

enum { N = 64 };

void threadmain(int argc, char *argv[])
{
	static Alt a[N + 1];
	int v[N];
	(void)argc; (void)argv;
	for(int i = 0; i < N - 1; i++) {
		a[i].c = chancreate(sizeof(int), 1);
		CHECKEQ(nbsend(a[i].c, &i), 1);
		a[i].v = &v[i];
		a[i].op = CHANRCV;
	}
	a[N - 1].v = &v[N - 1];
	a[N - 1].op = CHANRCV;
	a[N].op = CHANNOBLK;
	alt(a);
	FAILF("alt with a nil channel returned");
}
