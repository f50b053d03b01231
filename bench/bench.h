/*
 * bench.h: helpers shared by the p9thread benchmarks (bench/NAME.c) and the
 * pthread peers (bench/pthread/NAME.c).  Standard C and Linux only; it does not
 * include thread.h, so the pthread peers can use it too.
 *
 * Every benchmark program prints exactly one result line on stdout:
 *
 *	NAME key=value key=value ...
 *
 * and bench/harness.py reads the key that the workload names (ns_per_op,
 * bytes_per_thread, ms, ...).  Extra keys are kept in the raw results.
 */
#ifndef P9THREAD_BENCH_H
#define P9THREAD_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>

static inline long long
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* CPU time of the whole process (all its OS threads), in ns. */
static inline long long
bench_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* argv[i] as a count (1000000 or 1e6), or def. */
static inline long
bench_arg(int argc, char **argv, int i, long def)
{
	char *end;
	double d;

	if (i >= argc || argv[i] == NULL || argv[i][0] == '\0')
		return def;
	d = strtod(argv[i], &end);
	if (*end != '\0' || d < 0) {
		fprintf(stderr, "bad number: %s\n", argv[i]);
		exit(2);
	}
	return (long)d;
}

/* Resident set size in KiB: Rss of /proc/self/smaps_rollup (exact), else VmRSS. */
static inline long
bench_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f;

	if ((f = fopen("/proc/self/smaps_rollup", "r")) != NULL) {
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "Rss: %ld kB", &kb) == 1)
				break;
		fclose(f);
		if (kb >= 0)
			return kb;
	}
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
				break;
		fclose(f);
	}
	return kb;
}

/* A field of /proc/self/status in KiB (e.g. "VmPTE"), or -1. */
static inline long
bench_status_kb(const char *field)
{
	char line[256], fmt[64];
	long kb = -1;
	FILE *f;

	snprintf(fmt, sizeof fmt, "%s: %%ld kB", field);
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof line, f))
			if (sscanf(line, fmt, &kb) == 1)
				break;
		fclose(f);
	}
	return kb;
}

/* Print the result line and flush (the program may leave with _exit). */
static inline void
bench_report(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

#endif
