// A thread whose blocked send or receive was completed never touches the
// qemu: LeakSanitizer does not run under qemu-user
// channel again: the completer may interrupt it and free the channel before
// it runs, with no use after free under AddressSanitizer and the value
// still delivered.  The same with the blocked thread in another proc: also
// when its proc carries out the interrupt before it takes the thread back.
// A thread that later blocks outside the channel code (procwait) and is
// interrupted there does not go back to the freed channel either: its
// procwait fails with EINTR.
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"

#include <errno.h>


typedef struct W {
	Channel *c;
	Channel *done;
	int r;      // what send or recv returned
	int v;
} W;

static void receiver(void *arg)
{
	W *w = arg;
	w->r = recv(w->c, &w->v);
	sendul(w->done, 1);
}

static void sender(void *arg)
{
	W *w = arg;
	int v = 42;
	w->r = send(w->c, &v);
	sendul(w->done, 1);
}

static void run(void (*fn)(void*), int nel, int useproc)
{
	W w = { NULL, NULL, -2, 0 };
	int v;

	w.c = chancreate(sizeof(int), nel);
	w.done = chancreate(sizeof(ulong), 1);
	v = 41;
	for(int i = 0; i < nel; i++)
		CHECKEQ(send(w.c, &v), 1);  // fill the buffer: the sender blocks
	int id = useproc ? proccreate(fn, &w, 0) : threadcreate(fn, &w, 0);
	// Let the thread block on w.c.
	test_yield_n(5);
	test_sleep_ms(20);
	test_yield_n(5);
	CHECKEQ(nbrecvul(w.done), 0);

	if(fn == receiver) {
		v = 7;
		CHECKEQ(send(w.c, &v), 1);
	} else {
		for(int i = 0; i < nel; i++) {
			CHECKEQ(recv(w.c, &v), 1);
			CHECKEQ(v, 41);   // the buffered elements first
		}
		CHECKEQ(recv(w.c, &v), 1);
		CHECKEQ(v, 42);           // then the blocked sender's, moved in
	}
	// The wait is over: neither the interrupt nor the free may reach the
	// thread's channel operation.
	threadint(id);
	chanfree(w.c);
	CHECKEQ(recvul(w.done), 1);
	CHECKEQ(w.r, 1);
	if(fn == receiver)
		CHECKEQ(w.v, 7);
	chanfree(w.done);
}

typedef struct R {
	W w;
	Channel *never;
	volatile int tid;
	volatile int go;
} R;

// Runs in a proc of its own: starts the receiver, keeps the proc busy
// until told, then blocks, so that the proc sees the interrupt queued for
// the receiver before it takes the readied receiver from its inbox.
static void busyproc(void *arg)
{
	R *r = arg;
	int id = threadcreate(receiver, &r->w, 0);
	yield();                  // the receiver blocks on r->w.c
	r->tid = id;
	while(!r->go)
		;
	recvul(r->never);
}

static void remote_interrupt_before_drain(void)
{
	R r = { { NULL, NULL, -2, 0 }, NULL, 0, 0 };
	int v = 7;

	r.w.c = chancreate(sizeof(int), 0);
	r.w.done = chancreate(sizeof(ulong), 1);
	r.never = chancreate(sizeof(ulong), 0);
	proccreate(busyproc, &r, 0);
	while(r.tid == 0)
		test_sleep_ms(1);
	CHECKEQ(send(r.w.c, &v), 1);
	threadint(r.tid);
	chanfree(r.w.c);
	r.go = 1;
	CHECKEQ(recvul(r.w.done), 1);
	CHECKEQ(r.w.r, 1);
	CHECKEQ(r.w.v, 7);
}

typedef struct P {
	Channel *c;
	Channel *done;
	int pid;
	Waitmsg *w;
	int err;
} P;

static void recvthenwait(void *arg)
{
	P *p = arg;
	CHECKEQ(recvul(p->c), 5);
	p->w = procwait(p->pid);
	p->err = errno;
	sendul(p->done, 1);
}

static void interrupt_in_procwait(void)
{
	P p;
	int fd[3];

	test_stdfds(fd);
	p.pid = threadspawnl(fd, "sh", "sh", "-c", "sleep 0.2", NULL);
	CHECK(p.pid > 0);
	p.c = chancreate(sizeof(ulong), 0);
	p.done = chancreate(sizeof(ulong), 1);
	p.w = NULL;
	int id = threadcreate(recvthenwait, &p, 0);
	yield();                  // blocks in recvul
	CHECKEQ(sendul(p.c, 5), 1);
	chanfree(p.c);            // released at once: nobody waits on it
	yield();                  // the thread resumes and blocks in procwait
	threadint(id);
	CHECKEQ(recvul(p.done), 1);
	CHECK(p.w == NULL);
	CHECKEQ(p.err, EINTR);
	// The child's message stays for the next procwait.
	p.w = procwait(p.pid);
	CHECK(p.w != NULL);
	CHECKEQ(p.w->pid, p.pid);
	free(p.w);
	chanfree(p.done);
}

void threadmain(int argc, char **argv)
{
	(void)argc; (void)argv;
	for(int useproc = 0; useproc < 2; useproc++) {
		run(receiver, 0, useproc);
		run(sender, 0, useproc);
		run(sender, 2, useproc);
	}
	remote_interrupt_before_drain();
	interrupt_in_procwait();
	threadexitsall(NULL);
}
