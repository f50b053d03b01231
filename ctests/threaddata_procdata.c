// threaddata() is a per-thread and procdata() a per-proc pointer slot: both start nil, and each thread or proc sees only its own.
#include "test.h"

typedef struct Job {
	Channel *done;
	void *procvalue; // what procdata should hold in this proc, seen from a new thread
} Job;

static int marks[8];

// A new thread of an existing proc: its own nil threaddata, the proc's procdata.
static void samethread(void *arg)
{
	Job *j = arg;
	CHECK(threaddata() != NULL);
	CHECK(*threaddata() == NULL);
	CHECK(*procdata() == j->procvalue);
	*threaddata() = &marks[1];
	yield();
	CHECK(*threaddata() == &marks[1]);
	sendul(j->done, 1);
}

// The first thread of a new proc: nil threaddata and nil procdata.
static void newproc(void *arg)
{
	Job *j = arg;
	CHECK(*threaddata() == NULL);
	CHECK(*procdata() == NULL);
	*procdata() = &marks[2];
	*threaddata() = &marks[3];

	// A second thread in this proc shares procdata but not threaddata.
	Job k = { chancreate(sizeof(ulong), 1), &marks[2] };
	threadcreate(samethread, &k, 0);
	CHECKEQ(recvul(k.done), 1);
	CHECK(*procdata() == &marks[2]);
	CHECK(*threaddata() == &marks[3]);
	chanfree(k.done);
	sendul(j->done, 1);
}

void threadmain(int argc, char *argv[])
{
	Job j = { chancreate(sizeof(ulong), 1), NULL };
	void **td, **pd;
	(void)argc; (void)argv;

	td = threaddata();
	pd = procdata();
	CHECK(td != NULL && pd != NULL);
	CHECK(*td == NULL);
	CHECK(*pd == NULL);
	CHECK(td != pd);
	CHECK(threaddata() == td); // the same slot every time
	CHECK(procdata() == pd);

	// A new thread here sees nil threaddata and our (still nil) procdata.
	threadcreate(samethread, &j, 0);
	CHECKEQ(recvul(j.done), 1);
	CHECK(*td == NULL);

	*td = &marks[0];
	*pd = &marks[4];
	j.procvalue = &marks[4];
	threadcreate(samethread, &j, 0);
	CHECKEQ(recvul(j.done), 1);
	CHECK(*threaddata() == &marks[0]);
	CHECK(*procdata() == &marks[4]);

	// Another proc has its own procdata.
	proccreate(newproc, &j, 0);
	CHECKEQ(recvul(j.done), 1);
	CHECK(*threaddata() == &marks[0]);
	CHECK(*procdata() == &marks[4]);
	chanfree(j.done);
	threadexits(NULL);
}
