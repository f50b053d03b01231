// Of notes waiting together, the lowest-numbered signal's is delivered first: SIGUSR2 (12) then SIGINT (2) arriving while "usr1" is handled are delivered as "interrupt", then "usr2".
#include "test.h"

static Channel *c;

static int handler(void *ureg, char *note)
{
	sigset_t set;
	(void)ureg;
	if(strcmp(note, "usr1") == 0){
		kill(getpid(), SIGUSR2);
		kill(getpid(), SIGINT);
		// Both have been caught once neither is pending any more.
		do {
			test_sleep_ms(1);
			sigpending(&set);
		} while(sigismember(&set, SIGUSR2) || sigismember(&set, SIGINT));
		test_sleep_ms(20);
	}
	sendp(c, strdup(note));
	return 1;
}

void threadmain(int argc, char *argv[])
{
	const char *want[] = { "usr1", "interrupt", "usr2" };

	(void)argc; (void)argv;
	c = chancreate(sizeof(char*), 8);
	CHECKEQ(threadnotify(handler, 1), 1);
	kill(getpid(), SIGUSR1);
	for(int i = 0; i < 3; i++){
		char *s = recvp(c);
		if(strcmp(s, want[i]) != 0)
			FAILF("note %d: %s, not %s", i, s, want[i]);
		free(s);
	}
	threadexitsall(NULL);
}
