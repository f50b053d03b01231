// alt with CHANNOP entries before its sends and receives, as the first alt of a fresh proc and with more NOPs than entries that take part: alt completes a ready entry, reads nothing outside the array and writes nothing outside its own memory, and a proc that reuses an ended proc's record leaks nothing (built with AddressSanitizer, whose leak check runs at exit). Such an array once made alt write through the empty scratch list of a new proc, and a reused proc record once leaked the old one's list.
// cflags: -fsanitize=address
#include "test.h"

#include <dirent.h>

enum { NOPS = 100, CHANS = 50 };

static Channel *done;

static int os_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	CHECK(d != NULL);
	while((e = readdir(d)) != NULL)
		if(e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void check(void *arg)
{
	static Alt a[NOPS + CHANS + 1];
	Channel *c = chancreate(sizeof(int), 1);
	int v = 7, w = 0, nops = (int)(long)arg;

	for(int i = 0; i < nops; i++)
		a[i].op = CHANNOP;
	for(int i = nops; i < nops + CHANS; i++) {
		a[i].c = c;
		a[i].v = &w;
		a[i].op = CHANRCV;
	}
	a[nops + CHANS].op = CHANNOBLK;
	CHECKEQ(send(c, &v), 1);
	int r = alt(a);
	CHECK(r >= nops && r < nops + CHANS);
	CHECKEQ(w, 7);
	// Nothing is ready now: the CHANNOBLK entry's index.
	CHECKEQ(alt(a), nops + CHANS);
	chanfree(c);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 0);
	int before = os_threads();
	// Each in a proc of its own, whose scratch list starts empty.
	proccreate(check, (void *)1L, 65536);
	recvul(done);
	// Once the first proc's OS thread is gone, its record is free, and the
	// second proc takes it over.
	for(int tries = 0; os_threads() != before; tries++) {
		CHECK(tries < 1000);
		usleep(1000);
	}
	proccreate(check, (void *)(long)NOPS, 65536);
	recvul(done);
	threadexitsall(NULL);
}
