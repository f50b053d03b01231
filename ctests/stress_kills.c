// Random channel operations in 3 procs while threads are killed at random and replaced: no value arrives twice or unsent, and only a killed thread's last operation may lose or leave unrecorded a value.

// Workers run random sends, receives, alts and non-blocking calls on shared
// channels, recording each value they receive and each send that succeeded.
// A killer in each proc kills random workers (from any proc) and starts a
// replacement in its own proc, up to MAXW workers in all. A killed worker
// dies at its next scheduling point, and may die right after an operation
// completed, before recording it; so at the end, a value received but not
// recorded as sent must come from a killed worker's last operation, and
// there are at most as many values sent but never received (a receiver
// killed as it got one) as killed workers.
enum {
	NPROC = 3,		// procs with workers, besides main's
	NWORK = 6,		// workers started per proc
	MAXW = 1000,		// workers in all, replacements included
	OPS = 2000,		// operations per worker
};
#define STRESS_WORKERS MAXW
#define STRESS_SEQBITS 13
#include "stress.h"

enum { ALIVE = 1, DONE, KILLED };

static int state[MAXW];
static long nworkers;		// workers started
static long working;		// workers neither done nor killed
static long nkilled;
static Channel *done;

static void worker(void *arg);

// Starts a worker, unless MAXW have been started: killers in several
// procs may race for the last places.
static void
start(void)
{
	long w = __atomic_load_n(&nworkers, __ATOMIC_RELAXED);

	do
		if(w >= MAXW)
			return;
	while(!__atomic_compare_exchange_n(&nworkers, &w, w + 1, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	__atomic_add_fetch(&working, 1, __ATOMIC_ACQ_REL);
	__atomic_store_n(&state[w], ALIVE, __ATOMIC_RELEASE);
	threadcreate(worker, (void*)w, 0);
}

// Ends worker w's count as done or killed, whichever comes first.
static void
finish(int w, int how)
{
	int alive = ALIVE;

	if(!__atomic_compare_exchange_n(&state[w], &alive, how, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	if(how == KILLED) {
		__atomic_add_fetch(&nkilled, 1, __ATOMIC_RELAXED);
		threadkill(__atomic_load_n(&stress_workerid[w], __ATOMIC_ACQUIRE));
	}
	if(__atomic_sub_fetch(&working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

static void
worker(void *arg)
{
	int w = (int)(long)arg;

	stress_run(w, OPS);
	finish(w, DONE);
}

// Kills random workers, replacing each while there are workers to spare,
// until none is left: the last ones are blocked for good, their partners
// gone, until killed.
static void
killer(void *arg)
{
	unsigned s = 104729u * (unsigned)((long)arg + 1);

	while(__atomic_load_n(&working, __ATOMIC_ACQUIRE) > 0) {
		long n = __atomic_load_n(&nworkers, __ATOMIC_ACQUIRE);
		int w = test_rnd(&s) % n;
		if(__atomic_load_n(&state[w], __ATOMIC_ACQUIRE) == ALIVE && __atomic_load_n(&stress_workerid[w], __ATOMIC_ACQUIRE) > 0) {
			start();
			finish(w, KILLED);
		}
		for(int k = test_rnd(&s) % 2048; k > 0; k--)
			yield();
	}
}

static void
procmain(void *arg)
{
	for(long i = 0; i < NWORK; i++)
		start();
	threadcreate(killer, arg, 0);
}

void
threadmain(int argc, char *argv[])
{
	long lost = 0, unrecorded = 0, moved = 0;

	(void)argc; (void)argv;
	// Capacities 0, 1, 2 and 3.
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_chans[i] = chancreate(sizeof(uvlong), i);
	done = chancreate(sizeof(ulong), 1);
	// Counted before any proc starts, so that working cannot reach 0 early.
	__atomic_add_fetch(&working, 1, __ATOMIC_ACQ_REL);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	while(__atomic_load_n(&nworkers, __ATOMIC_ACQUIRE) < NPROC * NWORK)
		yield();
	if(__atomic_sub_fetch(&working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
	CHECKEQ(recvul(done), 1);
	// A killed worker runs on to its next scheduling point; its records
	// are final once it has gone.
	for(int w = 0; w < nworkers; w++)
		while(state[w] == KILLED && threadint(stress_workerid[w]) == 1)
			test_sleep_ms(1);
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_drain(stress_chans[i]);
	for(int w = 0; w < nworkers; w++)
		for(int seq = 0; seq < stress_nextseq[w]; seq++) {
			if(stress_got[w][seq] && !stress_sent[w][seq]) {
				if(state[w] != KILLED || seq < stress_lastop[w])
					FAILF("value %#llx received, but its send never returned", stress_value(w, seq));
				unrecorded++;
			} else if(stress_sent[w][seq] && !stress_got[w][seq])
				lost++;
			moved += stress_got[w][seq];
		}
	if(lost > nkilled || unrecorded > nkilled)
		FAILF("%ld killed, but %ld values lost and %ld sends unrecorded", nkilled, lost, unrecorded);
	// Nothing interrupts a worker or closes a channel here.
	CHECKEQ(stress_failed, 0);
	CHECK(moved > 1000);
	CHECK(nkilled > 50);
	printf("%ld values moved, %ld workers killed, %ld values lost with them, %ld sends unrecorded\n", moved, nkilled, lost, unrecorded);
	threadexitsall(NULL);
}
