// 64 KiB elements pass between threads and procs whose stacks (8192 bytes asked) are smaller than one element, through send/recv and alt.
#include "test.h"

enum { ELSIZE = 64 * 1024, N = 20 };

typedef struct Job {
	Channel *c;
	Channel *done;
	int usealt;
} Job;

static void fill(unsigned char *b, int i)
{
	for(int k = 0; k < ELSIZE; k++)
		b[k] = (unsigned char)(k * 13 + i * 7 + (k >> 8));
}

static void sender(void *arg)
{
	Job *j = arg;
	unsigned char *b = malloc(ELSIZE);
	CHECK(b != NULL);
	for(int i = 0; i < N; i++) {
		fill(b, i);
		if(j->usealt) {
			Alt a[] = {
				{ j->c, b, CHANSND, NULL },
				{ NULL, NULL, CHANEND, NULL },
			};
			CHECKEQ(alt(a), 0);
		} else
			CHECKEQ(send(j->c, b), 1);
	}
	free(b);
	sendul(j->done, 1);
}

static void receiver(void *arg)
{
	Job *j = arg;
	unsigned char *b = malloc(ELSIZE), *want = malloc(ELSIZE);
	CHECK(b != NULL && want != NULL);
	for(int i = 0; i < N; i++) {
		memset(b, 0, ELSIZE);
		if(j->usealt) {
			Alt a[] = {
				{ j->c, b, CHANRCV, NULL },
				{ NULL, NULL, CHANEND, NULL },
			};
			CHECKEQ(alt(a), 0);
		} else
			CHECKEQ(recv(j->c, b), 1);
		fill(want, i);
		if(memcmp(b, want, ELSIZE) != 0)
			FAILF("element %d arrived corrupted", i);
	}
	free(b);
	free(want);
	sendul(j->done, 1);
}

static void run(int nel, int sendproc, int recvproc, int usealt)
{
	Job j;
	j.c = chancreate(ELSIZE, nel);
	j.done = chancreate(sizeof(ulong), 2);
	j.usealt = usealt;
	if(sendproc)
		proccreate(sender, &j, 8192);
	else
		threadcreate(sender, &j, 8192);
	if(recvproc)
		proccreate(receiver, &j, 8192);
	else
		threadcreate(receiver, &j, 8192);
	recvul(j.done);
	recvul(j.done);
	chanfree(j.c);
	chanfree(j.done);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	for(int usealt = 0; usealt < 2; usealt++) {
		run(0, 0, 0, usealt);
		run(2, 0, 0, usealt);
		run(0, 1, 0, usealt);
		run(0, 0, 1, usealt);
		run(3, 1, 1, usealt);
	}
	threadexits(NULL);
}
