// sources: p9port/lib9.c
// lib9's _notejmpbuf hook gives each thread its own jump buffer, the same
// one on every call, big enough for a sigjmp_buf; _pin and _unpin may be
// called around code that must not switch procs.
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

#include <setjmp.h>

static Channel *c;

static void
other(void *arg)
{
	(void)arg;
	sendp(c, _notejmpbuf());
}

void
threadmain(int argc, char *argv[])
{
	Jmp *mine, *theirs;

	(void)argc; (void)argv;
	CHECK(sizeof(Jmp) >= sizeof(sigjmp_buf));
	c = chancreate(sizeof(void*), 0);
	mine = _notejmpbuf();
	CHECK(mine != nil);
	CHECK(_notejmpbuf() == mine);
	memset(mine, 0xAB, sizeof *mine);
	threadcreate(other, nil, 32768);
	theirs = recvp(c);
	CHECK(theirs != nil && theirs != mine);
	(*_pin)();
	(*_unpin)();
	threadexitsall(nil);
}
