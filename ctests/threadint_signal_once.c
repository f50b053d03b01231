// threadint of another proc's running thread keeps at most one signal on its way to that proc: a thousand interrupts while the signal is blocked queue one, and once it has arrived, threadint interrupts a read() again.
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include "test.h"

static int phase, result = -2, err;	// SHARED_GET and SHARED_SET
static int fds[2];

// Real-time signals queued for the process's user, from /proc/self/status.
static int queued_signals(void)
{
	char line[256];
	int queued = -1, limit;
	FILE *f = fopen("/proc/self/status", "r");

	CHECK(f != NULL);
	while(fgets(line, sizeof line, f))
		if(sscanf(line, "SigQ: %d/%d", &queued, &limit) == 2)
			break;
	fclose(f);
	CHECK(queued >= 0);
	return queued;
}

static void target(void *arg)
{
	sigset_t s, old;
	char buf[16];

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGRTMAX - 2);
	CHECKEQ(pthread_sigmask(SIG_BLOCK, &s, &old), 0);
	SHARED_SET(phase, 1);
	while(SHARED_GET(phase) == 1)
		;	// running, never yielding: main interrupts it meanwhile
	// The pending signal arrives here.
	CHECKEQ(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
	SHARED_SET(phase, 3);
	int r = read(fds[0], buf, sizeof buf);
	SHARED_SET(err, errno);
	SHARED_SET(result, r);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	CHECK(pipe(fds) == 0);
	int id = proccreate(target, NULL, 8192);
	while(SHARED_GET(phase) != 1)
		usleep(1000);
	// SigQ counts the signals queued to every process of this user, so
	// another process can add to it meanwhile: a count too high is
	// measured again, twice at most, with 1000 more interrupts each time.
	// The signal already on its way stays pending, so those may queue
	// none. A library that queued a signal per interrupt fails every time.
	int queued = 0;
	for(int attempt = 0; attempt < 3; attempt++){
		int before = queued_signals();
		for(int i = 0; i < 1000; i++)
			CHECKEQ(threadint(id), 1);
		queued = queued_signals() - before;
		if(queued <= (attempt == 0 ? 1 : 0))
			break;
		if(attempt == 2)
			FAILF("1000 interrupts queued %d signals", queued);
	}
	SHARED_SET(phase, 2);
	while(SHARED_GET(phase) != 3)
		usleep(1000);
	// A signal that lands just before read() starts is lost; ask again.
	double t0 = test_now();
	while(SHARED_GET(result) == -2 && test_now() - t0 < 2.0){
		CHECKEQ(threadint(id), 1);
		usleep(20 * 1000);
	}
	CHECKEQ(SHARED_GET(result), -1);
	CHECKEQ(SHARED_GET(err), EINTR);
	threadexitsall(NULL);
}
