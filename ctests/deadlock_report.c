// Deadlock detection: when every thread of every proc is blocked on a channel, the program prints "thread: deadlock" with the table of threads and exits 2; LIBTHREAD_DEADLOCK=0 turns it off; a program blocked only until a note comes is not reported.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static Channel *c;

static void blocked(void *arg)
{
	(void)arg;
	threadsetname("stuck");
	recvul(c);
}

static int onnote(void *ureg, char *note)
{
	(void)ureg;
	return strcmp(note, "interrupt") == 0 && nbsendul(c, 1) == 1;
}

static void deadlock(void)
{
	threadcreate(blocked, NULL, 8192);
	proccreate(blocked, NULL, 8192);
	recvul(c);
	threadexitsall("not reached");
}

static void waitnote(void)
{
	threadnotify(onnote, 1);
	recvul(c);              // only the note can end this
	threadexitsall(NULL);
}

void threadmain(int argc, char *argv[])
{
	Child ch;
	int fd;

	c = chancreate(sizeof(ulong), 0);
	if(argc > 1 && strcmp(argv[1], "deadlock") == 0)
		deadlock();
	if(argc > 1 && strcmp(argv[1], "note") == 0)
		waitnote();

	child_run(&ch, "deadlock", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 2);
	CHECK(strstr(ch.err, "thread: deadlock: all threads are blocked") != NULL);
	CHECK(strstr(ch.err, "\"stuck\"") != NULL);
	CHECK(strstr(ch.err, "Blocked (recv on channel") != NULL);
	CHECK(strstr(ch.err, "\"threadmain\"") != NULL);

	// Switched off, the child just hangs.
	ch.pid = child_start("deadlock", "LIBTHREAD_DEADLOCK=0", &fd);
	usleep(300 * 1000);
	CHECKEQ(waitpid(ch.pid, &ch.status, WNOHANG), 0);
	kill(ch.pid, SIGKILL);
	child_finish(&ch, fd);
	CHECK(strstr(ch.err, "deadlock") == NULL);

	// Waiting for a note is not a deadlock.
	ch.pid = child_start("note", NULL, &fd);
	usleep(300 * 1000);
	CHECKEQ(waitpid(ch.pid, &ch.status, WNOHANG), 0);
	kill(ch.pid, SIGINT);
	child_finish(&ch, fd);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 0);
	CHECK(strstr(ch.err, "deadlock") == NULL);
	threadexitsall(NULL);
}
