// Channels freed while threads of two procs are blocked on them, at random: each round, threads block in alts and single operations over fresh channels, some of which are closed, and all are freed under them; each still blocked is then woken by a partner on its own live channel (from its proc or the other), by threadint (from either proc) or by threadkill. Every thread returns what its wake-up says, no freed channel is touched again (AddressSanitizer), and every one is given back once its last thread has left (LeakSanitizer).
// qemu: LeakSanitizer does not run under qemu-user
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"

enum {
	NPROC = 2,		// main's proc, and the helper's
	NW = 6,			// waiters per proc
	ROUNDS = 8000,
	MAXD = 4,		// doomed channels per proc per round, at most
	MAXENT = MAXD + 1,	// entries of an alt: doomed ones and the live one
	STK = 32 * 1024,
};

// What is done to a waiter, in its proc or the other: the first NWAKE
// wake one still blocked once its channels are freed; ActSpawn makes a
// waiter anew in place of a killed one.
enum { ActSend, ActInt, ActKill, NWAKE, ActSpawn = NWAKE };

typedef struct Doomed Doomed;
struct Doomed {
	Channel *c;
	ulong tag;		// every value sent on it, and what it was filled with
	int cap;
	int full;		// buffered and filled: only sends block on it
	int closed;
};

typedef struct Job Job;
struct Job {
	int single;		// one send or recv on a[0]'s channel, not an alt
	int live;		// index of the entry on the live channel, or -1
	int n;			// entries
	Alt a[MAXENT + 1];
	Doomed *d[MAXENT];	// each entry's doomed channel (NULL for live)
	ulong v[MAXENT];	// each entry's value
	int r;			// what alt or the operation returned
};

typedef struct Waiter Waiter;
struct Waiter {
	int proc;
	int id;			// thread id, set by the waiter itself
	Channel *job;		// Job*
	Channel *live;		// unbuffered ulong: a partner wakes it here
	Job j;
	int blocked;		// given a job this round, no result yet
	int wake;		// how it is woken this round
	ulong sent;		// the value sent on live, for ActSend
};

// A request to the helper, in proc 1: an action, or (w NULL) to quiesce.
typedef struct Req Req;
struct Req {
	int act;
	Waiter *w;
	ulong v;
};

static Waiter waiters[NPROC][NW];
static Doomed doomed[NPROC][MAXD];
static int ndoomed[NPROC];
static Channel *results;	// Waiter*, buffered: a waiter never blocks on it
static Channel *reqs, *replies;
static unsigned seed;
// How the waiters' operations ended, to check that every way was taken.
enum { EndPartner, EndClosed, EndSend, EndInt, EndKill, NEND };
static long ends[NEND];
static const char *endnames[NEND] = { "partner", "closed", "send", "threadint", "threadkill" };

static void waiter(void *arg)
{
	Waiter *w = arg;
	Job *j;

	w->id = threadid();
	for(;;) {
		j = recvp(w->job);
		if(j->single)
			j->r = j->a[0].op == CHANSND ? send(j->a[0].c, &j->v[0]) : recv(j->a[0].c, &j->v[0]);
		else
			j->r = alt(j->a);
		CHECKEQ(sendp(results, w), 1);
	}
}

// Runs the other threads of the calling proc until every one is blocked.
// Nothing outside the proc readies them meanwhile: each proc's waiters
// share channels only among themselves until the channels are freed.
static void quiesce(void)
{
	while(yield() > 0)
		;
}

// Does `what` to w from the calling proc.
static void act(int what, Waiter *w, ulong v)
{
	switch(what) {
	case ActSend:
		CHECKEQ(sendul(w->live, v), 1);
		break;
	case ActInt:
		threadint(w->id);
		break;
	case ActKill:
		threadkill(w->id);
		break;
	case ActSpawn:
		threadcreate(waiter, w, STK);
		break;
	}
}

static void helper(void *arg)
{
	Req r;
	int i;

	(void)arg;
	for(i = 0; i < NW; i++)
		act(ActSpawn, &waiters[1][i], 0);
	quiesce();
	sendul(replies, 1);
	for(;;) {
		CHECKEQ(recv(reqs, &r), 1);
		if(r.w == NULL) {
			quiesce();
			sendul(replies, 1);
		} else
			act(r.act, r.w, r.v);
	}
}

// Does `what` to w from proc p: here, or through the helper.
static void act_in(int p, int what, Waiter *w, ulong v)
{
	Req r = { what, w, v };

	if(p == 0)
		act(what, w, v);
	else
		CHECKEQ(send(reqs, &r), 1);
}

// Quiesces both procs.
static void quiesce_all(void)
{
	Req r = { 0, NULL, 0 };

	CHECKEQ(send(reqs, &r), 1);
	recvul(replies);
	quiesce();
}

// Fresh channels for proc p's waiters: unbuffered, or buffered and either
// empty or full.
static void make_doomed(int p, int round)
{
	int k, i, cap;
	Doomed *d;

	ndoomed[p] = 1 + test_rnd(&seed) % MAXD;
	for(k = 0; k < ndoomed[p]; k++) {
		d = &doomed[p][k];
		d->cap = cap = test_rnd(&seed) % 3;
		d->c = chancreate(sizeof(ulong), cap);
		d->tag = (ulong)round << 8 | (ulong)p << 4 | (ulong)k;
		d->closed = 0;
		d->full = cap > 0 && test_rnd(&seed) % 2;
		for(i = 0; d->full && i < cap; i++)
			CHECKEQ(nbsendul(d->c, d->tag), 1);
	}
}

// A direction in which a waiter blocks on d, unless a partner is there.
static int blocking_op(Doomed *d)
{
	if(d->full)
		return CHANSND;
	if(d->cap > 0)
		return CHANRCV;
	return test_rnd(&seed) % 2 ? CHANRCV : CHANSND;
}

static void add_entry(Job *j, Doomed *d, Channel *c, int op)
{
	int i = j->n++;

	j->a[i] = (Alt){ c, &j->v[i], op, NULL };
	j->d[i] = d;
	j->v[i] = op == CHANSND ? d->tag : 0;
}

// Sends w a job: a single operation on one of its proc's doomed channels,
// or an alt over some of them and, mostly, its live channel.
static void give_job(Waiter *w)
{
	Job *j = &w->j;
	int p = w->proc, m, i;
	Doomed *d;

	memset(j, 0, sizeof *j);
	j->live = -1;
	j->single = test_rnd(&seed) % 4 == 0;
	m = j->single ? 1 : 1 + test_rnd(&seed) % MAXD;
	for(i = 0; i < m; i++) {
		d = &doomed[p][test_rnd(&seed) % ndoomed[p]];
		add_entry(j, d, d->c, blocking_op(d));
	}
	if(!j->single && test_rnd(&seed) % 4 != 0) {
		// The live entry, swapped into a random place.
		j->live = test_rnd(&seed) % (j->n + 1);
		add_entry(j, NULL, w->live, CHANRCV);
		if(j->live != j->n - 1) {
			Alt a = j->a[j->live];
			Doomed *dd = j->d[j->live];

			j->a[j->live] = (Alt){ w->live, &j->v[j->live], CHANRCV, NULL };
			j->d[j->live] = NULL;
			j->a[j->n - 1] = (Alt){ a.c, &j->v[j->n - 1], a.op, NULL };
			j->d[j->n - 1] = dd;
			j->v[j->n - 1] = j->v[j->live];
			j->v[j->live] = 0;
		}
	}
	j->a[j->n].op = CHANEND;
	w->blocked = 1;
	CHECKEQ(sendp(w->job, j), 1);
}

// Checks the result of a waiter woken before any wake-up was sent to it:
// its operation met a partner among the other waiters of its proc, or
// failed on a closed channel.
static void check_early(Waiter *w)
{
	Job *j = &w->j;
	Doomed *d;

	if(j->single) {
		d = j->d[0];
		if(j->r == -1) {
			CHECK(d->closed);
			ends[EndClosed]++;
		} else {
			CHECKEQ(j->r, 1);
			if(j->a[0].op == CHANRCV)
				CHECKEQ(j->v[0], d->tag);
			ends[EndPartner]++;
		}
		return;
	}
	CHECK(j->r >= 0 && j->r < j->n && j->r != j->live);
	d = j->d[j->r];
	if(j->a[j->r].err != NULL) {
		CHECK(strcmp(j->a[j->r].err, "channel was closed") == 0);
		CHECK(d->closed);
		ends[EndClosed]++;
	} else {
		if(j->a[j->r].op == CHANRCV)
			CHECKEQ(j->v[j->r], d->tag);
		ends[EndPartner]++;
	}
}

// Checks the result of a waiter woken by its wake-up.
static void check_woken(Waiter *w)
{
	Job *j = &w->j;

	switch(w->wake) {
	case ActSend:
		CHECKEQ(j->r, j->live);
		CHECKEQ(j->v[j->live], w->sent);
		ends[EndSend]++;
		break;
	case ActInt:
		CHECKEQ(j->r, -1);
		ends[EndInt]++;
		break;
	default:
		FAILF("waiter %d returned though killed", w->id);
	}
}

// Notes the result of w, woken by its wake-up or before any.
static void took(Waiter *w, int woken)
{
	CHECK(w->blocked);
	w->blocked = 0;
	if(woken)
		check_woken(w);
	else
		check_early(w);
}

// Takes the results already there; returns how many.
static int take_results(int woken)
{
	Waiter *w;
	int n = 0;

	for(; (w = nbrecvp(results)) != NULL; n++)
		took(w, woken);
	return n;
}

// Wakes w, blocked on channels now freed, by a partner, threadint or
// threadkill, from this proc or the helper's.
static void wake(Waiter *w, ulong v)
{
	w->wake = test_rnd(&seed) % NWAKE;
	if(w->wake == ActSend && w->j.live < 0)
		w->wake = ActInt;
	w->sent = v;
	act_in(test_rnd(&seed) % NPROC, w->wake, w, v);
}

static void round_(int round)
{
	int p, i, k, expect;
	Waiter *w;

	for(p = 0; p < NPROC; p++)
		make_doomed(p, round);
	for(p = 0; p < NPROC; p++)
		for(i = 0; i < NW; i++)
			give_job(&waiters[p][i]);
	quiesce_all();
	// Some channels close: their waiters fail, and leave.
	for(p = 0; p < NPROC; p++)
		for(k = 0; k < ndoomed[p]; k++)
			if(test_rnd(&seed) % 6 == 0) {
				doomed[p][k].closed = 1;
				CHECKEQ(chanclose(doomed[p][k].c), 0);
			}
	quiesce_all();
	take_results(0);
	for(p = 0; p < NPROC; p++)
		for(k = 0; k < ndoomed[p]; k++)
			chanfree(doomed[p][k].c);
	expect = 0;
	for(p = 0; p < NPROC; p++)
		for(i = 0; i < NW; i++) {
			w = &waiters[p][i];
			if(!w->blocked)
				continue;
			wake(w, (ulong)round << 8 | (ulong)p << 4 | (ulong)i);
			expect += w->wake != ActKill;
		}
	for(; expect > 0; expect--)
		took(recvp(results), 1);
	// The killed ones are gone once both procs are quiet; new ones take
	// their place.
	quiesce_all();
	CHECKEQ(take_results(1), 0);
	for(p = 0; p < NPROC; p++)
		for(i = 0; i < NW; i++) {
			w = &waiters[p][i];
			if(!w->blocked)
				continue;
			CHECKEQ(w->wake, ActKill);
			ends[EndKill]++;
			w->blocked = 0;
			act_in(p, ActSpawn, w, 0);
		}
	quiesce_all();
}

void threadmain(int argc, char **argv)
{
	int p, i, r;

	(void)argc; (void)argv;
	seed = getpid();
	printf("seed %u\n", seed);
	results = chancreate(sizeof(Waiter *), NPROC * NW);
	reqs = chancreate(sizeof(Req), NPROC * NW + 4);
	replies = chancreate(sizeof(ulong), 0);
	for(p = 0; p < NPROC; p++)
		for(i = 0; i < NW; i++) {
			waiters[p][i].proc = p;
			waiters[p][i].job = chancreate(sizeof(Job *), 0);
			waiters[p][i].live = chancreate(sizeof(ulong), 0);
		}
	for(i = 0; i < NW; i++)
		act(ActSpawn, &waiters[0][i], 0);
	proccreate(helper, NULL, STK);
	recvul(replies);
	quiesce();
	for(r = 1; r <= ROUNDS; r++)
		round_(r);
	for(i = 0; i < NEND; i++) {
		printf("%s %ld\n", endnames[i], ends[i]);
		if(ends[i] < ROUNDS / 10)
			FAILF("only %ld operations ended by %s", ends[i], endnames[i]);
	}
	threadexitsall(NULL);
}
