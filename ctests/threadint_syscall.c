// threadint of a thread blocked in read() on an empty pipe in another proc: read fails with EINTR within a second.
#include <errno.h>
#include "test.h"

static int fds[2];
static int result = -2, err;	// SHARED_GET and SHARED_SET

static void reader(void *arg)
{
	char buf[16];
	(void)arg;
	int r = read(fds[0], buf, sizeof buf);
	SHARED_SET(err, errno);
	SHARED_SET(result, r);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	CHECK(pipe(fds) == 0);
	int id = proccreate(reader, NULL, 8192);
	usleep(100 * 1000);     // let it enter read()
	double t0 = test_now();
	// A signal that lands just before read() starts is lost; ask again.
	while(SHARED_GET(result) == -2 && test_now() - t0 < 1.0){
		CHECKEQ(threadint(id), 1);
		usleep(20 * 1000);
	}
	CHECKEQ(SHARED_GET(result), -1);
	CHECKEQ(SHARED_GET(err), EINTR);
	CHECK(test_now() - t0 < 1.0);
	threadexitsall(NULL);
}
