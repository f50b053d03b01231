// threadsetname formats a name that threadgetname returns, separately for each thread and proc.
#include "test.h"

static char workerfmt[] = "worker-%d-%s", longfmt[] = "%s", mainname[] = "main thread";

typedef struct Job {
	int n;
	Channel *done;
} Job;

static void worker(void *arg)
{
	Job *j = arg;
	char want[64];

	threadsetname(workerfmt, j->n, "x");
	snprintf(want, sizeof want, "worker-%d-x", j->n);
	CHECK(threadgetname() != NULL);
	CHECK(strcmp(threadgetname(), want) == 0);
	yield();
	CHECK(strcmp(threadgetname(), want) == 0);
	sendul(j->done, 1);
}

void threadmain(int argc, char *argv[])
{
	Job j[3];
	Channel *done = chancreate(sizeof(ulong), 3);
	char big[100];
	(void)argc; (void)argv;

	threadsetname(mainname);
	CHECK(strcmp(threadgetname(), "main thread") == 0);
	for(int i = 0; i < 3; i++) {
		j[i].n = i;
		j[i].done = done;
		if(i == 2)
			proccreate(worker, &j[i], 0);
		else
			threadcreate(worker, &j[i], 0);
	}
	for(int i = 0; i < 3; i++)
		CHECKEQ(recvul(done), 1);
	CHECK(strcmp(threadgetname(), "main thread") == 0);

	// Renaming replaces the name; a name of 99 characters is kept whole.
	memset(big, 'n', sizeof big - 1);
	big[sizeof big - 1] = 0;
	threadsetname(longfmt, big);
	CHECK(strcmp(threadgetname(), big) == 0);
	threadsetname(workerfmt, 99, "y");
	CHECK(strcmp(threadgetname(), "worker-99-y") == 0);
	chanfree(done);
	threadexits(NULL);
}
