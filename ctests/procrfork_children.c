// Children and notes of procs with a private descriptor table (procrfork RFFDG or RFCFDG): procexec and threadspawn from such a proc give a Waitmsg to procwait and threadwaitchan, no descriptor of another table is closed or written to, a note caught in such a proc is delivered, and the library's own procs keep no such table, so the pipe it held reads end of file once the proc ends.
// tsan: ThreadSanitizer knows descriptors by number, as if all threads shared one table, and takes the private tables' descriptors for the program's
#include <fcntl.h>
#include <signal.h>
#include "test.h"

static Channel *c, *notes;
static int pipefd[2];
static char sh[] = "sh";

// Spawns sh -c script with descriptors of its own table; returns the pid.
static int spawn(char *script)
{
	int fd[3];

	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = open("/dev/null", O_WRONLY);
	CHECK(fd[0] >= 0 && fd[1] >= 0 && fd[2] >= 0);
	return threadspawnl(fd, sh, "sh", "-c", script, NULL);
}

// The first child of the program, so that this proc starts the reaper;
// its copy of the pipe's write end goes when it ends.
static void first(void *arg)
{
	(void)arg;
	sendul(c, spawn("exit 6"));
}

// Runs a program in place of this proc.
static void execer(void *arg)
{
	(void)arg;
	procexecl(c, "/bin/sh", "sh", "-c", "exit 4", NULL);
	FAILF("procexecl returned");
}

// Starts a child and lives on until told to end.
static void spawner(void *arg)
{
	(void)arg;
	sendul(c, spawn((char*)arg));
	recvul(c);
}

static int on_note(void *ureg, char *note)
{
	(void)ureg;
	return strcmp(note, "sys: write on closed pipe") == 0 && nbsendul(notes, 1) == 1;
}

// Writes to a pipe without a reader: SIGPIPE, directed at this thread.
static void piper(void *arg)
{
	int p[2];

	(void)arg;
	CHECK(pipe(p) == 0);
	close(p[0]);
	CHECKEQ(write(p[1], "x", 1), -1);
	sendul(c, 1);
}

void threadmain(int argc, char *argv[])
{
	int pid, mine[8];
	char b;
	(void)argc; (void)argv;

	c = chancreate(sizeof(ulong), 0);
	notes = chancreate(sizeof(ulong), 1);

	// The reaper, started from a proc with a copy of the table, does not
	// keep that copy of the write end open.
	CHECK(pipe(pipefd) == 0);
	int id = procrfork(first, NULL, 32768, RFFDG);
	pid = recvul(c);
	CHECK(pid > 0);
	test_check_waitmsg(procwait(pid), pid, "6");
	while(threadpid(id) != -1)
		test_sleep_ms(1);
	close(pipefd[1]);
	CHECK(fcntl(pipefd[0], F_SETFL, O_NONBLOCK) == 0);
	double t0 = test_now();
	int r;
	// The proc's OS thread may still be on its way out.
	while((r = read(pipefd[0], &b, 1)) < 0 && test_now() - t0 < 5)
		test_sleep_ms(1);
	CHECKEQ(r, 0);

	// procexec from a proc with a copy of the table.
	procrfork(execer, NULL, 32768, RFFDG);
	pid = recvul(c);
	CHECK(pid > 0);
	test_check_waitmsg(procwait(pid), pid, "4");

	// threadspawn from a proc with a copy of the table, which lives on:
	// the descriptors threadmain opens meanwhile take the numbers the
	// proc's own take there, and none of them is closed.
	procrfork(spawner, "exit 5", 32768, RFFDG);
	for(int i = 0; i < 8; i++)
		CHECK((mine[i] = open("/dev/null", O_RDONLY)) >= 0);
	pid = recvul(c);
	CHECK(pid > 0);
	test_check_waitmsg(procwait(pid), pid, "5");
	for(int i = 0; i < 8; i++)
		CHECK(fcntl(mine[i], F_GETFD) != -1);
	sendul(c, 0);

	// threadspawn from a proc with an empty table, through threadwaitchan.
	Channel *wc = threadwaitchan();
	procrfork(spawner, "exit 7", 32768, RFCFDG);
	pid = recvul(c);
	CHECK(pid > 0);
	test_recv_waitmsg(wc, pid, "7");
	sendul(c, 0);
	for(int i = 0; i < 8; i++)
		CHECK(fcntl(mine[i], F_GETFD) != -1);

	// A note caught in a proc with an empty table.
	CHECK(threadnotify(on_note, 1));
	procrfork(piper, NULL, 32768, RFCFDG);
	CHECKEQ(recvul(c), 1);
	CHECKEQ(recvul(notes), 1);
	threadexitsall(NULL);
}
