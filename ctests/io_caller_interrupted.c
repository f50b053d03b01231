// A thread waiting in an iocall that is interrupted (threadint) still waits for the I/O proc to finish, as in Plan 9; one that is killed dies only once the call is over, and the Ioproc stays usable.
// cflags: -fsanitize=address -fno-omit-frame-pointer
#include "test.h"


const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0"; }

static Ioproc *io;
static Channel *done;
static volatile int after;

static void sleeper(void *arg)
{
	(void)arg;
	double t0 = test_now();
	CHECKEQ(iosleep(io, 300), 0);
	sendul(done, (ulong)((test_now() - t0) * 1000));
}

static void victim(void *arg)
{
	(void)arg;
	iosleep(io, 300);
	after = 1;       // never reached: killed
	sendul(done, 1);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	io = ioproc();
	done = chancreate(sizeof(ulong), 1);

	int id = threadcreate(sleeper, NULL, 65536);
	yield();                    // it is now waiting for its iosleep
	for(int i = 0; i < 10; i++){
		CHECKEQ(threadint(id), 1);
		yield();
	}
	ulong ms = recvul(done);
	CHECK(ms >= 280);           // it waited the whole call

	id = threadcreate(victim, NULL, 65536);
	yield();
	threadkill(id);
	double t0 = test_now();
	while(threadpid(id) != -1){
		yield();
		usleep(10 * 1000);
	}
	CHECK(test_now() - t0 >= 0.25);  // it died after the call, not during it
	CHECKEQ(after, 0);
	CHECKEQ(nbrecvul(done), 0);
	CHECKEQ(iosleep(io, 1), 0); // the Ioproc is not left busy
	closeioproc(io);
	threadexitsall(NULL);
}
