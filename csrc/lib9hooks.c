/*
 * plan9port's lib9 hooks. lib9 (part of the program, when it links
 * plan9port's lib9) defines function-pointer variables through which its
 * lock, qlock, rlock, wlock, rsleep, rwakeup, notejmp, pin and sysfatal
 * calls go; a thread library fills them in at start-up so that those calls
 * block threads rather than procs. The variables are weak references here:
 * a program without lib9 has none of them, and then nothing is installed.
 *
 * The implementations are Rust (src/lib9.rs), except threadsysfatal, which
 * takes a va_list.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef unsigned long ulong;

extern int (*_lock)(void *, int, ulong) __attribute__((weak));
extern void (*_unlock)(void *, ulong) __attribute__((weak));
extern int (*_qlock)(void *, int, ulong) __attribute__((weak));
extern void (*_qunlock)(void *, ulong) __attribute__((weak));
extern int (*_rlock)(void *, int, ulong) __attribute__((weak));
extern void (*_runlock)(void *, ulong) __attribute__((weak));
extern int (*_wlock)(void *, int, ulong) __attribute__((weak));
extern void (*_wunlock)(void *, ulong) __attribute__((weak));
extern void (*_rsleep)(void *, ulong) __attribute__((weak));
extern int (*_rwakeup)(void *, int, ulong) __attribute__((weak));
extern void *(*_notejmpbuf)(void) __attribute__((weak));
extern void (*_pin)(void) __attribute__((weak));
extern void (*_unpin)(void) __attribute__((weak));
/* lib9 declares it void (*)(char*, ...) but calls it with a va_list. */
extern void (*_sysfatal)(char *, va_list) __attribute__((weak));
extern char *argv0 __attribute__((weak));
/* lib9's formatter, which knows Plan 9's verbs (%r and friends). */
extern char *vseprint(char *, char *, char *, va_list) __attribute__((weak));

extern int p9thread_lib9_lock(void *, int, ulong);
extern void p9thread_lib9_unlock(void *, ulong);
extern int p9thread_lib9_qlock(void *, int, ulong);
extern void p9thread_lib9_qunlock(void *, ulong);
extern int p9thread_lib9_rlock(void *, int, ulong);
extern void p9thread_lib9_runlock(void *, ulong);
extern int p9thread_lib9_wlock(void *, int, ulong);
extern void p9thread_lib9_wunlock(void *, ulong);
extern void p9thread_lib9_rsleep(void *, ulong);
extern int p9thread_lib9_rwakeup(void *, int, ulong);
extern void *p9thread_lib9_notejmpbuf(void);
extern void *p9thread_current(void);
extern void p9thread_needstack(int);
extern void threadpin(void);
extern void threadunpin(void);
extern void threadexitsall(char *) __attribute__((noreturn));

void threadsysfatal(char *fmt, va_list arg);
extern void p9thread_nil_format(const char *who) __attribute__((noreturn));
extern void p9thread_format_failed(const char *who, const char *fmt, int err) __attribute__((noreturn));

/* plan9port's debugging level, which its programs may set; this library's
   debugging output is chosen with LIBTHREAD_DEBUG instead. */
int _threaddebuglevel __attribute__((weak));

/* plan9port's threadnow: the running thread, as lib9 may ask for it. Weak,
   in case the program's lib9 has its own. */
void *(*threadnow)(void) __attribute__((weak)) = p9thread_current;

/* Prints "argv0: message" on standard error and ends the program with the
   message as its status, for lib9's sysfatal. */
void
threadsysfatal(char *fmt, va_list arg)
{
	char buf[256];

	if(fmt == NULL)
		p9thread_nil_format("threadsysfatal");
	if(vseprint != NULL)
		vseprint(buf, buf + sizeof buf, fmt, arg);
	else if(vsnprintf(buf, sizeof buf, fmt, arg) < 0)
		p9thread_format_failed("threadsysfatal", fmt, errno);
	fprintf(stderr, "%s: %s\n", &argv0 != NULL && argv0 != NULL ? argv0 : "<prog>", buf);
	fflush(stderr);
	threadexitsall(buf);
}

/* plan9port's needstack: announces that n bytes of stack are about to be
   used, and ends the program with the stack-overflow message if fewer are
   left. Weak, so a program's own wins. */
void needstack(int n) __attribute__((weak));

void
needstack(int n)
{
	p9thread_needstack(n);
}

#define HOOK(var, fn) do { if(&(var) != NULL) (var) = (fn); } while(0)

void
p9thread_install_lib9_hooks(void)
{
	HOOK(_lock, p9thread_lib9_lock);
	HOOK(_unlock, p9thread_lib9_unlock);
	HOOK(_qlock, p9thread_lib9_qlock);
	HOOK(_qunlock, p9thread_lib9_qunlock);
	HOOK(_rlock, p9thread_lib9_rlock);
	HOOK(_runlock, p9thread_lib9_runlock);
	HOOK(_wlock, p9thread_lib9_wlock);
	HOOK(_wunlock, p9thread_lib9_wunlock);
	HOOK(_rsleep, p9thread_lib9_rsleep);
	HOOK(_rwakeup, p9thread_lib9_rwakeup);
	HOOK(_notejmpbuf, p9thread_lib9_notejmpbuf);
	HOOK(_pin, threadpin);
	HOOK(_unpin, threadunpin);
	HOOK(_sysfatal, threadsysfatal);
}
