// link: both
// incref and decref work on plan9port's Ref (64 bytes, the count at offset
// 56; on aarch64 72 bytes and 64), return the new count, and are atomic
// between procs.
#include "test.h"

#include <stddef.h>

static Ref r;
static Channel *done;

static void
bump(void *arg)
{
	int i;

	(void)arg;
	for(i = 0; i < 100000; i++){
		incref(&r);
		incref(&r);
		decref(&r);
	}
	sendul(done, 1);
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
#if defined(__aarch64__)
	CHECKEQ(sizeof(Ref), 72);
	CHECKEQ(offsetof(Ref, ref), 64);
#else
	CHECKEQ(sizeof(Ref), 64);
	CHECKEQ(offsetof(Ref, ref), 56);
#endif
	CHECKEQ(incref(&r), 1);
	CHECKEQ(incref(&r), 2);
	CHECKEQ(decref(&r), 1);
	CHECKEQ(r.ref, 1);
	done = chancreate(sizeof(ulong), 3);
	proccreate(bump, NULL, 32768);
	proccreate(bump, NULL, 32768);
	bump(NULL);
	recvul(done); recvul(done); recvul(done);
	CHECKEQ(r.ref, 1 + 3 * 100000);
	threadexitsall(NULL);
}
