// LIBTHREAD_SPIN sets how long an idle proc waits for work before it sleeps in the kernel: with 0, nearly every hand-off between two procs finds the other asleep (a voluntary context switch each); with a second, none does, even on a processor shared with a busy process; unset, procs that share a processor with a busy process sleep rather than yield it, and procs that share it only with each other do not (judged on runs that had the processor to themselves); a value that is not a number of microseconds gets a warning naming the variable, and the default.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include <sched.h>
#include <sys/resource.h>
#include "child.h"

enum { ROUNDS = 2000, MIN_MS = 200 };

static Channel *ping, *pong;

static void partner(void *arg)
{
	(void)arg;
	for(;;)
		sendul(pong, recvul(ping) + 1);
}

// Prints the voluntary context switches the process made during at least
// ROUNDS round trips between two procs, and at least MIN_MS milliseconds,
// and the share of that time the process had a processor.
static void pingpong(void)
{
	struct rusage r0, r1;
	long long t0, cpu0;
	ulong i;

	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	proccreate(partner, NULL, 16384);
	sendul(ping, 0);
	recvul(pong);
	CHECK(getrusage(RUSAGE_SELF, &r0) == 0);
	t0 = test_clock_ns(CLOCK_MONOTONIC);
	cpu0 = test_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	for(i = 0;; i++) {
		if(sendul(ping, i) != 1 || recvul(pong) != i + 1)
			FAILF("round %lu: wrong value back", i);
		if(i >= ROUNDS && test_clock_ns(CLOCK_MONOTONIC) - t0 >= MIN_MS * 1000000LL)
			break;
	}
	CHECK(getrusage(RUSAGE_SELF, &r1) == 0);
	fprintf(stderr, "switches %ld rounds %lu cpu %.3f\n", r1.ru_nvcsw - r0.ru_nvcsw, i + 1,
		(double)(test_clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / (test_clock_ns(CLOCK_MONOTONIC) - t0));
	threadexitsall(NULL);
}

// Whether the calling OS thread, spinning for 50 ms, gets at least 90% of
// its processor: nothing else wants it.
static int processor_is_free(void)
{
	long long wall0 = test_clock_ns(CLOCK_MONOTONIC), cpu0 = test_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	while(test_clock_ns(CLOCK_MONOTONIC) - wall0 < 50000000)
		;
	return (test_clock_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0) * 10 >= (test_clock_ns(CLOCK_MONOTONIC) - wall0) * 9;
}

// Voluntary context switches per round trip, with environment entry env;
// sets *cpu, if cpu is not nil, to the share of the time the child had a
// processor.
static double switches(const char *env, double *cpu)
{
	Child ch;
	long n = -1, rounds = 0;
	double share = -1;
	char *s;

	child_run(&ch, "pingpong", env);
	CHECK(WIFEXITED(ch.status) && WEXITSTATUS(ch.status) == 0);
	s = strstr(ch.err, "switches ");
	CHECK(s != NULL && sscanf(s, "switches %ld rounds %ld cpu %lf", &n, &rounds, &share) == 3 && rounds > 0);
	if(cpu != NULL)
		*cpu = share;
	return (double)n / rounds;
}

// Voluntary context switches per round trip of two procs alone on the one
// processor the caller is bound to, LIBTHREAD_SPIN unset; -1 when other
// programs took the processor in every try. The procs judge from what
// their yields cost whether others want the processor, so a run in which
// others took it tells nothing of how the procs behave alone.
static double switches_alone(void)
{
	double n, cpu;

	for(int try = 0; try < 5; try++) {
		if(try > 0)
			usleep(200000);
		if(!processor_is_free())
			continue;
		n = switches(NULL, &cpu);
		if(cpu >= 0.95)
			return n;
		fprintf(stderr, "spin_env: other programs took the processor from the procs alone (they had %.0f%% of it): run not judged\n", cpu * 100);
	}
	return -1;
}

void threadmain(int argc, char *argv[])
{
	Child ch, hog[1];
	double sleepy, spinning, shared, loaded, loaded_spinning;
	cpu_set_t all, one;

	if(argc > 1 && strcmp(argv[1], "pingpong") == 0)
		pingpong();
	child_hog_mode(argc, argv);
	// The runs without an entry of their own check the default.
	unsetenv("LIBTHREAD_SPIN");

	sleepy = switches("LIBTHREAD_SPIN=0", NULL);
	spinning = switches("LIBTHREAD_SPIN=1000000", NULL);
	if(sleepy < 0.5 || spinning > 0.1)
		FAILF("voluntary switches per round trip: %.2f sleeping at once, %.2f spinning", sleepy, spinning);

	// On one processor. Alone, the two procs yield it to each other and
	// rarely sleep. Sharing it with a busy process, a proc that yields can
	// wait a whole time slice for its turn: by default the procs sleep
	// instead (two switches a round trip), and are woken when work comes;
	// a wait that LIBTHREAD_SPIN sets is kept.
	CHECK(sched_getaffinity(0, sizeof all, &all) == 0);
	CPU_ZERO(&one);
	for(int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if(CPU_ISSET(cpu, &all)) {
			CPU_SET(cpu, &one);
			break;
		}
	CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
	shared = switches_alone();
	if(shared < 0) {
		fprintf(stderr, "spin_env: other programs keep the processor busy: the procs alone are not checked\n");
		shared = 0;
	}
	child_start_hogs(hog, 1);
	loaded = switches(NULL, NULL);
	loaded_spinning = switches("LIBTHREAD_SPIN=1000000", NULL);
	child_stop_hogs(hog, 1);
	CHECK(sched_setaffinity(0, sizeof all, &all) == 0);
	if(shared > 0.5 || loaded < 1 || loaded_spinning > 0.1)
		FAILF("voluntary switches per round trip on one processor: %.2f alone, %.2f with a busy process, %.2f with it and LIBTHREAD_SPIN=1000000",
			shared, loaded, loaded_spinning);

	child_run(&ch, "pingpong", "LIBTHREAD_SPIN=soon");
	CHECK(WIFEXITED(ch.status) && WEXITSTATUS(ch.status) == 0);
	CHECK(strstr(ch.err, "thread: LIBTHREAD_SPIN: want microseconds from 0 to 1000000, not \"soon\"") != NULL);
	threadexitsall(NULL);
}
