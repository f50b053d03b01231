// Programs and procs that a note handler starts have the signal mask of the program, not the note-delivery proc's: a child started by threadspawn in a handler blocks no note signal, and a proc made there does not block SIGUSR1.
#include "test.h"

static Channel *done;

// The SigBlk line of a child shell's /proc/self/status.
static void child_sigblk(char *buf, int n)
{
	int p[2], fd[3], pid, r, got = 0;
	char *args[] = { "sh", "-c", "grep SigBlk /proc/self/status", NULL };

	CHECK(pipe(p) == 0);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = p[1];
	fd[2] = dup(2);
	pid = threadspawn(fd, "sh", args);
	CHECK(pid > 0);
	while(got < n - 1 && (r = read(p[0], buf + got, n - 1 - got)) > 0)
		got += r;
	buf[got] = 0;
	close(p[0]);
	free(procwait(pid));
}

static void maskproc(void *arg)
{
	sigset_t set;
	(void)arg;
	pthread_sigmask(SIG_BLOCK, NULL, &set);
	sendul(done, sigismember(&set, SIGUSR1));
}

static char fromhandler[64];

static int handler(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "usr1") != 0)
		return 0;
	child_sigblk(fromhandler, sizeof fromhandler);
	proccreate(maskproc, NULL, 32768);
	return 1;
}

void threadmain(int argc, char *argv[])
{
	char frommain[64];

	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 0);
	CHECKEQ(threadnotify(handler, 1), 1);
	child_sigblk(frommain, sizeof frommain);
	CHECK(strncmp(frommain, "SigBlk:", 7) == 0);
	kill(getpid(), SIGUSR1);
	CHECKEQ(recvul(done), 0);
	if(strcmp(frommain, fromhandler) != 0)
		FAILF("child of threadmain: %s; child of a note handler: %s", frommain, fromhandler);
	threadexitsall(NULL);
}
