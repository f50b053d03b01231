// No deadlock is reported when every proc is blocked while an OS thread the library does not know yet is about to call it: a pthread that sends to threadmain only after threadmain has blocked, while the detector is looking, is adopted and delivers.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include <pthread.h>

#include "child.h"

static Channel *c;
static int delay_ms;

static void *late_sender(void *arg)
{
	(void)arg;
	test_sleep_ms(delay_ms);
	sendul(c, 42);
	return NULL;
}

void threadmain(int argc, char *argv[])
{
	pthread_t pt;

	if(argc > 1){
		delay_ms = atoi(argv[1]);
		c = chancreate(sizeof(ulong), 0);
		CHECK(pthread_create(&pt, NULL, late_sender, NULL) == 0);
		CHECKEQ(recvul(c), 42UL);	// blocks: every proc idle
		CHECK(pthread_join(pt, NULL) == 0);
		threadexitsall(NULL);
	}
	static const char *delays[] = { "5", "20", "40", "60", "80" };
	for(size_t i = 0; i < sizeof delays / sizeof delays[0]; i++){
		Child ch;
		child_run(&ch, delays[i], NULL);
		if(!WIFEXITED(ch.status) || WEXITSTATUS(ch.status) != 0)
			FAILF("delay %s ms: status %#x; stderr: %s", delays[i], ch.status, ch.err);
	}
	threadexitsall(NULL);
}
