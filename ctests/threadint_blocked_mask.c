// threadint breaks a system call of a proc whose OS thread came with every signal blocked: a proc made while its creator blocked them (a program that takes signals with sigwait does so), and an OS thread the library adopted with such a mask.
#include <pthread.h>

#include "test.h"

#include <errno.h>

static int p[2];
static Channel *res;
static int adopted_id;

// Reads a pipe that has no data; reports how the read ended.
static void reader(void *arg)
{
	char b;
	ssize_t n;

	(void)arg;
	sendul(res, 0);
	n = read(p[0], &b, 1);
	sendul(res, n < 0 ? (ulong)errno : 0);
}

static void *adopted(void *arg)
{
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	SHARED_SET(adopted_id, threadid());
	reader(arg);
	return NULL;
}

// The errno of the reader's read, once interrupted.
static ulong interrupted_read(int id)
{
	ulong r = 0;

	test_sleep_ms(50);	// in its read
	CHECKEQ(threadint(id), 1);
	for(int i = 0; i < 2000 && nbrecv(res, &r) == 0; i++)
		test_sleep_ms(1);
	return r;
}

void threadmain(int argc, char *argv[])
{
	sigset_t all, old;
	pthread_t pt;

	(void)argc; (void)argv;
	CHECK(pipe(p) == 0);
	res = chancreate(sizeof(ulong), 0);

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int id = proccreate(reader, NULL, 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	recvul(res);
	CHECKEQ(interrupted_read(id), (ulong)EINTR);

	CHECK(pthread_create(&pt, NULL, adopted, NULL) == 0);
	recvul(res);
	CHECKEQ(interrupted_read(SHARED_GET(adopted_id)), (ulong)EINTR);
	CHECK(pthread_join(pt, NULL) == 0);
	threadexitsall(NULL);
}
