// Threads in 3 procs start 300 children that exit with random statuses or are killed, and collect them with procwait, at once or later, then on threadwaitchan's channel: every Waitmsg arrives exactly once, where it was asked for, with the right status.
#include "test.h"

#include <errno.h>
#include <signal.h>

enum {
	NPROC = 3,		// procs, besides main's
	NSPAWN = 2,		// spawning threads per proc
	CHILDREN = 25,		// children each spawns
	NCHILD = 2 * NPROC * NSPAWN * CHILDREN,
};
enum { WAITNOW, WAITLATER, BYCHANNEL };

typedef struct Child Child;
struct Child {
	int pid;
	int how;		// WAITNOW, WAITLATER or BYCHANNEL
	char want[32];		// the Waitmsg's msg
	int got;		// messages received for it
};

static Child children[NCHILD];
static long nchildren;
static long bychannel;
static Channel *done;

static void
check(Child *c, Waitmsg *w, int how)
{
	CHECK(w != NULL);
	CHECKEQ(w->pid, c->pid);
	CHECKEQ(c->how, how);
	if(strcmp(w->msg, c->want) != 0)
		FAILF("child %d: msg \"%s\", want \"%s\"", c->pid, w->msg, c->want);
	if(__atomic_fetch_add(&c->got, 1, __ATOMIC_RELAXED) != 0)
		FAILF("child %d: a second Waitmsg", c->pid);
	free(w);
}

// Starts a child that exits with a random status, or that sleeps and is
// killed.
static Child *
start(unsigned *s, int how)
{
	Child *c = &children[__atomic_fetch_add(&nchildren, 1, __ATOMIC_RELAXED)];
	int status = test_rnd(s) % 10, killed = test_rnd(s) % 8 == 0;
	char script[64];

	c->how = how;
	if(killed) {
		snprintf(script, sizeof script, "sleep 10");
		strcpy(c->want, "signal: sys: kill");
	} else {
		snprintf(script, sizeof script, "%sexit %d", test_rnd(s) % 2 ? "sleep 0.01; " : "", status);
		snprintf(c->want, sizeof c->want, status ? "%d" : "", status);
	}
	if(how == BYCHANNEL)
		__atomic_fetch_add(&bychannel, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&c->pid, test_spawnsh(script), __ATOMIC_RELEASE);
	CHECK(c->pid > 0);
	if(killed)
		CHECK(kill(c->pid, SIGKILL) == 0);
	return c;
}

// The first round: children collected with procwait. (A program that also
// has the wait channel may see it take a message before procwait asks.)
static void
waiter(void *arg)
{
	unsigned s = 7919u * (unsigned)((long)arg + 1);
	Child *later[CHILDREN];
	int nlater = 0;

	for(int i = 0; i < CHILDREN; i++) {
		int how = test_rnd(&s) % 2 ? WAITNOW : WAITLATER;
		Child *c = start(&s, how);
		if(how == WAITNOW)
			check(c, procwait(c->pid), WAITNOW);
		else if(how == WAITLATER)
			later[nlater++] = c;
		if(test_rnd(&s) % 4 == 0)
			yield();
	}
	// In a random order.
	for(int i = nlater; i > 0; i--) {
		int k = test_rnd(&s) % i;
		Child *c = later[k];
		later[k] = later[i - 1];
		check(c, procwait(c->pid), WAITLATER);
		errno = 0;
		CHECK(procwait(c->pid) == NULL);
		CHECKEQ(errno, ECHILD);
	}
	sendul(done, 1);
}

// The second round: children left to the wait channel.
static void
spawner(void *arg)
{
	unsigned s = 104729u * (unsigned)((long)arg + 1);

	for(int i = 0; i < CHILDREN; i++) {
		start(&s, BYCHANNEL);
		if(test_rnd(&s) % 4 == 0)
			yield();
	}
	sendul(done, 1);
}

static Child *
lookup(int pid)
{
	for(int i = 0; i < nchildren; i++)
		if(children[i].pid == pid)
			return &children[i];
	FAILF("a Waitmsg for pid %d, not a child of ours", pid);
	return NULL;
}

static void (*thisround)(void*);

static void
procmain(void *arg)
{
	long p = (long)arg;

	for(long i = 0; i < NSPAWN; i++)
		threadcreate(thisround, (void*)(p * NSPAWN + i), 0);
}

static void
runround(void (*fn)(void*))
{
	thisround = fn;
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), NPROC * NSPAWN);
	runround(waiter);
	for(int i = 0; i < NPROC * NSPAWN; i++)
		CHECKEQ(recvul(done), 1);
	runround(spawner);
	// Children end before and after the wait channel exists.
	test_sleep_ms(20);
	Channel *wc = threadwaitchan();
	for(int i = 0; i < NPROC * NSPAWN; i++)
		CHECKEQ(recvul(done), 1);
	CHECKEQ(nchildren, NCHILD);
	CHECKEQ(bychannel, NCHILD / 2);
	for(long i = 0; i < bychannel; i++) {
		Waitmsg *w = recvp(wc);
		CHECK(w != NULL);
		check(lookup(w->pid), w, BYCHANNEL);
	}
	for(int i = 0; i < NCHILD; i++)
		CHECKEQ(children[i].got, 1);
	// Nothing more comes.
	Waitmsg *extra;
	CHECKEQ(nbrecv(wc, &extra), 0);
	printf("%d children, %ld by the wait channel\n", NCHILD, bychannel);
	threadexitsall(NULL);
}
