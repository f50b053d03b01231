/* Mock of plan9port's <libc.h>: what thread.h must coexist with, and what a
 * program linked with plan9port's lib9 sees of lib9's locks, their hooks
 * and the start-up (spelled and laid out as plan9port does, for x86_64
 * Linux, where plan9port uses pthreads). ctests/p9port/lib9.c is the
 * matching mock of lib9 itself. */
#ifndef _LIBC_H_
#define _LIBC_H_ 1

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>

#ifndef nil
#define nil ((void*)0)
#endif

typedef struct _Thread _Thread;
typedef struct _Threadlist _Threadlist;
struct _Threadlist
{
	_Thread	*head;
	_Thread	*tail;
};

typedef struct Lock Lock;
struct Lock
{
	int	init;
	pthread_mutex_t	mutex;
	int	held;
};

extern void lock(Lock*);
extern void unlock(Lock*);
extern int canlock(Lock*);
extern int (*_lock)(Lock*, int, ulong);
extern void (*_unlock)(Lock*, ulong);

typedef struct QLock QLock;
struct QLock
{
	Lock	l;
	_Thread	*owner;
	_Threadlist	waiting;
};

extern void qlock(QLock*);
extern void qunlock(QLock*);
extern int canqlock(QLock*);
extern int (*_qlock)(QLock*, int, ulong);
extern void (*_qunlock)(QLock*, ulong);

typedef struct Rendez Rendez;
struct Rendez
{
	QLock	*l;
	_Threadlist	waiting;
};

extern void rsleep(Rendez*);
extern int rwakeup(Rendez*);
extern int rwakeupall(Rendez*);
extern void (*_rsleep)(Rendez*, ulong);
extern int (*_rwakeup)(Rendez*, int, ulong);

typedef struct RWLock RWLock;
struct RWLock
{
	Lock	l;
	int	readers;
	_Thread	*writer;
	_Threadlist	rwaiting;
	_Threadlist	wwaiting;
};

extern void rlock(RWLock*);
extern void runlock(RWLock*);
extern int canrlock(RWLock*);
extern void wlock(RWLock*);
extern void wunlock(RWLock*);
extern int canwlock(RWLock*);
extern int (*_rlock)(RWLock*, int, ulong);
extern int (*_wlock)(RWLock*, int, ulong);
extern void (*_runlock)(RWLock*, ulong);
extern void (*_wunlock)(RWLock*, ulong);

/* sigjmp_buf's size, which glibc's jmp_buf shares (sigjmp_buf needs POSIX) */
typedef long p9jmp_buf[sizeof(jmp_buf)/(sizeof(long))];
typedef struct Jmp Jmp;
struct Jmp
{
	p9jmp_buf	b;
};

extern Jmp *(*_notejmpbuf)(void);
extern void (*_pin)(void);
extern void (*_unpin)(void);
extern void (*_sysfatal)(char*, ...);
extern void sysfatal(char*, ...);

typedef struct Waitmsg
{
	int pid;
	ulong time[3];
	char *msg;
} Waitmsg;

extern char *argv0;
extern int p9main(int, char**);

#ifndef NOPLAN9DEFINES
#define main p9main
#endif

#endif
