// link: both
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
// A program whose threadmaybackground() returns 1 forks at start-up: the
// parent exits 0 once threadmain has ended with other procs still running,
// while the child carries on in the background. LIBTHREAD=nodaemon and
// NOLIBTHREADDAEMONIZE keep it in the foreground. The test runs itself as
// the subject (BG_SUBJECT set), with pipes for its input and output.
#include "test.h"

#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

int
threadmaybackground(void)
{
	return getenv("BG_SUBJECT") != NULL;
}

/* The subject's server proc: answers one line once the driver asks. */
static void
server(void *arg)
{
	char buf[64];
	int n;

	(void)arg;
	n = read(0, buf, sizeof buf);
	printf("served %d\n", n > 0);
	fflush(stdout);
	threadexitsall(NULL);
}

static void
subject(void)
{
	printf("%d\n", getpid());
	fflush(stdout);
	proccreate(server, NULL, 32768);
	threadexits(NULL);
}

/* Runs the subject with extra environment entries; checks whether the pid
   it started was the program's (foreground) or its parent (background). */
static void
drive(char *env1, char *env2, int background)
{
	char *args[] = { "background", NULL };
	char *env[] = { "BG_SUBJECT=1", env1, env2, NULL };
	posix_spawn_file_actions_t fa;
	int in[2], out[2], pid, status, childpid;
	char buf[128];
	FILE *f;

	CHECK(pipe(in) == 0 && pipe(out) == 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	CHECK(posix_spawn(&pid, "/proc/self/exe", &fa, NULL, args, env) == 0);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	f = fdopen(out[0], "r");
	CHECK(fgets(buf, sizeof buf, f) != NULL);
	childpid = atoi(buf);
	if(background){
		/* The parent exits while the program still runs. */
		CHECKEQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		CHECK(childpid != pid);
		CHECK(kill(childpid, 0) == 0);
	}else
		CHECKEQ(childpid, pid);
	CHECK(write(in[1], "go\n", 3) == 3);
	CHECK(fgets(buf, sizeof buf, f) != NULL);
	CHECK(strcmp(buf, "served 1\n") == 0);
	if(!background){
		CHECKEQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	fclose(f);
	close(in[1]);
}

void
threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	if(getenv("BG_SUBJECT") != NULL){
		subject();
		return;
	}
	(void)environ;
	drive(NULL, NULL, 1);
	drive("LIBTHREAD=nodaemon", NULL, 0);
	drive("NOLIBTHREADDAEMONIZE=1", NULL, 0);
	threadexitsall(NULL);
}
