// Plain pthreads, adopted by the library on their first call, run random channel operations against threads of 2 procs under random interrupts: a value is received exactly when its send succeeded, never twice.
#include "test.h"

#include <pthread.h>

// Half the workers are pthreads the program starts itself; each is adopted
// as a proc whose one thread runs on the pthread's own stack, and blocks by
// parking its OS thread. Interrupters in the library's procs call
// threadint on random workers, adopted ones included, until all are done.
// (stress.h has the workers' operations and the record of values.)
enum {
	NPROC = 2,		// procs with workers, besides main's
	NWORK = 3,		// workers per proc
	NPTHREAD = 6,		// workers that are pthreads
	OPS = 20000,		// operations per worker
};
#define STRESS_WORKERS (NPROC * NWORK + NPTHREAD)
#define STRESS_SEQBITS 17
#include "stress.h"

static Channel *done;

static void
work(int w)
{
	stress_run(w, OPS);
	if(__atomic_sub_fetch(&stress_working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

static void
worker(void *arg)
{
	work((int)(long)arg);
}

static void *
pthreadworker(void *arg)
{
	work((int)(long)arg);
	return NULL;
}

static void
procmain(void *arg)
{
	long p = (long)arg;

	for(long i = 0; i < NWORK; i++)
		threadcreate(worker, (void*)(p * NWORK + i), 0);
	threadcreate(stress_interrupter, arg, 0);
}

void
threadmain(int argc, char *argv[])
{
	pthread_t pt[NPTHREAD];
	long moved;

	(void)argc; (void)argv;
	stress_working = STRESS_WORKERS;
	// Capacities 0, 1, 2 and 3.
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_chans[i] = chancreate(sizeof(uvlong), i);
	done = chancreate(sizeof(ulong), 1);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	for(long i = 0; i < NPTHREAD; i++)
		CHECKEQ(pthread_create(&pt[i], NULL, pthreadworker, (void*)(NPROC * NWORK + i)), 0);
	CHECKEQ(recvul(done), 1);
	for(int i = 0; i < NPTHREAD; i++)
		CHECKEQ(pthread_join(pt[i], NULL), 0);
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_drain(stress_chans[i]);
	moved = stress_check_exact();
	CHECK(moved > 1000);
	CHECK(stress_failed > 100);
	printf("%ld values moved, %ld operations failed\n", moved, stress_failed);
	threadexitsall(NULL);
}
