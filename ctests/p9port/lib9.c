/* Mock of plan9port's lib9, for tests of relinking: the hook variables,
 * lock, qlock, rlock, wlock, rsleep and sysfatal calling through them as
 * lib9 does, and lib9's main, which calls p9main. Where lib9 would fall back
 * to proc-level behaviour without a thread library, the mock fails loudly:
 * the tests must run through the library's hooks. */
#define NOPLAN9DEFINES
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "u.h"
#include "libc.h"

int (*_lock)(Lock*, int, ulong);
void (*_unlock)(Lock*, ulong);
int (*_qlock)(QLock*, int, ulong);
void (*_qunlock)(QLock*, ulong);
int (*_rlock)(RWLock*, int, ulong);
int (*_wlock)(RWLock*, int, ulong);
void (*_runlock)(RWLock*, ulong);
void (*_wunlock)(RWLock*, ulong);
void (*_rsleep)(Rendez*, ulong);
int (*_rwakeup)(Rendez*, int, ulong);
Jmp *(*_notejmpbuf)(void);
void (*_pin)(void);
void (*_unpin)(void);
void (*_sysfatal)(char*, ...);
char *argv0;

static void
nohook(const char *what)
{
	fprintf(stderr, "lib9 mock: %s called with no hook installed\n", what);
	_exit(2);
}

/* The pc argument lib9 passes, for debugging; any value will do. */
#define PC ((ulong)__builtin_return_address(0))

void lock(Lock *l) { if(_lock == nil) nohook("lock"); (*_lock)(l, 1, PC); }
int canlock(Lock *l) { if(_lock == nil) nohook("canlock"); return (*_lock)(l, 0, PC); }
void unlock(Lock *l) { if(_unlock == nil) nohook("unlock"); (*_unlock)(l, PC); }

void qlock(QLock *q) { if(_qlock == nil) nohook("qlock"); (*_qlock)(q, 1, PC); }
int canqlock(QLock *q) { if(_qlock == nil) nohook("canqlock"); return (*_qlock)(q, 0, PC); }
void qunlock(QLock *q) { if(_qunlock == nil) nohook("qunlock"); (*_qunlock)(q, PC); }

void rlock(RWLock *l) { if(_rlock == nil) nohook("rlock"); (*_rlock)(l, 1, PC); }
int canrlock(RWLock *l) { if(_rlock == nil) nohook("canrlock"); return (*_rlock)(l, 0, PC); }
void runlock(RWLock *l) { if(_runlock == nil) nohook("runlock"); (*_runlock)(l, PC); }
void wlock(RWLock *l) { if(_wlock == nil) nohook("wlock"); (*_wlock)(l, 1, PC); }
int canwlock(RWLock *l) { if(_wlock == nil) nohook("canwlock"); return (*_wlock)(l, 0, PC); }
void wunlock(RWLock *l) { if(_wunlock == nil) nohook("wunlock"); (*_wunlock)(l, PC); }

void rsleep(Rendez *r) { if(_rsleep == nil) nohook("rsleep"); (*_rsleep)(r, PC); }
int rwakeup(Rendez *r) { if(_rwakeup == nil) nohook("rwakeup"); return (*_rwakeup)(r, 0, PC); }
int rwakeupall(Rendez *r) { if(_rwakeup == nil) nohook("rwakeupall"); return (*_rwakeup)(r, 1, PC); }

/* As lib9: the hook is declared variadic but called with a va_list. */
void
sysfatal(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	if(_sysfatal == nil)
		nohook("sysfatal");
	((void (*)(char*, va_list))_sysfatal)(fmt, arg);
	va_end(arg);
	abort();
}

int
main(int argc, char **argv)
{
	p9main(argc, argv);
	fprintf(stderr, "lib9 mock: p9main returned\n");
	return 99;
}
