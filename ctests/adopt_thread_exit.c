// An adopted OS thread that ends takes its proc with it: 2,000 plain pthreads, each using the library once and ending, leave no thread to find by id and do not grow the address space (beyond what as many plain pthreads do) by their procs' records, signal stacks and threads (which took 1.3 GB for 20,000 before); a pthread that ends while a thread it created is still blocked leaves that proc alone. The program has its own main.
// qemu: qemu-user's own memory for each OS thread, hundreds of megabytes for 2,000, swamps the measure
// link: both
#include "test.h"

#include <malloc.h>
#include <pthread.h>

enum { N = 2000 };

static Channel *c;

// The process's address space, in KiB.
static long vmsize(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	CHECK(f != NULL);
	while(fgets(line, sizeof line, f) != NULL)
		if(sscanf(line, "VmSize: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void *plain(void *arg)
{
	return arg;
}

// How much N pthreads running fn one after another grow the address
// space, in KiB.
static long growth(void *(*fn)(void*), int *ids)
{
	pthread_t pt;
	long before = vmsize();

	for(int i = 0; i < N; i++){
		CHECK(pthread_create(&pt, NULL, fn, &ids[i]) == 0);
		CHECK(pthread_join(pt, NULL) == 0);
	}
	return vmsize() - before;
}

static void *user(void *arg)
{
	int *id = arg;

	*id = threadid();
	CHECKEQ(nbsendul(c, 1), 0);
	return NULL;
}

static void blocked(void *arg)
{
	(void)arg;
	recvul(c);
}

static void *creator(void *arg)
{
	int *id = arg;

	*id = threadcreate(blocked, NULL, 8192);
	yield();	// it blocks in recvul
	return NULL;
}

int main(void)
{
	pthread_t pt;
	int ids[N], id;

	// One malloc arena: a new one (64 MiB of address space), which glibc
	// makes when threads happen to meet in malloc, would swamp the measure.
	// (A sanitizer's allocator, which has no such arenas, ignores this.)
	mallopt(M_ARENA_MAX, 1);
	c = chancreate(sizeof(ulong), 0);
	// The first few set up what stays: the runtime, the key, caches.
	for(int i = 0; i < 10; i++){
		CHECK(pthread_create(&pt, NULL, user, &id) == 0);
		CHECK(pthread_join(pt, NULL) == 0);
	}
	// Against as many pthreads that do not use the library (a sanitizer
	// may keep something of each).
	long base = growth(plain, ids);
	long grown = growth(user, ids);
	if(grown > base + 16 * 1024)
		FAILF("%d adopted threads that ended grew the address space by %ld KiB, plain ones by %ld", N, grown, base);
	for(int i = 0; i < N; i++)
		CHECKEQ(threadpid(ids[i]), -1);

	// Its thread still blocked, the proc stays: the thread is found.
	CHECK(pthread_create(&pt, NULL, creator, &id) == 0);
	CHECK(pthread_join(pt, NULL) == 0);
	CHECK(threadpid(id) > 0);
	return 0;
}
