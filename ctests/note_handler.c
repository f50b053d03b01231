// threadnotify: SIGINT arrives as the note "interrupt"; a handler may use nbsend; a handler that declines passes the note on; an unhandled note exits 1, an unhandled "sys:" note aborts; removed handlers are no longer called; a handler registered twice is registered once.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static Channel *c;
static int declined;

static int decline(void *ureg, char *note)
{
	(void)ureg; (void)note;
	declined++;
	return 0;
}

static int handle(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "interrupt") != 0 && strcmp(note, "hangup") != 0)
		return 0;
	return nbsendp(c, strdup(note)) == 1;
}

void threadmain(int argc, char *argv[])
{
	Child ch;

	c = chancreate(sizeof(char *), 4);
	if(argc > 1 && strcmp(argv[1], "unhandled") == 0){
		threadnotify(decline, 1);
		raise(SIGTERM);
		sleep(5);
		threadexitsall("not reached");
	}
	if(argc > 1 && strcmp(argv[1], "sys") == 0){
		threadnotify(decline, 1);
		raise(SIGPIPE);
		sleep(5);
		threadexitsall("not reached");
	}

	CHECKEQ(threadnotify(decline, 1), 1);
	CHECKEQ(threadnotify(decline, 1), 1);	// registered once
	CHECKEQ(threadnotify(handle, 1), 1);
	raise(SIGINT);
	char *note = recvp(c);
	CHECK(strcmp(note, "interrupt") == 0);
	free(note);
	CHECK(declined >= 1);
	kill(getpid(), SIGHUP);
	note = recvp(c);
	CHECK(strcmp(note, "hangup") == 0);
	free(note);

	CHECKEQ(threadnotify(decline, 0), 1);
	CHECKEQ(threadnotify(decline, 0), 0);
	int before = declined;
	raise(SIGINT);
	free(recvp(c));
	CHECKEQ(declined, before);

	child_run(&ch, "unhandled", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 1);

	child_run(&ch, "sys", NULL);
	CHECK(WIFSIGNALED(ch.status));
	CHECKEQ(WTERMSIG(ch.status), SIGABRT);
	CHECK(strstr(ch.err, "unhandled note: sys: write on closed pipe") != NULL);
	threadexitsall(NULL);
}
