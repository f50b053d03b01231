// A note handler works in the program's descriptor table: it writes to a pipe the program made after registering it, and its standard error follows the program's dup2.
#include "test.h"

static int pfd[2];
static Channel *done;

static int handler(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "usr1") != 0)
		return 0;
	sendul(done, write(pfd[1], "x", 1) == 1);
	fprintf(stderr, "from the handler\n");
	sendul(done, 1);
	return 1;
}

void threadmain(int argc, char *argv[])
{
	char log[] = "/tmp/p9thread-note-fds-XXXXXX", buf[64], c;
	int logfd, saved, n;

	(void)argc; (void)argv;
	done = chancreate(sizeof(ulong), 0);
	CHECKEQ(threadnotify(handler, 1), 1);
	CHECK(pipe(pfd) == 0);
	logfd = mkstemp(log);
	CHECK(logfd >= 0);
	unlink(log);
	saved = dup(2);
	CHECK(dup2(logfd, 2) == 2);
	kill(getpid(), SIGUSR1);
	CHECKEQ(recvul(done), 1);
	recvul(done);
	CHECK(dup2(saved, 2) == 2);
	CHECKEQ(read(pfd[0], &c, 1), 1);
	n = pread(logfd, buf, sizeof buf - 1, 0);
	CHECK(n > 0);
	buf[n] = 0;
	CHECK(strcmp(buf, "from the handler\n") == 0);
	threadexitsall(NULL);
}
