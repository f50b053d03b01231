// Hand-offs between procs that sleep at every wait: with LIBTHREAD_SPIN=0 an idle proc parks at once. Two tokens go round a ring of three procs, 30,000 hops each, so procs park and wake each other concurrently; a lost wake-up hangs (watchdog), and each token arrives once, after exactly its hops.
// env: LIBTHREAD_SPIN=0
#include "test.h"

#include <stdint.h>

enum { NPROC = 3, HOPS = 30000 };

static Channel *ring[NPROC], *done;

// A token is its number in the high half and the hops left in the low.
static void node(void *arg)
{
	int i = (int)(uintptr_t)arg;
	ulong tok;

	for(;;){
		tok = recvul(ring[i]);
		if((tok & 0xffffffff) == 1)
			sendul(done, tok >> 32);
		else
			sendul(ring[(i + 1) % NPROC], tok - 1);
	}
}

void threadmain(int argc, char *argv[])
{
	int seen[3] = { 0 };

	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 2);
	for(int i = 0; i < NPROC; i++)
		ring[i] = chancreate(sizeof(ulong), 2);
	for(int i = 0; i < NPROC; i++)
		proccreate(node, (void *)(uintptr_t)i, 16384);
	sendul(ring[0], (1UL << 32) | HOPS);
	sendul(ring[1], (2UL << 32) | HOPS);
	for(int n = 0; n < 2; n++){
		ulong id = recvul(done);
		CHECK(id == 1 || id == 2);
		seen[id]++;
	}
	CHECKEQ(seen[1], 1);
	CHECKEQ(seen[2], 1);
	threadexitsall(NULL);
}
