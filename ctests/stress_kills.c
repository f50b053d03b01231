// Random channel operations in 3 procs while threads are killed at random and replaced: no value arrives twice or unsent, and only a killed thread's last operation may lose or leave unrecorded a value.
#include "test.h"

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
	NCHAN = 4,
	SEQBITS = 13,
	MAXSEQ = 1 << SEQBITS,
	OPS = 2000,		// operations per worker
};
enum { ALIVE = 1, DONE, KILLED };

static Channel *chans[NCHAN];
static unsigned char sentok[MAXW][MAXSEQ];
static unsigned char got[MAXW][MAXSEQ];
static int nextseq[MAXW];
static int lastop[MAXW];	// first sequence number of the last operation
static int state[MAXW];
static int tid[MAXW];
static long nworkers;		// workers started
static long working;		// workers neither done nor killed
static long nkilled;
static Channel *done;

static unsigned
rnd(unsigned *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 16;
}

static uvlong
fresh(int w)
{
	int seq = nextseq[w];

	CHECK(seq < MAXSEQ);
	__atomic_store_n(&nextseq[w], seq + 1, __ATOMIC_RELEASE);
	return ((uvlong)w << SEQBITS) | (uvlong)seq;
}

static void
delivered(uvlong v)
{
	uvlong w = v >> SEQBITS, seq = v & (MAXSEQ - 1);

	if(w >= MAXW || (int)seq >= __atomic_load_n(&nextseq[w], __ATOMIC_ACQUIRE))
		FAILF("received %#llx, which nobody sent", v);
	if(__atomic_fetch_add(&got[w][seq], 1, __ATOMIC_RELAXED) != 0)
		FAILF("value %#llx received twice", v);
}

static void
sent(uvlong v)
{
	sentok[v >> SEQBITS][v & (MAXSEQ - 1)] = 1;
}

static void
randomalt(int w, unsigned *s)
{
	Alt a[4];
	uvlong v[3];
	int n = 2 + rnd(s) % 2, r;

	for(int i = 0; i < n; i++) {
		a[i].c = chans[rnd(s) % NCHAN];
		a[i].op = rnd(s) % 2 ? CHANSND : CHANRCV;
		a[i].err = NULL;
		v[i] = a[i].op == CHANSND ? fresh(w) : ~0ULL;
		a[i].v = &v[i];
	}
	a[n].c = NULL;
	a[n].v = NULL;
	a[n].err = NULL;
	a[n].op = rnd(s) % 4 == 0 ? CHANNOBLK : CHANEND;
	r = alt(a);
	if(r == n && a[n].op == CHANNOBLK)
		return;
	CHECK(r >= 0 && r < n);
	if(a[r].op == CHANSND)
		sent(v[r]);
	else
		delivered(v[r]);
}

static void worker(void *arg);

static void
start(void)
{
	long w = __atomic_fetch_add(&nworkers, 1, __ATOMIC_RELAXED);

	CHECK(w < MAXW);
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
		threadkill(__atomic_load_n(&tid[w], __ATOMIC_ACQUIRE));
	}
	if(__atomic_sub_fetch(&working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

static void
worker(void *arg)
{
	int w = (int)(long)arg, r;
	unsigned s = 7919u * (unsigned)(w + 1);
	uvlong v;
	Channel *c;

	__atomic_store_n(&tid[w], threadid(), __ATOMIC_RELEASE);
	for(int i = 0; i < OPS; i++) {
		lastop[w] = nextseq[w];
		c = chans[rnd(&s) % NCHAN];
		switch(rnd(&s) % 6) {
		case 0:
			v = fresh(w);
			CHECKEQ(send(c, &v), 1);
			sent(v);
			break;
		case 1:
			CHECKEQ(recv(c, &v), 1);
			delivered(v);
			break;
		case 2:
			v = fresh(w);
			if((r = nbsend(c, &v)) == 1)
				sent(v);
			else
				CHECKEQ(r, 0);
			break;
		case 3:
			if((r = nbrecv(c, &v)) == 1)
				delivered(v);
			else
				CHECKEQ(r, 0);
			break;
		default:
			randomalt(w, &s);
			break;
		}
		if(rnd(&s) % 16 == 0)
			yield();
	}
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
		int w = rnd(&s) % n;
		if(__atomic_load_n(&state[w], __ATOMIC_ACQUIRE) == ALIVE && __atomic_load_n(&tid[w], __ATOMIC_ACQUIRE) > 0) {
			if(n < MAXW)
				start();
			finish(w, KILLED);
		}
		for(int k = rnd(&s) % 2048; k > 0; k--)
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
	static const int caps[NCHAN] = { 0, 0, 1, 3 };
	long lost = 0, unrecorded = 0, moved = 0;
	uvlong v;

	(void)argc; (void)argv;
	for(int i = 0; i < NCHAN; i++)
		chans[i] = chancreate(sizeof(uvlong), caps[i]);
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
		while(state[w] == KILLED && threadint(tid[w]) == 1)
			test_sleep_ms(1);
	for(int i = 0; i < NCHAN; i++)
		while(nbrecv(chans[i], &v) == 1)
			delivered(v);
	for(int w = 0; w < nworkers; w++)
		for(int seq = 0; seq < nextseq[w]; seq++) {
			uvlong val = ((uvlong)w << SEQBITS) | (uvlong)seq;
			if(got[w][seq] && !sentok[w][seq]) {
				if(state[w] != KILLED || seq < lastop[w])
					FAILF("value %#llx received, but its send never returned", val);
				unrecorded++;
			} else if(sentok[w][seq] && !got[w][seq])
				lost++;
			moved += got[w][seq];
		}
	if(lost > nkilled || unrecorded > nkilled)
		FAILF("%ld killed, but %ld values lost and %ld sends unrecorded", nkilled, lost, unrecorded);
	CHECK(moved > 1000);
	CHECK(nkilled > 50);
	printf("%ld values moved, %ld workers killed, %ld values lost with them, %ld sends unrecorded\n", moved, nkilled, lost, unrecorded);
	threadexitsall(NULL);
}
