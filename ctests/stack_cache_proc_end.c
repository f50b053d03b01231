// The free stacks of a proc that ends go to the shared pool: threads made afterwards in another proc reuse them, their pages still resident, rather than new stacks (64 threads with 192 KiB stacks, each touching 160 KiB: the second round grows resident memory by well under a quarter of what the first did).
// tsan: measures resident memory, which ThreadSanitizer's shadow of the stacks swamps
// asan: measures resident memory, which AddressSanitizer's shadow of the stacks swamps
// qemu: measures resident memory, which qemu-user's own allocations swamp
#include "test.h"

enum { NTHREADS = 64, STACK = 192 << 10, TOUCH = 160 << 10 };

static Channel *touched, *release;

static void toucher(void *arg)
{
	(void)arg;
	volatile char *p = alloca(TOUCH);
	for(long i = 0; i < TOUCH; i += 4096)
		p[i] = 1;
	sendul(touched, 1);
	recvul(release);
}

// One round: NTHREADS touchers alive at once, then all gone.
static void round_of_touchers(void)
{
	for(int i = 0; i < NTHREADS; i++)
		threadcreate(toucher, NULL, STACK);
	for(int i = 0; i < NTHREADS; i++)
		recvul(touched);
	for(int i = 0; i < NTHREADS; i++)
		sendul(release, 1);
}

static void first_proc(void *arg)
{
	(void)arg;
	round_of_touchers();
}

void threadmain(int argc, char *argv[])
{
	long start, first, second;
	int tasks;

	(void)argc; (void)argv;
	touched = chancreate(sizeof(ulong), 0);
	release = chancreate(sizeof(ulong), 0);
	tasks = test_count_entries("/proc/self/task");
	start = test_resident_kib();
	proccreate(first_proc, NULL, 0);
	// Until the first proc, its threads gone, has ended its OS thread.
	CHECKEQ(test_await_entries("/proc/self/task", tasks, 10000), tasks);
	first = test_resident_kib();
	round_of_touchers();
	test_yield_n(NTHREADS);
	second = test_resident_kib();
	if((second - first) * 4 > first - start)
		FAILF("the second round grew resident memory by %ld KiB, the first by %ld KiB",
			second - first, first - start);
	threadexitsall(NULL);
}
