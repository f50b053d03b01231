// Random sends, receives, alts and non-blocking calls on shared channels in 3 procs, with threads interrupted and channels closed at random: a value is received exactly when its send (or send entry) succeeded, never twice.
#include "test.h"

// Interrupters call threadint on random workers all along, and a closer
// closes random channels, putting a new one in each's place; so operations
// fail (-1, or an alt entry reported closed) in every phase: queued, being
// completed, between procs. A failed operation must have moved nothing, a
// successful one exactly its value. (stress.h has the workers' operations
// and the record of values.)
enum {
	NPROC = 3,		// procs with workers, besides main's
	NWORK = 6,		// workers per proc
	NINT = 1,		// interrupters per proc
	OPS = 30000,		// operations per worker
	NCLOSE = 200,		// channels closed, at most
	// An operation makes about one value.
	VALUES_PER_CLOSE = NPROC * NWORK * OPS / (NCLOSE + 1),
};
#define STRESS_WORKERS (NPROC * NWORK)
#define STRESS_SEQBITS 17
#include "stress.h"

static Channel *closed[NCLOSE];
static long nclosed;
static Channel *done, *closerdone;

static void
worker(void *arg)
{
	stress_run((int)(long)arg, OPS);
	if(__atomic_sub_fetch(&stress_working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

// Closes a random channel each time the workers have made another
// VALUES_PER_CLOSE values, after putting a new one of the same size in its
// place; closed channels are drained at the end.
static void
closer(void *arg)
{
	unsigned s = 15485863u;

	(void)arg;
	while(nclosed < NCLOSE && __atomic_load_n(&stress_working, __ATOMIC_ACQUIRE) > 0) {
		if(stress_progress() < (nclosed + 1) * VALUES_PER_CLOSE) {
			yield();
			continue;
		}
		int i = test_rnd(&s) % STRESS_NCHAN;
		Channel *old = stress_chans[i];
		__atomic_store_n(&stress_chans[i], chancreate(sizeof(uvlong), i), __ATOMIC_RELEASE);
		CHECKEQ(chanclose(old), 0);
		closed[nclosed++] = old;
	}
	sendul(closerdone, 1);
}

static void
procmain(void *arg)
{
	long p = (long)arg;

	for(long i = 0; i < NWORK; i++)
		threadcreate(worker, (void*)(p * NWORK + i), 0);
	for(long i = 0; i < NINT; i++)
		threadcreate(stress_interrupter, (void*)(p * NINT + i), 0);
	if(p == 0)
		threadcreate(closer, NULL, 0);
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	stress_working = STRESS_WORKERS;
	// Capacities 0, 1, 2 and 3.
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_chans[i] = chancreate(sizeof(uvlong), i);
	done = chancreate(sizeof(ulong), 1);
	closerdone = chancreate(sizeof(ulong), 1);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(recvul(closerdone), 1);
	for(int i = 0; i < STRESS_NCHAN; i++)
		stress_drain(stress_chans[i]);
	for(int i = 0; i < nclosed; i++) {
		stress_drain(closed[i]);
		CHECKEQ(chanclosing(closed[i]), 0);
	}
	long ngot = stress_check_exact();
	// The test is only worth its name if every outcome was common.
	CHECK(ngot > 1000);
	CHECK(stress_failed > 100);
	CHECK(nclosed > 10);
	printf("%ld values moved, %ld operations failed, %ld channels closed\n", ngot, stress_failed, nclosed);
	threadexitsall(NULL);
}
