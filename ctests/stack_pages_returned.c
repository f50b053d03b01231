// Free stacks beyond the pool that keeps its pages give their memory back:
// once 60,000 idle threads have exited, most of their resident stack pages
// are gone (the pool keeps about 14,000 smallest stacks' pages).
// tsan: 60,000 threads alive at once, beyond the 8,128 ThreadSanitizer allows
// asan: AddressSanitizer keeps the shadow of every stack resident, which outweighs the pages given back
#include "test.h"

enum { N = 60000 };

static Channel *gate;
static volatile long started, finished;

static void blocker(void *arg)
{
	(void)arg;
	started++;
	recvul(gate);
	finished++;
}

// Resident bytes of the process.
static long long resident(void)
{
	long long size, pages;
	FILE *f = fopen("/proc/self/statm", "r");

	CHECK(f != NULL);
	CHECKEQ(fscanf(f, "%lld %lld", &size, &pages), 2);
	fclose(f);
	return pages * sysconf(_SC_PAGESIZE);
}

void threadmain(int argc, char *argv[])
{
	long long before, alive, after;
	(void)argc; (void)argv;

	gate = chancreate(sizeof(ulong), 0);
	before = resident();
	for(int i = 0; i < N; i++)
		threadcreate(blocker, NULL, 0);
	while(started < N)
		yield();
	alive = resident();
	// Each idle thread holds at least a page of stack.
	CHECK(alive - before >= (long long)N * 4096);
	for(int i = 0; i < N; i++)
		CHECKEQ(sendul(gate, i), 1);
	while(finished < N)
		yield();
	yield();
	after = resident();
	fprintf(stderr, "resident: %lld KiB before, %lld KiB with %d threads, %lld KiB after they exited\n",
		before >> 10, alive >> 10, N, after >> 10);
	// With every free stack keeping its page this stays near `alive`.
	CHECK(after - before < (alive - before) / 2);
	threadexitsall(NULL);
}
