/*
 * The floor of a cross-proc round trip on this machine: two OS threads
 * pass a counter back and forth in one cache line, each spinning until
 * the other has written it.  No library, no queue, no sleeping: one round
 * trip is the line going to the partner's core and back.
 *
 *	pthread_linebounce [iterations]
 *	prints: pthread_linebounce ns_per_op=R iters=N
 */
#include <pthread.h>
#include <stdatomic.h>
#include "../bench.h"

#if defined(__x86_64__)
#define relax() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define relax() __asm__ volatile("yield")
#else
#define relax() ((void)0)
#endif

/* Odd: the partner's turn; even: main's. */
static _Alignas(64) atomic_long turn;
static long total;

static void
await(long want)
{
	while (atomic_load_explicit(&turn, memory_order_acquire) != want)
		relax();
}

static void *
partner(void *arg)
{
	(void)arg;
	for (long k = 1; k < 2 * total; k += 2) {
		await(k);
		atomic_store_explicit(&turn, k + 1, memory_order_release);
	}
	return NULL;
}

/* Round trips number `from` to `from + n - 1`. */
static void
roundtrips(long from, long n)
{
	for (long i = from; i < from + n; i++) {
		atomic_store_explicit(&turn, 2 * i + 1, memory_order_release);
		await(2 * i + 2);
	}
}

int
main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 100000);
	long warm = n / 10 + 1;
	long long t0, t1;
	pthread_t t;

	total = warm + n;
	if (pthread_create(&t, NULL, partner, NULL) != 0) {
		perror("pthread_create");
		return 1;
	}
	roundtrips(0, warm);
	t0 = bench_now_ns();
	roundtrips(warm, n);
	t1 = bench_now_ns();
	pthread_join(t, NULL);
	if (atomic_load(&turn) != 2 * total) {
		fprintf(stderr, "pthread_linebounce: turn %ld, want %ld\n", (long)atomic_load(&turn), 2 * total);
		return 1;
	}
	bench_report("pthread_linebounce ns_per_op=%.2f iters=%ld", (double)(t1 - t0) / n, n);
	return 0;
}
