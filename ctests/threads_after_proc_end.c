// Lookups by id and group pass over procs that have ended: after an earlier-created proc ends, threadpid, threadint, threadintgrp, threadkill and threadkillgrp still find the threads of a later one. Lookups once stopped at the first ended proc, so threadintgrp missed a thread and the program hung.
#include "test.h"

static Channel *c, *done;
static int base;	// the program's OS threads with no proc of ours running

static void await_os_threads(int n)
{
	CHECKEQ(test_await_entries("/proc/self/task", n, 10000), n);
}

static void quick(void *arg)
{
	(void)arg;
}

static void waiter(void *arg)
{
	(void)arg;
	ulong v;
	sendul(done, recv(c, &v) == -1 ? 1 : 2);
}

// Once the procs started before are gone, starts a proc that ends at
// once, then one in group grp whose thread blocks on c; returns the
// second's thread id once the first proc's OS thread is gone.
static int after_ended_proc(int grp)
{
	await_os_threads(base);
	int q = proccreate(quick, NULL, 8192);
	threadsetgrp(grp);
	int id = proccreate(waiter, NULL, 8192);
	threadsetgrp(0);
	await_os_threads(base + 1);
	CHECKEQ(threadpid(q), -1);
	return id;
}

// Interrupts thread id, or group grp when id is 0, until the waiter
// reports: an interrupt that comes before it blocks is not remembered.
static void interrupt_until_reported(int id, int grp)
{
	ulong v;

	while((v = nbrecvul(done)) == 0){
		if(id != 0)
			threadint(id);
		else
			threadintgrp(grp);
		test_sleep_ms(1);
	}
	CHECKEQ(v, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 4);
	base = test_count_entries("/proc/self/task");

	int id = after_ended_proc(5);
	CHECK(threadpid(id) > 0);
	CHECKEQ(threadint(id), 1);
	interrupt_until_reported(id, 0);

	after_ended_proc(6);
	interrupt_until_reported(0, 6);

	id = after_ended_proc(7);
	threadkill(id);
	while(threadpid(id) != -1)
		test_sleep_ms(1);

	after_ended_proc(8);
	CHECKEQ(threadkillgrp(8), 1);
	CHECKEQ(nbsendul(c, 1), 0);	// nobody takes it: the waiters are gone
	threadexitsall(NULL);
}
