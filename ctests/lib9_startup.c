// sources: p9port/lib9.c
// link: both
// A program linked with plan9port's lib9 (here a mock of it) starts in
// lib9's main, which calls p9main: the library's p9main runs threadmain
// with the arguments, sets lib9's argv0 and installs every lib9 hook.
// args: one two
#include "p9port/u.h"
#include "p9port/libc.h"
#include "test.h"

void
threadmain(int argc, char *argv[])
{
	CHECKEQ(argc, 3);
	CHECK(strcmp(argv[1], "one") == 0 && strcmp(argv[2], "two") == 0);
	CHECK(argv0 == argv[0]);
	CHECK(_lock != nil && _unlock != nil);
	CHECK(_qlock != nil && _qunlock != nil);
	CHECK(_rlock != nil && _runlock != nil && _wlock != nil && _wunlock != nil);
	CHECK(_rsleep != nil && _rwakeup != nil);
	CHECK(_notejmpbuf != nil && _pin != nil && _unpin != nil && _sysfatal != nil);
	threadexitsall(nil);
}
