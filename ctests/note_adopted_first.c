// A program with its own main whose first call to the library is threadnotify gets its notes: the call adopts the OS thread, which starts note delivery.
// link: both
#include "test.h"

static Channel *c;

static int handler(void *ureg, char *note)
{
	(void)ureg;
	return nbsendp(c, strdup(note)) == 1;
}

int main(void)
{
	char *note;

	CHECKEQ(threadnotify(handler, 1), 1);
	c = chancreate(sizeof(char*), 1);
	raise(SIGUSR1);
	note = recvp(c);
	CHECK(strcmp(note, "usr1") == 0);
	free(note);
	chanfree(c);
	return 0;
}
