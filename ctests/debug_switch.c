// LIBTHREAD_DEBUG=chan,sched prints the library's debugging messages on standard error, among them one for each thread that blocks (in a receive, an alt); without it nothing is printed; an unknown topic is reported.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static void quick(void *arg) { (void)arg; }

static void receiver(void *arg) { recvul(arg); }

static void alter(void *arg)
{
	ulong v;
	Channel *never = chancreate(sizeof(ulong), 0);
	Alt a[] = { { arg, &v, CHANRCV, NULL }, { never, &v, CHANRCV, NULL }, { NULL, NULL, CHANEND, NULL } };
	alt(a);
}

void threadmain(int argc, char *argv[])
{
	Child ch;

	if(argc > 1 && strcmp(argv[1], "run") == 0){
		Channel *c = chancreate(sizeof(ulong), 1);
		threadcreate(quick, NULL, 8192);
		sendul(c, 1);
		recvul(c);
		chanclose(c);
		chanfree(c);
		yield();
		Channel *d = chancreate(sizeof(ulong), 0);
		threadcreate(receiver, d, 8192);
		threadcreate(alter, d, 8192);
		yield();	// both block on d
		sendul(d, 1);
		sendul(d, 2);
		threadexitsall(NULL);
	}
	child_run(&ch, "run", "LIBTHREAD_DEBUG=chan,sched");
	CHECKEQ(ch.status, 0);
	CHECK(strstr(ch.err, "chan: ") != NULL);
	CHECK(strstr(ch.err, "sched: ") != NULL);
	CHECK(strstr(ch.err, "blocks: recv on channel 0x") != NULL);
	CHECK(strstr(ch.err, "blocks: alt") != NULL);
	child_run(&ch, "run", NULL);
	CHECKEQ(ch.status, 0);
	CHECKEQ(strlen(ch.err), 0);
	child_run(&ch, "run", "LIBTHREAD_DEBUG=bogus");
	CHECK(strstr(ch.err, "unknown topic \"bogus\"") != NULL);
	threadexitsall(NULL);
}
