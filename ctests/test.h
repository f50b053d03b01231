// test.h: the tiny assert header and watchdog shared by p9thread's C tests.
//
// Each test is one program whose exit status is the verdict (0 = pass).
// CHECK and CHECKEQ print file:line and the failed expression on stderr and
// end the whole process with status 1 at once, from any thread or proc.
// A watchdog (SIGALRM after WATCHDOG seconds, default 30, five times as
// long under ThreadSanitizer and three times under AddressSanitizer; define
// WATCHDOG before including this header to change it, 0 to disable) turns
// a hang into a failure with status 3 instead of a stalled test run.
#ifndef P9THREAD_CTEST_H
#define P9THREAD_CTEST_H

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <thread.h>

#ifndef WATCHDOG
#define WATCHDOG 30
#endif

// ThreadSanitizer slows a program down several times over, and a switch
// between threads far more; AddressSanitizer doubles the cost of making a
// proc. sieve_procs_buffered, which makes a thousand procs, took 5 s,
// 10 s under AddressSanitizer and 31 s under ThreadSanitizer in CI.
#if defined(__SANITIZE_THREAD__)
#define WATCHDOG_SECONDS (5 * (WATCHDOG))
#elif defined(__SANITIZE_ADDRESS__)
#define WATCHDOG_SECONDS (3 * (WATCHDOG))
#else
#define WATCHDOG_SECONDS (WATCHDOG)
#endif

// _exit, not exit: other procs may still be running library code, and
// exit's atexit handlers must not race them.
static inline void test_fail(const char *file, int line, const char *what)
{
	fflush(stdout);
	fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
	fflush(stderr);
	_exit(1);
}

#define CHECK(cond) \
	do { if(!(cond)) test_fail(__FILE__, __LINE__, "CHECK(" #cond ")"); } while(0)

#define CHECKEQ(a, b) \
	do { \
		long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
		if(check_a_ != check_b_) { \
			fflush(stdout); \
			fprintf(stderr, "%s:%d: FAILED: CHECKEQ(%s, %s): %lld != %lld\n", \
				__FILE__, __LINE__, #a, #b, check_a_, check_b_); \
			fflush(stderr); \
			_exit(1); \
		} \
	} while(0)

// A flag or counter that threads of different procs poll and set: atomic
// accesses, so that the handshake is no data race (ThreadSanitizer reports
// one made of plain or volatile accesses).
#define SHARED_GET(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define SHARED_SET(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define SHARED_ADD(x, n) __atomic_add_fetch(&(x), (n), __ATOMIC_SEQ_CST)

// Fails the test with a formatted message.
#define FAILF(...) \
	do { \
		fflush(stdout); \
		fprintf(stderr, "%s:%d: FAILED: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		fflush(stderr); \
		_exit(1); \
	} while(0)

static void test_watchdog_fired(int sig)
{
	static const char msg[] = "watchdog: test did not finish in time (hang?)\n";
	(void)sig;
	if(write(2, msg, sizeof msg - 1) < 0) {}
	_exit(3);
}

__attribute__((constructor)) static void test_watchdog_start(void)
{
	struct sigaction sa;

	if(WATCHDOG <= 0)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = test_watchdog_fired;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(WATCHDOG_SECONDS);
}

// Sleeps for ms milliseconds, blocking the whole proc (not just the thread).
static inline void test_sleep_ms(int ms)
{
	usleep((useconds_t)ms * 1000);
}

// The next number, 0 to 32767, of a small linear congruential generator
// whose state is *s: reproducible random choices for stress tests.
static inline unsigned test_rnd(unsigned *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 16;
}

// Clock `clock` (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID, ...) in
// nanoseconds.
static inline long long test_clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// Monotonic time in seconds.
static inline double test_now(void)
{
	return test_clock_ns(CLOCK_MONOTONIC) / 1e9;
}

// Fills fd[] for threadspawn and its kin: the child reads and writes
// /dev/null, and shares the test's standard error.
static inline void test_stdfds(int fd[3])
{
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = dup(2);
}

// Checks that w is child pid's Waitmsg, with status message msg, and frees
// it.
static inline void test_check_waitmsg(Waitmsg *w, int pid, const char *msg)
{
	CHECK(w != NULL);
	CHECKEQ(w->pid, pid);
	if(strcmp(w->msg, msg) != 0)
		FAILF("pid %d: message \"%s\", want \"%s\"", pid, w->msg, msg);
	free(w);
}

// Receives a Waitmsg from the wait channel c and checks it as
// test_check_waitmsg does.
static inline void test_recv_waitmsg(Channel *c, int pid, const char *msg)
{
	test_check_waitmsg((Waitmsg*)recvp(c), pid, msg);
}

// Starts sh -c script with test_stdfds; returns threadspawnl's pid.
static inline int test_spawnsh(char *script)
{
	int fd[3];
	char sh[] = "sh";

	test_stdfds(fd);
	return threadspawnl(fd, sh, "sh", "-c", script, NULL);
}

// The process's resident memory, in KiB.
static inline long test_resident_kib(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	CHECK(f != NULL);
	CHECK(fscanf(f, "%ld %ld", &pages, &rss) == 2);
	fclose(f);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

// The number of entries in directory dir, such as /proc/self/task (the
// process's OS threads) or /proc/self/fd.
static inline int test_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	CHECK(d != NULL);
	while((e = readdir(d)) != NULL)
		if(e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

// Waits up to ms milliseconds for directory dir to hold n entries (OS
// threads leave /proc/self/task a little after they end); returns the
// number it holds at the end.
static inline int test_await_entries(const char *dir, int n, int ms)
{
	int now;

	for(int waited = 0; (now = test_count_entries(dir)) != n && waited < ms; waited++)
		test_sleep_ms(1);
	return now;
}

// Yields n times, to let every ready thread of this proc run.
static inline void test_yield_n(int n)
{
	while(n-- > 0)
		yield();
}

// threadsysfatal (lib9's sysfatal's way out), which takes a va_list.
static inline void test_sysfatal(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	threadsysfatal(fmt, arg);
}

#endif
