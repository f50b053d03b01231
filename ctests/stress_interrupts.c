// Random sends, receives, alts and non-blocking calls on shared channels in 3 procs, with threads interrupted at random: a value is received exactly when its send (or send entry) succeeded, never twice.
#include "test.h"

// Every operation is one of: send, recv, nbsend, nbrecv, an alt of two or
// three random entries (blocking, or ending in CHANNOBLK). Interrupters
// call threadint on random workers all along, so operations end as
// interrupted (-1) in every phase: queued, being completed, between procs.
// An interrupted operation must have moved nothing, a successful one
// exactly its value. Each value is (worker << SEQBITS) | sequence number,
// sent at most once.
enum {
	NPROC = 3,		// procs with workers, besides main's
	NWORK = 6,		// workers per proc
	NINT = 1,		// interrupters per proc
	NCHAN = 4,
	SEQBITS = 17,
	MAXSEQ = 1 << SEQBITS,
	OPS = 30000,		// operations per worker
};
enum { NW = NPROC * NWORK };

static Channel *chans[NCHAN];
static int workerid[NW];		// thread ids, for the interrupters
static unsigned char sentok[NW][MAXSEQ];	// send returned success
static unsigned char got[NW][MAXSEQ];		// received
static int nextseq[NW];
static long working = NW;
static long interrupted;
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

	if(w >= NW || (int)seq >= __atomic_load_n(&nextseq[w], __ATOMIC_ACQUIRE))
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
failed(int r)
{
	CHECKEQ(r, -1);
	__atomic_fetch_add(&interrupted, 1, __ATOMIC_RELAXED);
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
	if(r < 0) {
		failed(r);
		return;
	}
	CHECK(r < n);
	for(int i = 0; i < n; i++)
		if(i != r && a[i].op == CHANRCV)
			CHECKEQ(v[i], ~0ULL);
	if(a[r].op == CHANSND)
		sent(v[r]);
	else
		delivered(v[r]);
}

static void
worker(void *arg)
{
	int w = (int)(long)arg, r;
	unsigned s = 7919u * (unsigned)(w + 1);
	uvlong v;
	Channel *c;

	__atomic_store_n(&workerid[w], threadid(), __ATOMIC_RELEASE);
	for(int i = 0; i < OPS; i++) {
		c = chans[rnd(&s) % NCHAN];
		switch(rnd(&s) % 6) {
		case 0:
			v = fresh(w);
			if((r = send(c, &v)) == 1)
				sent(v);
			else
				failed(r);
			break;
		case 1:
			v = ~0ULL;
			if((r = recv(c, &v)) == 1)
				delivered(v);
			else {
				failed(r);
				CHECKEQ(v, ~0ULL);
			}
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
	if(__atomic_sub_fetch(&working, 1, __ATOMIC_ACQ_REL) == 0)
		sendul(done, 1);
}

// Interrupts random workers until every worker has finished: also those
// whose partners have finished, which would otherwise stay blocked.
static void
interrupter(void *arg)
{
	unsigned s = 104729u * (unsigned)((long)arg + 1);

	while(__atomic_load_n(&working, __ATOMIC_ACQUIRE) > 0) {
		int id = __atomic_load_n(&workerid[rnd(&s) % NW], __ATOMIC_ACQUIRE);
		if(id > 0)
			threadint(id);
		for(int k = rnd(&s) % 8; k > 0; k--)
			yield();
	}
}

static void
procmain(void *arg)
{
	long p = (long)arg;

	for(long i = 0; i < NWORK; i++)
		threadcreate(worker, (void*)(p * NWORK + i), 0);
	for(long i = 0; i < NINT; i++)
		threadcreate(interrupter, (void*)(p * NINT + i), 0);
}

void
threadmain(int argc, char *argv[])
{
	static const int caps[NCHAN] = { 0, 0, 1, 3 };
	long nsent = 0, ngot = 0;
	uvlong v;

	(void)argc; (void)argv;
	for(int i = 0; i < NCHAN; i++)
		chans[i] = chancreate(sizeof(uvlong), caps[i]);
	done = chancreate(sizeof(ulong), 1);
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	CHECKEQ(recvul(done), 1);
	for(int i = 0; i < NCHAN; i++)
		while(nbrecv(chans[i], &v) == 1)
			delivered(v);
	for(int w = 0; w < NW; w++)
		for(int seq = 0; seq < nextseq[w]; seq++) {
			if(got[w][seq] != sentok[w][seq])
				FAILF("value %#llx: send succeeded %d, received %d",
					((uvlong)w << SEQBITS) | (uvlong)seq, sentok[w][seq], got[w][seq]);
			nsent += sentok[w][seq];
			ngot += got[w][seq];
		}
	CHECKEQ(nsent, ngot);
	// The test is only worth its name if both outcomes were common.
	CHECK(ngot > 1000);
	CHECK(__atomic_load_n(&interrupted, __ATOMIC_RELAXED) > 100);
	printf("%ld values moved, %ld operations interrupted\n", ngot, interrupted);
	threadexitsall(NULL);
}
