// LIBTHREAD_SPIN sets how long an idle proc waits for work before it sleeps in the kernel: with 0, nearly every hand-off between two procs finds the other asleep (a voluntary context switch each); with a second, none does; a value that is not a number of microseconds gets a warning naming the variable, and the default.
#include <sys/resource.h>
#include "child.h"

enum { ROUNDS = 2000 };

static Channel *ping, *pong;

static void partner(void *arg)
{
	(void)arg;
	for(;;)
		sendul(pong, recvul(ping) + 1);
}

// Prints the voluntary context switches the process made during ROUNDS
// round trips between two procs.
static void pingpong(void)
{
	struct rusage r0, r1;

	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	proccreate(partner, NULL, 16384);
	sendul(ping, 0);
	recvul(pong);
	CHECK(getrusage(RUSAGE_SELF, &r0) == 0);
	for(ulong i = 0; i < ROUNDS; i++)
		if(sendul(ping, i) != 1 || recvul(pong) != i + 1)
			FAILF("round %lu: wrong value back", i);
	CHECK(getrusage(RUSAGE_SELF, &r1) == 0);
	fprintf(stderr, "switches %ld\n", r1.ru_nvcsw - r0.ru_nvcsw);
	threadexitsall(NULL);
}

static long switches(const char *env)
{
	Child ch;
	long n = -1;
	char *s;

	child_run(&ch, "pingpong", env);
	CHECK(WIFEXITED(ch.status) && WEXITSTATUS(ch.status) == 0);
	s = strstr(ch.err, "switches ");
	CHECK(s != NULL && sscanf(s, "switches %ld", &n) == 1);
	return n;
}

void threadmain(int argc, char *argv[])
{
	Child ch;
	long sleepy, spinning;

	if(argc > 1 && strcmp(argv[1], "pingpong") == 0)
		pingpong();

	sleepy = switches("LIBTHREAD_SPIN=0");
	spinning = switches("LIBTHREAD_SPIN=1000000");
	if(sleepy < ROUNDS / 2 || spinning > ROUNDS / 10)
		FAILF("voluntary switches in %d round trips: %ld sleeping at once, %ld spinning", ROUNDS, sleepy, spinning);

	child_run(&ch, "pingpong", "LIBTHREAD_SPIN=soon");
	CHECK(WIFEXITED(ch.status) && WEXITSTATUS(ch.status) == 0);
	CHECK(strstr(ch.err, "thread: LIBTHREAD_SPIN: want microseconds from 0 to 1000000, not \"soon\"") != NULL);
	threadexitsall(NULL);
}
