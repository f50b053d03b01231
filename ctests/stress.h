// stress.h: random channel traffic for the stress tests (stress_*.c).
//
// Workers, numbered 0 .. STRESS_WORKERS-1, run random operations on the
// channels in stress_chans: send, recv, nbsend, nbrecv, and alts of two or
// three random entries, blocking or ending in CHANNOBLK. Every value sent
// is new: (worker << STRESS_SEQBITS) | sequence number. The record says
// which values a send (or send entry) returned success for, and which were
// received; a value received twice or never sent fails the test at once.
// Define STRESS_WORKERS and STRESS_SEQBITS before including this file.
#ifndef P9THREAD_STRESS_H
#define P9THREAD_STRESS_H

#include "test.h"

enum { STRESS_MAXSEQ = 1 << STRESS_SEQBITS, STRESS_NCHAN = 4 };

// The channels operations pick from; a test may replace one at any time.
static Channel *stress_chans[STRESS_NCHAN];
static unsigned char stress_sent[STRESS_WORKERS][STRESS_MAXSEQ];
static unsigned char stress_got[STRESS_WORKERS][STRESS_MAXSEQ];
static int stress_nextseq[STRESS_WORKERS];
// The first sequence number of each worker's latest operation.
static int stress_lastop[STRESS_WORKERS];

static inline uvlong stress_value(int w, int seq)
{
	return ((uvlong)w << STRESS_SEQBITS) | (uvlong)seq;
}

static inline uvlong stress_fresh(int w)
{
	int seq = stress_nextseq[w];

	CHECK(seq < STRESS_MAXSEQ);
	__atomic_store_n(&stress_nextseq[w], seq + 1, __ATOMIC_RELEASE);
	return stress_value(w, seq);
}

// Records a value received.
static inline void stress_delivered(uvlong v)
{
	uvlong w = v >> STRESS_SEQBITS, seq = v & (STRESS_MAXSEQ - 1);

	if(w >= STRESS_WORKERS || (int)seq >= __atomic_load_n(&stress_nextseq[w], __ATOMIC_ACQUIRE))
		FAILF("received %#llx, which nobody sent", v);
	if(__atomic_fetch_add(&stress_got[w][seq], 1, __ATOMIC_RELAXED) != 0)
		FAILF("value %#llx received twice", v);
}

static inline void stress_sent_ok(uvlong v)
{
	stress_sent[v >> STRESS_SEQBITS][v & (STRESS_MAXSEQ - 1)] = 1;
}

static inline Channel *stress_chan(unsigned *s)
{
	return __atomic_load_n(&stress_chans[test_rnd(s) % STRESS_NCHAN], __ATOMIC_ACQUIRE);
}

// An alt of two or three random entries; returns as stress_op does.
static inline int stress_alt(int w, unsigned *s)
{
	Alt a[4];
	uvlong v[3];
	int n = 2 + test_rnd(s) % 2, r;

	for(int i = 0; i < n; i++) {
		a[i].c = stress_chan(s);
		a[i].op = test_rnd(s) % 2 ? CHANSND : CHANRCV;
		a[i].err = NULL;
		v[i] = a[i].op == CHANSND ? stress_fresh(w) : ~0ULL;
		a[i].v = &v[i];
	}
	a[n].c = NULL;
	a[n].v = NULL;
	a[n].err = NULL;
	a[n].op = test_rnd(s) % 4 == 0 ? CHANNOBLK : CHANEND;
	r = alt(a);
	// Only the chosen entry is written.
	for(int i = 0; i < n; i++) {
		if(i != r && a[i].op == CHANRCV)
			CHECKEQ(v[i], ~0ULL);
		if(i != r)
			CHECK(a[i].err == NULL);
	}
	if(r == n && a[n].op == CHANNOBLK)
		return 0;
	if(r < 0)
		return -1;
	CHECK(r < n);
	if(a[r].err != NULL)	// its channel was closed
		return -1;
	if(a[r].op == CHANSND)
		stress_sent_ok(v[r]);
	else
		stress_delivered(v[r]);
	return 1;
}

// One random operation of worker w. Returns 1 when it moved a value, 0
// when a non-blocking operation found no partner, -1 when it failed
// (interrupted, or its channel closed), having moved nothing.
static inline int stress_op(int w, unsigned *s)
{
	Channel *c = stress_chan(s);
	uvlong v;
	int r;

	stress_lastop[w] = stress_nextseq[w];
	switch(test_rnd(s) % 6) {
	case 0:
	case 2:
		v = stress_fresh(w);
		if(test_rnd(s) % 2)
			CHECK((r = send(c, &v)) != 0);
		else
			r = nbsend(c, &v);
		if(r == 1)
			stress_sent_ok(v);
		CHECK(r >= -1 && r <= 1);
		return r;
	case 1:
	case 3:
		v = ~0ULL;
		if(test_rnd(s) % 2)
			CHECK((r = recv(c, &v)) != 0);
		else
			r = nbrecv(c, &v);
		if(r == 1)
			stress_delivered(v);
		else
			CHECKEQ(v, ~0ULL);
		CHECK(r >= -1 && r <= 1);
		return r;
	default:
		return stress_alt(w, s);
	}
}

// Worker thread ids, once started, for interrupters and killers.
static int stress_workerid[STRESS_WORKERS];
// Workers not finished; a test sets it, and the interrupters run while it
// is above 0.
static long stress_working;
// Operations that failed.
static long stress_failed;

// Runs `ops` random operations as worker w, yielding now and then, and
// counts those that failed.
static inline void stress_run(int w, int ops)
{
	unsigned s = 7919u * (unsigned)(w + 1);

	__atomic_store_n(&stress_workerid[w], threadid(), __ATOMIC_RELEASE);
	for(int i = 0; i < ops; i++) {
		if(stress_op(w, &s) < 0)
			__atomic_fetch_add(&stress_failed, 1, __ATOMIC_RELAXED);
		if(test_rnd(&s) % 16 == 0)
			yield();
	}
}

// A thread that interrupts random workers until every worker has finished:
// also those whose partners have finished, which would otherwise stay
// blocked. Its argument seeds its choices.
static inline void stress_interrupter(void *arg)
{
	unsigned s = 104729u * (unsigned)((long)arg + 1);

	while(__atomic_load_n(&stress_working, __ATOMIC_ACQUIRE) > 0) {
		int id = __atomic_load_n(&stress_workerid[test_rnd(&s) % STRESS_WORKERS], __ATOMIC_ACQUIRE);
		if(id > 0)
			threadint(id);
		for(int k = test_rnd(&s) % 16; k > 0; k--)
			yield();
	}
}

// The sum of the values the workers have made, a measure of progress.
static inline long stress_progress(void)
{
	long n = 0;

	for(int w = 0; w < STRESS_WORKERS; w++)
		n += __atomic_load_n(&stress_nextseq[w], __ATOMIC_RELAXED);
	return n;
}

// Receives what is left in channel c, recording it.
static inline void stress_drain(Channel *c)
{
	uvlong v;

	while(nbrecv(c, &v) == 1)
		stress_delivered(v);
}

// Checks that every value was received exactly when its send succeeded;
// returns how many were.
static inline long stress_check_exact(void)
{
	long moved = 0;

	for(int w = 0; w < STRESS_WORKERS; w++)
		for(int seq = 0; seq < stress_nextseq[w]; seq++) {
			if(stress_got[w][seq] != stress_sent[w][seq])
				FAILF("value %#llx: sent %s, received %d times", stress_value(w, seq),
					stress_sent[w][seq] ? "successfully" : "without success", stress_got[w][seq]);
			moved += stress_got[w][seq];
		}
	return moved;
}

#endif
