// A thread killed while blocked in an alt of many entries leaves nothing on the heap: the lists such an alt keeps there are freed before the thread exits (LeakSanitizer), whether it is killed by its own proc or another.
// qemu: LeakSanitizer does not run under qemu-user
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"

enum { ROUNDS = 50, ENTRIES = 40 };

static Channel *chans[ENTRIES];
static Channel *ids, *go, *done;

static void blocker(void *arg)
{
	Alt a[ENTRIES + 1];
	ulong v;
	int i;

	(void)arg;
	for(i = 0; i < ENTRIES; i++)
		a[i] = (Alt){ chans[i], &v, CHANRCV, NULL };
	a[ENTRIES] = (Alt){ NULL, NULL, CHANEND, NULL };
	sendul(ids, threadid());
	alt(a);
	FAILF("a killed thread returned from alt");
}

// Makes blockers in its own proc for threadmain to kill, and once they
// are killed, lets them exit.
static void maker(void *arg)
{
	int i;

	(void)arg;
	for(i = 0; i < ROUNDS; i++)
		threadcreate(blocker, NULL, 32 * 1024);
	recvul(go);
	while(yield() > 0)
		;
	sendul(done, 1);
}

void threadmain(int argc, char **argv)
{
	int i, id;

	(void)argc; (void)argv;
	ids = chancreate(sizeof(ulong), ROUNDS);
	go = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < ENTRIES; i++)
		chans[i] = chancreate(sizeof(ulong), 0);
	// Killed from their own proc.
	for(i = 0; i < ROUNDS; i++) {
		threadcreate(blocker, NULL, 32 * 1024);
		id = recvul(ids);
		while(yield() > 0)
			;
		threadkill(id);
		while(yield() > 0)
			;
	}
	// Killed from another proc.
	proccreate(maker, NULL, 32 * 1024);
	for(i = 0; i < ROUNDS; i++)
		threadkill(recvul(ids));
	sendul(go, 1);
	recvul(done);
	// LeakSanitizer looks at exit.
	threadexitsall(NULL);
}
