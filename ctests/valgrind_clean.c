// A threaded program runs clean under Valgrind's memcheck: threads created and exiting (their stacks recycled), channels and alt within a proc and across two procs give no error report, because the library registers its thread stacks with Valgrind and marks recycled ones addressable. An alt on one channel, completed by a thread that frees the channel at once, does not touch it again; nor does a thread of another proc handed a value, interrupted and its channel freed before its proc takes it back. Nor does a proc that ends while threadint's signal to its OS thread is still pending, which Valgrind would deliver on the alternate signal stack the thread had given back, had the thread not blocked signals first (a race, so it is tried 100 times).
// qemu: runs Valgrind, which does not run under qemu-user
// tsan: Valgrind cannot run a program built for ThreadSanitizer
// asan: Valgrind cannot run a program built for AddressSanitizer
#define WATCHDOG 240
#include <spawn.h>
#include <sys/wait.h>
#include "test.h"

extern char **environ;

enum { THREADS = 600, CHAIN = 50, ROUNDS = 300 };

static Channel *done;

static void short_lived(void *arg)
{
	char frame[2048];

	// Dirty a deep frame, so the next thread on this stack finds old frames.
	memset(frame, (int)(long)arg, sizeof frame);
	sendul(done, frame[(long)arg % sizeof frame] == (char)(long)arg);
}

static void link_(void *arg)
{
	Channel **c = arg;

	for(;;)
		CHECKEQ(sendul(c[1], recvul(c[0]) + 1), 1);
}

static void echo(void *arg)
{
	Channel **c = arg;
	ulong v;
	Alt a[] = {
		{c[0], &v, CHANRCV, NULL},
		{c[1], &v, CHANRCV, NULL},
		{NULL, NULL, CHANEND, NULL},
	};

	for(;;) {
		int i = alt(a);
		CHECK(i == 0 || i == 1);
		CHECKEQ(sendul(c[2], v * 2 + i), 1);
	}
}

static Channel *altc, *altres;

static void altreceiver(void *arg)
{
	int v = -1;
	Alt a[] = {
		{altc, &v, CHANRCV, NULL},
		{NULL, NULL, CHANEND, NULL},
	};

	(void)arg;
	CHECKEQ(alt(a), 0);
	sendul(altres, v);
}

// A thread blocked in an alt on one channel is handed a value by a thread
// of its own proc, which frees the channel at once: the alt, woken, must not
// touch the channel again.
static void alt_then_free(void)
{
	int v = 7;

	altc = chancreate(sizeof(int), 0);
	threadcreate(altreceiver, NULL, 0);
	yield();
	CHECKEQ(send(altc, &v), 1);
	chanfree(altc);
	CHECKEQ(recvul(altres), 7);
}

static Channel *remc, *remres, *remnever;
static volatile int remid, remgo;

static void remotereceiver(void *arg)
{
	int v = -1;

	(void)arg;
	CHECKEQ(recv(remc, &v), 1);
	sendul(remres, v);
}

// In a proc of its own: starts the receiver, then keeps the proc busy until
// told, so that the proc carries out the interrupt queued for the receiver
// before it takes the readied receiver back.
static void busyproc(void *arg)
{
	(void)arg;
	int id = threadcreate(remotereceiver, NULL, 0);
	yield();
	remid = id;
	while(!remgo)
		;
	recvul(remnever);
}

// A thread blocked in another proc is handed a value, interrupted, and its
// channel freed, all before its proc takes it back: neither the interrupt
// nor the thread may touch the channel again.
static void remote_handoff_then_free(void)
{
	int v = 9;

	remc = chancreate(sizeof(int), 0);
	remid = 0;
	remgo = 0;
	proccreate(busyproc, NULL, 0);
	while(remid == 0)
		sched_yield();
	CHECKEQ(send(remc, &v), 1);
	threadint(remid);
	chanfree(remc);
	remgo = 1;
	CHECKEQ(recvul(remres), 9);
}

static Channel *intc, *intres;

static void interrupted(void *arg)
{
	ulong v;

	(void)arg;
	sendul(intres, recv(intc, &v) == -1);
}

// Interrupts a thread in a proc of its own until its receive fails, upon
// which the thread and its proc end: threadint's signal may still be on its
// way to the proc's OS thread.
static void interrupt_ending_proc(void)
{
	int id = proccreate(interrupted, NULL, 0);
	ulong ok;

	while(nbrecv(intres, &ok) == 0) {
		threadint(id);
		sched_yield();
	}
	CHECKEQ(ok, 1);
}

static void work(void)
{
	static Channel *chain[CHAIN + 1], *echoc[3];

	// Threads that exit, one after another: their stacks are reused.
	done = chancreate(sizeof(ulong), 0);
	for(long i = 0; i < THREADS; i++) {
		threadcreate(short_lived, (void *)i, 0);
		CHECKEQ(recvul(done), 1);
	}
	// A chain of threads in this proc.
	for(int i = 0; i <= CHAIN; i++)
		chain[i] = chancreate(sizeof(ulong), i % 2);
	for(int i = 0; i < CHAIN; i++) {
		Channel **c = malloc(2 * sizeof *c);
		CHECK(c != NULL);
		c[0] = chain[i];
		c[1] = chain[i + 1];
		threadcreate(link_, c, 0);
	}
	for(ulong v = 0; v < 20; v++) {
		CHECKEQ(sendul(chain[0], v), 1);
		CHECKEQ(recvul(chain[CHAIN]), v + CHAIN);
	}
	// An alt in another proc.
	for(int i = 0; i < 3; i++)
		echoc[i] = chancreate(sizeof(ulong), 0);
	proccreate(echo, echoc, 0);
	for(ulong v = 0; v < ROUNDS; v++) {
		CHECKEQ(sendul(echoc[v % 2], v), 1);
		CHECKEQ(recvul(echoc[2]), v * 2 + v % 2);
	}
	altres = chancreate(sizeof(ulong), 1);
	for(int i = 0; i < 10; i++)
		alt_then_free();
	remres = chancreate(sizeof(ulong), 1);
	remnever = chancreate(sizeof(ulong), 0);
	for(int i = 0; i < 10; i++)
		remote_handoff_then_free();
	intc = chancreate(sizeof(ulong), 0);
	intres = chancreate(sizeof(ulong), 1);
	for(int i = 0; i < 100; i++)
		interrupt_ending_proc();
	threadexitsall(NULL);
}

void threadmain(int argc, char *argv[])
{
	char self[4096];
	char *args[] = {"valgrind", "-q", "--error-exitcode=99", self, "work", NULL};
	pid_t pid;
	int status;
	ssize_t n;

	if(argc > 1 && strcmp(argv[1], "work") == 0)
		work();
	// Not /proc/self/exe, which Valgrind would read as its own.
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	CHECK(n > 0);
	self[n] = 0;
	if(posix_spawnp(&pid, "valgrind", NULL, NULL, args, environ) != 0)
		FAILF("cannot run valgrind (Debian: apt-get install valgrind)");
	CHECKEQ(waitpid(pid, &status, 0), pid);
	if(!WIFEXITED(status))
		FAILF("valgrind ended by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	if(WEXITSTATUS(status) == 99)
		FAILF("memcheck reported errors (above)");
	CHECKEQ(WEXITSTATUS(status), 0);
	threadexitsall(NULL);
}
