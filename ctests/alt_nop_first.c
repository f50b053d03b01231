// alt with CHANNOP entries before its sends and receives, as the first alt of a fresh proc, in arrays small, middling and large, and with more NOPs than entries that take part: alt completes a ready entry, reads nothing outside the array and writes nothing outside its own memory, and a proc that reuses an ended proc's record leaks nothing (built with AddressSanitizer, whose leak check runs at exit). Such an array once made alt write through the empty scratch list of a new proc, and a reused proc record once leaked the old one's list.
// qemu: LeakSanitizer does not run under qemu-user
// cflags: -fsanitize=address
#include "test.h"

enum { MAXN = 200 };

typedef struct Shape {
	int nops, chans;
} Shape;

static Channel *done;

static void check(void *arg)
{
	static Alt a[MAXN + 1];
	Shape *sh = arg;
	Channel *c = chancreate(sizeof(int), 1);
	int v = 7, w = 0, n = sh->nops + sh->chans;

	for(int i = 0; i < sh->nops; i++)
		a[i] = (Alt){ NULL, NULL, CHANNOP, NULL };
	for(int i = sh->nops; i < n; i++)
		a[i] = (Alt){ c, &w, CHANRCV, NULL };
	a[n] = (Alt){ NULL, NULL, CHANNOBLK, NULL };
	CHECKEQ(send(c, &v), 1);
	int r = alt(a);
	CHECK(r >= sh->nops && r < n);
	CHECKEQ(w, 7);
	// Nothing is ready now: the CHANNOBLK entry's index.
	CHECKEQ(alt(a), n);
	chanfree(c);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	static Shape shapes[] = { { 1, 3 }, { 10, 10 }, { 1, 50 }, { 100, 50 } };

	done = chancreate(sizeof(ulong), 0);
	int before = test_count_entries("/proc/self/task");
	for(int i = 0; i < (int)(sizeof shapes / sizeof shapes[0]); i++) {
		CHECK(shapes[i].nops + shapes[i].chans <= MAXN);
		// Each in a proc of its own, whose scratch list starts empty. Once
		// a proc's OS thread is gone its record is free, and the next
		// proc takes it over.
		proccreate(check, &shapes[i], 65536);
		recvul(done);
		CHECKEQ(test_await_entries("/proc/self/task", before, 1000), before);
	}
	threadexitsall(NULL);
}
