// threadgetname returns "" for a thread or proc that has no name, and "threadmain" for the first thread until it renames itself; a new thread does not inherit its creator's name.
#include "test.h"

static Channel *c;

static void unnamed(void *arg)
{
	(void)arg;
	chanprint(c, "%s", threadgetname());
}

static char *name_of_new(int proc)
{
	if(proc)
		proccreate(unnamed, NULL, 0);
	else
		threadcreate(unnamed, NULL, 0);
	return recvp(c);
}

void threadmain(int argc, char *argv[])
{
	char *s;
	(void)argc; (void)argv;

	CHECK(threadgetname() != NULL);
	CHECK(strcmp(threadgetname(), "threadmain") == 0);
	c = chancreate(sizeof(char*), 0);
	for(int proc = 0; proc < 2; proc++) {
		s = name_of_new(proc);
		if(strcmp(s, "") != 0)
			FAILF("a new %s without a name is named \"%s\", want \"\"", proc ? "proc" : "thread", s);
		free(s);
	}
	threadsetname("renamed %d", 1);
	CHECK(strcmp(threadgetname(), "renamed 1") == 0);
	s = name_of_new(0);
	CHECK(strcmp(s, "") == 0);
	free(s);
	threadexits(NULL);
}
