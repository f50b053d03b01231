// 1,000 ioprocs, all alive at once, each run a call and are closed: afterwards the process has exactly the OS threads and file descriptors it had before.
#include "test.h"

enum { N = 1000 };

void threadmain(int argc, char *argv[])
{
	static Ioproc *io[N];
	int tasks, fds, now;
	(void)argc; (void)argv;

	// A first Ioproc sets up what is made once per process.
	// closeioproc waits for the OS thread to end; the kernel may take a few
	// microseconds more to drop it from /proc: count once the figure settles.
	closeioproc(ioproc());
	now = test_count_entries("/proc/self/task");
	for(int tries = 0; tries < 100; tries++) {
		tasks = now;
		test_sleep_ms(10);
		if((now = test_count_entries("/proc/self/task")) == tasks)
			break;
	}
	fds = test_count_entries("/proc/self/fd");

	for(int i = 0; i < N; i++)
		io[i] = ioproc();
	CHECK(test_count_entries("/proc/self/task") >= tasks + N);
	for(int i = 0; i < N; i++)
		CHECKEQ(iosleep(io[i], 0), 0);
	for(int i = 0; i < N; i++)
		closeioproc(io[i]);

	// As above, the last threads may linger in /proc a little.
	CHECKEQ(test_await_entries("/proc/self/task", tasks, 1000), tasks);
	CHECKEQ(test_count_entries("/proc/self/fd"), fds);
	threadexitsall(NULL);
}
