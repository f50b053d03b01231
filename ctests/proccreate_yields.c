// proccreate and procrfork give up the processor, as in Plan 9: a thread of the caller's proc that was ready has run by the time they return.
#include "test.h"

static int ran;

static void other(void *arg)
{
	(void)arg;
	ran = 1;
}

static void nothing(void *arg)
{
	(void)arg;
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	threadcreate(other, NULL, 0);
	CHECKEQ(ran, 0);
	proccreate(nothing, NULL, 0);
	CHECKEQ(ran, 1);
	ran = 0;
	threadcreate(other, NULL, 0);
	procrfork(nothing, NULL, 0, RFFDG);
	CHECKEQ(ran, 1);
	threadexitsall(NULL);
}
