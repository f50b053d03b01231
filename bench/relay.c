/*
 * Relay of MiB mebibytes between two pipes, the middle of
 *
 *	feeder -> pipe -> MIDDLE -> pipe -> drainer
 *
 * done once by cat(1), a process of its own, and once by a thread moving
 * the data with ioread and iowrite through one Ioproc, as the relay
 * example of ioproc(3) does.  The feeder and the drainer are procs of this
 * program and are the same in both.  Each middle runs twice, alternately;
 * the figure is the best relay time divided by the best cat time (above 1:
 * the relay is slower), so that both come from the same run.
 *
 *	relay [MiB]
 *
 *	prints: relay ratio=R ms=T cat_ms=C mib_s=X cat_mib_s=Y pct_of_cat=P mib=M
 */
#include "bench.h"
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <thread.h>

extern char **environ;

enum { BUF = 128 * 1024, STK = 65536 };

typedef struct Run {
	int in[2];	/* feeder -> middle */
	int out[2];	/* middle -> drainer */
	long long total;
	Channel *done;
} Run;

static void
die(const char *what)
{
	fprintf(stderr, "relay: %s: %s\n", what, strerror(errno));
	threadexitsall("error");
}

static void
feeder(void *v)
{
	Run *r = v;
	static char buf[BUF];
	long long left;
	ssize_t n;

	memset(buf, 'x', sizeof buf);
	for (left = r->total; left > 0; left -= n)
		if ((n = write(r->in[1], buf, left < BUF ? (size_t)left : BUF)) <= 0)
			die("feeder write");
	close(r->in[1]);
}

static void
drainer(void *v)
{
	Run *r = v;
	static char buf[BUF];
	long long got = 0;
	ssize_t n;

	while ((n = read(r->out[0], buf, BUF)) > 0)
		got += n;
	if (n < 0)
		die("drainer read");
	close(r->out[0]);
	if (got != r->total) {
		fprintf(stderr, "relay: drained %lld bytes, not %lld\n", got, r->total);
		threadexitsall("short");
	}
	sendul(r->done, 1);
}

/* The relay thread of ioproc(3)'s example, with a larger buffer. */
static void
relaythread(void *v)
{
	Run *r = v;
	static char buf[BUF];
	Ioproc *io = ioproc();
	long n, w, off;

	while ((n = ioread(io, r->in[0], buf, BUF)) > 0)
		for (off = 0; off < n; off += w)
			if ((w = iowrite(io, r->out[1], buf + off, n - off)) <= 0)
				die("iowrite");
	if (n < 0)
		die("ioread");
	closeioproc(io);
	close(r->in[0]);
	close(r->out[1]);
}

static pid_t
spawn_cat(Run *r)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { "cat", NULL };
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, r->in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, r->out[1], 1);
	err = posix_spawnp(&pid, "cat", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0) {
		errno = err;
		die("spawning cat");
	}
	close(r->in[0]);
	close(r->out[1]);
	return pid;
}

/* One relay of total bytes; returns its time in ns. */
static long long
once(long long total, int use_cat)
{
	Run r;
	long long t0, t1;
	pid_t pid = 0;
	int status;

	memset(&r, 0, sizeof r);
	r.total = total;
	r.done = chancreate(sizeof(ulong), 1);
	/* Close-on-exec, so cat gets only its own ends, as 0 and 1. */
	if (pipe2(r.in, O_CLOEXEC) < 0 || pipe2(r.out, O_CLOEXEC) < 0)
		die("pipe2");
	t0 = bench_now_ns();
	if (use_cat)
		pid = spawn_cat(&r);
	else
		threadcreate(relaythread, &r, STK);
	proccreate(feeder, &r, STK);
	proccreate(drainer, &r, STK);
	recvul(r.done);
	t1 = bench_now_ns();
	if (use_cat && (waitpid(pid, &status, 0) != pid || status != 0))
		die("cat failed");
	chanfree(r.done);
	return t1 - t0;
}

void
threadmain(int argc, char *argv[])
{
	long mib = bench_arg(argc, argv, 1, 1024);
	long long total = (long long)mib << 20, cat = 0, relay = 0, t;
	int i;

	for (i = 0; i < 2; i++) {
		t = once(total, 1);
		if (cat == 0 || t < cat)
			cat = t;
		t = once(total, 0);
		if (relay == 0 || t < relay)
			relay = t;
	}
	bench_report("relay ratio=%.3f ms=%.1f cat_ms=%.1f mib_s=%.0f cat_mib_s=%.0f pct_of_cat=%.1f mib=%ld",
		(double)relay / cat, relay / 1e6, cat / 1e6,
		mib / (relay / 1e9), mib / (cat / 1e9), 100.0 * cat / relay, mib);
	threadexitsall(NULL);
}
