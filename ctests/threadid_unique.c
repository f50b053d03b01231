// threadid is unique across all threads and procs, equals what threadcreate/proccreate returned, and is never reused after a thread exits.
#include "test.h"

enum { NTHREAD = 200, NPROC = 4, ROUNDS = 3 };
enum { MAXIDS = 1 + ROUNDS * (NTHREAD + NPROC) };

static Channel *ids;

static void report(void *arg)
{
	(void)arg;
	CHECKEQ(sendul(ids, (ulong)threadid()), 1);
}

static int cmp(const void *a, const void *b)
{
	long x = *(const long*)a, y = *(const long*)b;
	return (x > y) - (x < y);
}

void threadmain(int argc, char *argv[])
{
	static long all[MAXIDS];
	int n = 0;
	(void)argc; (void)argv;

	ids = chancreate(sizeof(ulong), 0);
	all[n++] = threadid();
	CHECKEQ(threadid(), all[0]); // stable
	// Rounds of threads that exit before the next round starts: their
	// ids must not come back.
	for(int r = 0; r < ROUNDS; r++) {
		long created[NTHREAD + NPROC];
		long got[NTHREAD + NPROC];
		for(int i = 0; i < NTHREAD; i++)
			created[i] = threadcreate(report, NULL, 0);
		for(int i = 0; i < NPROC; i++)
			created[NTHREAD + i] = proccreate(report, NULL, 0);
		for(int i = 0; i < NTHREAD + NPROC; i++)
			got[i] = (long)recvul(ids);
		test_yield_n(5);
		test_sleep_ms(10);
		// Every reported id is one that was returned, and vice versa.
		qsort(created, NTHREAD + NPROC, sizeof(long), cmp);
		qsort(got, NTHREAD + NPROC, sizeof(long), cmp);
		for(int i = 0; i < NTHREAD + NPROC; i++) {
			CHECKEQ(got[i], created[i]);
			all[n++] = got[i];
		}
	}
	qsort(all, n, sizeof(long), cmp);
	for(int i = 1; i < n; i++)
		if(all[i] == all[i - 1])
			FAILF("thread id %ld used twice", all[i]);
	threadexits(NULL);
}
