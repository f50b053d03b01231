// threadnotify leaves the program's own signal actions alone: an ignored SIGPIPE stays ignored (a write to a closed pipe fails with EPIPE, and no note ends the program), a SIGHUP handler of the program's stays its own, and signals with their default action become notes.
#include "test.h"

#include <errno.h>

static Channel *notes;
static volatile sig_atomic_t hups;

static void onhup(int sig)
{
	(void)sig;
	hups++;
}

static int handler(void *ureg, char *note)
{
	(void)ureg;
	return nbsendp(notes, strdup(note)) == 1;
}

void threadmain(int argc, char *argv[])
{
	int p[2];
	char *note;

	(void)argc; (void)argv;
	notes = chancreate(sizeof(char*), 8);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, onhup);
	CHECKEQ(threadnotify(handler, 1), 1);

	CHECK(pipe(p) == 0);
	close(p[0]);
	errno = 0;
	CHECKEQ(write(p[1], "x", 1), -1);
	CHECKEQ(errno, EPIPE);

	raise(SIGHUP);
	CHECKEQ(hups, 1);

	raise(SIGUSR1);
	note = recvp(notes);
	CHECK(strcmp(note, "usr1") == 0);
	free(note);
	CHECKEQ(nbrecvp(notes), NULL);
	threadexitsall(NULL);
}
