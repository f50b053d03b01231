// The library's own threads (an Ioproc's, the reaper of children, threadwaitchan's feeder, note delivery) belong to no group: threadintgrp and threadkillgrp of the group their creator was in find only the program's threads, and the Ioproc, threadwaitchan, procwait and notes go on working.
#include "test.h"

#include <signal.h>

static Channel *c, *notes;

// Waits on c until killed; interrupts only make it wait again.
static void waiter(void *arg)
{
	ulong v;
	(void)arg;
	for(;;)
		CHECKEQ(recv(c, &v), -1);
}

static int handle(void *ureg, char *note)
{
	(void)ureg;
	return strcmp(note, "interrupt") == 0 && nbsendul(notes, 1) == 1;
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	Channel *wc;
	Waitmsg *w;
	int pid;
	(void)argc; (void)argv;

	c = chancreate(sizeof(ulong), 0);
	notes = chancreate(sizeof(ulong), 1);
	// Everything below is made from group 0.
	CHECKEQ(threadgetgrp(), 0);
	io = ioproc();
	CHECKEQ(iosleep(io, 1), 0);
	wc = threadwaitchan();
	CHECK(threadnotify(handle, 1));
	CHECK(test_spawnsh("exit 0") > 0);
	w = recvp(wc);
	CHECK(w != NULL);
	free(w);
	proccreate(waiter, NULL, 8192);
	int t = threadcreate(waiter, NULL, 8192);
	yield();

	CHECKEQ(threadsetgrp(1), 0);
	threadintgrp(0);
	yield();
	CHECKEQ(threadkillgrp(0), 2);	// the two waiters, nothing else
	yield();
	CHECKEQ(threadpid(t), -1);

	// The library's threads were left alone.
	CHECKEQ(iosleep(io, 1), 0);
	pid = test_spawnsh("exit 3");
	CHECK(pid > 0);
	test_recv_waitmsg(wc, pid, "3");
	CHECK(raise(SIGINT) == 0);
	CHECKEQ(recvul(notes), 1);
	closeioproc(io);
	threadexitsall(NULL);
}
