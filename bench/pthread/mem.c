/*
 * pthread peer of bench/mem.c: resident memory per idle OS thread.
 * NTHREADS OS threads (64 KiB stacks), each blocked on one shared
 * condition variable.  RSS (smaps_rollup Rss, else VmRSS) is read before
 * the threads are created and after every one of them has run and blocked,
 * as bench/mem.c does; also reports the growth of the page tables (VmPTE),
 * which RSS does not count.  Then the threads are released and joined.  The
 * program checks that every thread had started and none had left when RSS
 * was read, and that every one left once the gate was opened.
 *
 *	pthread_mem [nthreads]
 *	prints: pthread_mem bytes_per_thread=B threads=N rss_before_kb=A rss_after_kb=C pte_kb=P create_ms=T
 */
#include <pthread.h>
#include "../bench.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t startcv = PTHREAD_COND_INITIALIZER;	/* main waits for all to start */
static pthread_cond_t gatecv = PTHREAD_COND_INITIALIZER;	/* the one the threads block on */
static long nthreads, started, left;
static int gateopen;

static void *
idle(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	if (++started == nthreads)
		pthread_cond_signal(&startcv);
	while (!gateopen)
		pthread_cond_wait(&gatecv, &mu);
	left++;
	pthread_mutex_unlock(&mu);
	return NULL;
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 100000);
	long i, before, after, pte0, pte1, s;
	long long t0, t1;
	pthread_t *t;
	pthread_attr_t attr;

	if (n < 1)
		n = 1;
	nthreads = n;
	t = calloc(n, sizeof t[0]);
	if (t == NULL) {
		fprintf(stderr, "pthread_mem: out of memory\n");
		return 1;
	}
	memset(t, 0xff, n * sizeof t[0]);	/* resident before the first reading, not counted */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	before = bench_rss_kb();
	pte0 = bench_status_kb("VmPTE");
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], &attr, idle, NULL) != 0) {
			fprintf(stderr, "pthread_mem: pthread_create failed at %ld\n", i);
			exit(1);
		}
	pthread_mutex_lock(&mu);
	while (started < n)
		pthread_cond_wait(&startcv, &mu);
	pthread_mutex_unlock(&mu);
	t1 = bench_now_ns();
	after = bench_rss_kb();
	pte1 = bench_status_kb("VmPTE");

	pthread_mutex_lock(&mu);
	if (left != 0) {		/* every thread must still be blocked when measured */
		fprintf(stderr, "pthread_mem: %ld threads passed the closed gate\n", left);
		exit(1);
	}
	gateopen = 1;
	pthread_cond_broadcast(&gatecv);
	pthread_mutex_unlock(&mu);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_mutex_lock(&mu);
	s = started;
	pthread_mutex_unlock(&mu);
	if (s != n || left != n || before < 0 || after < 0) {
		fprintf(stderr, "pthread_mem: %ld threads started and %ld left, want %ld; rss %ld, %ld kB\n",
			s, left, n, before, after);
		return 1;
	}
	bench_report("pthread_mem bytes_per_thread=%.1f threads=%ld rss_before_kb=%ld rss_after_kb=%ld pte_kb=%ld create_ms=%.1f",
		(double)(after - before) * 1024 / n, n, before, after, pte1 - pte0, (t1 - t0) / 1e6);
	return 0;
}
