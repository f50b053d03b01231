// A thread killed before or during ioopen never sees the descriptor the call makes: it is closed, not left open for good.
#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

enum { ROUNDS = 20 };

static Ioproc *io;
static char fifo[64];
static int entered;	// SHARED_GET and SHARED_SET

// Opens the fifo for reading, which waits for a writer.
static void opener(void *arg)
{
	(void)arg;
	SHARED_SET(entered, 1);
	ioopen(io, fifo, O_RDONLY);
	FAILF("a killed thread returned from ioopen");
}

// How many of our descriptors are open on the fifo.
static int fifo_fds(void)
{
	char path[64], target[sizeof fifo];
	struct dirent *e;
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	ssize_t len;

	CHECK(d != NULL);
	while((e = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof target - 1);
		if(len < 0)
			continue;
		target[len] = 0;
		n += strcmp(target, fifo) == 0;
	}
	closedir(d);
	return n;
}

// Kills the opener, then lets its open finish by opening the fifo's
// other end; returns once the opener is gone.
static void round_trip(int before)
{
	int id, w;

	SHARED_SET(entered, 0);
	id = proccreate(opener, NULL, 0);
	if(before)
		threadkill(id);
	else {
		while(!SHARED_GET(entered))
			usleep(50);
		usleep(2000);	// into its open
		threadkill(id);
	}
	w = open(fifo, O_WRONLY | O_NONBLOCK);
	while(w < 0 && threadint(id) == 1) {
		usleep(100);
		w = open(fifo, O_WRONLY | O_NONBLOCK);
	}
	while(threadint(id) == 1)
		usleep(100);
	if(w >= 0) {
		CHECKEQ(fifo_fds(), 1);
		close(w);
	}
	CHECKEQ(fifo_fds(), 0);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	snprintf(fifo, sizeof fifo, "/tmp/io_killed_fd.%d", getpid());
	CHECK(mkfifo(fifo, 0600) == 0);
	io = ioproc();
	for(int round = 0; round < ROUNDS; round++)
		round_trip(round % 2);
	closeioproc(io);
	unlink(fifo);
	threadexitsall(NULL);
}
