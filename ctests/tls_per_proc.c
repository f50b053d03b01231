// C's _Thread_local variables belong to the proc: the threads of one proc share them, and each proc has its own.
#include "test.h"

static _Thread_local int tls = 1;
static Channel *done;

// Runs in threadmain's proc: sees what threadmain stored, and stores for it to see.
static void sibling(void *arg)
{
	(void)arg;
	CHECKEQ(tls, 2);
	tls = 3;
	yield();
	CHECKEQ(tls, 4); // threadmain's store, made while we were switched out
	sendul(done, 1);
}

// Runs in a proc of its own: starts from the initial value, and its stores stay there.
static void other(void *arg)
{
	(void)arg;
	CHECKEQ(tls, 1);
	tls = 10;
	yield();
	CHECKEQ(tls, 10);
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 0);

	tls = 2;
	threadcreate(sibling, NULL, 0);
	yield(); // sibling runs until its own yield
	CHECKEQ(tls, 3);
	tls = 4;
	CHECKEQ(recvul(done), 1);

	proccreate(other, NULL, 0);
	CHECKEQ(recvul(done), 1);
	CHECKEQ(tls, 4);
	threadexits(NULL);
}
