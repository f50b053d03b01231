// procexec, threadexec and their l forms, with a cpid channel a pid cannot travel on abort, each naming itself, before they start the program, not after.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const char *marker = "abort_procexec_bad_cpid.ran";

void threadmain(int argc, char *argv[])
{
	char *cmd[] = { "sh", "-c", "echo > abort_procexec_bad_cpid.ran", NULL };

	if(argc > 1){
		Channel *wide = chancreate(16, 1);
		int fd[3] = { open("/dev/null", O_RDONLY), open("/dev/null", O_WRONLY), dup(2) };
		if(strcmp(argv[1], "procexec") == 0)
			procexec(wide, "/bin/sh", cmd);
		else if(strcmp(argv[1], "procexecl") == 0)
			procexecl(wide, "/bin/sh", cmd[0], cmd[1], cmd[2], NULL);
		else if(strcmp(argv[1], "threadexec") == 0)
			threadexec(wide, fd, "sh", cmd);
		else
			threadexecl(wide, fd, "sh", cmd[0], cmd[1], cmd[2], NULL);
		FAILF("%s returned", argv[1]);
	}
	unlink(marker);
	static const AbortCase cases[] = {
		{ "procexec", "procexec: channel " },
		{ "procexecl", "procexecl: channel " },
		{ "threadexec", "threadexec: channel " },
		{ "threadexecl", "threadexecl: channel " },
	};
	child_expect_aborts(cases, 4);
	test_sleep_ms(100);
	CHECK(access(marker, F_OK) != 0);
	threadexitsall(NULL);
}
