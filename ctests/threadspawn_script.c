// threadspawn runs an executable file with no #! line through /bin/sh, as execvp does (and plan9port's threadspawn, which calls it), whether found along $PATH or named by a path; procexec, which runs files as execv does, fails on it with ENOEXEC.
// qemu: a failed exec goes unreported: qemu-user runs posix_spawn's vfork-style clone as a fork, so the script's ENOEXEC never reaches the fallback
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

// Runs cmd with one argument; returns what it wrote.
static char *output(char *cmd, char *arg)
{
	static char buf[256];
	int p[2], fd[3], pid, n, total = 0;
	Waitmsg *w;

	CHECK(pipe(p) == 0);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = p[1];
	fd[2] = dup(2);
	pid = threadspawnl(fd, cmd, cmd, arg, NULL);
	if(pid < 0)
		FAILF("threadspawn %s: %s", cmd, strerror(errno));
	while((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	close(p[0]);
	w = procwait(pid);
	CHECK(w != NULL && strcmp(w->msg, "") == 0);
	free(w);
	return buf;
}

void threadmain(int argc, char *argv[])
{
	char dir[] = "/tmp/p9thread-script-XXXXXX", path[128], env[4096];
	FILE *f;

	(void)argc; (void)argv;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/p9script", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fprintf(f, "echo \"ran with $1\"\n");
	fclose(f);
	CHECK(chmod(path, 0755) == 0);
	snprintf(env, sizeof env, "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/bin:/usr/bin");
	CHECK(setenv("PATH", env, 1) == 0);

	CHECK(strcmp(output("p9script", "a b"), "ran with a b\n") == 0);
	CHECK(strcmp(output(path, "c"), "ran with c\n") == 0);

	Channel *cpid = chancreate(sizeof(ulong), 1);
	char *args[] = { path, NULL };
	CHECKEQ(procexec(cpid, path, args), -1);
	CHECKEQ(errno, ENOEXEC);
	CHECKEQ(recvul(cpid), (ulong)-1);

	unlink(path);
	rmdir(dir);
	threadexitsall(NULL);
}
