// A SIGSEGV sent with kill or raise, not a fault, gets the action the program had: by default it ends the process (status: killed by SIGSEGV, no overflow message); if the program ignored SIGSEGV it is ignored, and a later stack overflow still gives the overflow message.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
// asan: AddressSanitizer reports any SIGSEGV itself, as a fault
// tsan: ThreadSanitizer reports any SIGSEGV itself, as a fault
#include "child.h"
#include "stack_overflow.h"

void threadmain(int argc, char *argv[])
{
	struct sigaction ign, old;
	Child c;

	if(argc > 1){
		raise(SIGSEGV);
		if(strcmp(argv[1], "default") == 0)
			FAILF("alive after raise(SIGSEGV)");
		fprintf(stderr, "alive after an ignored SIGSEGV\n");
		threadcreate(deep, NULL, 64 * 1024);
		yield();
		FAILF("no overflow");
	}
	child_run(&c, "default", NULL);
	if(!WIFSIGNALED(c.status) || WTERMSIG(c.status) != SIGSEGV)
		FAILF("default: status %#x; stderr: %s", c.status, c.err);
	CHECK(strstr(c.err, "stack overflow") == NULL);

	// An ignored action survives exec: the child starts with it.
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGSEGV, &ign, &old);
	child_expect_abort(&c, "ignored", "stack overflow");
	sigaction(SIGSEGV, &old, NULL);
	CHECK(strstr(c.err, "alive after an ignored SIGSEGV") != NULL);
	threadexitsall(NULL);
}
